"""Numbered decisions, shared by recognition and rewards (DOMAIN.md §1 "Decision and
certificate": "Số: 123/QĐ-UBND", numbers restart every 1 January per issuer)."""

from .models import Decision, DecisionCounter
from .services import DomainError

MAX_REFERENCE = 64


def clean_reference(reference: str) -> str:
    """A higher authority's decision recorded as issued ("1234/QĐ-BCA"), never numbered
    here: required, ≤ 64 characters, inner spaces kept as typed. Shared by the recorded
    reward decisions and the Minister's recognition decisions."""
    reference = (reference or "").strip()
    if not reference:
        raise DomainError("Vui lòng nhập số, ký hiệu quyết định như trên văn bản đã ban hành.")
    if len(reference) > MAX_REFERENCE:
        raise DomainError(f"Số, ký hiệu quyết định không quá {MAX_REFERENCE} ký tự.")
    return reference


def _check_signature(issued_on, signer_name, signer_title, authority, summary):
    missing = [
        label
        for label, value in (
            ("ngày ban hành", issued_on),
            ("người ký", signer_name),
            ("chức vụ người ký", signer_title),
            ("thẩm quyền ký", authority),
            ("trích yếu", summary),
        )
        if not value
    ]
    if missing:
        raise DomainError("Vui lòng nhập " + ", ".join(missing) + ".")


def _next_number(issuer, symbol: str, year: int) -> int:
    """Numbers restart every 1 January per issuing body (area and symbol); the counter row
    is locked while a number is taken."""
    DecisionCounter.objects.get_or_create(issuer=issuer, symbol=symbol, year=year)
    counter = DecisionCounter.objects.select_for_update().get(
        issuer=issuer, symbol=symbol, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def decision_create(
    *,
    user,
    issuer,
    kind,
    issued_on,
    signer_name,
    signer_title,
    authority,
    summary,
    reason="",
    symbol="QĐ-UBND",
    proposal_office="",
    proposal_number="",
    proposal_date=None,
):
    """A numbered decision of an issuing body (Decree 30/2020/NĐ-CP), in the caller's
    transaction."""
    _check_signature(issued_on, signer_name, signer_title, authority, summary)
    return Decision.objects.create(
        issuer=issuer,
        kind=kind,
        year=issued_on.year,
        symbol=symbol,
        number=_next_number(issuer, symbol, issued_on.year),
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        authority=authority,
        summary=summary,
        reason=reason,
        proposal_office=proposal_office.strip(),
        proposal_number=proposal_number.strip(),
        proposal_date=proposal_date,
        created_by=user,
    )
