"""The one way a human step completes, for every flow (DESIGN.md "State: one writer").

Under the flow's lock and in one transaction: take the step's open task with a fresh copy
of the business object — one statement locks the task, the process row (the flow's own
lock) and the object, NOWAIT, retried as viewflow retries (`workflows.locking`) — refuse
it if another officer holds it, call `change` (exactly one FSM transition), save the fields
it changed, close the step's deadline and complete the task so viewflow opens the next
one. Two officers acting at once get one success and one `Conflict`.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.services import DomainError

from .compiled import Compiled
from .deadlines import close_deadlines
from .locking import locked_read
from .opened import opened_tasks

CONFLICT_MESSAGE = (
    "Hồ sơ vừa được người khác xử lý ở bước này. Vui lòng tải lại trang để xem trạng thái mới."
)


class Conflict(DomainError):
    """Someone else completed the step first."""


@dataclass(frozen=True)
class Subject:
    """The business object a step changes: the process's reverse accessor to it (`link`,
    "dossier"), its id, and the relations read with it (`related`, e.g. ("unit", "cycle"))."""

    link: str
    pk: int
    related: tuple[str, ...] = ()

    def joins(self) -> list[str]:
        return [f"process__{self.link}", *(f"process__{self.link}__{r}" for r in self.related)]


# Stand-ins for the process id and the subject's id in the compiled read (no row has them).
_PROCESS, _SUBJECT = -914_000_001, -914_000_002


@functools.cache
def _open_task_read(nodes: tuple, link: str, related: tuple) -> Compiled:
    """The step's open task of `nodes`, with its process and subject (the process's
    `link` to it, and the subject's `related`), the three locked FOR UPDATE NOWAIT —
    compiled once per step kind, in the lock's transaction (workflows.compiled);
    `.first(process_id, subject_pk)` runs it."""
    return Compiled(
        Task.objects.filter(
            process_id=_PROCESS,
            flow_task__in=nodes,
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
            # On the subject's own id, so the join to it is an inner one (lockable).
            **{f"process__{link}__pk": _SUBJECT},
        )
        # Not the owner: it is the acting user but when the step is refused (read then).
        .select_related("process", *Subject(link, _SUBJECT, related).joins())
        .select_for_update(nowait=True, of=("self", "process", f"process__{link}")),
        (_PROCESS, _SUBJECT),
    )


def _stored(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _changed(obj, before: dict) -> list[str]:
    """The fields `change` set (the transition's status with them), and any the model sets
    on every save (auto_now): the UPDATE writes these, not the whole row — the same row as
    a full save, without rewriting what nobody touched (and the database re-deriving it:
    the dossier's scope, dossiers/models/scope.py)."""
    return [
        f.name
        for f in obj._meta.concrete_fields
        if not f.primary_key
        and (getattr(f, "auto_now", False) or getattr(obj, f.attname) != before[f.attname])
    ]


def complete_human_task(
    *,
    flow,
    process_id: int,
    nodes,
    user,
    subject: Subject,
    change: Callable[[object], None],
    after: Callable[[object, str, list], None],
):
    """Returns the fresh object. `subject` names the business object (see `Subject`);
    `after(fresh, source, opened)` records the audit row and the next steps' deadlines in
    the same transaction, `opened` being the tasks the step opened (`opened_tasks`). The
    lock is the outermost transaction: a busy lock is retried in a new one, which a
    surrounding transaction would break."""

    def read():
        compiled = _open_task_read(tuple(nodes), subject.link, subject.related)
        return compiled.first(process_id, subject.pk)

    try:
        with locked_read(flow, process_id, read) as task:
            if task is None:
                raise Conflict(CONFLICT_MESSAGE)
            if task.owner_id not in (None, user.pk):
                raise PermissionDenied(f"Việc này đã được giao cho cán bộ {task.owner}.")
            fresh = getattr(task.process, subject.link)  # the gateways read it from there
            if task.status == STATUS.NEW:
                # What the activation's `assign` does, written once with the completion
                # below rather than in an UPDATE of its own.
                task.owner, task.status = user, STATUS.ASSIGNED
            elif task.owner_id == user.pk:
                task.owner = user  # the owner's row, not joined in the read
            activation = task.flow_task.activation_class(task)
            activation.start(None)
            source = fresh.status
            before = _stored(fresh)
            change(fresh)
            fresh.save(update_fields=_changed(fresh, before))
            close_deadlines([task.pk])
            with opened_tasks() as opened:
                activation.execute()
            after(fresh, source, opened)
            return fresh
    except (FlowLockFailed, ConcurrentTransition, TransitionNotAllowed) as exc:
        raise Conflict(CONFLICT_MESSAGE) from exc
