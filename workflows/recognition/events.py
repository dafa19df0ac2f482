"""Who hears of a step (issue 4 §4): the people whose inbox a new task lands in, and the
unit's heads when their dossier is returned, forwarded, refused or decided; who is reminded
of a step's due date and whom an overdue step is reported to. Registered with the
notifications (notifications.registry) in workflows/apps.py; their one announcer runs in a
Celery task after the step's transaction commits (DESIGN.md "Deadlines")."""

from django.db.models import Q

from accounts.models import Role, User
from dossiers.jurisdiction import ACT_FOR_UNIT
from dossiers.models import DossierTransition
from notifications.models import Event
from notifications.registry import Flow
from notifications.services import users_acting_in_area

from .outcomes import step_title
from .permissions import STEP_ROLES, decision_step, step_area_id

NODE_PERMISSION_STEP = {
    "prepare_dossier": "prepare",
    "supplement_dossier": "prepare",
    "review_dossier": "review",
    "appraise_dossier": "appraise",
    "await_decision": "decide",
}
STATUS_EVENTS = {
    "review_supplement": Event.SUPPLEMENT,
    "review_forward": Event.FORWARDED,
    "appraise_propose": Event.FORWARDED,
    "review_refuse": Event.REFUSED,
    "appraise_not_met": Event.DECIDED,
    "decide": Event.DECIDED,
    "record_decision": Event.DECIDED,
    "revoke": Event.DECIDED,
}


# Whom an overdue step is reported to: the office above the one that should have acted.
SUPERVISOR_ROLE = {
    "review": Role.APPRAISING_POLICE,
    "appraise": Role.APPRAISING_POLICE,
    "decide": Role.COMMITTEE_SIGNER,
    "submit": Role.REVIEWING_POLICE,
    "supplement": Role.REVIEWING_POLICE,
}


def unit_heads(unit):
    return User.objects.filter(
        Q(
            unituserpermission__content_object=unit,
            unituserpermission__permission__codename=ACT_FOR_UNIT,
        )
        | Q(
            groups__unitgrouppermission__content_object=unit,
            groups__unitgrouppermission__permission__codename=ACT_FOR_UNIT,
        ),
        role=Role.UNIT_HEAD,
        is_active=True,
    ).distinct()


def _actors(dossier, task):
    if task.owner_id:
        return [task.owner]
    step = NODE_PERMISSION_STEP.get(task.flow_task.name)
    if step is None:
        return []
    if step == "prepare":
        return list(unit_heads(dossier.unit))
    if step == "decide":  # the provincial police record what the Minister decided
        step = decision_step(dossier)
    return list(users_acting_in_area(step_area_id(dossier, step), STEP_ROLES[step]))


def _task_body(dossier, task) -> str:
    deadline = getattr(task, "deadline", None)
    due = f" Hạn xử lý: {deadline.due_date:%d/%m/%Y}." if deadline and deadline.due_date else ""
    return f"Hồ sơ của {dossier.unit} năm {dossier.cycle.year} đang chờ bạn xử lý.{due}"


def _step_actors(dossier, deadline, people):
    step = "prepare" if deadline.step in ("submit", "supplement") else deadline.step
    return people(deadline.area_id, STEP_ROLES[step])


def _step_supervisors(dossier, deadline, people):
    parent_id = deadline.area.parent_id or deadline.area_id
    return people(parent_id, [SUPERVISOR_ROLE[deadline.step]])


FLOW = Flow(
    name="recognition",
    transition=lambda pk: (
        DossierTransition.objects.select_related("dossier__unit").filter(pk=pk).first()
    ),
    record=lambda transition: transition.dossier,
    link=lambda dossier: f"/ho-so/{dossier.pk}/",
    key_prefix="",
    noun="Hồ sơ",
    actors=_actors,
    task_title=lambda dossier, task: f"{step_title(dossier, task.flow_task.name)}: {dossier.unit}",
    task_body=_task_body,
    task_related=("owner", "deadline"),
    status_events=STATUS_EVENTS,
    watchers=lambda dossier: unit_heads(dossier.unit),
    deadline_record=lambda deadline: getattr(deadline.task.process, "dossier", None),
    subject=lambda dossier: str(dossier.unit),
    step_actors=_step_actors,
    step_supervisors=_step_supervisors,
    deadline_related=("task__process__dossier__unit",),
)
