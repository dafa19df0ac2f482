"""Việc của tôi, the landing page of every role (issue 13): what waits, with counts and due
dates, the button that does each task, and, when nothing waits, what to do next."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from tests.rewards.journeys import RewardJourney, person
from workflows.recognition import services

pytestmark = pytest.mark.django_db


p = pytest.fixture(Province.build, name="p")


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    return response


def buttons(response):
    """The next-step buttons of the page, as (label, address)."""
    return [(a.label, a.url) for a in response.context["actions"]]


def test_a_unit_head_with_nothing_yet_is_pointed_to_register(client, p):
    response = home(client, p.head)
    assert ("Đăng ký phấn đấu", reverse("dossier-register")) in buttons(response)
    assert "chưa đăng ký phấn đấu" in response.context["note"]
    assert 'id="tasks"' not in response.content.decode()


def test_a_registered_unit_head_gets_the_self_assessment_button(client, p):
    dossier = Journey(p).to("registered")
    response = home(client, p.head)
    page = response.content.decode()
    assert f'href="{reverse("dossier-assess", args=[dossier.pk])}">Tự đánh giá</a>' in page
    # The agency is not registered yet: the page still offers it.
    assert p.agency.name in response.context["note"]
    assert ("Đăng ký phấn đấu", reverse("dossier-register")) in buttons(response)


def test_a_unit_head_whose_dossiers_wait_for_the_police_sees_where_they_are(client, p):
    Journey(p).to("submitted")
    dossier = Journey(p, p.agency).to("submitted")
    response = home(client, p.head)
    assert "chờ xét duyệt" in response.context["note"].lower()
    assert buttons(response) == [("Xem hồ sơ", reverse("dossier-detail", args=[dossier.pk]))]


def test_the_reviewer_sees_the_count_the_due_date_and_the_review_button(client, p):
    dossier = Journey(p).to("submitted")
    response = home(client, p.reviewer)
    page = response.content.decode()
    assert "Đang chờ bạn: <strong>1 hồ sơ</strong>" in page
    assert "hạn gần nhất" in page
    assert f'href="{reverse("dossier-review", args=[dossier.pk])}">Xét duyệt</a>' in page
    assert response.context["actions"] == []


def test_a_reviewer_with_nothing_waiting_is_told_what_comes_next(client, p):
    response = home(client, p.reviewer)
    assert "Không có hồ sơ nào đang chờ bạn" in response.context["note"]
    assert ("Xem danh sách hồ sơ", reverse("dossier-list")) in buttons(response)


def test_the_committee_with_nothing_waiting_gets_the_decision_button(client, p):
    response = home(client, p.committee)
    assert ("Ban hành quyết định", reverse("decision-create")) in buttons(response)


def test_the_observer_is_pointed_to_the_statistics(client, p):
    observer = UserFactory(role=Role.OBSERVER, jurisdiction=[p.province])
    response = home(client, observer)
    assert ("Xem thống kê", reverse("statistics")) in buttons(response)


def test_reward_rows_name_the_nominee(client, p):
    RewardJourney(p, nominees=[person(p, full_name="Lê Văn Cường")]).to("submitted")
    page = home(client, p.appraiser).content.decode()
    row = page[page.index('id="reward-tasks"') :]
    assert "Lê Văn Cường" in row
    assert "Thẩm định</a>" in row


def test_the_page_costs_the_same_queries_for_one_or_two_tasks(client, p):
    Journey(p).to("submitted")
    client.force_login(p.reviewer)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("inbox"))
    Journey(p, p.agency).to("submitted")
    with CaptureQueriesContext(connection) as two:
        response = client.get(reverse("inbox"))
    assert len(response.context["rows"]) == 2
    assert len(two) == len(one)


def test_issue_14_an_inbox_row_shows_the_unit_step_year_owner_due_date_and_button(client, p):
    """The rows are written in Python (recognition_tags.inbox_rows): each cell as the
    template wrote it, the unit's name escaped, the owner named once the task is taken."""
    p.agency.name = "Trạm <b>Y tế</b> & Cộng đồng"
    p.agency.save()
    waiting = Journey(p, p.agency).to("submitted")
    taken = Journey(p).to("submitted")
    taken = services.dossier_review(
        acting_user=p.reviewer, dossier=taken, outcome="supplement", comment="Bổ sung biên bản."
    )
    services.dossier_submit(acting_user=p.head, dossier=taken)  # back to the same reviewer
    page = home(client, p.reviewer).content.decode()
    rows = page[page.index('id="tasks"') : page.index("</table>")]
    detail, review = (reverse(n, args=[waiting.pk]) for n in ("dossier-detail", "dossier-review"))
    assert (
        f'<tr><td><a href="{detail}">Trạm &lt;b&gt;Y tế&lt;/b&gt; &amp; Cộng đồng</a></td>'
        f"<td>Xét duyệt hồ sơ</td><td>{p.cycle.year}</td>"
        '<td><span class="muted">Chưa nhận</span></td><td><span class="due">'
    ) in rows
    assert f'<a class="button" href="{review}">Xét duyệt</a></td></tr>' in rows
    detail = reverse("dossier-detail", args=[taken.pk])
    assert (
        f'<tr><td><a href="{detail}">{p.unit.name}</a></td><td>Xét duyệt hồ sơ</td>'
        f"<td>{p.cycle.year}</td><td>{p.reviewer}</td>"
    ) in rows
