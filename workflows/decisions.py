"""The one decision service, for recognition and reward decisions (DOMAIN.md §1 "Decision
and certificate", §3; Decree 30/2020/NĐ-CP for numbering).

An issued decision is drafted and numbered (dossiers.decisions.decision_create: one series
per issuer, symbol and year, taken under the counter's row lock), lists its items, applies
each result through the subject's flow step and writes the audit rows — all in one
transaction. What differs between a recognition and a reward is data and a small strategy
(`DecisionSubjects`): how to lock and check the chosen subjects, which symbol numbers the
decision, how one result lands on one subject and what a revocation does.

A higher authority's decision (the Minister's recognition, the Minister's Bằng khen) is
never numbered here: it is recorded as issued (`clean_recorded`, `record_once`,
`recorded_comment`) and applied through the same strategy."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from dossiers.decisions import clean_reference, decision_create
from dossiers.models import Decision, DecisionItem, DecisionKind
from dossiers.services import DomainError

from .bulk import complete_handles
from .steps import CONFLICT_MESSAGE, Conflict
from .transitions import AuditTrail


@dataclass
class Chosen:
    """The subjects of one decision, locked and checked: `results` [(subject, decided,
    reason)] with reasons stripped, the `symbol` that numbers the decision, and the flow
    subjects whose decision step closes (the dossiers, or the nominees' nominations)."""

    results: list
    symbol: str = ""
    flow_subjects: list = field(default_factory=list)
    form: object = None


class DecisionSubjects:
    """What one kind of decision decides. Subclasses set the data and implement the
    hooks; the service below calls them in a fixed order."""

    decision_kind: str  # DecisionKind of an issued decision
    item_field: str  # the DecisionItem link to the subject
    none_chosen: str  # the message when nothing was chosen
    trail: AuditTrail  # the flow subjects' audit rows
    decision_node = None  # the flow node waiting for the decision

    def check_issuer(self, acting_user, issuer) -> None:
        """Before anything is read: may this user issue for `issuer` at all?"""

    def lock_decidable(self, *, acting_user, issuer, results) -> Chosen:
        raise NotImplementedError

    def after_issue(self, decision: Decision, chosen: Chosen) -> None:
        """Anything the issued decision starts besides its items (e.g. its sending out)."""

    def apply(self, *, acting_user, chosen: Chosen, step: str, comment: str) -> None:
        raise NotImplementedError

    def lock_revocable(self, *, acting_user, issuer, subjects) -> tuple[list, str]:
        """The subjects locked and checked, and the symbol of the revoking decision."""
        raise NotImplementedError

    def revoke(self, *, acting_user, subjects, decision: Decision, reason: str) -> None:
        raise NotImplementedError

    def item(self, decision, subject, decided: bool, reason: str) -> DecisionItem:
        return DecisionItem(
            decision=decision, recognised=decided, reason=reason, **{self.item_field: subject}
        )


@transaction.atomic
def decision_issue(subjects: DecisionSubjects, *, acting_user, issuer, results, **signature):
    """One numbered decision for many subjects: `results` [(subject, decided, reason)];
    `signature` is the decision's issued_on, signer_name, signer_title, authority and
    summary (all required)."""
    subjects.check_issuer(acting_user, issuer)
    if not results:
        raise DomainError(subjects.none_chosen)
    chosen = subjects.lock_decidable(acting_user=acting_user, issuer=issuer, results=results)
    decision = decision_create(
        user=acting_user,
        issuer=issuer,
        kind=subjects.decision_kind,
        symbol=chosen.symbol,
        **signature,
    )
    DecisionItem.objects.bulk_create(
        subjects.item(decision, subject, decided, reason)
        for subject, decided, reason in chosen.results
    )
    subjects.after_issue(decision, chosen)
    subjects.apply(
        acting_user=acting_user,
        chosen=chosen,
        step="decide",
        comment=f"Quyết định số {decision.reference}",
    )
    return decision


@transaction.atomic
def decision_revoke(
    subjects: DecisionSubjects, *, acting_user, issuer, chosen: list, reason: str, **signature
):
    """Revoke earlier results (thu hồi) by a later numbered decision of the same issuer,
    with a reason (DOMAIN.md §1, §3)."""
    subjects.check_issuer(acting_user, issuer)
    reason = reason.strip()
    if not reason:
        raise DomainError("Vui lòng ghi rõ lý do thu hồi.")
    if not chosen:
        raise DomainError(subjects.none_chosen)
    locked, symbol = subjects.lock_revocable(
        acting_user=acting_user, issuer=issuer, subjects=chosen
    )
    decision = decision_create(
        user=acting_user,
        issuer=issuer,
        kind=DecisionKind.REVOKE,
        reason=reason,
        symbol=symbol,
        **signature,
    )
    DecisionItem.objects.bulk_create(
        subjects.item(decision, subject, False, reason) for subject in locked
    )
    subjects.revoke(acting_user=acting_user, subjects=locked, decision=decision, reason=reason)
    return decision


def complete_decision_steps(
    subjects: DecisionSubjects,
    *,
    acting_user,
    changes: list[tuple[object, Callable[[object], str]]],
    step: str,
):
    """Complete the waiting decision step of each flow subject in `changes` [(subject,
    change)] in the caller's transaction: `change(fresh)` calls exactly one transition and
    returns the audit comment. The subjects come locked by `lock_decidable`; their flow
    rows, deadlines and audit rows are written in bulk (workflows.bulk), so a decision for
    500 dossiers costs the same number of statements as one for 5."""

    def record(rows):
        trail = subjects.trail
        trail.record_many(
            trail.build(subject, user=acting_user, step=step, source=source, comment=comment)
            for subject, source, comment in rows
        )

    try:
        complete_handles(subjects.decision_node, changes, record=record)
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        raise Conflict(CONFLICT_MESSAGE) from exc


def clean_recorded(reference: str, issued_on: datetime.date | None) -> str:
    """A higher authority's decision as issued: its reference as typed, and its date."""
    reference = clean_reference(reference)
    if issued_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định.")
    return reference


def record_once(model, fields: dict, defaults: dict):
    """The recorded decision `fields` identify, created once: recording the same decision
    again (or at the same moment as someone else) reuses it."""
    try:
        with transaction.atomic():
            decision, _ = model.objects.get_or_create(**fields, defaults=defaults)
    except IntegrityError:  # recorded by someone else at the same moment
        decision = model.objects.get(**fields)
    return decision


def recorded_comment(decision) -> str:
    return (
        f"Ghi nhận Quyết định số {decision.reference} ngày "
        f"{decision.issued_on:%d/%m/%Y} của {decision.authority}"
    )
