from django.db import migrations

# The inboxes walk the open tasks oldest first: an index over open tasks only (viewflow's
# table, so a plain SQL index; PostgreSQL and SQLite both have partial indexes).
OPEN_TASKS = (
    "CREATE INDEX IF NOT EXISTS task_open_created ON viewflow_task (created, id) "
    "WHERE status IN ('NEW', 'ASSIGNED')"
)


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_step_receipt"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(OPEN_TASKS, "DROP INDEX IF EXISTS task_open_created"),
    ]
