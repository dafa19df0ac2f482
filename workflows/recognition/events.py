"""Who hears of a step (issue 4 §4): the people whose inbox a new task lands in, and the
unit's heads when their dossier is returned, forwarded, refused or decided. Runs in a
Celery task after the step's transaction commits (DESIGN.md "Deadlines")."""

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role, User
from dossiers.models import DossierTransition
from notifications.models import Event
from notifications.services import notify_users, users_acting_in_area

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


def unit_heads(unit):
    from accounts.selectors import ACT_FOR_UNIT

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


def announce_transition(transition: DossierTransition):
    dossier = transition.dossier
    link = f"/ho-so/{dossier.pk}/"
    tasks = Task.objects.filter(
        process_id=dossier.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).select_related("owner", "deadline")
    for task in tasks:
        deadline = getattr(task, "deadline", None)
        due = f" Hạn xử lý: {deadline.due_date:%d/%m/%Y}." if deadline else ""
        notify_users(
            _actors(dossier, task),
            event=Event.TASK,
            key=f"task:{task.pk}",
            title=f"{step_title(dossier, task.flow_task.name)}: {dossier.unit}",
            body=f"Hồ sơ {dossier} đang chờ bạn xử lý.{due}",
            link=link,
        )
    event = STATUS_EVENTS.get(transition.step)
    if event:
        comment = f"\n{transition.comment}" if transition.comment else ""
        notify_users(
            unit_heads(dossier.unit),
            event=event,
            key=f"transition:{transition.pk}",
            title=f"{dossier}: {transition.target_label()}",
            body=f"Hồ sơ chuyển sang trạng thái “{transition.target_label()}”.{comment}",
            link=link,
        )
