"""How a reminder pass walks the due steps (notifications/reminders.py `sweep`; issue 4 §3):
rows another worker holds are skipped, not waited for; the cost per step is fixed; the pass
says how many steps it handled. Written to kill mutants that survived `make mutation`
(issue #12)."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from notifications.reminders import sweep
from tests.journeys import Journey, Province
from workflows.models import TaskDeadline


def submitted_reviews(p, units):
    for unit in units:
        Journey(p, unit=unit).to("submitted")
    return TaskDeadline.objects.filter(step="review", finished_on=None).order_by("pk")


@pytest.mark.django_db
def test_a_pass_returns_how_many_steps_it_handled():
    p = Province.build()
    reviews = submitted_reviews(p, [p.unit, p.agency])
    day = reviews[0].due_date - datetime.timedelta(days=1)
    assert sweep(today=day) == 2
    assert sweep(today=day) == 0  # nothing left due that day


@pytest.mark.django_db
def test_the_cost_of_a_pass_per_step_is_fixed():
    """Each further due step costs the same few statements (its notice's rows), never a
    lookup of the rules, the task's owner, the dossier or the area of its own."""
    p = Province.build()
    reviews = list(submitted_reviews(p, [p.unit, p.agency]))
    day = reviews[0].due_date - datetime.timedelta(days=1)
    TaskDeadline.objects.filter(pk=reviews[1].pk).update(next_notice_on=None)
    with CaptureQueriesContext(connection) as one:
        sweep(today=day)
    Notification.objects.all().delete()
    TaskDeadline.objects.filter(pk__in=[r.pk for r in reviews]).update(
        notices_sent=0, next_notice_on=day
    )
    with CaptureQueriesContext(connection) as two:
        sweep(today=day)
    per_step = len(two) - len(one)
    # its notice: the recipients' preferences, the insert, the keys actually created
    assert per_step == 3, [q["sql"][:60] for q in two.captured_queries]


@pytest.mark.usefixtures("reference_data")
def test_a_step_another_worker_holds_is_skipped_not_waited_for():
    """Two workers sweeping at once never take the same step and never wait on each other:
    rows are taken with SKIP LOCKED."""
    p = Province.build()
    held, free = list(submitted_reviews(p, [p.unit, p.agency]))
    day = held.due_date - datetime.timedelta(days=1)
    locked, release, done = threading.Event(), threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                TaskDeadline.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # waiting would fail the pass
        assert sweep(today=day) == 1
    finally:
        release.set()
        done.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    held.refresh_from_db()
    free.refresh_from_db()
    assert held.notices_sent == 0 and free.notices_sent == 2  # the -3 and -1 notices


@pytest.mark.django_db
def test_a_pass_may_pause_between_batches_to_spare_the_database(monkeypatch):
    """A large pass can pause between its batches (the `pause` of the beat's task)."""
    from notifications import reminders

    p = Province.build()
    reviews = submitted_reviews(p, [p.unit, p.agency])
    monkeypatch.setattr(reminders, "SWEEP_BATCH", 1)
    slept = []
    monkeypatch.setattr(reminders.time, "sleep", slept.append)
    assert sweep(today=reviews[0].due_date - datetime.timedelta(days=1), pause=0.01) == 2
    assert slept == [0.01, 0.01]
