"""Forms decided by a higher authority (the Minister's Bằng khen, DOMAIN.md §3): the
provincial office records the decision as issued — its number, date and result per nominee —
and every reward decision, issued here or recorded, is listed on one page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Prefetch
from django.shortcuts import redirect, render

from dossiers.guards import filtered, typed_in
from dossiers.models import Decision, Nominee
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step
from workflows.recognition.filters import DecisionFilter

from ..forms import RecordedDecisionForm
from ..recorded import external_decision_record
from ..selectors import visible_recorded_decisions, visible_reward_decisions
from .decisions import authority_name, candidate_rows, posted_results, voted_groups


@login_required
@one_time_step(fixed("reward-decision-list"))
def reward_decision_record(request):
    groups, group = voted_groups(request, external=True)
    form = RecordedDecisionForm(request.POST or None)
    error = None
    if request.method == "POST":
        error, results = posted_results(request, group)
        if error is None and group is not None and form.is_valid():
            try:
                decision = external_decision_record(
                    acting_user=request.user,
                    recorded_in=group["issuer"],
                    results=results,
                    **form.cleaned_data,
                )
            except DomainError as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    f"Đã ghi nhận Quyết định số {decision.reference} ngày "
                    f"{decision.issued_on:%d/%m/%Y} ({decision.label}).",
                )
                return redirect("reward-decision-list")
    return render(
        request,
        "rewards/decision_record.html",
        {
            "form": form,
            "groups": groups,
            "group": group,
            "rows": candidate_rows(request, group),
            "error": error,
        },
    )


@login_required
def reward_decision_list(request):
    """The reward decisions the user may see, newest first: those an authority of the
    province issued (numbered here) and those a higher authority issued (recorded here)."""
    user = request.user
    issued = DecisionFilter(
        request.GET or None,
        queryset=Decision.objects.filter(pk__in=visible_reward_decisions(user).values("pk"))
        .annotate(deciding_role=Max("items__nominee__form__deciding_role"))
        .select_related("issuer", "dispatch")
        .order_by("-issued_on", "-pk"),
    )
    recorded = DecisionFilter(
        request.GET or None,
        queryset=visible_recorded_decisions(user)
        .select_related("form", "recorded_in")
        .prefetch_related(
            Prefetch("nominees", queryset=Nominee.objects.select_related("unit").order_by("pk"))
        )
        .order_by("-issued_on", "-pk"),
    )
    issued_rows = filtered(request, issued)[:200]  # one message for both lists
    recorded_rows = recorded.qs[:200] if not issued.is_bound or issued.is_valid() else []
    rows = [
        {"issued": d, "on": d.issued_on, "authority": authority_name(d.deciding_role, d.issuer)}
        for d in issued_rows
    ] + [{"recorded": d, "on": d.issued_on} for d in recorded_rows]
    rows.sort(key=lambda row: row["on"], reverse=True)
    return render(request, "rewards/decision_list.html", {"rows": rows, "typed": typed_in(issued)})
