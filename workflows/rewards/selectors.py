"""Scoped reads for nominations: one SQL filter for lists, inbox and pages."""

from django.db.models import Exists, OuterRef, Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from dossiers.jurisdiction import granted_areas
from dossiers.models import (
    AdministrativeArea,
    DecidingRole,
    Decision,
    Nomination,
    Nominee,
    RecordedDecision,
    Unit,
)
from dossiers.models.units import granted_unit_in_year

from .flows import RewardFlow


def nominations_visible_to(user):
    """The proposer's own; those whose appraisal or decision falls to an area the user
    covers; and those naming a unit in the user's jurisdiction — each grant only for the
    nominations of the years it was valid (dossiers.models.areas.Coverage)."""
    if not user.is_authenticated or not user.is_active:
        return Nomination.objects.none()
    if user.sees_everything:
        return Nomination.objects.all()
    nominees = Nominee.objects.filter(nomination=OuterRef("pk"))
    q = Q(proposer=user) | Exists(
        nominees.filter(
            granted_unit_in_year(user, act=False, unit_field="unit_id", year_field="year")
        )
    )
    for coverage in AdministrativeArea.objects.coverage(user):
        covered = coverage.areas.values("pk")
        units = Unit.objects.filter(Unit.objects.located_in(covered)).values("pk")
        q |= coverage.years("year") & (
            Q(appraise_area__in=covered)
            | Q(decide_area__in=covered)
            | Exists(nominees.filter(unit__in=units))
        )
    return Nomination.objects.filter(q)


def visible_reward_decisions(user):
    """Reward decisions naming at least one nomination the user may see."""
    if user.sees_everything:
        return Decision.objects.filter(items__nominee__isnull=False).distinct()
    return Decision.objects.filter(
        items__nominee__nomination__in=nominations_visible_to(user)
    ).distinct()


def visible_recorded_decisions(user):
    """Higher authorities' decisions recorded for a nomination the user may see."""
    if user.sees_everything:
        return RecordedDecision.objects.all()
    return RecordedDecision.objects.filter(
        nominees__nomination__in=nominations_visible_to(user)
    ).distinct()


OFFICE_OF_ROLE = {
    Role.APPRAISING_POLICE: DecidingRole.POLICE,
    Role.COMMITTEE_STAFF: DecidingRole.COMMITTEE,
    Role.COMMITTEE_SIGNER: DecidingRole.COMMITTEE,
}


def reward_inbox_tasks(user, offices: list[int] | None = None):
    """Open reward tasks for `user`: their own drafts, and appraisal/vote steps of the
    office the form names, for an area granted to the user themselves by a grant in force
    (workflows.rewards.permissions: a higher level's staff read, never act). `offices`:
    the ids of those areas, when the caller has read them."""
    acting_areas = granted_areas(user, act=True).values("pk") if offices is None else offices
    return (
        Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .filter(
            Q(
                flow_task__in=[RewardFlow.prepare_nomination, RewardFlow.supplement_nomination],
                process__nomination__proposer=user,
            )
            | Q(
                flow_task__in=[RewardFlow.appraise_nomination, RewardFlow.record_vote],
                process__nomination__appraise_area__in=acting_areas,
                process__nomination__form__appraising_role=OFFICE_OF_ROLE.get(user.role, "-"),
            )
        )
        .select_related("process__nomination__form", "deadline")
        .order_by("created")
    )
