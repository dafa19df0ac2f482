from django.db import migrations

from dossiers.reference.seed import seed_reference_data


def forwards(apps, schema_editor):
    seed_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
