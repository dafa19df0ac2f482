"""Who hears of a nomination's step: the people whose inbox its next task lands in, and the
proposer when it is returned, sent back for a supplement or decided (issue 5: the same
notifications as dossiers); who is reminded of a step's due date and whom an overdue step
is reported to. Registered with the notifications (notifications.registry) in
workflows/apps.py; their one announcer runs in a Celery task after the step's commit."""

from django.core.exceptions import ObjectDoesNotExist

from dossiers.models import NominationTransition
from notifications.models import Event
from notifications.registry import Flow
from notifications.services import users_acting_in_area

from .permissions import step_roles

STATUS_EVENTS = {
    "appraise_supplement": Event.SUPPLEMENT,
    "appraise_return": Event.REFUSED,
    "appraise_forward": Event.FORWARDED,
    "vote": Event.FORWARDED,
    "decide": Event.DECIDED,
}


def actors_of(nomination, task):
    name = task.flow_task.name
    if name in ("prepare_nomination", "supplement_nomination"):
        return [nomination.proposer]
    if name in ("appraise_nomination", "record_vote"):
        return users_acting_in_area(nomination.appraise_area_id, step_roles(nomination, "appraise"))
    if name == "await_decision":
        return users_acting_in_area(nomination.decide_area_id, step_roles(nomination, "decide"))
    return []


def _deadline_nomination(deadline):
    try:
        return deadline.task.process.nomination
    except ObjectDoesNotExist:
        return None


def _step_supervisors(nomination, deadline, people):
    """An overdue step is reported to the same body's level above."""
    step = "decide" if deadline.step == "decide" else "appraise"
    parent_id = deadline.area.parent_id or deadline.area_id
    return people(parent_id, step_roles(nomination, step))


FLOW = Flow(
    name="rewards",
    transition=lambda pk: (
        NominationTransition.objects.select_related("nomination__form", "nomination__proposer")
        .filter(pk=pk)
        .first()
    ),
    record=lambda transition: transition.nomination,
    link=lambda nomination: f"/khen-thuong/{nomination.pk}/",
    key_prefix="reward-",
    noun="Đề nghị",
    actors=actors_of,
    task_title=lambda nomination, task: f"{task.flow_task.task_title}: {nomination}",
    task_body=lambda nomination, task: f"{nomination} đang chờ bạn xử lý.",
    status_events=STATUS_EVENTS,
    watchers=lambda nomination: [nomination.proposer],
    deadline_record=_deadline_nomination,
    subject=str,
    step_actors=lambda nomination, deadline, people: actors_of(nomination, deadline.task),
    step_supervisors=_step_supervisors,
    deadline_related=("task__process__nomination__form", "task__process__nomination__proposer"),
)
