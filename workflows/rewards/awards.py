"""Reward decisions of the form's authority (DOMAIN.md §3): one numbered decision for many
nominees, due to be sent out after it is issued, and revocation; and the checks and the
closing of the decision step shared with a higher authority's recorded decision
(workflows.rewards.recorded)."""

from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.decisions import decision_create
from dossiers.models import (
    DecisionDispatch,
    DecisionItem,
    DecisionKind,
    Nomination,
    NominationStatus,
    Nominee,
    NomineeResult,
)
from dossiers.services import DomainError
from notifications.calendar import add_working_days
from workflows.deadlines import close_deadlines

from .flows import RewardFlow
from .permissions import ensure_can_act
from .services import record_transition


def lock_voted_nominations(*, acting_user, issuer, results):
    """The voted nominations of one form that `results` ([(nominee, awarded, reason)])
    decides, locked, each checked: the user decides for it, it waits for `issuer`, every
    one of its nominees is decided. Returns (form, nominations)."""
    if not results:
        raise DomainError("Vui lòng chọn ít nhất một người hoặc tập thể.")
    # Lock the nominations first: of two people deciding at once, the second waits and
    # then finds them decided.
    nominations = {
        n.pk: n
        for n in Nomination.objects.select_for_update()
        .select_related("form")
        .filter(pk__in={nominee.nomination_id for nominee, _, _ in results})
    }
    forms = {n.form_id for n in nominations.values()}
    if len(forms) != 1:
        raise DomainError("Một quyết định chỉ dành cho một hình thức khen thưởng.")
    for nomination in nominations.values():
        ensure_can_act(acting_user, nomination, "decide")
        if nomination.decide_area_id != issuer.pk or nomination.status != NominationStatus.VOTED:
            raise DomainError(f"{nomination} không ở bước chờ quyết định của cơ quan này.")
        chosen = {n.pk for n, _, _ in results if n.nomination_id == nomination.pk}
        if chosen != set(nomination.nominees.values_list("pk", flat=True)):
            raise DomainError(f"Vui lòng quyết định cho tất cả người, tập thể trong {nomination}.")
    return next(iter(nominations.values())).form, list(nominations.values())


def apply_results(*, acting_user, nominations, results, comment, recorded_decision=None):
    """Write each nominee's result and close the nominations' decision step."""
    for nominee, awarded, reason in results:
        nominee.result = NomineeResult.AWARDED if awarded else NomineeResult.NOT_AWARDED
        nominee.result_reason = reason.strip()
        nominee.recorded_decision = recorded_decision
    Nominee.objects.bulk_update(
        [n for n, _, _ in results], ["result", "result_reason", "recorded_decision"]
    )
    tasks = Task.objects.filter(
        flow_task=RewardFlow.await_decision,
        status=STATUS.NEW,
        process_id__in=[n.process_id for n in nominations],
    ).select_related("process")
    for task in tasks:

        def change(fresh):
            source = fresh.status
            fresh.decide()
            fresh.save()
            record_transition(fresh, acting_user, "decide", source, comment)

        RewardFlow.await_decision.run(task, change=change)
    close_deadlines([t.pk for t in tasks])


@transaction.atomic
def reward_decision_issue(
    *, acting_user, issuer, results, issued_on, signer_name, signer_title, authority, summary
):
    """One numbered decision for many nominees of voted nominations of one form:
    `results` is [(nominee, awarded, reason)]; every nominee of each nomination is decided.
    A form decided by a higher authority is never numbered here (DOMAIN.md §3: the province
    records the Minister's decision, workflows.rewards.recorded). The decision is due to be
    sent out within the form's `send_out_working_days` (10, DOMAIN.md §3) of its date."""
    form, nominations = lock_voted_nominations(
        acting_user=acting_user, issuer=issuer, results=results
    )
    if form.decided_externally:
        raise DomainError(
            f"“{form}” do {form.external_authority} quyết định; tỉnh chỉ ghi nhận kết quả, "
            "không ban hành, đánh số quyết định."
        )
    for nominee, awarded, reason in results:
        if not awarded and not reason.strip():
            raise DomainError(f"Vui lòng ghi lý do không khen thưởng “{nominee}”.")
    decision = decision_create(
        user=acting_user,
        issuer=issuer,
        kind=DecisionKind.AWARD,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_title=signer_title,
        authority=authority,
        summary=summary,
        symbol=form.decision_symbol,
    )
    DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, nominee=n, recognised=ok, reason=r.strip())
        for n, ok, r in results
    )
    DecisionDispatch.objects.create(
        decision=decision, due_on=add_working_days(issued_on, form.send_out_working_days)
    )
    apply_results(
        acting_user=acting_user,
        nominations=nominations,
        results=results,
        comment=f"Quyết định số {decision.reference}",
    )
    return decision


@transaction.atomic
def award_revoke(
    *,
    acting_user,
    issuer,
    nominees,
    reason,
    issued_on,
    signer_name,
    signer_title,
    authority,
    summary,
):
    """Revoke awards whose achievements were falsified (DOMAIN.md §3), by a decision of
    the same authority, with a reason."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Vui lòng ghi rõ lý do thu hồi.")
    if not nominees:
        raise DomainError("Vui lòng chọn ít nhất một người hoặc tập thể.")
    # Re-read under lock: of two people revoking at once, the second finds it revoked.
    nominees = list(
        Nominee.objects.select_for_update(of=("self",))
        .select_related("nomination", "form")
        .filter(pk__in={n.pk for n in nominees})
        .order_by("pk")
    )
    if len({n.form_id for n in nominees}) != 1:
        raise DomainError("Một quyết định thu hồi chỉ dành cho một hình thức khen thưởng.")
    form = nominees[0].form
    if form.decided_externally:
        raise DomainError(f"Việc thu hồi “{form}” do {form.external_authority} quyết định.")
    for nominee in nominees:
        ensure_can_act(acting_user, nominee.nomination, "decide")
        if (
            nominee.result != NomineeResult.AWARDED
            or nominee.nomination.decide_area_id != issuer.pk
        ):
            raise DomainError(f"“{nominee}” không có khen thưởng để thu hồi.")
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
        symbol=nominees[0].form.decision_symbol,
    )
    for nominee in nominees:
        DecisionItem.objects.create(
            decision=decision, nominee=nominee, recognised=False, reason=reason
        )
        nominee.result = NomineeResult.REVOKED
        nominee.result_reason = reason
        nominee.save(update_fields=["result", "result_reason"])
        record_transition(
            nominee.nomination,
            acting_user,
            "revoke",
            nominee.nomination.status,
            f"Thu hồi khen thưởng của “{nominee}” (Quyết định số {decision.reference}): {reason}",
        )
    return decision
