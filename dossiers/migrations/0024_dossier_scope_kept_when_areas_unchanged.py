"""The dossier's scope trigger keeps the scope on an update that changes none of the
dossier's areas and writes no NULL scope (dossiers/models/scope.py): a step's status
change no longer recomputes it (issue 14: a step's time)."""

from django.db import migrations

from dossiers.models.scope import DOSSIER_SCOPE_FUNCTION as KEEPING


RECOMPUTING = """
CREATE OR REPLACE FUNCTION antt_dossier_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.scope := antt_area_scope(
    array_remove(ARRAY[NEW.review_area_id, NEW.appraise_area_id, NEW.decide_area_id], NULL)
    || antt_located_areas((SELECT area_id FROM dossiers_unit WHERE id = NEW.unit_id)));
  RETURN NEW;
END $$;
"""


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0023_minister_record_index")]

    operations = [migrations.RunPython(run(KEEPING), run(RECOMPUTING))]
