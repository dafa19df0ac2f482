"""Reward decisions of the form's authority (DOMAIN.md §3): one numbered decision for many
nominees, due to be sent out after it is issued, and revocation. The decision itself is the
shared one (workflows.decisions); this module says what a reward decides: nominees, whose
nominations close their decision step."""

from django.core.exceptions import PermissionDenied

from dossiers.models import (
    Decision,
    DecisionDispatch,
    DecisionKind,
    Nomination,
    NominationStatus,
    Nominee,
    NomineeResult,
)
from dossiers.services import DomainError
from notifications.calendar import add_working_days
from workflows import decisions
from workflows.transitions import NOMINATION_TRAIL

from ..flows import RewardFlow
from ..permissions import ROLES, can_issue, ensure_can_act

NONE_CHOSEN = "Vui lòng chọn ít nhất một người hoặc tập thể."


def lock_voted_nominations(*, acting_user, issuer, results) -> decisions.Chosen:
    """The voted nominations of one form that `results` ([(nominee, awarded, reason)])
    decides, locked, each checked: the user decides for it, it waits for `issuer`, every
    one of its nominees is decided. Reasons come back stripped."""
    if not results:
        raise DomainError(NONE_CHOSEN)
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
    form = next(iter(nominations.values())).form
    return decisions.Chosen(
        results=[(n, ok, (reason or "").strip()) for n, ok, reason in results],
        symbol=form.decision_symbol,
        flow_subjects=list(nominations.values()),
        form=form,
    )


class Awards(decisions.DecisionSubjects):
    decision_kind = DecisionKind.AWARD
    item_field = "nominee"
    none_chosen = NONE_CHOSEN
    trail = NOMINATION_TRAIL
    decision_node = RewardFlow.await_decision

    def check_issuer(self, acting_user, issuer):
        """Only the deciding authority's own staff sign in its name (DOMAIN.md §3: the
        form's authority decides): a grant in force on the issuing area itself, never a
        higher level's."""
        if not any(can_issue(acting_user, role, issuer) for role in ROLES):
            raise PermissionDenied(f"Bạn không có thẩm quyền ban hành quyết định của {issuer}.")

    def lock_decidable(self, *, acting_user, issuer, results):
        """A form decided by a higher authority is never numbered here (DOMAIN.md §3: the
        province records the Minister's decision, services.recorded); a nominee not
        awarded needs its reason."""
        chosen = lock_voted_nominations(acting_user=acting_user, issuer=issuer, results=results)
        form = chosen.form
        if form.decided_externally:
            raise DomainError(
                f"“{form}” do {form.external_authority} quyết định; tỉnh chỉ ghi nhận kết quả, "
                "không ban hành, đánh số quyết định."
            )
        for nominee, awarded, reason in chosen.results:
            if not awarded and not reason:
                raise DomainError(f"Vui lòng ghi lý do không khen thưởng “{nominee}”.")
        return chosen

    def after_issue(self, decision, chosen):
        """Due to be sent out within the form's `send_out_working_days` (10, DOMAIN.md §3)
        of the decision's date."""
        DecisionDispatch.objects.create(
            decision=decision,
            due_on=add_working_days(decision.issued_on, chosen.form.send_out_working_days),
        )

    def apply(self, *, acting_user, chosen, step, comment, recorded_decision=None):
        """Write each nominee's result and close the nominations' decision step."""
        for nominee, awarded, reason in chosen.results:
            nominee.result = NomineeResult.AWARDED if awarded else NomineeResult.NOT_AWARDED
            nominee.result_reason = reason
            nominee.recorded_decision = recorded_decision
        Nominee.objects.bulk_update(
            [n for n, _, _ in chosen.results], ["result", "result_reason", "recorded_decision"]
        )

        def decide(fresh):
            fresh.decide()
            return comment

        decisions.complete_decision_steps(
            self,
            acting_user=acting_user,
            changes=[(nomination, decide) for nomination in chosen.flow_subjects],
            step=step,
        )

    def lock_revocable(self, *, acting_user, issuer, subjects):
        # Re-read under lock: of two people revoking at once, the second finds it revoked.
        nominees = list(
            Nominee.objects.select_for_update(of=("self",))
            .select_related("nomination", "form")
            .filter(pk__in={n.pk for n in subjects})
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
        return nominees, form.decision_symbol

    def revoke(self, *, acting_user, subjects, decision, reason):
        """The nominee's award revoked; the nomination keeps its status, its history
        shows the revocation."""
        for nominee in subjects:
            nominee.result = NomineeResult.REVOKED
            nominee.result_reason = reason
            nominee.save(update_fields=["result", "result_reason"])
            self.trail.record(
                nominee.nomination,
                user=acting_user,
                step="revoke",
                source=nominee.nomination.status,
                comment=f"Thu hồi khen thưởng của “{nominee}” "
                f"(Quyết định số {decision.reference}): {reason}",
            )


AWARDS = Awards()


def reward_decision_issue(*, acting_user, issuer, results, **signature) -> Decision:
    """One numbered decision for many nominees of voted nominations of one form:
    `results` is [(nominee, awarded, reason)]; every nominee of each nomination is decided
    (Awards.lock_decidable). `signature`: issued_on, signer_name, signer_title, authority,
    summary. The decision is due to be sent out within the form's `send_out_working_days`
    (10, DOMAIN.md §3) of its date."""
    return decisions.decision_issue(
        AWARDS, acting_user=acting_user, issuer=issuer, results=results, **signature
    )


def award_revoke(*, acting_user, issuer, nominees, reason, **signature) -> Decision:
    """Revoke awards whose achievements were falsified (DOMAIN.md §3), by a decision of
    the same authority, with a reason."""
    return decisions.decision_revoke(
        AWARDS, acting_user=acting_user, issuer=issuer, chosen=nominees, reason=reason, **signature
    )
