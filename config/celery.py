"""The Celery app. Broker from CELERY_BROKER_URL: Redis in production and CI,
kombu's filesystem transport (no server) by default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("antt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
