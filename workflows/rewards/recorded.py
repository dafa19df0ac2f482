"""Recording a higher authority's reward decision (DOMAIN.md §3: "The Minister's Bằng khen
is decided by the Ministry: the province proposes and records the result (number and date as
issued), it never numbers that decision itself")."""

import datetime

from django.db import IntegrityError, transaction

from dossiers.decisions import clean_reference
from dossiers.models import RecordedDecision
from dossiers.services import DomainError

from .awards import apply_results, lock_voted_nominations


@transaction.atomic
def external_decision_record(
    *, acting_user, recorded_in, results, reference: str, issued_on: datetime.date | None
):
    """Record, for voted nominations of one form decided by a higher authority
    (`RewardForm.decided_externally`), that authority's decision: its number and symbol as
    typed, its date, and per nominee awarded or not (`results` is
    [(nominee, awarded, reason)]; the reason is optional — it is the authority's). No
    DecisionCounter is touched. Who records: the form's deciding role at its decide level,
    i.e. the "decide" permission (for the Minister's Bằng khen, the provincial police acting
    in the province). Recording the same decision again for other nominations reuses it."""
    reference = clean_reference(reference)
    if issued_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định.")
    form, nominations = lock_voted_nominations(
        acting_user=acting_user, issuer=recorded_in, results=results
    )
    if not form.decided_externally:
        raise DomainError(
            f"“{form}” do cơ quan này ban hành quyết định có số; không ghi nhận quyết định "
            "của cấp trên."
        )
    fields = dict(recorded_in=recorded_in, form=form, reference=reference, issued_on=issued_on)
    try:
        with transaction.atomic():
            decision, _ = RecordedDecision.objects.get_or_create(
                **fields,
                defaults={"authority": form.external_authority, "recorded_by": acting_user},
            )
    except IntegrityError:  # recorded by someone else at the same moment
        decision = RecordedDecision.objects.get(**fields)
    apply_results(
        acting_user=acting_user,
        nominations=nominations,
        results=results,
        comment=f"Ghi nhận Quyết định số {decision.reference} ngày "
        f"{decision.issued_on:%d/%m/%Y} của {decision.authority}",
        recorded_decision=decision,
    )
    return decision
