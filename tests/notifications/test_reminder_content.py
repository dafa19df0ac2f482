"""What a reminder says and to whom (issue 4 §3; DOMAIN.md §4: a late step is flagged
before its deadline, to the person who holds it). Written to kill the mutants that
survived `make mutation` on notifications/reminders.py (issue #12)."""

import datetime

import pytest
from viewflow.workflow.models import Task

from accounts.models import Role
from dossiers.models import Dossier
from notifications.models import Event, Notification
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
