"""Jurisdiction grants with validity dates (issue 12, DOMAIN.md §1 2025 reform): a grant
acts only while in force and reads only the cycles (and nominations) of the years it was
valid — the 2024 district officer's grant until 30/06/2025 reads the 2024 dossiers of the
successor ward's units, never the ward's 2026 dossiers and nominations (citizen ids)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import (
    areas_in_jurisdiction,
    dossiers_in_jurisdiction,
    granted_areas,
    units_in_jurisdiction,
    user_grant_jurisdiction,
)
from dossiers.models import AreaUserPermission, Dossier, UnitUserPermission
from dossiers.services import DomainError
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from tests.rewards.journeys import DECISION_FIELDS, RewardJourney
from tests.workflows.test_routes_as_written import OLD_END, _submitted, world  # noqa: F401
from workflows.rewards import awards
from workflows.rewards.selectors import nominations_visible_to
from workflows.statistics import on_time_statistics

pytestmark = pytest.mark.django_db
HISTORICAL = {"valid_from": datetime.date(2024, 1, 1), "valid_to": OLD_END}


@pytest.fixture
def district_officer(world):  # noqa: F811
    officer = world["offices"]["Huyện Gò Dầu"]["police"]
    district = AreaUserPermission.objects.filter(user=officer).first().content_object
    user_grant_jurisdiction(user=officer, target=district, **HISTORICAL)
    return officer


def test_historical_grant_reads_the_cycles_of_its_years_not_todays(
    world,  # noqa: F811
    district_officer,
    monkeypatch,
    client,
):
    old = _submitted(world, 2024, "residential", monkeypatch)
    new = _submitted(world, 2026, "residential", monkeypatch)
    visible = set(dossiers_in_jurisdiction(district_officer).values_list("pk", flat=True))
    assert old.pk in visible and new.pk not in visible
    client.force_login(district_officer)
    assert client.get(reverse("dossier-detail", args=[old.pk])).status_code == 200
    assert client.get(reverse("dossier-detail", args=[new.pk])).status_code == 404
    # The grant has ended: it reads its own years, acts on none of them.
    assert not dossiers_in_jurisdiction(district_officer, act=True).exists()
    assert not granted_areas(district_officer, act=True).exists()
    assert not areas_in_jurisdiction(district_officer, act=True).exists()
    # The same officer without end date (as before the fix) would read today's dossier.
    district = AreaUserPermission.objects.filter(user=district_officer).first().content_object
    user_grant_jurisdiction(user=district_officer, target=district)
    assert dossiers_in_jurisdiction(district_officer).filter(pk=new.pk).exists()


def test_historical_grant_reads_nominations_of_its_years_only():
    p = Province.build()
    current = RewardJourney(p, form="gk-chu-tich-xa").to("submitted")
    officer = UserFactory(role=Role.COMMITTEE_STAFF)
    user_grant_jurisdiction(
        user=officer,
        target=p.commune,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    assert not nominations_visible_to(officer).filter(pk=current.pk).exists()
    user_grant_jurisdiction(user=officer, target=p.commune, valid_from=datetime.date(2026, 1, 1))
    assert nominations_visible_to(officer).filter(pk=current.pk).exists()


def test_expired_unit_grant_no_longer_acts_for_the_unit():
    p = Province.build()
    head = UserFactory(role=Role.UNIT_HEAD)
    user_grant_jurisdiction(user=head, target=p.unit, **HISTORICAL)
    assert units_in_jurisdiction(head).filter(pk=p.unit.pk).exists()
    assert not units_in_jurisdiction(head, act=True).exists()
    user_grant_jurisdiction(user=head, target=p.unit)
    assert units_in_jurisdiction(head, act=True).filter(pk=p.unit.pk).exists()


def test_grant_service_sets_the_period_and_refuses_it_reversed():
    p = Province.build()
    officer = UserFactory(role=Role.REVIEWING_POLICE)
    user_grant_jurisdiction(user=officer, target=p.commune, **HISTORICAL)
    rows = AreaUserPermission.objects.filter(user=officer)
    assert {(r.valid_from, r.valid_to) for r in rows} == {(HISTORICAL["valid_from"], OLD_END)}
    with pytest.raises(DomainError):
        user_grant_jurisdiction(
            user=officer, target=p.unit, valid_from=OLD_END, valid_to=datetime.date(2024, 1, 1)
        )
    assert not UnitUserPermission.objects.filter(user=officer).exists()


def test_lists_cost_the_same_queries_whatever_the_grants(
    world,  # noqa: F811
    district_officer,
    monkeypatch,
    django_assert_num_queries,
):
    """One small query for the user's grants and periods, one for the list: a second grant
    with another period adds no query."""
    _submitted(world, 2024, "residential", monkeypatch)
    with django_assert_num_queries(2):
        list(Dossier.objects.visible_to(district_officer))
    province = world["offices"]["Tỉnh Tây Ninh"]["police"]
    user_grant_jurisdiction(
        user=district_officer,
        target=AreaUserPermission.objects.filter(user=province).first().content_object,
        valid_from=datetime.date(2025, 7, 1),
    )
    with django_assert_num_queries(2):
        list(Dossier.objects.visible_to(district_officer))
    with django_assert_num_queries(2):
        list(nominations_visible_to(district_officer))


def test_grants_and_their_validity_are_edited_in_the_admin(client):
    p = Province.build()
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    grant = AreaUserPermission.objects.filter(user=p.reviewer).first()
    url = reverse("admin:dossiers_areauserpermission_change", args=[grant.pk])
    page = client.get(url).content.decode()
    assert "Hiệu lực đến" in page or "hiệu lực đến" in page
    listing = client.get(reverse("admin:dossiers_areauserpermission_changelist"))
    assert listing.status_code == 200


def test_a_higher_level_is_not_offered_nor_allowed_the_lower_committees_reward_decision(client):
    """The ward's reward decision: the provincial committee's staff are offered no issuer and
    may not issue in the ward's name, even before any nominee is read."""
    p = Province.build()
    journey = RewardJourney(p, form="gk-chu-tich-xa")
    nomination = journey.to("voted")
    client.force_login(p.provincial_committee)
    page = client.get(reverse("reward-decision-create")).content.decode()
    assert f"UBND {p.commune.name}" not in page
    with pytest.raises(PermissionDenied):
        awards.reward_decision_issue(
            acting_user=p.provincial_committee,
            issuer=nomination.decide_area,
            results=[],
            **DECISION_FIELDS,
        )
    client.force_login(p.committee)
    own = client.get(reverse("reward-decision-create")).content.decode()
    assert f"UBND {p.commune.name}" in own


def test_on_time_statistics_count_only_the_years_of_the_grant():
    p = Province.build()
    Journey(p).to("submitted")
    moved_away = UserFactory(role=Role.REVIEWING_POLICE)
    user_grant_jurisdiction(user=moved_away, target=p.commune, **HISTORICAL)
    today = datetime.date(2026, 11, 30)
    assert not on_time_statistics(moved_away, today=today).exists()
    assert on_time_statistics(p.reviewer, today=today).exists()
