"""The People's Committee's pages: one decision for many proposed dossiers, revocation,
and the decision as issued (Decree 30/2020/NĐ-CP layout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from dossiers.exports import EXPORT_PARAM, wants_export, xlsx_response
from dossiers.guards import filtered, query_of, typed_in
from dossiers.jurisdiction import granted_areas
from dossiers.models import AreaLevel, Decision, Dossier, DossierStatus
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step

from .. import services
from ..filters import DecisionFilter
from ..forms import CHECK_FIELDS, ChosenForm, DecisionFieldsForm, ResultForm, all_valid
from ..selectors import actionable_dossiers
from ..services.decisions import COMMITTEE_ROLES


def _rows(dossiers, chosen, results, *, checked_by_default=True):
    """Each listed dossier with what the user chose for it, kept exactly on an error.
    Nothing is ticked in advance for a revocation."""
    rows = []
    for d in dossiers:
        row = results[d.pk].row()
        rows.append(
            {
                "dossier": d,
                "checked": chosen.ticked(d.pk, checked_by_default),
                "recognised": row["result"],
                "reason": row["reason"],
                "errors": row["errors"],
            }
        )
    return rows


def _forms(request, dossiers, listed=True):
    """The ticked ids (among the listed dossiers, or any when `listed` is None) and a
    result form per listed dossier."""
    data = request.POST if request.method == "POST" else None
    allowed = None if listed is None else [d.pk for d in dossiers]
    chosen = ChosenForm(data, name="dossier", listed=allowed)
    return chosen, {d.pk: ResultForm(data, prefix=str(d.pk)) for d in dossiers}


def _committee_context(request, status):
    if request.user.role not in COMMITTEE_ROLES:
        raise PermissionDenied("Chỉ cán bộ Ủy ban nhân dân được ban hành quyết định.")
    dossiers = (
        actionable_dossiers(request.user)
        .filter(status=status)
        .exclude(decide_area__level__code=AreaLevel.MINISTRY)  # the Minister's (Art. 10 cl. 4)
        .select_related("unit", "decide_area", "cycle")
        .order_by("decide_area__name", "unit__name")
    )
    issuers = list(
        granted_areas(request.user, act=True)
        .filter(pk__in=dossiers.values("decide_area"))
        .order_by("name")
    )
    chosen = request.POST.get("issuer") or request.GET.get("co-quan")
    issuer = next((a for a in issuers if str(a.pk) == chosen), issuers[0] if issuers else None)
    listed = [d for d in dossiers if issuer and d.decide_area_id == issuer.pk]
    return issuer, issuers, listed


def _decision_page(request, *, status, summary, revoke, issue):
    """The committee's form for one decision over many dossiers: the issuer, the decision's
    fields, the ticked dossiers with a result each; `issue(issuer, form, chosen, results,
    picked)` calls the service. On an error everything typed is shown again."""
    issuer, issuers, dossiers = _committee_context(request, status)
    form = DecisionFieldsForm(request.POST or None, initial={"summary": summary})
    chosen, results = _forms(request, dossiers)
    error = None
    if request.method == "POST" and issuer is not None:
        # A revocation gives one reason for all; a decision, a result per dossier.
        if all_valid(form, chosen, *([] if revoke else results.values())):
            picked = [d for d in dossiers if d.pk in set(chosen.chosen())]
            try:
                decision = issue(issuer, form, chosen, results, picked)
            except DomainError as exc:
                error = str(exc)
            else:
                messages.success(request, f"Đã ban hành Quyết định số {decision.reference}.")
                return redirect("decision-detail", pk=decision.pk)
        else:
            error = CHECK_FIELDS
    return render(
        request,
        "recognition/decision_form.html",
        {
            "form": form,
            "chosen": chosen,
            "issuer": issuer,
            "issuers": issuers,
            "rows": _rows(dossiers, chosen, results, checked_by_default=not revoke),
            "error": error,
            "revoke": revoke,
        },
    )


@login_required
@one_time_step(fixed("decision-list"))
def decision_create(request):
    def issue(issuer, form, chosen, results, picked):
        return services.decision_issue(
            acting_user=request.user,
            issuer=issuer,
            results=[
                (d, results[d.pk].cleaned_data["result"], results[d.pk].cleaned_data["reason"])
                for d in picked
            ],
            **form.cleaned_data,
        )

    return _decision_page(
        request,
        status=DossierStatus.PROPOSED,
        summary="Về việc công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        revoke=False,
        issue=issue,
    )


@login_required
@one_time_step(fixed("decision-list"))
def decision_revoke(request):
    def issue(issuer, form, chosen, results, picked):
        return services.decision_revoke(
            acting_user=request.user,
            issuer=issuer,
            dossiers=picked,
            reason=chosen.cleaned_data["reason"],
            **form.cleaned_data,
        )

    return _decision_page(
        request,
        status=DossierStatus.RECOGNISED,
        summary="Về việc thu hồi công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        revoke=True,
        issue=issue,
    )


def visible_decisions(user):
    """Recognition decisions with a dossier the user may see (reward decisions have their
    own pages)."""
    if user.sees_everything:
        return Decision.objects.filter(items__dossier__isnull=False).distinct()
    return Decision.objects.filter(items__dossier__in=Dossier.objects.visible_to(user)).distinct()


DECISION_COLUMNS = [
    ("Số, ký hiệu", lambda d: d.reference),
    ("Ngày ban hành", lambda d: d.issued_on),
    ("Cơ quan ban hành", lambda d: f"UBND {d.issuer}"),
    ("Trích yếu", lambda d: d.summary),
    ("Người ký", lambda d: d.signer_name),
]


@login_required
def decision_list(request):
    """The decisions the user may see, by year; `?xuat=xlsx` exports the filtered list."""
    filterset = DecisionFilter(
        request.GET or None, queryset=visible_decisions(request.user).select_related("issuer")
    )
    decisions = filtered(request, filterset)
    if wants_export(request):
        return xlsx_response(
            "quyet-dinh", "Quyết định", DECISION_COLUMNS, decisions.iterator(chunk_size=2000)
        )
    return render(
        request,
        "recognition/decision_list.html",
        {
            "decisions": decisions[:200],
            "typed": typed_in(filterset),
            "query": query_of(filterset),
            "export_param": EXPORT_PARAM,
        },
    )


@login_required
def decision_detail(request, pk):
    decision = get_object_or_404(visible_decisions(request.user).select_related("issuer"), pk=pk)
    items = decision.items.select_related("dossier__unit", "dossier__unit__area")
    return render(
        request,
        "recognition/decision_detail.html",
        {
            "decision": decision,
            "items": items,
            "recognised": [i for i in items if i.recognised],
            "not_recognised": [i for i in items if not i.recognised],
        },
    )
