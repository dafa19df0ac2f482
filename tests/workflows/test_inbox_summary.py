"""The inbox's summary line ("Đang chờ bạn: N hồ sơ · M việc quá hạn · hạn gần nhất …",
workflows.recognition.selectors.inbox_summary), read from the open steps' deadlines at the
officer's offices (issue 14: an index scan, not every open task): the numbers agree with
the rows the inbox lists — a step a colleague has taken is not counted — for officers and
unit heads."""

import datetime

import pytest
from django.urls import reverse

from tests.conftest import TEST_TODAY, at_nine
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from workflows.deadlines import today
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.selectors import acting_offices, inbox_summary, inbox_tasks

pytestmark = pytest.mark.django_db


def summary(user):
    return inbox_summary(user, inbox_tasks(user), acting_offices(user))


def test_issue_14_the_officers_summary_counts_the_waiting_steps_the_late_ones_and_the_nearest_due():
    p = Province.build()
    first = Journey(p).to("submitted")
    Journey(p, p.agency).to("submitted")
    due = TaskDeadline.objects.get(task__process_id=first.process_id, finished_on=None)
    TaskDeadline.objects.filter(pk=due.pk).update(due_date=today() - datetime.timedelta(days=1))
    found = summary(p.reviewer)
    listed = list(inbox_tasks(p.reviewer))
    assert (found["total"], found["overdue"]) == (2, 1) == (len(listed), 1)
    assert found["nearest"] == today() - datetime.timedelta(days=1)


def test_issue_14_a_step_a_colleague_has_taken_is_not_in_the_summary(frozen_clock):
    """After a supplement the review comes back assigned to the reviewer who asked for it
    (viewflow assigns it): their colleague of the same office neither lists nor counts it."""
    p = Province.build()
    colleague = UserFactory(role=p.reviewer.role, jurisdiction=[p.commune])
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Bổ sung."
    )
    services.dossier_submit(acting_user=p.head, dossier=dossier)
    Journey(p, p.agency).to("submitted")
    assert summary(p.reviewer)["total"] == 2 == len(inbox_tasks(p.reviewer))
    assert summary(colleague)["total"] == 1 == len(inbox_tasks(colleague))


def test_issue_14_the_summary_line_on_the_page_and_for_a_unit_head(client, frozen_clock):
    p = Province.build()
    Journey(p).to("submitted")
    frozen_clock.move_to(at_nine(TEST_TODAY + datetime.timedelta(days=60)))
    client.force_login(p.reviewer)
    page = client.get(reverse("inbox")).content.decode()
    assert "Đang chờ bạn: <strong>1 hồ sơ</strong>" in page and "1 việc quá hạn" in page
    Journey(p, p.agency).register()
    assert summary(p.head)["total"] == 1 == len(inbox_tasks(p.head))
