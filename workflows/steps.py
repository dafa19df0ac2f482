"""The one way a human step completes, for every flow (DESIGN.md "State: one writer").

Under the flow's lock (SELECT … FOR UPDATE on the process row) and in one transaction:
take the step's open task, refuse it if another officer holds it, load a fresh copy of the
business object, call `change` (exactly one FSM transition), save it, close the step's
deadline and complete the task so viewflow opens the next one. Two officers acting at once
get one success and one `Conflict`.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.services import DomainError

from .deadlines import close_deadlines

CONFLICT_MESSAGE = (
    "Hồ sơ vừa được người khác xử lý ở bước này. Vui lòng tải lại trang để xem trạng thái mới."
)


class Conflict(DomainError):
    """Someone else completed the step first."""


def complete_human_task(
    *,
    flow,
    process_id: int,
    nodes,
    user,
    load: Callable[[], object],
    link: str,
    change: Callable[[object], None],
    after: Callable[[object, str], None],
):
    """Returns the fresh object. `link` names the process's reverse accessor to the
    object, so the gateways after the step read the new state; `after(fresh, source)`
    records the audit row and the next steps' deadlines in the same transaction. The lock
    is the outermost transaction: viewflow retries a busy lock, which a surrounding
    transaction would break."""
    try:
        with flow.lock(process_id):
            task = (
                Task.objects.filter(
                    process_id=process_id,
                    flow_task__in=nodes,
                    status__in=[STATUS.NEW, STATUS.ASSIGNED],
                )
                .select_related("process", "owner")
                .select_for_update(of=("self",))
                .first()
            )
            if task is None:
                raise Conflict(CONFLICT_MESSAGE)
            if task.owner_id not in (None, user.pk):
                raise PermissionDenied(f"Việc này đã được giao cho cán bộ {task.owner}.")
            fresh = load()
            setattr(task.process, link, fresh)
            if task.status == STATUS.NEW:
                # What the activation's `assign` does, written once with the completion
                # below rather than in an UPDATE of its own.
                task.owner, task.status = user, STATUS.ASSIGNED
            activation = task.flow_task.activation_class(task)
            activation.start(None)
            source = fresh.status
            change(fresh)
            fresh.save()
            close_deadlines([task.pk])
            activation.execute()
            after(fresh, source)
            return fresh
    except (FlowLockFailed, ConcurrentTransition, TransitionNotAllowed) as exc:
        raise Conflict(CONFLICT_MESSAGE) from exc
