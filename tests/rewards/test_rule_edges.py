"""The reward rules a quiet change would otherwise slip past (DOMAIN.md §3): one request
for a supplement per nomination, and the deciding and appraising roles checked besides the
jurisdiction."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from dossiers.models import NominationStatus as N
from dossiers.services import DomainError
from tests.factories import UserFactory
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
