"""The Celery app. Broker from CELERY_BROKER_URL: Redis in production and CI,
kombu's filesystem transport (no server) by default."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("antt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

FILESYSTEM_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def create_broker_folders(sender, **kwargs):
    """kombu's filesystem transport expects its folders to exist (and makes only the last
    level of the control folder): create them when the app is first configured, in the
    web process that queues tasks as in the worker — never when the settings are read."""
    if not str(sender.conf.broker_url or "").startswith("filesystem://"):
        return
    options = sender.conf.broker_transport_options or {}
    for key in FILESYSTEM_FOLDERS:
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
