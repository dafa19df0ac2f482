"""The province's view (issue #11): the dashboard of targets per level, and the reports of
results. Thin: the figures come from `figures`, the reports from `reports`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dossiers.exports import XLSX
from dossiers.guards import BAD_FILTER, ascii_digits
from dossiers.jurisdiction import granted_areas
from dossiers.models import AdministrativeArea, AreaLevel, UnitKind
from dossiers.services import DomainError
from workflows.recognition.computed import COMMUNE_RECOGNISED_SHARE, COMMUNE_REGISTERED_SHARE

from . import charts, documents, reports
from .figures import COLUMNS, movement_figures
from .forms import DashboardFilter, ReportForm
from .models import ReportStatus
from .permissions import REPORTER_ROLES, ensure_reader, ensure_reporter
from .selectors import communes_for, cycles_for, reports_for, units_for


def _links(figures, *, cycle, kind, area):
    """For every number of the dashboard, the list of units or dossiers behind it."""

    def link(column, *, row_kind="", row_area=None):
        where = {
            "loai": row_kind or kind,
            "dia-ban": row_area or (area or cycle.province).pk,
            "thuoc-dien": "true",
        }
        if column == "eligible":
            return charts.unit_list_url(**where)
        return charts.dossier_list_url(dot=cycle.pk, nhom=column, **where)

    for row in figures.kinds:
        row.links = {c: link(c, row_kind=row.key) for c, _ in COLUMNS}
    for row in figures.communes:
        row.links = {c: link(c, row_area=row.key) for c, _ in COLUMNS} if row.key else {}
    figures.total.links = {c: link(c) for c, _ in COLUMNS}


@login_required
def dashboard(request):
    """Theo dõi chỉ tiêu: the figures of the user's jurisdiction in a cycle, per kind of
    unit and per commune, against the targets; filters: cycle, kind, commune."""
    ensure_reader(request.user)
    cycles = cycles_for(request.user)
    data = request.GET.copy()
    if not data.get("dot") and cycles:
        data["dot"] = str(cycles[0].pk)
    chosen = data.get("dot", "")
    cycle = cycles.filter(pk=chosen).first() if ascii_digits(chosen) and len(chosen) < 19 else None
    communes = communes_for(request.user, cycle) if cycle else AdministrativeArea.objects.none()
    form = DashboardFilter(data, cycles=cycles, communes=communes)
    context = {
        "form": form,
        "columns": COLUMNS,
        "figures": None,
        "cycles": cycles,
        "communes": communes,
        "cycle": cycle,
        "kind": data.get("loai", ""),
    }
    if not form.is_valid():
        errors = " ".join(
            f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()
        )
        messages.error(request, BAD_FILTER.format(errors=errors))
        return render(request, "province/dashboard.html", context)
    kind, area = form.cleaned_data["loai"], form.cleaned_data["dia-ban"]
    if cycle is None:
        return render(request, "province/dashboard.html", context)
    figures = movement_figures(units_for(request.user, cycle, kind=kind, area=area), cycle)
    _links(figures, cycle=cycle, kind=kind, area=area)
    communes_shown = [r for r in figures.communes if r.key]
    context.update(
        figures=figures,
        cycle=cycle,
        level="xã, phường" if area is not None or len(communes_shown) == 1 else "tỉnh",
        kind_label=dict(UnitKind.choices).get(kind, ""),
        area=area,
        rule_shares=(COMMUNE_REGISTERED_SHARE, COMMUNE_RECOGNISED_SHARE),
        rule_met=sum(1 for r in communes_shown if r.commune_rule_met),
        kind_chart=charts.bars(
            figures.kinds,
            href=lambda r: r.links["recognised"],
            target_of=lambda r: r.target_recognised,
            met_of=lambda r: r.meets_recognised_target,
        ),
        commune_chart=charts.bars(
            communes_shown,
            href=lambda r: r.links["recognised"],
            target_of=lambda r: COMMUNE_RECOGNISED_SHARE,
            met_of=lambda r: r.commune_rule_met,
        ),
    )
    return render(request, "province/dashboard.html", context)


# --- reports --------------------------------------------------------------------------


def _offices(user):
    return granted_areas(user, act=True).filter(
        level__code__in=[AreaLevel.PROVINCE, AreaLevel.COMMUNE]
    )


@login_required
def report_list(request):
    """The reports the user's offices made, and those the level below sent them."""
    ensure_reader(request.user)
    offices = set(granted_areas(request.user).values_list("pk", flat=True))
    rows = list(reports_for(request.user).order_by("-year", "-created_at")[:200])
    form = None
    if request.user.role in REPORTER_ROLES:
        form = ReportForm(offices=_offices(request.user))
    return render(
        request,
        "province/report_list.html",
        {
            "issued": [r for r in rows if r.issuer_id in offices or request.user.sees_everything],
            "received": [r for r in rows if r.recipient_id in offices and r.status == "sent"],
            "form": form,
        },
    )


@login_required
def report_create(request):
    ensure_reporter(request.user)
    form = ReportForm(request.POST or None, offices=_offices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report = reports.report_create(acting_user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã lập dự thảo báo cáo từ số liệu hiện có.")
            return redirect("report-detail", pk=report.pk)
    return render(request, "province/report_form.html", {"form": form})


def _visible_report(request, pk):
    ensure_reader(request.user)
    return get_object_or_404(reports_for(request.user), pk=pk)


@login_required
def report_detail(request, pk):
    report = _visible_report(request, pk)
    offices = granted_areas(request.user, act=True).values_list("pk", flat=True)
    return render(
        request,
        "province/report_detail.html",
        {
            "report": report,
            "tables": documents.report_tables(report),
            "lines": documents.title_lines(report),
            "can_send": report.status == ReportStatus.DRAFT
            and request.user.role in REPORTER_ROLES
            and report.issuer_id in set(offices),
        },
    )


@login_required
@require_POST
def report_send(request, pk):
    report = _visible_report(request, pk)
    try:
        reports.report_send(acting_user=request.user, report=report)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã gửi báo cáo đến {report.recipient or 'cấp trên'}.")
    return redirect("report-detail", pk=report.pk)


def _filename(report, ext):
    return f"bao-cao-{report.period}-{report.year}-{report.issuer.code}.{ext}"


@login_required
def report_xlsx(request, pk):
    report = _visible_report(request, pk)
    response = HttpResponse(documents.report_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


@login_required
def report_pdf(request, pk):
    report = _visible_report(request, pk)
    response = HttpResponse(documents.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response
