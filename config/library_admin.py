"""Labels of django-celery-beat's admin that never pass through a catalogue (a method's or
a property's name, a plain-string verbose_name): given in Vietnamese here, without touching
the library's models (so no migration of theirs)."""

from django.contrib import admin


class TaskNameFilter(admin.AllValuesFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "tên tác vụ"


@admin.display(description="tên tác vụ")
def task_name(inline, periodic_task):
    return periodic_task.task


def label_beat_admin():
    from django_celery_beat.admin import PeriodicTaskAdmin, PeriodicTaskInline
    from django_celery_beat.models import CrontabSchedule

    PeriodicTaskAdmin.crontab_translation.short_description = "Diễn giải lịch crontab"
    PeriodicTaskAdmin.list_filter = [
        ("task", TaskNameFilter) if name == "task" else name
        for name in PeriodicTaskAdmin.list_filter
    ]
    CrontabSchedule.human_readable.fget.short_description = "Diễn giải"
    # The schedules' list of their tasks: the task column under a Vietnamese title.
    PeriodicTaskInline.task_name = task_name
    PeriodicTaskInline.fields = PeriodicTaskInline.readonly_fields = tuple(
        "task_name" if name == "task" else name for name in PeriodicTaskInline.fields
    )
