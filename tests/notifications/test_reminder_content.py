"""What a reminder says and to whom (issue 4 §3; DOMAIN.md §4: a late step is flagged
before its deadline, to the person who holds it). Written to kill the mutants that
survived `make mutation` on notifications/reminders.py (issue #12)."""

import datetime

import pytest
from viewflow.workflow.models import Task

from accounts.models import Role
from dossiers.models import Dossier
from notifications.calendar import add_working_days
from notifications.models import Event, NoticeRule, Notification
from notifications.reminders import sweep
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db


def review_deadline(dossier):
    return TaskDeadline.objects.get(task__process=dossier.process, step="review", finished_on=None)


def test_a_reminder_names_the_dossier_its_due_date_and_links_to_it():
    p = Province.build()
    dossier = Journey(p).to("submitted")
    review = review_deadline(dossier)

    sweep(today=review.due_date - datetime.timedelta(days=1))

    notice = Notification.objects.get(event=Event.DEADLINE_NEAR, recipient=p.reviewer)
    assert f"{review.due_date:%d/%m/%Y}" in notice.body
    assert dossier.unit.name in notice.title
    assert notice.link == f"/ho-so/{dossier.pk}/"


def test_a_reminder_of_a_step_someone_has_taken_goes_to_that_officer_only():
    """Once an officer has assigned the step to themself, the reminder is theirs: the
    other officers of the office are not disturbed."""
    p = Province.build()
    colleague = UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[p.commune])
    dossier = Journey(p).to("submitted")
    review = review_deadline(dossier)
    Task.objects.filter(pk=review.task_id).update(owner=p.reviewer)

    sweep(today=review.due_date - datetime.timedelta(days=1))

    reminded = Notification.objects.filter(event=Event.DEADLINE_NEAR)
    assert list(reminded.values_list("recipient", flat=True)) == [p.reviewer.pk]
    assert colleague.pk not in reminded.values_list("recipient", flat=True)


def test_a_reminder_of_a_step_without_a_dossier_names_the_step_and_links_nowhere():
    """A step whose process lost its dossier still reminds the police of its area; the
    message names the step itself and carries no link to a page that does not exist."""
    p = Province.build()
    dossier = Journey(p).to("submitted")
    review = review_deadline(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(process=None)

    sweep(today=review.due_date - datetime.timedelta(days=1))

    notice = Notification.objects.get(event=Event.DEADLINE_NEAR, recipient=p.reviewer)
    assert str(review.task) in notice.title
    assert notice.link == ""


def two_submitted(p):
    first = Journey(p).to("submitted")
    second = Journey(p, unit=p.agency).to("submitted")
    return review_deadline(first), review_deadline(second)


def test_on_the_due_day_the_reminder_says_today():
    p = Province.build()
    review = review_deadline(Journey(p).to("submitted"))

    sweep(today=review.due_date)

    notice = Notification.objects.get(event=Event.DEADLINE_NEAR, recipient=p.reviewer)
    assert "(hôm nay)" in notice.title and "(hôm nay)" in notice.body


def test_an_escalation_says_how_late_and_each_late_step_gets_its_own_notices():
    """The day after the due date the level above is told, with the number of working days
    late, and the officer is told it was reported; two late steps make two of each."""
    p = Province.build()
    first, second = two_submitted(p)
    assert first.due_date == second.due_date

    sweep(today=add_working_days(first.due_date, 1))

    escalated = Notification.objects.filter(event=Event.ESCALATED, recipient=p.appraiser)
    overdue = Notification.objects.filter(event=Event.OVERDUE, recipient=p.reviewer)
    assert escalated.count() == 2 and overdue.count() == 2
    notice = escalated.first()
    assert "(1 ngày làm việc)" in notice.body and notice.link.startswith("/ho-so/")
    assert overdue.first().link.startswith("/ho-so/")
    assert overdue.first().title.startswith("Đã quá hạn:")


def test_a_late_pass_without_escalation_tells_the_officers_how_late_once_per_step():
    """With escalation switched off (rules are data), a pass run two working days after
    the due date — the worker was down — sends the officer one "Quá hạn" per step."""
    p = Province.build()
    first, second = two_submitted(p)
    NoticeRule.objects.filter(action=NoticeRule.ESCALATE).update(active=False)

    sweep(today=add_working_days(first.due_date, 2))

    overdue = Notification.objects.filter(event=Event.OVERDUE, recipient=p.reviewer)
    assert overdue.count() == 2
    notice = overdue.first()
    assert notice.title.startswith("Quá hạn:")
    assert f"{first.due_date:%d/%m/%Y}, đã quá 2 ngày làm việc" in notice.body
    assert notice.link.startswith("/ho-so/")
    assert not Notification.objects.filter(event=Event.DEADLINE_NEAR).exists()
