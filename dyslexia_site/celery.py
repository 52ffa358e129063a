import logging
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")

app = Celery("dyslexia_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _lower_priority(**_):
    """Pool processes yield the CPU to the web server on a shared host (WORKER_NICENESS)."""
    from django.conf import settings

    if settings.WORKER_NICENESS > 0:
        os.nice(settings.WORKER_NICENESS)
    if settings.WORKER_IDLE_PRIORITY and hasattr(os, "SCHED_IDLE"):
        # Linux's idle class: the pool runs only on CPU time nothing else wants.
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:  # a sandbox that forbids it: the niceness above still applies
            logging.getLogger(__name__).warning("Could not move the worker to the idle class", exc_info=True)
