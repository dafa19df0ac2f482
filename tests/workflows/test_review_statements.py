"""Issue 14, "Must show": the review step through the service within 1.5× the statements of
a bare viewflow task completion, on PostgreSQL, counted in the same test; and what the
fewer statements rest on — the review and its verdicts written in one statement
(dossiers/inserts.py), the step's task, process and dossier read and locked in one
(workflows/locking.py), the next step's deadline opened from the tasks the step created
(workflows/opened.py) — each still writing the rows the ORM path wrote."""

from collections import Counter
from contextlib import contextmanager

import pytest
from django.db import connection
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.models import CriterionVerdict, Review
from tests.journeys import Journey, Province, all_met
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.flows import RecognitionFlow as F

pytestmark = pytest.mark.django_db

RATIO = 1.5


@contextmanager
def counting():
    """Every statement Django sends, but the test's own transaction savepoints around the
    whole step (in production the step is the outermost transaction: BEGIN/COMMIT)."""
    counter = Counter()

    def count(execute, sql, *args):
        counter["all"] += 1
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        yield counter


def bare_completion(dossier, user):
    """viewflow alone completes the same review task: lock, assign, start, execute."""
    with F.lock(dossier.process_id):
        task = Task.objects.select_related("process").get(
            process_id=dossier.process_id, flow_task=F.review_dossier, status=STATUS.NEW
        )
        activation = task.flow_task.activation_class(task)
        activation.assign(user)
        activation.start(None)
        activation.execute()


def test_issue_14_the_review_step_costs_at_most_one_and_a_half_bare_viewflow_completions():
    first = Province.build(name="Phường Một")
    warm = Journey(first).to("submitted")
    services.dossier_review(
        acting_user=first.reviewer, dossier=warm, outcome="forward", verdicts=all_met(warm)
    )  # the working calendar and the notice rules are read once per process
    p = Province.build()
    ours, theirs = Journey(p).to("submitted"), Journey(p, p.agency).to("submitted")
    verdicts = all_met(ours)
    with counting() as service:
        services.dossier_review(
            acting_user=p.reviewer, dossier=ours, outcome="forward", verdicts=verdicts
        )
    with counting() as bare:
        bare_completion(theirs, p.reviewer)
    # Both run inside the test's transaction: each lock is a savepoint pair there.
    ratio = service["all"] / bare["all"]
    assert ratio <= RATIO, f"{service['all']} statements against {bare['all']}: {ratio:.2f}×"


def test_issue_14_the_review_and_its_verdicts_written_in_one_statement_are_the_orm_rows():
    p = Province.build()
    dossier = Journey(p).to("submitted")
    verdicts = {pk: (True, f"Nhận xét {pk}: “đạt”, có dấu ' và \\") for pk in all_met(dossier)}
    services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="forward",
        comment="Chuyển thẩm định.",
        verdicts=verdicts,
    )
    review = Review.objects.get(dossier=dossier)
    assert (review.stage, review.outcome, review.comment, review.actor) == (
        "review",
        "forward",
        "Chuyển thẩm định.",
        p.reviewer,
    )
    assert review.created_at is not None and review.version.number == 1
    stored = {v.criterion_id: (v.met, v.remark) for v in review.verdicts.all()}
    assert {pk: stored[pk][1].endswith(remark) for pk, (_, remark) in verdicts.items()} == {
        pk: True for pk in verdicts
    }
    assert all(met for met, _ in stored.values())
    assert CriterionVerdict.objects.filter(review__dossier=dossier).count() == len(verdicts)


def test_issue_14_the_next_steps_deadline_is_opened_from_the_tasks_the_step_created():
    p = Province.build()
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
    )
    appraisal = Task.objects.get(process_id=dossier.process_id, flow_task=F.appraise_dossier)
    deadline = TaskDeadline.objects.get(task=appraisal)
    assert (deadline.step, deadline.area_id, deadline.finished_on) == (
        "appraise",
        dossier.appraise_area_id,
        None,
    )
    assert deadline.next_notice_on is not None
    # The gateway the step passed through is done and has none.
    assert not TaskDeadline.objects.filter(task__flow_task=F.check_review).exists()


def test_issue_14_the_audit_row_and_the_next_deadline_written_together_are_the_orm_rows():
    """The step's audit row and the next step's deadline go in one statement
    (dossiers.inserts.insert_rows): the history shows the step as the ORM wrote it."""
    p = Province.build()
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="forward",
        comment="Chuyển “thẩm định”, có dấu ' và \\",
        verdicts=all_met(dossier),
    )
    row = dossier.transitions.latest("at")
    assert (row.actor, row.role, row.step, row.source, row.target, row.comment) == (
        p.reviewer,
        p.reviewer.role,
        "review_forward",
        "submitted",
        "forwarded",
        "Chuyển “thẩm định”, có dấu ' và \\",
    )
    assert row.at is not None
    appraisal = Task.objects.get(process_id=dossier.process_id, flow_task=F.appraise_dossier)
    assert TaskDeadline.objects.get(task=appraisal).step == "appraise"
