"""System checks for `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

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
