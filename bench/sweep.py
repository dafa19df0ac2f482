"""Reminder sweep over 1,000,000 open steps, of which 1,000 are due today.

Run: make bench   (or .venv/bin/python bench/sweep.py [open_steps] [due_steps])
PostgreSQL only, in a database of its own (the rows stay behind; drop it afterwards):
    createdb antt_bench_sweep
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench_sweep .venv/bin/python bench/sweep.py
The steps (viewflow Process + Task + TaskDeadline) are built with set-based SQL, then
ANALYZE. Prints the plan and time of the sweep's selection query (it must use the partial
index `deadline_notice_open`) and the time and query count of one full sweep.
Target (issue 4): finding the due steps among 1,000,000 open ones in under 2 s.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

HINT = "DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench_sweep"
TARGET_SECONDS = 2.0
INDEX = "deadline_notice_open"
AREA_CODE = "BENCH-SWEEP"


def refuse_unless_postgresql():
    if connection.vendor != "postgresql":
        sys.exit(
            f"bench/sweep.py needs PostgreSQL (database is {connection.vendor}); "
            f"run it on a database of its own, e.g.\n  {HINT} {sys.executable} bench/sweep.py"
        )


def due_schedule(today, rules):
    """[(due_date, next_notice_on)] for the steps due now — overdue, due today and due in
    one or two working days — and for the later ones, due over the coming year."""
    from notifications.reminders import notice_dates

    def first_notice(due):
        return notice_dates(due, rules)[0][0]

    now = []
    for days in range(-4, 5):
        due = today + datetime.timedelta(days=days)
        if first_notice(due) <= today:
            now.append((due, first_notice(due)))
    later = []
    for days in range(10, 10 + 365):
        due = today + datetime.timedelta(days=days)
        later.append((due, max(first_notice(due), today + datetime.timedelta(days=1))))
    return now, later


def build(count, due_count, today):
    """`count` open review steps in one area, every (count // due_count)-th due now."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from dossiers.models import AreaLevel
    from dossiers.services import area_create
    from notifications.models import NoticeRule
    from tests.factories import UserFactory
    from workflows.models import RecognitionProcess
    from workflows.recognition.flows import RecognitionFlow

    now, later = due_schedule(today, list(NoticeRule.objects.filter(active=True)))
    every = count // due_count
    with transaction.atomic():
        area = area_create(
            code=AREA_CODE,
            name="Địa bàn thử nghiệm nhắc hạn",
            level=AreaLevel.objects.get(code=AreaLevel.COMMUNE),
        )
        for i in (1, 2):
            UserFactory(username=f"bench_sweep_{i}", role="reviewing_police", jurisdiction=[area])
        # One process and task through the ORM: the template every generated row copies,
        # so the stored flow references are exactly what viewflow writes.
        process = RecognitionProcess.objects.create(flow_class=RecognitionFlow)
        task = Task.objects.create(
            process=process, flow_task=RecognitionFlow.review_dossier, status=STATUS.NEW
        )
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO viewflow_process (id, flow_class, status, created, data)
                SELECT %(base)s + g, p.flow_class, p.status, p.created, p.data
                FROM generate_series(1, %(count)s) AS g, viewflow_process AS p
                WHERE p.id = %(template)s
                """,
                {"base": process.pk, "count": count, "template": process.pk},
            )
            cursor.execute(
                """
                INSERT INTO viewflow_task (id, flow_task, flow_task_type, status, created,
                                           token, data, process_id)
                SELECT %(base)s + g, t.flow_task, t.flow_task_type, t.status, t.created,
                       t.token, t.data, %(process_base)s + g
                FROM generate_series(1, %(count)s) AS g, viewflow_task AS t
                WHERE t.id = %(template)s
                """,
                {
                    "base": task.pk,
                    "process_base": process.pk,
                    "count": count,
                    "template": task.pk,
                },
            )
            cursor.execute(
                """
                INSERT INTO workflows_taskdeadline (
                    task_id, step, area_id, opened_on, due_date, next_notice_on,
                    paused_working_days, extended, extension_reason, notices_sent)
                SELECT %(task_base)s + g, 'review', %(area)s, %(today)s::date - 30,
                       CASE WHEN g %% %(every)s = 0
                            THEN (%(now_due)s::date[])[1 + (g / %(every)s) %% %(now_n)s]
                            ELSE (%(later_due)s::date[])[1 + g %% %(later_n)s] END,
                       CASE WHEN g %% %(every)s = 0
                            THEN (%(now_notice)s::date[])[1 + (g / %(every)s) %% %(now_n)s]
                            ELSE (%(later_notice)s::date[])[1 + g %% %(later_n)s] END,
                       0, false, '', 0
                FROM generate_series(1, %(count)s) AS g
                """,
                {
                    "task_base": task.pk,
                    "area": area.pk,
                    "today": today,
                    "every": every,
                    "count": count,
                    "now_due": [due for due, _ in now],
                    "now_notice": [notice for _, notice in now],
                    "now_n": len(now),
                    "later_due": [due for due, _ in later],
                    "later_notice": [notice for _, notice in later],
                    "later_n": len(later),
                },
            )
            for table in ("viewflow_process", "viewflow_task"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        task.delete()
        process.delete()
    return area


def selection(today):
    """The query the sweep runs to take its next batch (notifications.reminders.sweep)."""
    from notifications.reminders import SWEEP_BATCH
    from workflows.models import TaskDeadline

    return (
        TaskDeadline.objects.filter(finished_on=None, next_notice_on__lte=today)
        .select_related("task__owner", "task__process", "area")
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("next_notice_on", "pk")[:SWEEP_BATCH]
    )


class QueryTimer:
    """connection.execute_wrapper: counts every statement and times the batch selections."""

    def __init__(self):
        self.count = 0
        self.selections = 0
        self.selection_seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            if "FOR UPDATE" in sql and 'FROM "workflows_taskdeadline"' in sql:
                self.selections += 1
                self.selection_seconds += time.perf_counter() - started


def size(relation):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", [relation])
        return cursor.fetchone()[0]


def main(count, due_count):
    refuse_unless_postgresql()
    from notifications.models import Notification
    from notifications.reminders import sweep
    from workflows.models import TaskDeadline

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    if TaskDeadline.objects.exists():
        sys.exit(f"bench/sweep.py needs a database without steps; create a fresh one:\n  {HINT}")

    today = timezone.localdate()
    started = time.perf_counter()
    build(count, due_count, today)
    built = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE viewflow_process, viewflow_task, workflows_taskdeadline")
    analyzed = time.perf_counter() - started
    open_steps = TaskDeadline.objects.filter(finished_on=None).count()
    due = TaskDeadline.objects.filter(finished_on=None, next_notice_on__lte=today).count()
    assert (open_steps, due) == (count, due_count), (open_steps, due)
    print(
        f"built {open_steps:,} open steps ({due:,} due on {today:%d/%m/%Y}) in {built:.1f} s, "
        f"ANALYZE {analyzed:.1f} s; sizes: workflows_taskdeadline "
        f"{size('workflows_taskdeadline')}, {INDEX} {size(INDEX)}, "
        f"viewflow_task {size('viewflow_task')}, viewflow_process {size('viewflow_process')}"
    )

    # 1. The selection query alone.
    with transaction.atomic():
        plan = selection(today).explain(analyze=True, buffers=True)
    print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the sweep's selection (batch of 500, {today}):")
    print(plan)
    uses_index = f"Index Scan using {INDEX} on workflows_taskdeadline" in plan
    print(f"index scan on partial index {INDEX}: {'yes' if uses_index else 'NO'}")
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        with transaction.atomic():
            rows = len(list(selection(today)))
        runs.append(time.perf_counter() - started)
    print(
        f"selection of {rows} due rows among {open_steps:,} open: first {runs[0] * 1000:.1f} ms, "
        f"best of {len(runs)} {min(runs) * 1000:.1f} ms"
    )

    # 2. One full sweep over the due rows.
    timer = QueryTimer()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        handled = sweep(today=today)
    seconds = time.perf_counter() - started
    notifications = Notification.objects.count()
    left = TaskDeadline.objects.filter(finished_on=None, next_notice_on__lte=today).count()
    fast = timer.selection_seconds < TARGET_SECONDS
    print(
        f"\nsweep: finding the {handled:,} due steps among {open_steps:,} open "
        f"({timer.selections} selections): {timer.selection_seconds:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s) {'OK' if fast else 'QUÁ CHẬM'}"
    )
    print(
        f"sweep: full pass {seconds:.2f} s, {timer.count:,} queries "
        f"({timer.count / max(handled, 1):.1f} per step), {notifications:,} notifications "
        f"recorded, {left} steps still due"
    )
    # Every due step has two officers to remind: a pass that reminds nobody measured nothing.
    if not (uses_index and fast and handled == due_count and left == 0 and notifications > 0):
        sys.exit(1)


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1_000,
    )
