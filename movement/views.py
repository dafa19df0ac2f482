"""Pages of the movement app. Reads go through the scoped selectors of
movement.permissions (another area's record is a 404); changes through movement.services,
which check their own permission (403) and rules (the message shown, nothing typed lost)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dossiers.guards import filtered
from dossiers.jurisdiction import granted_areas, units_in_jurisdiction
from dossiers.models import AdministrativeArea, Unit
from dossiers.services import DomainError
from workflows import deadlines
from workflows.rewards.selectors import nominations_visible_to

from . import exports, forms, permissions, services
from .models import Finding, ModelAssessment

PAGE = 200


def _try(request, form, action):
    """Run `action(cleaned_data)` for a valid form; a rule's message lands on the form."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, str(exc))
        return None


# --- inspections ------------------------------------------------------------------------


def inspection_rows(user, filterset_data, request=None):
    """The inspections the user may see, filtered, with their failed findings and referrals
    counted in SQL: the same few queries whatever the number of rows."""
    base = (
        permissions.inspections_visible_to(user)
        .select_related("plan__office", "unit", "dossier")
        .annotate(
            failed=Count("findings", filter=Q(findings__met=False), distinct=True),
            referred=Count("referrals", distinct=True),
        )
        .order_by("-inspected_on", "-pk")
    )
    filterset = forms.InspectionFilter(
        filterset_data or None,
        queryset=base,
        # Only the offices with a plan the user sees: not every area of a province.
        offices=AdministrativeArea.objects.filter(
            pk__in=permissions.plans_visible_to(user).values("office")
        ),
    )
    rows = filtered(request, filterset) if request else filterset.qs
    return filterset, rows


@login_required
def inspection_list(request):
    filterset, rows = inspection_rows(request.user, request.GET.copy(), request)
    if request.GET.get("xuat") == "xlsx":
        return exports.inspections_xlsx(rows)
    year = filterset.form.cleaned_data.get("nam") if filterset.form.is_valid() else None
    year = year or deadlines.today().year
    plans = (
        permissions.plans_visible_to(request.user)
        .filter(year=year)
        .select_related("office")
        .annotate(done=Count("inspections__unit", distinct=True))
    )
    query = request.GET.copy()
    query["xuat"] = "xlsx"
    return render(
        request,
        "movement/inspection_list.html",
        {
            "filter": filterset,
            "inspections": rows[:PAGE],
            "plans": plans,
            "year": year,
            "export_query": query.urlencode(),
            "can_inspect": permissions.inspecting_offices(request.user).exists(),
        },
    )


@login_required
def plan_create(request):
    offices = permissions.inspecting_offices(request.user)
    if not offices.exists():
        raise PermissionDenied("Chỉ Công an được lập kế hoạch kiểm tra.")
    form = forms.PlanForm(request.POST or None, offices=offices)
    if request.method == "POST":
        plan = _try(
            request,
            form,
            lambda d: services.inspection_plan_create(acting_user=request.user, **d),
        )
        if plan:
            messages.success(request, f"Đã lập {plan}.")
            return redirect("inspection-list")
    return render(request, "movement/form.html", {"form": form, "title": "Lập kế hoạch kiểm tra"})


@login_required
def inspection_create(request):
    offices = permissions.inspecting_offices(request.user)
    if not offices.exists():
        raise PermissionDenied("Chỉ Công an được ghi cuộc kiểm tra.")
    form = forms.InspectionForm(
        request.POST or None,
        plans=permissions.plans_visible_to(request.user).filter(office__in=offices),
        units=units_in_jurisdiction(request.user, act=True),
    )
    if request.method == "POST":
        inspection = _try(
            request,
            form,
            lambda d: services.inspection_create(
                acting_user=request.user,
                plan=d["plan"],
                unit=d["unit_identifier"],
                inspected_on=d["inspected_on"],
                team=d["team"],
                today=deadlines.today(),
            ),
        )
        if inspection:
            return redirect("inspection-detail", inspection.pk)
    return render(request, "movement/form.html", {"form": form, "title": "Ghi cuộc kiểm tra"})


def _visible_inspection(request, pk):
    return get_object_or_404(
        permissions.inspections_visible_to(request.user).select_related(
            "plan__office", "unit", "dossier__unit"
        ),
        pk=pk,
    )


def _findings_posted(post, criteria) -> tuple[dict, list]:
    findings, errors = {}, []
    for c in criteria:
        value = post.get(f"met_{c.pk}", "")
        note = post.get(f"note_{c.pk}", "")[:1000]
        if value in ("1", "0"):
            findings[c.pk] = (value == "1", note)
        elif note.strip():
            errors.append(f"Tiêu chí {c.label}: vui lòng chọn đạt hoặc chưa đạt.")
    return findings, errors


@login_required
def inspection_detail(request, pk):
    inspection = _visible_inspection(request, pk)
    criteria = services.inspection_criteria(inspection)
    can_edit = permissions.inspecting_offices(request.user).filter(pk=inspection.plan.office_id)
    can_edit = can_edit.exists()
    error = None
    if request.method == "POST":
        permissions.ensure_can_inspect(request.user, inspection.plan.office)
        findings, errors = _findings_posted(request.POST, criteria)
        error = " ".join(errors) or None
        if not error:
            try:
                services.inspection_record_findings(
                    acting_user=request.user,
                    inspection=inspection,
                    findings=findings,
                    conclusion=request.POST.get("conclusion", "")[:4000],
                    follow_up=request.POST.get("follow_up", "")[:4000],
                )
                messages.success(request, "Đã lưu kết quả kiểm tra.")
                return redirect("inspection-detail", inspection.pk)
            except DomainError as exc:
                error = str(exc)
    saved = {f.criterion_id: f for f in Finding.objects.filter(inspection=inspection)}
    rows = []
    for c in criteria:
        finding = saved.get(c.pk)
        posted = request.POST.get(f"met_{c.pk}") if error else None
        rows.append(
            {
                "criterion": c,
                "met": posted
                if posted is not None
                else ("" if finding is None else ("1" if finding.met else "0")),
                "note": request.POST.get(f"note_{c.pk}", "")
                if error
                else (finding.note if finding else ""),
            }
        )
    return render(
        request,
        "movement/inspection_detail.html",
        {
            "inspection": inspection,
            "rows": rows,
            "error": error,
            "can_edit": can_edit,
            "conclusion": request.POST.get("conclusion") if error else inspection.conclusion,
            "follow_up": request.POST.get("follow_up") if error else inspection.follow_up,
            "referrals": inspection.referrals.select_related("office", "dossier"),
            "referral_form": forms.ReferralForm(),
        },
    )


@login_required
@require_POST
def inspection_refer(request, pk):
    inspection = _visible_inspection(request, pk)
    permissions.ensure_can_inspect(request.user, inspection.plan.office)
    form = forms.ReferralForm(request.POST)
    referral = _try(
        request,
        form,
        lambda d: services.inspection_refer(
            acting_user=request.user, inspection=inspection, kind=d["kind"], content=d["content"]
        ),
    )
    if referral is None:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        messages.info(request, f"Nội dung đã nhập: {request.POST.get('content', '')[:3000]}")
    else:
        messages.success(request, f"Đã gửi kiến nghị tới {referral.office}.")
    return redirect("inspection-detail", inspection.pk)


@login_required
def referral_list(request):
    referrals = permissions.referrals_to(request.user).select_related(
        "dossier__unit", "office", "inspection__plan__office", "created_by"
    )[:PAGE]
    return render(request, "movement/referral_list.html", {"referrals": referrals})


# --- movement models --------------------------------------------------------------------


def _latest_first():
    return Prefetch("assessments", queryset=ModelAssessment.objects.order_by("-year"))


@login_required
def model_list(request):
    models = (
        permissions.models_visible_to(request.user)
        .select_related("replicated_from")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("name")), _latest_first()
        )
    )
    units = units_in_jurisdiction(request.user, act=True)
    form = forms.ModelForm(
        request.POST or None, models=permissions.models_visible_to(request.user), units=units
    )
    if request.method == "POST":
        model = _try(
            request,
            form,
            lambda d: services.model_register(
                acting_user=request.user,
                units=d["unit_identifiers"],
                name=d["name"],
                kind=d["kind"],
                established_on=d["established_on"],
                replicated_from=d["replicated_from"],
                description=d["description"],
                today=deadlines.today(),
            ),
        )
        if model:
            messages.success(request, f"Đã đăng ký mô hình “{model}”.")
            return redirect("model-detail", model.pk)
    return render(
        request,
        "movement/model_list.html",
        {"models": models[:PAGE], "form": form, "can_register": _can_register(request.user)},
    )


def _can_register(user):
    return user.role in permissions.POLICE_ROLES | {"unit_head"}


@login_required
def model_detail(request, pk):
    model = get_object_or_404(
        permissions.models_visible_to(request.user)
        .select_related("replicated_from")
        .prefetch_related("units", "replicas", _latest_first()),
        pk=pk,
    )
    form = forms.AssessmentForm(request.POST or None, initial={"year": deadlines.today().year})
    if request.method == "POST":
        permissions.ensure_can_assess_model(request.user, model)
        if _try(
            request,
            form,
            lambda d: services.model_assess(acting_user=request.user, model=model, **d),
        ):
            messages.success(request, "Đã ghi kết quả đánh giá.")
            return redirect("model-detail", model.pk)
    return render(request, "movement/model_detail.html", {"model": model, "form": form})


# --- the Fatherland Front ---------------------------------------------------------------


def _check_areas(user):
    granted = granted_areas(user)
    return AdministrativeArea.objects.filter(
        Q(pk__in=granted.values("pk")) | Q(parent__in=granted.values("pk"))
    ).order_by("path")


@login_required
def monthly_check_list(request):
    checks = permissions.checks_visible_to(request.user).select_related("area", "created_by")[:PAGE]
    can_record = request.user.role in permissions.FRONT_ROLES
    form = forms.MonthlyCheckForm(request.POST or None, areas=_check_areas(request.user))
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("Chỉ cán bộ Mặt trận Tổ quốc được ghi kiểm tra hằng tháng.")
        if _try(
            request,
            form,
            lambda d: services.monthly_check_record(
                acting_user=request.user, today=deadlines.today(), **d
            ),
        ):
            messages.success(request, "Đã ghi kết quả kiểm tra hằng tháng.")
            return redirect("monthly-check-list")
    return render(
        request,
        "movement/monthly_check_list.html",
        {"checks": checks, "form": form, "can_record": can_record},
    )


@login_required
@require_POST
def nomination_co_propose(request, pk):
    nomination = get_object_or_404(
        nominations_visible_to(request.user).select_related("proposer"), pk=pk
    )
    form = forms.CoProposalForm(request.POST)
    if _try(
        request,
        form,
        lambda d: services.nomination_co_propose(
            acting_user=request.user, nomination=nomination, note=d["note"]
        ),
    ):
        messages.success(request, "Mặt trận Tổ quốc đã đồng đề nghị khen thưởng.")
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("nomination-detail", nomination.pk)
