"""Reads for the recognition pages: criteria, the provisional result, the commune rule,
and the inbox. All scoped through dossiers.jurisdiction."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Min, Q
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from dossiers.jurisdiction import (
    dossiers_in_jurisdiction,
    granted_area_ids,
    granted_areas,
    units_in_jurisdiction,
)
from dossiers.models import Criterion, CriterionKind, CycleRoute, Dossier
from workflows.deadlines import NODE_STEPS
from workflows.models import TaskDeadline, due_order

from .computed import commune_rule as commune_rule  # re-exported for the views
from .computed import computed_results
from .criteria import criteria_for, judged
from .flows import RecognitionFlow


@dataclass
class ProvisionalResult:
    met: bool
    failing: list[Criterion] = field(default_factory=list)
    unanswered: list[Criterion] = field(default_factory=list)
    events_in_window: list = field(default_factory=list)
    computed: dict = field(default_factory=dict)


def provisional_result(dossier, version, criteria=None) -> ProvisionalResult:
    """Circular 124 Art. 4–7 ("khi đạt đủ các tiêu chí sau"): a unit meets the standard only
    if it meets every criterion; one disqualifying event inside the evaluation window (Art.
    8 cl. 2) fails its point. Requirements are met when the unit says so; a computed
    criterion only when its figures are too (`computed.computed_results`: a tick cannot
    override failing figures); a disqualifier, when no event is declared for it inside the
    window. Headings are judged through their points."""
    criteria = criteria if criteria is not None else criteria_for(dossier)
    route = CycleRoute.objects.get(cycle_id=dossier.cycle_id, unit_kind=dossier.unit.kind)
    answers = {a.criterion_id: a for a in version.assessments.all()}
    events = [
        e for e in version.events.all() if route.window_start <= e.occurred_on <= route.window_end
    ]
    hit = {e.criterion_id for e in events}
    figures = computed_results(dossier, version, criteria)
    result = ProvisionalResult(met=True, events_in_window=events, computed=figures)
    for criterion in judged(criteria):
        if criterion.kind == CriterionKind.DISQUALIFIER:
            if criterion.pk in hit:
                result.failing.append(criterion)
            continue
        answer = answers.get(criterion.pk)
        if criterion.pk in figures and not figures[criterion.pk].met:
            result.failing.append(criterion)
        elif answer is None or answer.met is None:
            result.unanswered.append(criterion)
        elif not answer.met:
            result.failing.append(criterion)
    result.met = not result.failing and not result.unanswered
    return result


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


def inbox_summary(user, tasks, offices: list[int], taken: list[int] | None = None) -> dict:
    """{"total", "overdue", "nearest"}: how many of the inbox's steps wait, how many are
    past their due date, the nearest due date. An officer's are counted from the open
    steps at their offices (`deadline_office_open`: area, step, due date), an index scan
    however many dossiers the province holds, less the steps a colleague has taken
    (`taken`: `taken_by_colleagues`); a unit head's few from the inbox itself. A step
    whose cycle sets no due date is counted, never late."""
    today = timezone.localdate()
    if not ROLE_STEPS.get(user.role):
        return tasks.order_by().aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(deadline__due_date__lt=today)),
            nearest=Min("deadline__due_date"),
        )
    taken = taken_by_colleagues(user, offices) if taken is None else taken
    mine = office_steps(user, offices).exclude(task_id__in=taken)
    # COUNT(*), not of the id: the index alone answers.
    late = Q(due_date__lt=today)
    return mine.aggregate(
        total=Count("*"), overdue=Count("due_date", filter=late), nearest=Min("due_date")
    )


def _at_offices(user, offices: list[int], prefix: str = "") -> Q:
    """Open recognition steps waiting at `offices` for the user's role, on TaskDeadline
    (`prefix` "deadline__" from a Task): the office is written on each step when it opens,
    from the dossier's routed area for that step (workflows.deadlines.open_deadlines)."""
    names = [NODE_STEPS[node.name] for node, _ in ROLE_STEPS.get(user.role, [])]
    fields = {"finished_on__isnull": True, "cycle__isnull": False}
    fields |= {"area_id__in": offices, "step__in": names}
    return Q(**{prefix + name: value for name, value in fields.items()})


def office_steps(user, offices: list[int]):
    """The open recognition steps waiting at the user's offices for their role."""
    return TaskDeadline.objects.filter(_at_offices(user, offices))


def taken_by_colleagues(user, offices: list[int]) -> list[int]:
    """The ids of the steps at the user's offices another officer has taken (viewflow
    assigns a review back to the reviewer who asked for a supplement): few, read through
    the partial index `task_assigned`. Empty for a unit head, without a query."""
    if not ROLE_STEPS.get(user.role) or not offices:
        return []
    taken = office_steps(user, offices).filter(task__status=STATUS.ASSIGNED)
    return list(taken.exclude(task__owner=user).values_list("task_id", flat=True))


def acting_offices(user) -> list[int]:
    """The ids of the areas whose office the user acts for (granted to them, in force)."""
    return granted_area_ids(user, act=True)


INBOX_ORDER = ["due_order", "pk"]  # the nearest due date first, undated steps last


def inbox_tasks(user, offices: list[int] | None = None, taken: list[int] | None = None):
    """Open tasks waiting for `user`: their role's steps, on dossiers whose routed office
    for that step is granted to them, unassigned or assigned to them; annotated with
    `due_order` and ordered by INBOX_ORDER. A fixed number of queries. `offices`:
    `acting_offices(user)`, `taken`: `taken_by_colleagues(user, offices)`, when the caller
    has read them.

    An officer's steps are the open steps at their offices (`office_steps`) less those a
    colleague has taken, filtered on the step rows alone: the page walks the index
    `deadline_office_queue` (office, due order, step) in order and reads each row's task
    by its key — 50 rows whether the office holds ten dossiers or a province's thousands.
    An open step row is an open task (workflows.steps and workflows.bulk close both in one
    transaction), so the task's status needs no second filter."""
    if user.role == Role.UNIT_HEAD:
        tasks = Task.objects.filter(
            flow_task__in=UNIT_HEAD_NODES,
            process__dossier__in=actionable_dossiers(user),
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        ).filter(Q(owner__isnull=True) | Q(owner=user))
    else:
        offices = acting_offices(user) if offices is None else offices
        taken = taken_by_colleagues(user, offices) if taken is None else taken
        tasks = Task.objects.filter(_at_offices(user, offices, "deadline__"))
        tasks = tasks.exclude(pk__in=taken)
    return (
        tasks.annotate(due_order=due_order("deadline__due_date"))
        .select_related("owner", "deadline", "process__dossier__unit", "process__dossier__cycle")
        .only(*ROW_FIELDS)
        .order_by(*INBOX_ORDER)
    )


# What a row of the inbox shows and links to (templates/recognition/inbox.html,
# workflows.home.task_action, recognition_tags.step_title and due): a dossier row is
# wide, and building 50 of them whole was a third of the page's time.
ROW_FIELDS = [
    "flow_task",
    "flow_task_type",
    "status",
    "created",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "deadline",
    "process__flow_class",
    "process__status",
    "process__dossier__status",
    "process__dossier__decided_by_minister",
    "process__dossier__appraise_area",
    "process__dossier__unit__name",
    "process__dossier__cycle__year",
]
