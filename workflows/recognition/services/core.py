"""The step runner every recognition service uses (DESIGN.md "one writer")."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.models import Dossier, DossierTransition
from dossiers.services import DomainError
from notifications.tasks import announce
from workflows.deadlines import close_deadlines, open_deadlines

from ..flows import RecognitionFlow
from ..permissions import ensure_can_act

CONFLICT_MESSAGE = (
    "Hồ sơ vừa được người khác xử lý ở bước này. Vui lòng tải lại trang để xem trạng thái mới."
)


class Conflict(DomainError):
    """Someone else completed the step first."""


def record_transition(*, dossier, user, step, source, comment="") -> DossierTransition:
    """The audit row, in the step's transaction; the people concerned hear of it after
    the commit (notifications.tasks.announce)."""
    transition = DossierTransition.objects.create(
        dossier=dossier,
        actor=user,
        role=getattr(user, "role", ""),
        step=step,
        source=source,
        target=dossier.status,
        comment=comment,
    )
    announce.delay_on_commit(transition.pk)
    return transition


def complete_step(
    *,
    dossier: Dossier,
    nodes,
    user,
    step: str,
    audit_step: str,
    change: Callable[[Dossier], None],
    comment="",
) -> Dossier:
    """Complete the open task of `nodes` on `dossier` as `user`, applying `change` (exactly
    one transition) to a fresh, locked copy of the dossier. `step` names the permission
    (permissions.STEP_ROLES), `audit_step` what the history shows."""
    ensure_can_act(user, dossier, step)
    try:
        with RecognitionFlow.lock(dossier.process_id):
            task = (
                Task.objects.filter(
                    process_id=dossier.process_id,
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
            fresh = Dossier.objects.select_related("unit", "cycle").get(pk=dossier.pk)
            task.process.dossier = fresh  # the gateways after this step read the new state
            activation = task.flow_task.activation_class(task)
            if task.status == STATUS.NEW:
                activation.assign(user)
            activation.start(None)
            source = fresh.status
            change(fresh)
            fresh.save()
            close_deadlines([task.pk])
            activation.execute()
            open_deadlines(fresh, resumed_after_supplement=audit_step == "resubmit")
            record_transition(
                dossier=fresh, user=user, step=audit_step, source=source, comment=comment
            )
    except (FlowLockFailed, ConcurrentTransition, TransitionNotAllowed) as exc:
        raise Conflict(CONFLICT_MESSAGE) from exc
    return fresh
