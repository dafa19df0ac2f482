"""Scoped reads for nominations: one SQL filter for lists, inbox and pages."""

from django.db.models import Exists, OuterRef, Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from dossiers.jurisdiction import areas_in_jurisdiction, units_in_jurisdiction
from dossiers.models import DecidingRole, Decision, Nomination, Nominee, RecordedDecision

from .flows import RewardFlow


def nominations_visible_to(user):
    """The proposer's own; those whose appraisal or decision falls to an area the user
    covers; and those naming a unit in the user's jurisdiction."""
    if not user.is_authenticated or not user.is_active:
        return Nomination.objects.none()
    if user.sees_everything:
        return Nomination.objects.all()
    areas = areas_in_jurisdiction(user)
    return Nomination.objects.filter(
        Q(proposer=user)
        | Q(appraise_area__in=areas)
        | Q(decide_area__in=areas)
        | Exists(
            Nominee.objects.filter(nomination=OuterRef("pk"), unit__in=units_in_jurisdiction(user))
        )
    )


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


def reward_inbox_tasks(user):
    """Open reward tasks for `user`: their own drafts, and appraisal/vote steps in areas
    they act in for the role the form names (checked again on the step's page)."""
    acting_areas = areas_in_jurisdiction(user, act=True)
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
