"""The appraising office's pages (the office the reward form names): appraise — forward to
the council, ask once for a supplement, or return an ineligible nomination with its reason —
then record the council's vote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dossiers.models import NominationStatus
from dossiers.services import DomainError
from workflows.receipts import one_time_step, page

from .. import services
from ..forms import AppraiseForm, VoteForm
from .lists import detail_context, nomination_for_action


def _waiting(request, nomination, status):
    if nomination.status == status:
        return None
    messages.info(request, f"Đề nghị đang ở trạng thái “{nomination.get_status_display()}”.")
    return redirect("nomination-detail", pk=nomination.pk)


@login_required
@one_time_step(page("nomination-detail"))
def nomination_appraise(request, pk):
    nomination = nomination_for_action(request, pk, "appraise")
    if (elsewhere := _waiting(request, nomination, NominationStatus.SUBMITTED)) is not None:
        return elsewhere
    form = AppraiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_appraise(
                acting_user=request.user,
                nomination=nomination,
                outcome=form.cleaned_data["outcome"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã ghi nhận kết quả thẩm định.")
            return redirect("nomination-detail", pk=nomination.pk)
    context = detail_context(request, nomination)
    problems = services.eligibility_problems(
        nomination.type, nomination.form, nomination.year, list(context["nominees"])
    )
    return render(
        request,
        "rewards/appraise.html",
        {
            **context,
            "step_form": form,
            "problems": problems,
            "supplement_used": nomination.supplement_requests > 0,
        },
    )


@login_required
@one_time_step(page("nomination-detail"))
def nomination_vote(request, pk):
    nomination = nomination_for_action(request, pk, "appraise")
    if (elsewhere := _waiting(request, nomination, NominationStatus.APPRAISED)) is not None:
        return elsewhere
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = services.nomination_record_vote(
                acting_user=request.user, nomination=nomination, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if fresh.status == NominationStatus.VOTED:
                messages.success(request, "Hội đồng đã thông qua. Đề nghị chờ quyết định.")
            else:
                messages.info(request, fresh.result_reason)
            return redirect("nomination-detail", pk=nomination.pk)
    return render(
        request, "rewards/vote.html", {**detail_context(request, nomination), "step_form": form}
    )
