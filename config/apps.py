"""Libraries' apps under Vietnamese names in the admin (their own names are English and
their catalogues have no Vietnamese): the same apps, only `verbose_name` differs. Their
models' names are translated in locale/vi/LC_MESSAGES/django.po."""

from axes.apps import AppConfig as AxesAppConfig
from django_celery_beat.apps import BeatConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Khóa đăng nhập sai nhiều lần"


class PeriodicTasksConfig(BeatConfig):
    verbose_name = "Tác vụ định kỳ"

    def ready(self):
        super().ready()
        from .library_admin import label_beat_admin

        label_beat_admin()
