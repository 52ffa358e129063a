"""System checks for `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, Tags.caches, deploy=True)
def check_rate_limits_are_shared(app_configs, **kwargs):
    """allauth counts failed logins and sign-ups in the cache: a per-process cache lets
    each gunicorn process count its own tries, multiplying the limits."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The default cache is local to each process, so login and sign-up rate limits "
                "are counted per process.",
                hint="Set REDIS_URL so every web process shares one cache.",
                id="dyslexia_site.W001",
            )
        ]
    return []


@register(deploy=True)
def check_slow_work_has_workers(app_configs, **kwargs):
    """With no broker, judging a recording runs inside the web request that sent it
    (seconds of CPU): fine for `make run` on one computer, a site-wide stall behind
    gunicorn. Production needs a broker and Celery workers."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return [
            Error(
                "No broker is configured, so speech judging and audio run inside web requests.",
                hint="Set REDIS_URL (or CELERY_BROKER_URL) and run Celery workers; see docker-compose.yml.",
                id="dyslexia_site.E002",
            )
        ]
    return []
