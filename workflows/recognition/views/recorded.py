"""The provincial police record the Minister's recognition decision (Circular 124/2021/TT-BCA,
Art. 9 cl. 1 d; Art. 10 cl. 4) for dossiers they transmitted to the Ministry: the number and
symbol as issued, the date, and per dossier recognised or not. What was typed is kept on an
error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from dossiers.jurisdiction import granted_areas
from dossiers.models import AreaLevel, Dossier, DossierStatus
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step

from .. import services
from ..forms import CHECK_FIELDS, RecordedDecisionFieldsForm, ResultForm, all_valid
from ..permissions import STEP_ROLES
from ..selectors import actionable_dossiers
from .decisions import _forms, _rows


def _waiting(request):
    """The offices granted to the user with dossiers waiting for the Minister's decision,
    the chosen one, and its dossiers."""
    dossiers = (
        actionable_dossiers(request.user)
        .filter(status=DossierStatus.PROPOSED, decide_area__level__code=AreaLevel.MINISTRY)
        .select_related("unit", "review_area", "cycle")
        .order_by("review_area__name", "unit__name")
    )
    offices = list(
        granted_areas(request.user, act=True)
        .filter(pk__in=dossiers.values("review_area"))
        .order_by("name")
    )
    chosen = request.POST.get("office") or request.GET.get("co-quan")
    office = next((o for o in offices if str(o.pk) == chosen), offices[0] if offices else None)
    return office, offices, [d for d in dossiers if office and d.review_area_id == office.pk]


@login_required
@one_time_step(fixed("decision-list"))
def minister_decision_record(request):
    if request.user.role not in STEP_ROLES["record"]:
        raise PermissionDenied(
            "Chỉ Công an tỉnh đã chuyển hồ sơ được ghi nhận quyết định của Bộ trưởng Bộ Công an."
        )
    office, offices, dossiers = _waiting(request)
    form = RecordedDecisionFieldsForm(request.POST or None)
    # Every posted dossier goes to the service, which answers 403 for one the user may
    # not record (DESIGN.md "Permissions"), not only those listed here.
    chosen, listed_results = _forms(request, dossiers, listed=None)
    error = None
    if request.method == "POST" and all_valid(form, chosen):
        picked = list(Dossier.objects.filter(pk__in=chosen.chosen()).order_by("pk"))
        results = [ResultForm(request.POST, prefix=str(d.pk)) for d in picked]
        if not all_valid(*results):
            error = CHECK_FIELDS
        else:
            try:
                decision = services.minister_decision_record(
                    acting_user=request.user,
                    results=[
                        (d, r.cleaned_data["result"], r.cleaned_data["reason"])
                        for d, r in zip(picked, results, strict=True)
                    ],
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
                return redirect("dossier-detail", pk=picked[0].pk)
    return render(
        request,
        "recognition/minister_decision_record.html",
        {
            "form": form,
            "office": office,
            "offices": offices,
            "chosen": chosen,
            "rows": _rows(dossiers, chosen, listed_results),
            "error": error,
        },
    )
