"""The Fatherland Front and the steering committee (issue 11; DOMAIN.md §1 "Others take
part"; the 2023 coordination plan): they read the dossiers of their area and never take a
step; the Front checks monthly and co-proposes rewards with the police; its seat at the
evaluation meeting shows on the dossier."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.services import DomainError
from movement import services
from movement.models import CoProposal, MonthlyCheck
from tests.factories import AreaFactory, UserFactory
from tests.journeys import Journey, Province, full_meeting
from tests.rewards.journeys import RewardJourney, person
from tests.test_authority_matrix import STEPS, read_status, snapshot

pytestmark = pytest.mark.django_db

READERS = [Role.FRONT_OFFICER, Role.STEERING_COMMITTEE]
ACTION_PAGES = [
    "decision-create",
    "decision-revoke",
    "minister-decision-record",
    "nomination-create",
    "reward-decision-create",
    "reward-revoke",
]
TODAY = datetime.date(2026, 9, 15)
FORM = "gk-chu-tich-xa"  # the commune chairman's Giấy khen: appraised and decided in the commune


def reader(role, area, act=True):
    """Even an acting grant (what an administrator might give by mistake) lets a Front
    officer or a steering committee member act on nothing: the step roles never name them."""
    user = UserFactory(role=role)
    user_grant_jurisdiction(user=user, target=area, act=act)
    return user


@pytest.mark.parametrize("role", READERS)
def test_an_acting_grant_given_to_a_reader_role_is_kept_as_a_view_grant(role):
    """Like the observer's, a Front officer's or steering member's grant never carries the
    right to act, even if an administrator asks for it."""
    p = Province.build()
    user = reader(role, p.commune, act=True)
    assert user.has_perm("dossiers.view_area_dossiers", p.commune)
    assert not user.has_perm("dossiers.act_in_area", p.commune)


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("step_name", list(STEPS))
def test_front_and_steering_committee_read_but_cannot_act(step_name, role, client):
    step = STEPS[step_name]
    p = Province.build()
    subject = step.prepare(p)
    user = reader(role, step.own(p, subject))
    assert read_status(client, user, subject) == 200
    before = snapshot(subject)
    with pytest.raises(PermissionDenied):
        step.act(p, subject, user)
    assert snapshot(subject) == before


@pytest.mark.parametrize(
    "name, stage", [("dossier-review", "submitted"), ("dossier-appraise", "forwarded")]
)
def test_front_officer_gets_403_on_the_step_pages(name, stage, client):
    p = Province.build()
    dossier = Journey(p).to(stage)
    client.force_login(reader(Role.FRONT_OFFICER, p.province))
    url = reverse(name, args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"outcome": "supplement", "comment": "x"}).status_code == 403
    assert client.get(reverse("dossier-assess", args=[dossier.pk])).status_code == 403
    for action in ACTION_PAGES:
        assert client.get(reverse(action)).status_code == 403, action
    # The registration page is open to all; registering is the unit head's (its service).
    answer = client.post(
        reverse("dossier-register"), {"unit": p.other_unit.pk, "cycle": p.cycle.pk}
    )
    assert answer.status_code in (200, 403) and not p.other_unit.dossiers.exists()


def test_front_officer_of_another_commune_gets_404(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    elsewhere = AreaFactory(commune=True, parent=p.province, name="Xã khác")
    client.force_login(reader(Role.FRONT_OFFICER, elsewhere, act=False))
    assert client.get(reverse("dossier-detail", args=[dossier.pk])).status_code == 404


def test_art_9_cl_1_a_front_seat_at_the_meeting_shows_on_the_dossier(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    client.force_login(reader(Role.FRONT_OFFICER, p.commune, act=False))
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    front_name = full_meeting(dossier.unit.kind)["front_committee"][0]
    seat = page.split('id="front-seat"')[1].split("</p>")[0]
    assert "Đại diện Ban Công tác Mặt trận" in seat and front_name in seat


def test_coordination_plan_front_checks_monthly_in_its_area(client):
    p = Province.build()
    front = reader(Role.FRONT_OFFICER, p.commune, act=False)
    client.force_login(front)
    url = reverse("monthly-check-list")
    answer = client.post(
        url,
        {
            "area": p.commune.pk,
            "checked_on": "2026-09-10",
            "content": "Kiểm tra việc tuần tra của tổ tự quản.",
            "findings": "Thực hiện đều đặn.",
        },
    )
    assert answer.status_code == 302
    assert MonthlyCheck.objects.get().created_by == front
    assert "tổ tự quản" in client.get(url).content.decode()
    # Outside the area, a future date, another role: refused, nothing recorded.
    elsewhere = AreaFactory(commune=True, parent=p.province)
    with pytest.raises(PermissionDenied):
        services.monthly_check_record(
            acting_user=front,
            area=elsewhere,
            checked_on=TODAY,
            content="x",
            findings="",
            today=TODAY,
        )
    with pytest.raises(DomainError):
        services.monthly_check_record(
            acting_user=front,
            area=p.commune,
            checked_on=TODAY + datetime.timedelta(days=1),
            content="x",
            findings="",
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        services.monthly_check_record(
            acting_user=p.reviewer,
            area=p.commune,
            checked_on=TODAY,
            content="x",
            findings="",
            today=TODAY,
        )
    assert MonthlyCheck.objects.count() == 1
    # A typed check refused by a rule keeps what was typed.
    page = client.post(
        url, {"area": p.commune.pk, "checked_on": "2026-12-01", "content": "Giữ lại"}
    )
    assert page.status_code == 200 and "Giữ lại" in page.content.decode()


def test_coordination_plan_front_co_proposes_a_police_nomination(client):
    p = Province.build()
    journey = RewardJourney(p, form=FORM)
    journey.to("submitted")
    nomination = journey.nomination
    front = reader(Role.FRONT_OFFICER, p.commune, act=False)
    client.force_login(front)
    page = client.get(reverse("nomination-detail", args=[nomination.pk])).content.decode()
    assert "Mặt trận đồng đề nghị" in page
    client.post(reverse("nomination-co-propose", args=[nomination.pk]), {"note": "Nhất trí."})
    assert CoProposal.objects.get(nomination=nomination).officer == front
    page = client.get(reverse("nomination-detail", args=[nomination.pk])).content.decode()
    assert "Mặt trận Tổ quốc đồng đề nghị" in page and "Nhất trí." in page
    with pytest.raises(DomainError):  # once
        services.nomination_co_propose(acting_user=front, nomination=nomination)
    with pytest.raises(PermissionDenied):  # the police cannot co-propose for the Front
        services.nomination_co_propose(acting_user=p.reviewer, nomination=nomination)


def test_coordination_plan_front_co_proposes_only_with_the_police_before_the_vote():
    p = Province.build()
    front = reader(Role.FRONT_OFFICER, p.commune, act=False)
    by_head = RewardJourney(p, form=FORM, proposer=p.head).draft().nomination
    with pytest.raises(DomainError, match="Công an"):
        services.nomination_co_propose(acting_user=front, nomination=by_head)
    voted = RewardJourney(p, form=FORM, nominees=[person(p, "079201009999", "Lê Văn Cường")])
    voted.to("voted")
    with pytest.raises(DomainError, match="biểu quyết"):
        services.nomination_co_propose(acting_user=front, nomination=voted.nomination)
    assert not CoProposal.objects.exists()


READ_PAGES = [
    "dossier-list",
    "statistics",
    "decision-list",
    "nomination-list",
    "inspection-list",
    "model-list",
    "monthly-check-list",
    "inbox",
]


def test_front_officer_reads_the_lists_of_the_area_and_has_no_task(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    client.force_login(reader(Role.FRONT_OFFICER, p.commune, act=False))
    for name in READ_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert reverse("dossier-detail", args=[dossier.pk]) in (
        client.get(reverse("dossier-list")).content.decode()
    )
    inbox = client.get(reverse("inbox"))
    assert not list(inbox.context["tasks"]) and not list(inbox.context["reward_tasks"])
