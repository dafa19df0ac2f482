"""Who hears of a nomination's step: the people whose inbox its next task lands in, and the
proposer when it is returned, sent back for a supplement or decided (issue 5: the same
notifications as dossiers). Runs in a Celery task after the step's commit."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications.models import Event
from notifications.services import notify_users, users_acting_in_area

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


def announce_nomination_transition(transition):
    nomination = transition.nomination
    link = f"/khen-thuong/{nomination.pk}/"
    tasks = Task.objects.filter(
        process_id=nomination.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    for task in tasks:
        notify_users(
            actors_of(nomination, task),
            event=Event.TASK,
            key=f"reward-task:{task.pk}",
            title=f"{task.flow_task.task_title}: {nomination}",
            body=f"{nomination} đang chờ bạn xử lý.",
            link=link,
        )
    event = STATUS_EVENTS.get(transition.step)
    if event:
        comment = f"\n{transition.comment}" if transition.comment else ""
        notify_users(
            [nomination.proposer],
            event=event,
            key=f"reward-transition:{transition.pk}",
            title=f"{nomination}: {transition.target_label()}",
            body=f"Đề nghị chuyển sang trạng thái “{transition.target_label()}”.{comment}",
            link=link,
        )
