"""The step runner every recognition service uses (DESIGN.md "one writer").

CONFLICT_MESSAGE and Conflict are re-exported for the services' callers."""

from collections.abc import Callable

from dossiers.inserts import insert_rows
from dossiers.models import Dossier, DossierStatus, DossierTransition, DossierVersion
from dossiers.services import DomainError
from workflows.deadlines import open_deadlines
from workflows.steps import CONFLICT_MESSAGE, Conflict, Subject, complete_human_task
from workflows.transitions import DOSSIER_TRAIL

from ..flows import RecognitionFlow
from ..permissions import ensure_can_act


def draft_version(dossier) -> DossierVersion:
    """The version the unit is still editing; frozen versions cannot change."""
    version = dossier.versions.order_by("-number").first()
    if (
        version is None
        or version.frozen
        or dossier.status
        not in (
            DossierStatus.REGISTERED,
            DossierStatus.SUPPLEMENT_REQUESTED,
        )
    ):
        raise DomainError("Hồ sơ đã nộp, không thể sửa. Chỉ sửa được khi được yêu cầu bổ sung.")
    return version


def record_transition(*, dossier, user, step, source, comment="") -> DossierTransition:
    """The audit row, in the step's transaction; the people concerned hear of it after
    the commit (workflows.transitions)."""
    return DOSSIER_TRAIL.record(dossier, user=user, step=step, source=source, comment=comment)


def complete_step(
    *,
    dossier: Dossier,
    nodes,
    user,
    step: str,
    audit_step: str,
    change: Callable[[Dossier], None],
    comment="",
    permission_checked: bool = False,
) -> Dossier:
    """Complete the open task of `nodes` on `dossier` as `user`, applying `change` (exactly
    one transition). `step` names the permission (permissions.STEP_ROLES), `audit_step`
    what the history shows. `permission_checked`: the calling service has just checked
    the same permission on the same dossier (before any rule spoke of it), so it is not
    asked twice."""
    if not permission_checked:
        ensure_can_act(user, dossier, step)

    def after(fresh, source, opened):
        """The next steps' deadlines and the audit row, written in one statement."""
        resumed = audit_step == "resubmit"
        deadlines = open_deadlines(
            fresh, resumed_after_supplement=resumed, opened=opened, write=False
        )
        transition = DOSSIER_TRAIL.build(
            fresh, user=user, step=audit_step, source=source, comment=comment
        )
        insert_rows([*deadlines, transition])
        DOSSIER_TRAIL.written(transition)

    return complete_human_task(
        flow=RecognitionFlow,
        process_id=dossier.process_id,
        nodes=nodes,
        user=user,
        subject=Subject("dossier", dossier.pk, ("unit", "cycle")),
        change=change,
        after=after,
    )


__all__ = ["CONFLICT_MESSAGE", "Conflict", "complete_step", "record_transition"]
