"""Recording a higher authority's reward decision (DOMAIN.md §3: "The Minister's Bằng khen
is decided by the Ministry: the province proposes and records the result (number and date as
issued), it never numbers that decision itself"). Recording and applying the result are
the shared decision service's (workflows.decisions), as for the Minister's recognition."""

import datetime

from django.db import transaction

from dossiers.models import RecordedDecision
from dossiers.services import DomainError
from workflows import decisions

from .decisions import AWARDS, lock_voted_nominations


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
    reference = decisions.clean_recorded(reference, issued_on)
    chosen = lock_voted_nominations(acting_user=acting_user, issuer=recorded_in, results=results)
    form = chosen.form
    if not form.decided_externally:
        raise DomainError(
            f"“{form}” do cơ quan này ban hành quyết định có số; không ghi nhận quyết định "
            "của cấp trên."
        )
    decision = decisions.record_once(
        RecordedDecision,
        fields=dict(recorded_in=recorded_in, form=form, reference=reference, issued_on=issued_on),
        defaults={"authority": form.external_authority, "recorded_by": acting_user},
    )
    AWARDS.apply(
        acting_user=acting_user,
        chosen=chosen,
        step="decide",
        comment=decisions.recorded_comment(decision),
        recorded_decision=decision,
    )
    return decision
