"""People's Committee decisions (DOMAIN.md §1 "Decision and certificate"; Decree
30/2020/NĐ-CP for numbering): one decision, numbered per issuer and calendar year,
recognises many dossiers at once; a later decision can revoke a recognition. The decision
itself is the shared one (workflows.decisions); this module says what a recognition
decides: dossiers, through their flow's decision step."""

from django.core.exceptions import PermissionDenied
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed

from accounts.models import Role
from dossiers.jurisdiction import granted_area_ids
from dossiers.models import (
    AreaLevel,
    Decision,
    DecisionKind,
    Dossier,
    DossierStatus,
)
from dossiers.services import DomainError
from workflows import decisions
from workflows.transitions import DOSSIER_TRAIL

from ..flows import RecognitionFlow, RevocationFlow
from ..outcomes import recognition_blockers
from .core import CONFLICT_MESSAGE, Conflict

COMMITTEE_ROLES = (Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER)
COMMITTEE_SYMBOL = "QĐ-UBND"


def _ensure_committee(user, issuer):
    """A committee's staff of the issuing area itself (Art. 10 cl. 1–3, 5: the committee
    of the routed level decides; a higher level's staff read, not issue) — never for the
    Ministry: the Minister's decision (Art. 10 cl. 4) is numbered by the Ministry and only
    recorded here (workflows.recognition.services.recorded), even by someone granted the
    Ministry's area."""
    if user.role not in COMMITTEE_ROLES or issuer.pk not in granted_area_ids(user, act=True):
        raise PermissionDenied(f"Bạn không có thẩm quyền ban hành quyết định của {issuer}.")
    if issuer.level.code == AreaLevel.MINISTRY:
        raise DomainError(
            "Bộ trưởng Bộ Công an quyết định công nhận và Bộ đánh số quyết định (Thông tư "
            "124, Điều 10 khoản 4); tỉnh chỉ ghi nhận quyết định đã ban hành."
        )


def lock_dossiers(results) -> list:
    """`results` [(dossier, recognised, reason)] re-read under lock, reasons stripped: of
    two people deciding at once, the second waits and then finds the dossiers decided."""
    locked = {
        d.pk: d
        for d in Dossier.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=[d.pk for d, _, _ in results])
    }
    return [(locked[d.pk], ok, (reason or "").strip()) for d, ok, reason in results]


class Recognitions(decisions.DecisionSubjects):
    decision_kind = DecisionKind.RECOGNISE
    item_field = "dossier"
    none_chosen = "Vui lòng chọn ít nhất một hồ sơ."
    trail = DOSSIER_TRAIL
    decision_node = RecognitionFlow.await_decision

    def check_issuer(self, acting_user, issuer):
        _ensure_committee(acting_user, issuer)

    def lock_decidable(self, *, acting_user, issuer, results):
        """A dossier is recognised only when it meets every criterion (Circular 124,
        Art. 4–7: "khi đạt đủ các tiêu chí"): the police's latest verdicts all "đạt" and
        the commune rule (Art. 5 cl. 4) holding on the day of the decision
        (workflows.recognition.outcomes.recognition_blockers); one not recognised needs
        its reason."""
        results = lock_dossiers(results)
        problems = []
        blockers = recognition_blockers(d for d, ok, _ in results if ok)
        for dossier, recognised, reason in results:
            if dossier.decide_area_id != issuer.pk:
                problems.append(
                    f"Hồ sơ “{dossier.unit}” không thuộc thẩm quyền quyết định của {issuer}."
                )
            elif dossier.status != DossierStatus.PROPOSED:
                problems.append(f"Hồ sơ “{dossier.unit}” không ở trạng thái đề nghị công nhận.")
            elif not recognised and not reason:
                problems.append(f"Vui lòng ghi lý do không công nhận “{dossier.unit}”.")
            elif recognised and blockers[dossier.pk]:
                problems.append(
                    f"Không thể công nhận “{dossier.unit}”: {' '.join(blockers[dossier.pk])} "
                    "Chỉ có thể quyết định không công nhận, ghi rõ lý do."
                )
        if problems:
            raise DomainError(" ".join(problems))
        return decisions.Chosen(results=results, symbol=COMMITTEE_SYMBOL)

    def apply(self, *, acting_user, chosen, step, comment):
        """Each dossier recognised or not, the reason kept, one audit row each (`comment`
        followed by the reason). Shared by the committee's numbered decision and the
        Minister's decision the province records."""

        def change(recognised, reason):
            def apply_one(fresh):
                if recognised:
                    fresh.recognise()
                else:
                    fresh.not_recognise()
                fresh.result_reason = reason
                return comment + (f": {reason}" if reason else "")

            return apply_one

        decisions.complete_decision_steps(
            self,
            acting_user=acting_user,
            changes=[(d, change(ok, reason)) for d, ok, reason in chosen.results],
            step=step,
        )

    def lock_revocable(self, *, acting_user, issuer, subjects):
        # Re-read under lock: of two people revoking at once, the second finds it revoked.
        dossiers = list(
            Dossier.objects.select_for_update()
            .select_related("unit")
            .filter(pk__in={d.pk for d in subjects})
            .order_by("pk")
        )
        for dossier in dossiers:
            if dossier.decide_area_id != issuer.pk or dossier.status != DossierStatus.RECOGNISED:
                raise DomainError(f"Hồ sơ “{dossier.unit}” không có công nhận để thu hồi.")
        return dossiers, COMMITTEE_SYMBOL

    def revoke(self, *, acting_user, subjects, decision, reason):
        for dossier in subjects:

            def change(fresh):
                source = fresh.status
                fresh.revoke()
                fresh.result_reason = reason
                fresh.save()
                self.trail.record(
                    fresh,
                    user=acting_user,
                    step="revoke",
                    source=source,
                    comment=f"Quyết định số {decision.reference}: {reason}",
                )

            try:
                RevocationFlow.start.run(dossier=dossier, change=change)
            except (TransitionNotAllowed, ConcurrentTransition, FlowLockFailed) as exc:
                raise Conflict(CONFLICT_MESSAGE) from exc


RECOGNITIONS = Recognitions()


def decision_issue(*, acting_user, issuer, results: list, **signature) -> Decision:
    """Issue one decision for many proposed dossiers. `results` is [(dossier, recognised,
    reason)]; a dossier not recognised needs its reason, and one is recognised only when
    it meets every criterion (Recognitions.lock_decidable). `signature`: issued_on,
    signer_name, signer_title, authority, summary."""
    return decisions.decision_issue(
        RECOGNITIONS, acting_user=acting_user, issuer=issuer, results=results, **signature
    )


def decision_revoke(*, acting_user, issuer, dossiers: list, reason: str, **signature) -> Decision:
    """Revoke recognitions (thu hồi) by a later decision of the same committee, with a
    reason (DOMAIN.md §1)."""
    return decisions.decision_revoke(
        RECOGNITIONS,
        acting_user=acting_user,
        issuer=issuer,
        chosen=dossiers,
        reason=reason,
        **signature,
    )


__all__ = ["COMMITTEE_ROLES", "RECOGNITIONS", "decision_issue", "decision_revoke"]
