"""The council's vote on a nomination (DOMAIN.md §3)."""

import datetime

from dossiers.models import CouncilVote
from dossiers.services import DomainError

from ..flows import RewardFlow
from ..permissions import ensure_can_act
from .core import complete_step


def nomination_record_vote(
    *,
    acting_user,
    nomination,
    members_total: int,
    members_present: int,
    votes_for: int,
    votes_against: int,
    voted_on: datetime.date,
):
    """The council's vote, by the form's rule (DOMAIN.md §3: quorum and majority are data
    per form; Decree 152/2025's own figures were not found): valid when the members present
    reach the form's quorum fraction of all members (default at least 2/3); passed when the
    votes for exceed its majority fraction of ALL members (default more than 1/2)."""
    ensure_can_act(acting_user, nomination, "appraise")  # before any rule speaks of it
    if not (0 < members_total and 0 <= members_present <= members_total):
        raise DomainError("Số thành viên dự họp không hợp lệ.")
    if votes_for + votes_against > members_present:
        raise DomainError("Tổng số phiếu vượt quá số thành viên dự họp.")
    form = nomination.form
    quorum = members_present * form.quorum_denominator >= members_total * form.quorum_numerator
    passed = quorum and (
        votes_for * form.majority_denominator > members_total * form.majority_numerator
    )

    def change(fresh):
        CouncilVote.objects.create(
            nomination=fresh,
            members_total=members_total,
            members_present=members_present,
            votes_for=votes_for,
            votes_against=votes_against,
            quorum_reached=quorum,
            quorum_rule=form.quorum_label,
            majority_rule=form.majority_label,
            passed=passed,
            voted_on=voted_on,
            recorded_by=acting_user,
        )
        if passed:
            fresh.pass_vote()
        else:
            fresh.fail_vote()
            fresh.result_reason = (
                "Hội đồng không đủ số thành viên dự họp."
                if not quorum
                else "Hội đồng không thông qua."
            )

    return complete_step(
        nomination=nomination,
        nodes=[RewardFlow.record_vote],
        user=acting_user,
        step="appraise",
        audit_step="vote",
        change=change,
        comment=f"{votes_for}/{members_total} tán thành, {members_present} dự họp",
    )
