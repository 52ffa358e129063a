import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")

app = Celery("dyslexia_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
