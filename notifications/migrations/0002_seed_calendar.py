from django.db import migrations

from notifications.calendar import seed_year

YEARS = (2025, 2026, 2027)


def forwards(apps, schema_editor):
    CalendarDay = apps.get_model("notifications", "CalendarDay")
    for year in YEARS:
        seed_year(year, model=CalendarDay)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
