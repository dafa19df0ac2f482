"""The reward rules a quiet change would otherwise slip past (DOMAIN.md §3): one request
for a supplement per nomination, and the deciding and appraising roles checked besides the
jurisdiction."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import DecidingRole
from dossiers.models import NominationStatus as N
from dossiers.services import DomainError
from tests.factories import AreaFactory, UserFactory
from tests.journeys import Province
from tests.rewards.journeys import RewardJourney
from workflows.rewards import services
from workflows.rewards.permissions import can_act, ensure_can_act

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def test_a_second_supplement_is_refused(p):
    journey = RewardJourney(p)
    journey.to("submitted")
    journey.appraise("supplement", comment="Bổ sung tờ trình có chữ ký.")
    assert journey.nomination.status == N.SUPPLEMENT_REQUESTED
    journey.submit()
    assert journey.nomination.status == N.SUBMITTED

    with pytest.raises(DomainError, match="một lần"):
        journey.appraise("supplement", comment="Bổ sung lần hai.")
    journey.nomination.refresh_from_db()
    assert journey.nomination.status == N.SUBMITTED
    assert journey.nomination.supplement_requests == 1


@pytest.mark.parametrize("step", ["appraise", "decide"])
def test_jurisdiction_without_the_step_role_may_not_act(p, step):
    """The provincial police director's Giấy khen: the provincial police appraise and decide.
    A committee officer and a reviewing officer of the same province may not, though the
    area is theirs."""
    nomination = RewardJourney(p).to("submitted")
    assert can_act(p.appraiser, nomination, step)
    for role in (Role.COMMITTEE_STAFF, Role.REVIEWING_POLICE, Role.UNIT_HEAD):
        outsider = UserFactory(role=role, jurisdiction=[p.province])
        assert not can_act(outsider, nomination, step), role
        with pytest.raises(PermissionDenied):
            ensure_can_act(outsider, nomination, step)


def test_an_officer_without_the_role_cannot_appraise_through_the_service(p):
    nomination = RewardJourney(p).to("submitted")
    outsider = UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[p.province])
    with pytest.raises(PermissionDenied):
        services.nomination_appraise(acting_user=outsider, nomination=nomination, outcome="forward")
    nomination.refresh_from_db()
    assert nomination.status == N.SUBMITTED


def _nomination(appraise_area, decide_area, proposer=None):
    """What `can_act` reads of a nomination: a form whose police appraise and whose
    committee decides, in two different areas (so a swapped step or area shows)."""
    form = SimpleNamespace(
        appraising_role=DecidingRole.POLICE, deciding_role=DecidingRole.COMMITTEE
    )
    return SimpleNamespace(
        form=form,
        proposer_id=proposer.pk if proposer else None,
        appraise_area_id=appraise_area.pk,
        decide_area_id=decide_area.pk,
    )


def test_each_step_has_its_own_role_and_area(p):
    neighbour = AreaFactory(commune=True, parent=p.province, name="Phường Bên Cạnh")
    nomination = _nomination(appraise_area=p.commune, decide_area=neighbour, proposer=p.head)
    police = UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[p.commune])
    committee = UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[neighbour])
    police_there = UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[neighbour])
    committee_here = UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[p.commune])
    allowed = {
        (who, step)
        for who, user in {
            "police": police,
            "committee": committee,
            "police there": police_there,
            "committee here": committee_here,
            "proposer": p.head,
        }.items()
        for step in ("prepare", "appraise", "decide")
        if can_act(user, nomination, step)
    }
    assert allowed == {("police", "appraise"), ("committee", "decide"), ("proposer", "prepare")}


def test_a_view_only_grant_or_no_login_acts_on_nothing(p):
    nomination = _nomination(appraise_area=p.commune, decide_area=p.commune)
    viewer = UserFactory(role=Role.APPRAISING_POLICE)
    user_grant_jurisdiction(user=viewer, target=p.commune, act=False)
    for step in ("prepare", "appraise", "decide"):
        assert not can_act(viewer, nomination, step)
        assert not can_act(AnonymousUser(), nomination, step)


def test_the_refusal_names_the_step(p):
    nomination = _nomination(appraise_area=p.commune, decide_area=p.commune)
    with pytest.raises(PermissionDenied, match="^Bạn không có thẩm quyền thẩm định đề nghị"):
        ensure_can_act(p.head, nomination, "appraise")
