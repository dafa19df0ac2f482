"""Sending out a reward decision after it is issued (DOMAIN.md §3): its due date on the
decision page, early / on time / late, and the issuing office's "sent on" form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from dossiers.models import DecisionDispatch
from dossiers.services import DomainError
from workflows import deadlines

from ..dispatch import can_mark_sent, decision_mark_sent, timeliness
from ..forms import SentForm
from ..selectors import visible_reward_decisions


def dispatch_context(request, decision, sent_form=None):
    dispatch = DecisionDispatch.objects.filter(decision=decision).first()
    if dispatch is None:
        return {"dispatch": None}
    can_mark = dispatch.sent_on is None and can_mark_sent(request.user, decision)
    return {
        "dispatch": dispatch,
        "dispatch_status": timeliness(dispatch.sent_on, dispatch.due_on, deadlines.today()),
        "sent_form": (sent_form or SentForm()) if can_mark else None,
    }


@login_required
@require_POST
def reward_decision_sent(request, pk):
    decision = get_object_or_404(visible_reward_decisions(request.user), pk=pk)
    form = SentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reward-decision-detail", pk=decision.pk)
    try:
        dispatch = decision_mark_sent(
            acting_user=request.user, decision=decision, sent_on=form.cleaned_data["sent_on"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        status = timeliness(dispatch.sent_on, dispatch.due_on, deadlines.today())
        messages.success(
            request, f"Đã ghi nhận gửi quyết định ngày {dispatch.sent_on:%d/%m/%Y} ({status})."
        )
    return redirect("reward-decision-detail", pk=decision.pk)
