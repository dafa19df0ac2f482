"""The inbox's summary line ("Đang chờ bạn: N hồ sơ · M việc quá hạn · hạn gần nhất …",
workflows.recognition.selectors.inbox_summary), read from the open steps' deadlines at the
officer's offices (issue 14: an index scan, not every open task): the numbers agree with
the rows the inbox lists — a step a colleague has taken is not counted — for officers and
unit heads."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.keyset import CURSOR, keyset_page
from dossiers.models import Step, StepDeadline, UnitKind
from dossiers.services import DomainError
from tests.conftest import TEST_TODAY, at_nine
from tests.factories import UnitFactory, UserFactory
from tests.journeys import Journey, Province
from workflows.deadlines import deadline_extend, today
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.selectors import (
    INBOX_ORDER,
    acting_offices,
    inbox_summary,
    inbox_tasks,
)

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


def _undated_review(p):
    """A dossier whose cycle sets no review rule for its kind (here: the review rule
    removed, so none applies): its review waits at the office without a due date."""
    StepDeadline.objects.filter(cycle=p.cycle, step=Step.REVIEW).delete()
    unit = UnitFactory(kind=UnitKind.AGENCY, area=p.commune, name="Trường Tiểu học Gò Dầu")
    user_grant_jurisdiction(user=p.head, target=unit)
    return Journey(p, unit).to("submitted")


def test_issue_14_the_inbox_lists_the_nearest_due_date_first_and_a_step_without_one_last():
    p = Province.build()
    later = Journey(p).to("submitted")
    sooner = Journey(p, p.agency).to("submitted")
    undated = _undated_review(p)
    due = {later: today() + datetime.timedelta(days=9), sooner: today() + datetime.timedelta(2)}
    for dossier, day in due.items():
        TaskDeadline.objects.filter(task__process_id=dossier.process_id, step=Step.REVIEW).update(
            due_date=day
        )
    listed = [t.process_id for t in inbox_tasks(p.reviewer)]
    assert listed == [sooner.process_id, later.process_id, undated.process_id]
    found = summary(p.reviewer)
    assert (found["total"], found["overdue"], found["nearest"]) == (3, 0, due[sooner])
    # Page by page (one row a page): the cursor crosses from the dated rows to the undated.
    rows, cursor = [], ""
    for _ in range(4):
        request = RequestFactory().get("/", {CURSOR: cursor} if cursor else {})
        request.user = p.reviewer
        page = keyset_page(request, inbox_tasks(p.reviewer), INBOX_ORDER, size=1)
        rows += [t.process_id for t in page]
        cursor = page.next_cursor
        if not cursor:
            break
    assert rows == listed


def test_issue_14_a_step_without_a_due_date_shows_in_the_inbox_and_cannot_be_extended(client):
    p = Province.build()
    undated = _undated_review(p)
    deadline = TaskDeadline.objects.get(task__process_id=undated.process_id, finished_on=None)
    assert deadline.due_date is None and deadline.area_id == undated.review_area_id
    client.force_login(p.reviewer)
    page = client.get(reverse("inbox")).content.decode()
    assert undated.unit.name in page and "Đang chờ bạn: <strong>1 hồ sơ</strong>" in page
    detail = client.get(reverse("dossier-detail", args=[undated.pk])).content.decode()
    assert "Gia hạn (một lần)" not in detail
    with pytest.raises(DomainError, match="không có hạn xử lý"):
        deadline_extend(
            acting_user=p.reviewer, deadline=deadline, new_due=today(), reason="Chưa có hạn."
        )


def test_issue_14_the_office_inbox_walks_its_index_in_order_without_sorting():
    """The page's ids are read by walking `deadline_office_queue` (office, due order) in
    order: no sort of the office's open steps, so the cost is the page's, whatever the
    office holds. The planner is told to avoid scans and sorts (a test database is small
    and unanalysed): a Sort is left in the plan only when no index gives the order — as
    when the query's order key is not the indexed expression."""
    p = Province.build()
    Journey(p).to("submitted")
    ids = inbox_tasks(p.reviewer).order_by(*INBOX_ORDER).values("pk")[:51]
    sql, params = ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")  # a sort stays only if no index orders
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "deadline_office_queue" in plan and "Sort" not in plan, plan
