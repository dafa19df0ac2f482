"""Reads for the recognition pages: criteria, the provisional result, the commune rule,
and the inbox. All scoped through accounts.selectors."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from accounts.selectors import (
    dossiers_in_jurisdiction,
    granted_areas,
    units_in_jurisdiction,
)
from dossiers.models import (
    CriteriaSet,
    Criterion,
    CriterionKind,
    CycleRoute,
    Dossier,
    DossierStatus,
    Unit,
    UnitKind,
)

from .flows import RecognitionFlow

COMMUNE_REGISTERED_SHARE = 100
COMMUNE_RECOGNISED_SHARE = 70


def criteria_for(dossier) -> list[Criterion]:
    """The criteria of the cycle's regulation for the unit's kind (latest version of the
    set), plus those the cycle's province added (DOMAIN.md §1 "Criteria")."""
    criteria_set = (
        CriteriaSet.objects.filter(
            regulation_id=dossier.cycle.regulation_id, unit_kind=dossier.unit.kind
        )
        .order_by("-version")
        .first()
    )
    if criteria_set is None:
        return []
    return list(
        criteria_set.criteria.filter(
            Q(province__isnull=True) | Q(province_id=dossier.cycle.province_id)
        ).order_by("province", "number", "letter")
    )


@dataclass
class ProvisionalResult:
    met: bool
    failing: list[Criterion] = field(default_factory=list)
    unanswered: list[Criterion] = field(default_factory=list)
    events_in_window: list = field(default_factory=list)


def provisional_result(dossier, version, criteria=None) -> ProvisionalResult:
    """Circular 124: a unit meets the standard only if it meets every criterion; one
    disqualifying event inside the evaluation window fails its criterion. Requirements and
    thresholds are met when the unit says so; a disqualifier, when no event is declared
    for it inside the window."""
    criteria = criteria if criteria is not None else criteria_for(dossier)
    route = CycleRoute.objects.get(cycle_id=dossier.cycle_id, unit_kind=dossier.unit.kind)
    answers = {a.criterion_id: a for a in version.assessments.all()}
    events = [
        e for e in version.events.all() if route.window_start <= e.occurred_on <= route.window_end
    ]
    hit = {e.criterion_id for e in events}
    result = ProvisionalResult(met=True, events_in_window=events)
    for criterion in criteria:
        if criterion.kind == CriterionKind.DISQUALIFIER:
            if criterion.pk in hit:
                result.failing.append(criterion)
            continue
        answer = answers.get(criterion.pk)
        if answer is None or answer.met is None:
            result.unanswered.append(criterion)
        elif not answer.met:
            result.failing.append(criterion)
    result.met = not result.failing and not result.unanswered
    return result


@dataclass
class CommuneRule:
    total: int
    registered: int
    recognised: int

    @property
    def registered_share(self) -> float:
        return 100.0 * self.registered / self.total if self.total else 0.0

    @property
    def recognised_share(self) -> float:
        return 100.0 * self.recognised / self.total if self.total else 0.0

    @property
    def met(self) -> bool:
        return (
            self.total > 0
            and self.registered_share >= COMMUNE_REGISTERED_SHARE
            and self.recognised_share >= COMMUNE_RECOGNISED_SHARE
        )


def commune_rule(dossier) -> CommuneRule | None:
    """Circular 124 (commune criterion 4): 100 % of the residential areas and
    organisations under the commune registered, and at least 70 % of them recognised.
    Computed from the children's dossiers on every read, so it is never stale."""
    if dossier.unit.kind != UnitKind.COMMUNE:
        return None
    children = (
        Unit.objects.filter(area__path__startswith=dossier.unit.area.path, active=True)
        .exclude(pk=dossier.unit_id)
        .exclude(kind=UnitKind.COMMUNE)
        .exclude(is_small_enterprise=True)
        .exclude(is_excluded_school=True)
        .exclude(is_armed_forces=True)
    )
    their_dossiers = Dossier.objects.filter(cycle_id=dossier.cycle_id, unit__in=children)
    return CommuneRule(
        total=children.count(),
        registered=their_dossiers.count(),
        recognised=their_dossiers.filter(status=DossierStatus.RECOGNISED).count(),
    )


POLICE_STEPS = [
    (RecognitionFlow.review_dossier, "review_area"),
    (RecognitionFlow.appraise_dossier, "appraise_area"),
]
COMMITTEE_STEPS = [(RecognitionFlow.await_decision, "decide_area")]
ROLE_STEPS = {  # (node, the dossier column naming the office that takes it)
    Role.REVIEWING_POLICE: POLICE_STEPS,
    Role.APPRAISING_POLICE: POLICE_STEPS,
    Role.COMMITTEE_STAFF: COMMITTEE_STEPS,
    Role.COMMITTEE_SIGNER: COMMITTEE_STEPS,
}
UNIT_HEAD_NODES = [RecognitionFlow.prepare_dossier, RecognitionFlow.supplement_dossier]


def actionable_dossiers(user):
    """Dossiers on which `user`'s role acts: a unit head's own units; for officers, those
    whose routed office (review, appraisal or decision area) is an area granted to them
    (workflows.recognition.permissions)."""
    acting = dossiers_in_jurisdiction(user, act=True)
    if user.role == Role.UNIT_HEAD:
        return acting.filter(unit__in=units_in_jurisdiction(user, act=True))
    steps = ROLE_STEPS.get(user.role)
    if not steps:
        return Dossier.objects.none()
    offices = granted_areas(user, act=True).values("pk")
    columns = {column for _, column in steps}
    return acting.filter(reduce(or_, (Q(**{f"{c}__in": offices}) for c in sorted(columns))))


def inbox_tasks(user):
    """Open tasks waiting for `user`: their role's steps, on dossiers whose routed office
    for that step is granted to them, unassigned or assigned to them. A fixed number of
    queries."""
    if user.role == Role.UNIT_HEAD:
        which = Q(
            flow_task__in=UNIT_HEAD_NODES,
            process__dossier__in=actionable_dossiers(user),
        )
    else:
        steps = ROLE_STEPS.get(user.role)
        if not steps:
            return Task.objects.none()
        offices = granted_areas(user, act=True).values("pk")
        which = reduce(
            or_,
            (
                Q(flow_task=node, **{f"process__dossier__{column}__in": offices})
                for node, column in steps
            ),
        )
    return (
        Task.objects.filter(which, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .filter(Q(owner__isnull=True) | Q(owner=user))
        .select_related("owner", "deadline", "process__dossier__unit", "process__dossier__cycle")
        .order_by("created")
    )
