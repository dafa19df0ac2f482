"""A row and its child rows, or rows of several tables, written in one statement (issue 14:
a step's statements).

Django writes a parent and its children in two statements at least (`save`, then
`bulk_create` once the parent has its id). On PostgreSQL one data-modifying WITH does both:
the parent's INSERT … RETURNING id feeds the children's INSERT … SELECT FROM unnest(…).
Database triggers (history) fire as for any insert; no model signal is sent for the
children (as with `bulk_create`) and none for the parent (nothing listens to these models:
tests/workflows/test_review_statements.py proves the rows equal the ORM's). Other
databases (SQLite in `make run`) take the two ORM statements.
"""

from django.db import connection


def _values(obj, fields):
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def insert_with_children(parent, children: list, fk: str) -> None:
    """Insert unsaved `parent` and unsaved `children` (whose ForeignKey `fk` is the parent),
    setting `parent.pk`. Child fields other than `fk` are written as the objects hold them."""
    if connection.vendor != "postgresql" or not children:
        parent.save()
        for child in children:
            setattr(child, fk, parent)
        if children:
            type(children[0])._default_manager.bulk_create(children)
        return
    qn = connection.ops.quote_name
    meta, child_meta = parent._meta, children[0]._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    link = child_meta.get_field(fk)
    child_fields = [f for f in child_meta.concrete_fields if not f.primary_key and f != link]
    columns = [[] for _ in child_fields]
    for child in children:
        for values, value in zip(columns, _values(child, child_fields), strict=True):
            values.append(value)
    unnest = ", ".join(f"%s::{f.db_type(connection)}[]" for f in child_fields)
    names = ", ".join(f"c{i}" for i in range(len(child_fields)))
    sql = (
        f"WITH parent AS (INSERT INTO {qn(meta.db_table)} "
        f"({', '.join(qn(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(meta.pk.column)}), "
        f"children AS (INSERT INTO {qn(child_meta.db_table)} "
        f"({qn(link.column)}, {', '.join(qn(f.column) for f in child_fields)}) "
        f"SELECT parent.{qn(meta.pk.column)}, {names} FROM parent, unnest({unnest}) "
        f"AS u({names})) "
        f"SELECT {qn(meta.pk.column)} FROM parent"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_values(parent, fields), *columns])
        parent.pk = cursor.fetchone()[0]
    parent._state.adding, parent._state.db = False, connection.alias
    for child in children:
        setattr(child, fk, parent)


def insert_rows(rows: list) -> None:
    """Insert unsaved `rows`, of any models, setting each one's pk: on PostgreSQL in one
    data-modifying WITH (an INSERT … RETURNING id per row), elsewhere one `save` each.
    Every field is written as `save` writes it (auto_now_add set); no model signal is
    sent on PostgreSQL (nothing listens to the models written so)."""
    if connection.vendor != "postgresql" or len(rows) < 2:
        for row in rows:
            row.save(force_insert=True)
        return
    qn = connection.ops.quote_name
    inserts, params = [], []
    for n, row in enumerate(rows):
        meta = row._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        inserts.append(
            f"r{n} AS (INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(meta.pk.column)} AS id)"
        )
        params += _values(row, fields)
    ids = " UNION ALL ".join(f"SELECT {n}, id FROM r{n}" for n in range(len(rows)))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(inserts)} {ids}", params)
        for n, pk in cursor.fetchall():
            rows[n].pk = pk
    for row in rows:
        row._state.adding, row._state.db = False, connection.alias
