from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The `unaccent` extension for accent-insensitive search on PostgreSQL (a no-op on
    SQLite, where dossiers.search provides the function)."""

    dependencies = [("dossiers", "0020_dossier_and_unit_scope")]

    operations = [UnaccentExtension()]
