"""Jurisdiction as one indexed predicate (issue #14): each unit and dossier carries its
*scope*, the ids of every area whose grant covers it, kept by PostgreSQL triggers
(migration `dossier_and_unit_scope`); "visible to a grant on area 17" is then
`scope && '{17}'`, a GIN index lookup, instead of OR-ed IN-subqueries that filter every row.

The scope of a unit: its area, that area's ancestors, and the predecessors of its area
(merged or abolished in 2025) with their ancestors — an officer of the old district still
covers the units of the ward that succeeded a commune under it. The scope of a dossier: its
unit's scope and the review, appraisal and decision areas with their ancestors. Any change
of a path, a unit's area or a successor link recomputes the rows that contain the area; an
update of a dossier that changes none of its areas keeps its scope.

On another database (SQLite for `make run`) the column stays empty and the querysets use
the reference filter (the same semantics, unindexed)."""

from django.db import connection, models

DOSSIER_SCOPE_FUNCTION = """
-- An update that leaves the dossier's unit and areas as they were, and its scope as it was
-- (a step's status change: Django writes only the changed columns), keeps that scope; an
-- update writing NULL (a full save, or a moved area or unit asking for it) recomputes it.
CREATE OR REPLACE FUNCTION antt_dossier_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.scope IS NOT NULL AND NEW.scope = OLD.scope
     AND NEW.unit_id = OLD.unit_id
     AND NEW.review_area_id IS NOT DISTINCT FROM OLD.review_area_id
     AND NEW.appraise_area_id IS NOT DISTINCT FROM OLD.appraise_area_id
     AND NEW.decide_area_id IS NOT DISTINCT FROM OLD.decide_area_id THEN
    RETURN NEW;
  END IF;
  NEW.scope := antt_area_scope(
    array_remove(ARRAY[NEW.review_area_id, NEW.appraise_area_id, NEW.decide_area_id], NULL)
    || antt_located_areas((SELECT area_id FROM dossiers_unit WHERE id = NEW.unit_id)));
  RETURN NEW;
END $$;
"""

SCOPE_SQL = (
    """
-- The ids of `area_ids` and of all their ancestors (from the materialised paths).
-- (PL/pgSQL, not SQL functions: their plans are cached across the rows of a statement.)
CREATE OR REPLACE FUNCTION antt_area_scope(area_ids bigint[]) RETURNS bigint[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') FROM (
    SELECT unnest(area_ids) AS x
    UNION ALL
    SELECT nullif(part, '')::bigint FROM dossiers_administrativearea a,
      unnest(string_to_array(a.path, '/')) AS part WHERE a.id = ANY(area_ids)
  ) s WHERE x IS NOT NULL);
END $$;
-- A unit located in `area` is covered through the area and through its predecessors.
CREATE OR REPLACE FUNCTION antt_located_areas(area bigint) RETURNS bigint[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN ARRAY[area] || ARRAY(SELECT from_administrativearea_id
    FROM dossiers_administrativearea_successors WHERE to_administrativearea_id = area);
END $$;
CREATE OR REPLACE FUNCTION antt_unit_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.scope := antt_area_scope(antt_located_areas(NEW.area_id));
  RETURN NEW;
END $$;
"""
    + DOSSIER_SCOPE_FUNCTION
    + """
CREATE OR REPLACE FUNCTION antt_unit_scope_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dossiers_dossier SET scope = NULL WHERE unit_id = NEW.id;
  RETURN NULL;
END $$;
-- Once per statement (an import moves thousands of areas in one UPDATE): one index probe
-- with every moved id, not two per area.
CREATE OR REPLACE FUNCTION antt_area_path_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE moved bigint[];
BEGIN
  SELECT array_agg(n.id) INTO moved FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.path IS DISTINCT FROM o.path;
  IF moved IS NOT NULL THEN
    UPDATE dossiers_unit SET scope = NULL WHERE scope && moved;
    UPDATE dossiers_dossier SET scope = NULL WHERE scope && moved;
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION antt_successor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE dossiers_unit SET scope = NULL WHERE area_id = OLD.to_administrativearea_id;
  ELSE
    UPDATE dossiers_unit SET scope = NULL WHERE area_id = NEW.to_administrativearea_id;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS antt_unit_scope ON dossiers_unit;
CREATE TRIGGER antt_unit_scope BEFORE INSERT OR UPDATE ON dossiers_unit
  FOR EACH ROW EXECUTE FUNCTION antt_unit_scope();
DROP TRIGGER IF EXISTS antt_dossier_scope ON dossiers_dossier;
CREATE TRIGGER antt_dossier_scope BEFORE INSERT OR UPDATE ON dossiers_dossier
  FOR EACH ROW EXECUTE FUNCTION antt_dossier_scope();
DROP TRIGGER IF EXISTS antt_unit_scope_changed ON dossiers_unit;
CREATE TRIGGER antt_unit_scope_changed AFTER UPDATE ON dossiers_unit
  FOR EACH ROW WHEN (OLD.scope IS DISTINCT FROM NEW.scope)
  EXECUTE FUNCTION antt_unit_scope_changed();
DROP TRIGGER IF EXISTS antt_area_path_changed ON dossiers_administrativearea;
CREATE TRIGGER antt_area_path_changed AFTER UPDATE ON dossiers_administrativearea
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION antt_area_path_changed();
DROP TRIGGER IF EXISTS antt_successor_changed ON dossiers_administrativearea_successors;
CREATE TRIGGER antt_successor_changed AFTER INSERT OR DELETE
  ON dossiers_administrativearea_successors
  FOR EACH ROW EXECUTE FUNCTION antt_successor_changed();
CREATE INDEX IF NOT EXISTS unit_scope_gin ON dossiers_unit USING gin (scope);
CREATE INDEX IF NOT EXISTS dossier_scope_gin ON dossiers_dossier USING gin (scope);
"""
)


def indexed() -> bool:
    """Whether the database keeps the scope columns (PostgreSQL)."""
    return connection.vendor == "postgresql"


class AreaIdsField(models.Field):
    """A list of area ids: `bigint[]` on PostgreSQL, unused text elsewhere. Written by the
    database only (whatever Django sends is replaced by the trigger)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        return None  # never written by Django: the trigger computes it


@AreaIdsField.register_lookup
class Overlaps(models.Lookup):
    """`scope__overlaps=[17, 342]`: covered by a grant on one of these areas (GIN)."""

    lookup_name = "overlaps"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [list(value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} && {rhs}::bigint[]", [*lhs_params, *rhs_params]
