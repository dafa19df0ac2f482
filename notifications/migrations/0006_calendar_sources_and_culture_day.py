"""Give the seeded days of 2025–2027 their source and provisional flag, and turn 24/11
"Ngày Văn hóa Việt Nam" back into a working day (DOMAIN.md §4; domain-audit.md §5).

A row is touched only while it still holds a seeded value, so administrators' edits stay:
- a row equal to today's plan (same kind and name) gets the plan's source and flag;
- a row still holding the library's holiday — kind "holiday", is_working false and the
  library's name, as migration 0002 seeded it — where the plan now has something else
  (24/11) takes the plan's day whole.
Any other row (an administrator changed its kind or name) is left as it is.
"""

from django.db import migrations

from notifications.calendar import clear_cache
from notifications.calendar_plan import library_names, year_plan

YEARS = (2025, 2026, 2027)
WORKING_KINDS = ("working", "makeup_working")


def forwards(apps, schema_editor):
    CalendarDay = apps.get_model("notifications", "CalendarDay")
    for year in YEARS:
        rows = {row.day: row for row in CalendarDay.objects.filter(year=year)}
        seeded = library_names(year)
        for plan in year_plan(year):
            row = rows.get(plan.day)
            if row is None or not (plan.source or plan.provisional):
                continue
            if (row.kind, row.name) == (plan.kind, plan.name):
                row.source, row.provisional = plan.source, plan.provisional
                row.save(update_fields=["source", "provisional"])
            elif (row.kind, row.is_working, row.name) == ("holiday", False, seeded.get(row.day)):
                row.kind, row.name = plan.kind, plan.name
                row.is_working = plan.kind in WORKING_KINDS
                row.source, row.provisional = plan.source, plan.provisional
                row.save(update_fields=["kind", "name", "is_working", "source", "provisional"])
    clear_cache()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_calendar_day_source_provisional")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
