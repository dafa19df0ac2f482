"""The proposer's pages (unit head or police officer): draft a nomination — from scratch
or from a recognised dossier — upload its documents and submit it. What the user typed is
kept on every error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import Dossier, Nominee, NomineeResult
from dossiers.models import NominationType as T
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step, page

from .. import services
from ..forms import MAX_COLLECTIVES, MAX_PEOPLE, NominationForm, UploadForm, nominee_rows
from ..permissions import PROPOSER_ROLES
from ..selectors import nominations_visible_to
from .lists import detail_context, nomination_for_action


def _prefill_from_dossier(request, raw_pk):
    """Initial values from a recognised dossier: the collective and its head."""
    if not (raw_pk.isascii() and raw_pk.isdigit()):
        raise Http404("Không tìm thấy hồ sơ.")
    dossier = get_object_or_404(
        Dossier.objects.visible_to(request.user).select_related("unit", "cycle"), pk=raw_pk
    )
    rows = services.nomination_from_dossier(dossier=dossier)
    collectives = [{"unit": row["unit"].pk} for row in rows if "unit" in row]
    people = [
        {
            "full_name": row["full_name"],
            "position": row["position"],
            "workplace": row["workplace"].pk,
            "user": row["user"].pk,
        }
        for row in rows
        if "unit" not in row
    ]
    initial = {"year": dossier.cycle.year, "type": T.REGULAR}
    return dossier, initial, collectives, people


@login_required
@one_time_step(fixed("nomination-list"))
def nomination_create(request):
    user = request.user
    if user.role not in PROPOSER_ROLES:
        raise PermissionDenied(
            "Chỉ người đứng đầu đơn vị hoặc cán bộ công an được lập đề nghị khen thưởng."
        )
    error = None
    dossier, initial, initial_collectives, initial_people = None, {}, [], []
    if "ho-so" in request.GET:
        try:
            dossier, initial, initial_collectives, initial_people = _prefill_from_dossier(
                request, request.GET["ho-so"]
            )
        except DomainError as exc:
            error = str(exc)
    data = request.POST if request.method == "POST" else None
    form = NominationForm(data, initial=initial)
    units = units_in_jurisdiction(user, act=True).filter(active=True).order_by("name")
    bases = (
        Nominee.objects.filter(
            result=NomineeResult.AWARDED, nomination__in=nominations_visible_to(user)
        )
        .select_related("unit", "nomination__form")
        .order_by("full_name", "pk")
    )
    collectives, people = nominee_rows(
        data,
        units=units,
        bases=bases,
        initial_collectives=initial_collectives,
        initial_people=initial_people,
    )
    if data is not None:
        started = [row for row in collectives + people if not row.is_blank]
        rows_valid = all([row.is_valid() for row in started])
        if form.is_valid() and rows_valid:
            cleaned = form.cleaned_data
            try:
                nomination = services.nomination_create(
                    acting_user=user,
                    form=cleaned["form"],
                    type=cleaned["type"],
                    year=cleaned["year"],
                    simplified=cleaned["simplified"],
                    summary=cleaned["summary"],
                    nominees=[row.nominee() for row in started],
                )
            except (DomainError, PermissionDenied) as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    "Đã lập đề nghị khen thưởng. Vui lòng tải lên tài liệu rồi bấm “Trình”.",
                )
                return redirect("nomination-detail", pk=nomination.pk)
        else:
            error = "Vui lòng kiểm tra lại các ô được đánh dấu."
    return render(
        request,
        "rewards/nomination_form.html",
        {
            "form": form,
            "collectives": collectives,
            "people": people,
            "dossier": dossier,
            "error": error,
            "max_collectives": MAX_COLLECTIVES,
            "max_people": MAX_PEOPLE,
        },
    )


@login_required
@require_POST
def nomination_upload(request, pk):
    nomination = nomination_for_action(request, pk, "prepare")
    form = UploadForm(request.POST, request.FILES, nomination=nomination)
    if form.is_valid():
        try:
            document = services.nomination_upload(
                acting_user=request.user,
                nomination=nomination,
                kind=form.cleaned_data["kind"],
                nominee=form.cleaned_data["nominee"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã tải lên “{document.original_name}”.")
            return redirect("nomination-detail", pk=nomination.pk)
    context = detail_context(request, nomination, upload_form=form)
    return render(request, "rewards/nomination_detail.html", context)


@login_required
@require_POST
@one_time_step(page("nomination-detail"))
def nomination_submit(request, pk):
    nomination = nomination_for_action(request, pk, "prepare")
    try:
        services.nomination_submit(acting_user=request.user, nomination=nomination)
    except DomainError as exc:
        context = detail_context(request, nomination, error=str(exc))
        return render(request, "rewards/nomination_detail.html", context)
    messages.success(
        request, f"Đã trình đề nghị. Hồ sơ được chuyển tới {nomination.form.appraising_office}."
    )
    return redirect("nomination-detail", pk=nomination.pk)
