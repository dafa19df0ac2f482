from django.db import migrations

from dossiers.reference.seed import seed_base


def forwards(apps, schema_editor):
    seed_base(apps)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
