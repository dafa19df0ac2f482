"""People's Committee decisions (DOMAIN.md §1 "Decision and certificate"; Decree
30/2020/NĐ-CP for numbering): one decision, numbered per issuer and calendar year,
recognises many dossiers at once; a later decision can revoke a recognition."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from dossiers.decisions import decision_create
from dossiers.jurisdiction import areas_in_jurisdiction
from dossiers.models import (
    AreaLevel,
    Decision,
    DecisionItem,
    DecisionKind,
    Dossier,
    DossierStatus,
    DossierTransition,
)
from dossiers.services import DomainError
from notifications.tasks import announce
from workflows.deadlines import close_deadlines

from ..flows import RecognitionFlow, RevocationFlow
from ..outcomes import recognition_blockers
from .core import CONFLICT_MESSAGE, Conflict, record_transition

COMMITTEE_ROLES = (Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER)


def _ensure_committee(user, issuer):
    """A committee's staff of the issuing area (Art. 10 cl. 1–3, 5) — never for the
    Ministry: the Minister's decision (Art. 10 cl. 4) is numbered by the Ministry and only
    recorded here (workflows.recognition.services.recorded), even by someone granted the
    Ministry's area."""
    if user.role not in COMMITTEE_ROLES or not (
        areas_in_jurisdiction(user, act=True).filter(pk=issuer.pk).exists()
    ):
        raise PermissionDenied(f"Bạn không có thẩm quyền ban hành quyết định của {issuer}.")
    if issuer.level.code == AreaLevel.MINISTRY:
        raise DomainError(
            "Bộ trưởng Bộ Công an quyết định công nhận và Bộ đánh số quyết định (Thông tư "
            "124, Điều 10 khoản 4); tỉnh chỉ ghi nhận quyết định đã ban hành."
        )


def decide_dossiers(*, acting_user, results, step: str, comment: str):
    """Complete the decision step of each dossier in `results` [(dossier, recognised,
    reason)] — recognised or not, the reason kept — in the caller's transaction, with one
    audit row each (`step`, `comment` followed by the reason). Shared by the committee's
    numbered decision and the Minister's decision the province records."""
    tasks = {
        task.process_id: task
        for task in Task.objects.filter(
            flow_task=RecognitionFlow.await_decision,
            status=STATUS.NEW,
            process_id__in=[d.process_id for d, _, _ in results],
        ).select_related("process")
    }
    history = []
    for dossier, recognised, raw_reason in results:
        task = tasks.get(dossier.process_id)
        if task is None:
            raise Conflict(CONFLICT_MESSAGE)
        reason = raw_reason.strip()

        def change(fresh, recognised=recognised, reason=reason):
            source = fresh.status
            if recognised:
                fresh.recognise()
            else:
                fresh.not_recognise()
            fresh.result_reason = reason
            fresh.save()
            history.append(
                DossierTransition(
                    dossier=fresh,
                    actor=acting_user,
                    role=acting_user.role,
                    step=step,
                    source=source,
                    target=fresh.status,
                    comment=comment + (f": {reason}" if reason else ""),
                )
            )

        try:
            RecognitionFlow.await_decision.run(task, change=change)
        except (TransitionNotAllowed, ConcurrentTransition, FlowLockFailed) as exc:
            raise Conflict(CONFLICT_MESSAGE) from exc
    close_deadlines([task.pk for task in tasks.values()])
    for transition in DossierTransition.objects.bulk_create(history):
        announce.delay_on_commit(transition.pk)


@transaction.atomic
def decision_issue(
    *,
    acting_user,
    issuer,
    results: list,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    authority: str,
    summary: str,
) -> Decision:
    """Issue one decision for many proposed dossiers. `results` is [(dossier, recognised,
    reason)]; a dossier not recognised needs its reason. A dossier is recognised only when
    it meets every criterion (Circular 124, Art. 4–7: "khi đạt đủ các tiêu chí"): the
    police's latest verdicts all "đạt" and the commune rule (Art. 5 cl. 4) holding on the
    day of the decision (workflows.recognition.outcomes.recognition_blockers)."""
    _ensure_committee(acting_user, issuer)
    # Re-read under lock: of two committees' staff deciding at once, the second waits and
    # then finds the dossiers decided.
    locked = {
        d.pk: d
        for d in Dossier.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=[d.pk for d, _, _ in results])
    }
    results = [(locked[d.pk], ok, reason) for d, ok, reason in results]
    if not results:
        raise DomainError("Vui lòng chọn ít nhất một hồ sơ.")
    problems = []
    blockers = recognition_blockers(d for d, ok, _ in results if ok)
    for dossier, recognised, reason in results:
        if dossier.decide_area_id != issuer.pk:
            problems.append(
                f"Hồ sơ “{dossier.unit}” không thuộc thẩm quyền quyết định của {issuer}."
            )
        elif dossier.status != DossierStatus.PROPOSED:
            problems.append(f"Hồ sơ “{dossier.unit}” không ở trạng thái đề nghị công nhận.")
        elif not recognised and not reason.strip():
            problems.append(f"Vui lòng ghi lý do không công nhận “{dossier.unit}”.")
        elif recognised and blockers[dossier.pk]:
            problems.append(
                f"Không thể công nhận “{dossier.unit}”: {' '.join(blockers[dossier.pk])} "
                "Chỉ có thể quyết định không công nhận, ghi rõ lý do."
            )
    if problems:
        raise DomainError(" ".join(problems))
    decision = decision_create(
        user=acting_user,
        issuer=issuer,
        kind=DecisionKind.RECOGNISE,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        authority=authority,
        summary=summary,
    )
    DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, dossier=d, recognised=ok, reason=reason.strip())
        for d, ok, reason in results
    )
    decide_dossiers(
        acting_user=acting_user,
        results=results,
        step="decide",
        comment=f"Quyết định số {decision.reference}",
    )
    return decision


@transaction.atomic
def decision_revoke(
    *,
    acting_user,
    issuer,
    dossiers: list,
    reason: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str,
    authority: str,
    summary: str,
) -> Decision:
    """Revoke recognitions (thu hồi) by a later decision of the same committee, with a
    reason (DOMAIN.md §1)."""
    _ensure_committee(acting_user, issuer)
    reason = reason.strip()
    if not reason:
        raise DomainError("Vui lòng ghi rõ lý do thu hồi.")
    if not dossiers:
        raise DomainError("Vui lòng chọn ít nhất một hồ sơ.")
    # Re-read under lock: of two people revoking at once, the second finds it revoked.
    dossiers = list(
        Dossier.objects.select_for_update()
        .select_related("unit")
        .filter(pk__in={d.pk for d in dossiers})
        .order_by("pk")
    )
    for dossier in dossiers:
        if dossier.decide_area_id != issuer.pk or dossier.status != DossierStatus.RECOGNISED:
            raise DomainError(f"Hồ sơ “{dossier.unit}” không có công nhận để thu hồi.")
    decision = decision_create(
        user=acting_user,
        issuer=issuer,
        kind=DecisionKind.REVOKE,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        authority=authority,
        summary=summary,
        reason=reason,
    )
    DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, dossier=d, recognised=False, reason=reason)
        for d in dossiers
    )
    for dossier in dossiers:

        def change(fresh):
            source = fresh.status
            fresh.revoke()
            fresh.result_reason = reason
            fresh.save()
            record_transition(
                dossier=fresh,
                user=acting_user,
                step="revoke",
                source=source,
                comment=f"Quyết định số {decision.reference}: {reason}",
            )

        try:
            RevocationFlow.start.run(dossier=dossier, change=change)
        except (TransitionNotAllowed, ConcurrentTransition, FlowLockFailed) as exc:
            raise Conflict(CONFLICT_MESSAGE) from exc
    return decision
