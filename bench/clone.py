"""Set-based growth of the recognition bench (issue 14: 1,000,000 dossiers in minutes).

bench/recognition.py builds its first CHUNK dossiers with bulk_create, each in the exact
state the real flow leaves it (process, task chain, step rows, versions, self-assessment).
`Template.copy` then writes that block again, row for row, with INSERT … SELECT: every
table's own ids and the ids it points to within the block shifted by a fixed offset per
copy, every other column as it is (the communes, offices, users, cycle and criteria are
shared). The database's own triggers run on the copies as on the originals: the unit's
and the dossier's scope, the dossier's history. Building 20,000 dossiers in Python takes
about a minute; a copy of them, seconds.

Each table's columns come from its Django model, so a new column is copied without a
change here; only the columns that must differ between copies are written out.
"""

from dataclasses import dataclass

import pgtrigger
from django.db import connection, transaction
from viewflow.workflow.models import Task

from dossiers.models import AdministrativeArea, Assessment, Dossier, DossierVersion, Unit
from workflows.models import RecognitionProcess, TaskDeadline

Process = RecognitionProcess._meta.concrete_model
Link = Task.previous.through
# The dossier's history trigger costs about 1 ms a row, a row at a time: most of a copy's
# time. Copies are written with it off, and the template's history rows copied instead.
HISTORY_TRIGGER = "dossiers.Dossier:insert_insert"  # dossiers/models/history.py
DossierEvent = Dossier.history.rel.related_model
ORDER = ("area", "unit", "process", "dossier", "event", "task", "link", "deadline", "version",
         "assessment")  # fmt: skip


@dataclass
class Block:
    """One table's rows in the template: their id range and how they are selected."""

    model: type
    where: str  # the template's rows, as a condition on the table (alias t)
    low: int = 0
    high: int = 0

    @property
    def table(self):
        return self.model._meta.db_table

    @property
    def pk(self):
        return self.model._meta.pk.column

    @property
    def span(self):
        return self.high - self.low + 1


class Template:
    """The dossiers of `cycle` with ids from `low` to `high`, and every row they own."""

    def __init__(self, cycle_id: int, low: int, high: int, residential: str):
        d = f"t.id BETWEEN {low} AND {high} AND t.cycle_id = {cycle_id}"

        def of_dossiers(column):
            return f"t.id IN (SELECT {column} FROM dossiers_dossier t WHERE {d})"

        self.blocks = {
            "dossier": Block(Dossier, d, low, high),
            "unit": Block(Unit, of_dossiers("unit_id")),
            "process": Block(Process, of_dossiers("process_id")),
        }
        b = self.blocks
        b["area"] = Block(AdministrativeArea, (
            f"t.id IN (SELECT area_id FROM dossiers_unit t WHERE {b['unit'].where} "
            f"AND t.kind = '{residential}')"))  # fmt: skip
        self._measure("unit", "process", "area")
        b["task"] = Block(Task, f"t.process_id BETWEEN {b['process'].low} AND {b['process'].high}")
        b["version"] = Block(DossierVersion, f"t.dossier_id BETWEEN {low} AND {high}")
        self._measure("task", "version")
        tasks = f"BETWEEN {b['task'].low} AND {b['task'].high}"
        b["link"] = Block(Link, f"t.from_task_id {tasks}")
        b["deadline"] = Block(TaskDeadline, f"t.task_id {tasks}")
        b["assessment"] = Block(
            Assessment, f"t.version_id BETWEEN {b['version'].low} AND {b['version'].high}"
        )
        b["event"] = Block(DossierEvent, f"t.pgh_obj_id BETWEEN {low} AND {high}")
        self._measure("link", "deadline", "assessment", "event")
        self.rows = {name: self._count(block) for name, block in b.items()}

    def _measure(self, *names):
        with connection.cursor() as cursor:
            for name in names:
                block = self.blocks[name]
                cursor.execute(
                    f"SELECT min(t.{block.pk}), max(t.{block.pk}) FROM {block.table} t "
                    f"WHERE {block.where}"
                )
                block.low, block.high = cursor.fetchone()

    def _count(self, block):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {block.table} t WHERE {block.where}")
            count = cursor.fetchone()[0]
        # Nothing else may sit inside a block's range: the shifted ids would collide.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {block.table} t WHERE t.{block.pk} BETWEEN %s AND %s",
                [block.low, block.high],
            )
            assert cursor.fetchone()[0] == count, f"{block.table}: foreign rows in the block"
        return count

    def copy(self, copies: int, first: int):
        """Write `copies` more copies of the block, numbered from `first` (1, 2, …: a
        suffix that keeps codes and identifiers unique), in one transaction."""
        with transaction.atomic(), connection.cursor() as cursor:
            shift = {}  # per table: the SQL of "new id = id + shift"
            for name, block in self.blocks.items():
                cursor.execute(f"SELECT max({block.pk}) FROM {block.table}")
                base = cursor.fetchone()[0] + 1 - block.low
                shift[name] = f"({base} + (k - {first}) * {block.span})"
            moved = self._moved(shift)
            copied = f"generate_series({first}, {first + copies - 1}) k"
            # The scope triggers read a dossier's unit and its area: ORDER writes them first.
            with pgtrigger.ignore(HISTORY_TRIGGER):  # its events are copied as a block
                for name in ORDER:
                    block = self.blocks[name]
                    columns = [f.column for f in block.model._meta.concrete_fields]
                    values = [moved[name].get(c, f"t.{c}") for c in columns]
                    cursor.execute(
                        f"INSERT INTO {block.table} ({', '.join(columns)}) "
                        f"SELECT {', '.join(values)} FROM {block.table} t, {copied} "
                        f"WHERE {block.where}"
                    )
            for block in self.blocks.values():
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{block.table}', '{block.pk}'), "
                    f"(SELECT max({block.pk}) FROM {block.table}))"
                )

    def _moved(self, shift):
        """Per table, the columns a copy writes differently: its id, the ids it points to
        inside the block, and the codes that must stay unique."""
        b = self.blocks

        def inside(column, name):  # a pointer moves only when it points into the block
            block = b[name]
            return (f"CASE WHEN t.{column} BETWEEN {block.low} AND {block.high} "
                    f"THEN t.{column} + {shift[name]} ELSE t.{column} END")  # fmt: skip

        suffix = "'~' || k"
        moved = {name: {b[name].pk: f"t.{b[name].pk} + {shift[name]}"} for name in b}
        moved["area"] |= {
            "code": f"t.code || {suffix}",
            "name": "t.name || ' (' || k || ')'",
            # the materialised path ends with the area's own id
            "path": f"left(t.path, length(t.path) - length(t.id::text) - 1) "
            f"|| (t.id + {shift['area']}) || '/'",
        }
        moved["unit"] |= {
            "identifier": f"t.identifier || {suffix}",
            "name": "t.name || ' (' || k || ')'",
            "area_id": inside("area_id", "area"),
        }
        moved["process"]["artifact_object_id"] = f"t.artifact_object_id + {shift['dossier']}"
        moved["dossier"] |= {
            "unit_id": f"t.unit_id + {shift['unit']}",
            "process_id": f"t.process_id + {shift['process']}",
        }
        moved["event"] |= {
            "id": f"t.id + {shift['dossier']}",
            "pgh_obj_id": f"t.pgh_obj_id + {shift['dossier']}",
            "unit_id": f"t.unit_id + {shift['unit']}",
            "process_id": f"t.process_id + {shift['process']}",  # NULL when inserted
        }
        moved["task"]["process_id"] = f"t.process_id + {shift['process']}"
        moved["link"] |= {
            "from_task_id": f"t.from_task_id + {shift['task']}",
            "to_task_id": f"t.to_task_id + {shift['task']}",
        }
        moved["deadline"]["task_id"] = f"t.task_id + {shift['task']}"
        moved["version"]["dossier_id"] = f"t.dossier_id + {shift['dossier']}"
        moved["assessment"]["version_id"] = f"t.version_id + {shift['version']}"
        return moved
