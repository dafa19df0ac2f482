"""The People's Committee's pages: the form for one decision over many proposed dossiers
(or a revocation) that documents.views turns into a draft to sign, and the decision as
issued (Decree 30/2020/NĐ-CP layout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from dossiers.exports import EXPORT_PARAM, wants_export, xlsx_response
from dossiers.guards import filtered, query_of, typed_in
from dossiers.jurisdiction import granted_areas
from dossiers.models import AreaLevel, Decision, Dossier
from dossiers.services import DomainError

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


def issued(request, decision):
    messages.success(request, f"Đã ban hành Quyết định số {decision.reference}.")
    return redirect("decision-detail", pk=decision.pk)


def decision_page(
    request, *, status, summary, revoke, issue, fields=None, done=issued, button=None
):
    """The committee's form for one decision over many dossiers: the issuer, the decision's
    fields (`fields(data, initial, issuer)`, by default DecisionFieldsForm), the ticked
    dossiers with a result each; `issue(issuer, form, chosen, results, picked)` calls the
    service and `done(request, result)` answers. On an error everything typed is shown
    again."""
    issuer, issuers, dossiers = _committee_context(request, status)
    initial = {"summary": summary}
    data = request.POST or None
    form = fields(data, initial, issuer) if fields else DecisionFieldsForm(data, initial=initial)
    chosen, results = _forms(request, dossiers)
    error = None
    if request.method == "POST" and issuer is not None:
        # A revocation gives one reason for all; a decision, a result per dossier.
        if all_valid(form, chosen, *([] if revoke else results.values())):
            picked = [d for d in dossiers if d.pk in set(chosen.chosen())]
            try:
                result = issue(issuer, form, chosen, results, picked)
            except DomainError as exc:
                error = str(exc)
            else:
                return done(request, result)
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
            "button": button or "Ban hành quyết định",
        },
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
