"""The appraising office's step (DOMAIN.md §3): forward, ask once for a supplement, or
return an ineligible nomination."""

from dossiers.services import DomainError
from workflows import deadlines

from ..flows import RewardFlow
from ..permissions import ensure_can_act
from .core import complete_step

APPRAISAL_OUTCOMES = {
    "forward": "Đủ điều kiện — trình Hội đồng",
    "supplement": "Yêu cầu bổ sung (một lần)",
    "return": "Trả lại: không đủ điều kiện",
}


def nomination_appraise(*, acting_user, nomination, outcome: str, comment: str = ""):
    """Appraisal by the office the form names (DOMAIN.md §3): forward to the council (within
    the form's `appraise_working_days`, 20, from the complete dossier), or — within its
    `return_working_days`, 5, from receipt — ask once for a supplement or return an
    ineligible nomination with its reason. The date of that return is kept, so the page
    can tell early, on time or late (the return is never refused for being late)."""
    ensure_can_act(acting_user, nomination, "appraise")  # before any rule speaks of it
    comment = comment.strip()
    if outcome not in APPRAISAL_OUTCOMES:
        raise DomainError("Vui lòng chọn kết quả thẩm định.")
    if outcome == "supplement" and nomination.supplement_requests:
        raise DomainError("Chỉ được yêu cầu bổ sung một lần.")
    if outcome in ("supplement", "return") and not comment:
        raise DomainError("Vui lòng ghi rõ lý do hoặc nội dung cần bổ sung.")

    def change(fresh):
        if outcome == "forward":
            fresh.appraise()
            return
        if outcome == "supplement":
            fresh.request_supplement()
        else:
            fresh.return_ineligible()
            fresh.result_reason = comment
        fresh.returned_on = deadlines.today()

    return complete_step(
        nomination=nomination,
        nodes=[RewardFlow.appraise_nomination],
        user=acting_user,
        step="appraise",
        audit_step=f"appraise_{outcome}",
        change=change,
        comment=comment,
    )
