"""One announcer for every workflow (issue 4 §4): after a transition commits, the people
whose inbox a new task lands in hear of it, and the record's watchers (a unit's heads, a
nomination's proposer) hear of a status change. What differs between the flows — links,
titles, who acts — comes from their registered `Flow` (notifications.registry)."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .models import Event
from .registry import Flow
from .services import notify_users


def announce_transition(flow: Flow, transition):
    """Idempotent: the notifications' keys derive from the tasks and the transition."""
    record = flow.record(transition)
    link = flow.link(record)
    tasks = Task.objects.filter(
        process_id=record.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).select_related(*flow.task_related)
    for task in tasks:
        notify_users(
            flow.actors(record, task),
            event=Event.TASK,
            key=f"{flow.key_prefix}task:{task.pk}",
            title=flow.task_title(record, task),
            body=flow.task_body(record, task),
            link=link,
        )
    event = flow.status_events.get(transition.step)
    if event:
        comment = f"\n{transition.comment}" if transition.comment else ""
        notify_users(
            flow.watchers(record),
            event=event,
            key=f"{flow.key_prefix}transition:{transition.pk}",
            title=f"{record}: {transition.target_label()}",
            body=f"{flow.noun} chuyển sang trạng thái “{transition.target_label()}”.{comment}",
            link=link,
        )
