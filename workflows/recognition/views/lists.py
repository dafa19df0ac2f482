from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView
from viewflow.workflow import chart
from viewflow.workflow.status import STATUS

from dossiers.exports import XlsxExportMixin
from dossiers.guards import FilteredListMixin
from dossiers.keyset import keyset_page
from dossiers.models import (
    Document,
    Dossier,
    DossierStatus,
    DossierVersion,
    RegistrationDossier,
    UnitKind,
)
from workflows import home
from workflows.deadlines import decision_cut_off
from workflows.rewards.permissions import PROPOSER_ROLES
from workflows.rewards.selectors import reward_inbox_tasks

from ..computed import computed_results
from ..filters import STATUS_GROUPS, DossierFilter
from ..flows import RecognitionFlow
from ..outcomes import review_action
from ..permissions import PERMISSION_STEP, STEP_ROLES, can_act, ensure_can_act
from ..selectors import (
    INBOX_ORDER,
    acting_offices,
    commune_rule,
    criteria_for,
    inbox_summary,
    inbox_tasks,
    taken_by_colleagues,
)

DOSSIER_ORDER = ["-registered_at", "-pk"]  # the newest dossier first

STEP_LABELS = {
    "register": "Đăng ký phấn đấu",
    "submit": "Nộp hồ sơ",
    "resubmit": "Nộp lại sau bổ sung",
    "review_forward": "Xét duyệt: chuyển tiếp",
    "review_supplement": "Xét duyệt: yêu cầu bổ sung",
    "review_refuse": "Xét duyệt: từ chối",
    "appraise_propose": "Thẩm định: đề nghị công nhận",
    "appraise_not_met": "Thẩm định: chưa đạt",
    "appraise_return": "Thẩm định: trả lại xét duyệt",
    "decide": "Quyết định",
    "record_decision": "Ghi nhận quyết định của Bộ trưởng Bộ Công an",
    "revoke": "Thu hồi công nhận",
    "acknowledge_registration": "Tiếp nhận hồ sơ đăng ký",
}


@login_required
def inbox(request):
    """Việc của tôi: open tasks for the user's role in their jurisdiction, a keyset page
    of them each with the button that does it, a summary (how many, how many late, the
    nearest due date: one aggregate) and, when nothing waits, what to do next
    (workflows.home)."""
    offices = acting_offices(request.user)  # read once for the whole page
    taken = taken_by_colleagues(request.user, offices)
    tasks = inbox_tasks(request.user, offices=offices, taken=taken)
    page = keyset_page(request, tasks, INBOX_ORDER)
    reward_tasks = home.with_nominees(reward_inbox_tasks(request.user, offices)[:50])
    summary = inbox_summary(request.user, tasks, offices, taken)
    to_record = _minister_decisions_to_record(request.user, offices)
    note, actions = home.next_actions(
        request.user, bool(summary["total"] or reward_tasks or to_record)
    )
    urls = home.RowUrls()
    return render(
        request,
        "recognition/inbox.html",
        {
            "tasks": page,
            "page": page,
            "rows": [
                (
                    t,
                    home.task_action(t, t.process.dossier, urls),
                    urls("dossier-detail", t.process.dossier.pk),
                )
                for t in page
            ],
            "reward_rows": [
                (t, home.task_action(t, t.process.nomination, urls)) for t in reward_tasks
            ],
            "reward_tasks": reward_tasks,
            "summary": summary,
            "to_record": to_record,
            "note": note,
            "actions": actions,
        },
    )


def _minister_decisions_to_record(user, offices: list[int]) -> int:
    """Dossiers the user's police office transmitted to the Ministry, waiting for the
    Minister's decision to be recorded (Circular 124, Art. 10 cl. 4): those the user may
    record (permissions.can_act, step "record": a police role, the dossier's review area
    granted to them to act) — read from the dossier's own columns, through a small
    partial index."""
    if user.role not in STEP_ROLES["record"] or not offices:
        return 0
    return Dossier.objects.filter(
        status=DossierStatus.PROPOSED, decided_by_minister=True, review_area_id__in=offices
    ).count()


class DossierListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """The dossiers the user may see, filtered by `DossierFilter`, 50 a page by keyset
    (dossiers.keyset): the newest first, each page from the index, whatever the size;
    exported as XLSX with the same filters."""

    template_name = "recognition/dossier_list.html"
    filterset_class = DossierFilter
    export_filename = "ho-so"
    export_title = "Hồ sơ đề nghị công nhận"
    export_columns = [
        ("Đơn vị", lambda d: d.unit.name),
        ("Mã định danh", lambda d: d.unit.identifier),
        ("Loại đơn vị", lambda d: d.unit.get_kind_display()),
        ("Năm", lambda d: d.cycle.year),
        ("Trạng thái", lambda d: d.get_status_display()),
        ("Nơi xét duyệt", lambda d: d.review_area.name),
        ("Ngày đăng ký", lambda d: d.registered_at),
    ]

    def base_queryset(self):
        return Dossier.objects.visible_to(self.request.user).select_related(
            "unit", "cycle", "review_area"
        )

    def get_context_data(self, **kwargs):
        page = keyset_page(self.request, self.object_list, DOSSIER_ORDER)
        kwargs.update(object_list=page, page=page)
        return super().get_context_data(
            statuses=DossierStatus.choices,
            status_groups=[(key, label) for key, (label, _) in STATUS_GROUPS.items()],
            kinds=UnitKind.choices,
            **kwargs,
        )


def visible_dossier(request, pk, *related):
    return get_object_or_404(
        Dossier.objects.visible_to(request.user).select_related(
            "unit", "cycle", "review_area", "appraise_area", "decide_area", *related
        ),
        pk=pk,
    )


def dossier_for_action(request, pk, step):
    """Actions answer 403 to anyone without the step's role and jurisdiction, whatever they
    may read (DESIGN.md "Permissions"); nothing changes."""
    dossier = get_object_or_404(
        Dossier.objects.select_related(
            "unit", "cycle", "review_area", "appraise_area", "decide_area"
        ),
        pk=pk,
    )
    ensure_can_act(request.user, dossier, step)
    return dossier


@login_required
def dossier_detail(request, pk):
    dossier = visible_dossier(request, pk, "unit__area")
    open_task = (
        dossier.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .select_related("owner", "deadline")
        .first()
        if dossier.process_id
        else None
    )
    can = {
        step: can_act(request.user, dossier, step)
        for step in ("prepare", "review", "appraise", "decide", "record")
    }
    versions = (
        DossierVersion.objects.filter(dossier=dossier)
        .select_related("meeting")
        .prefetch_related(
            "assessments__criterion__refers_to__criteria_set",
            "events__criterion__refers_to__criteria_set",
            "documents__kind",
            "meeting__attendees",
        )
        .order_by("-number")
    )
    context = {
        "dossier": dossier,
        "open_task": open_task,
        "versions": versions,
        "reviews": dossier.reviews.select_related("actor", "version").prefetch_related(
            "verdicts__criterion__refers_to__criteria_set"
        ),
        "history": dossier.transitions.select_related("actor"),
        "step_labels": STEP_LABELS,
        "decision_items": dossier.decision_items.select_related("decision"),
        "recorded_items": dossier.recorded_items.select_related("decision"),
        "rule": commune_rule(dossier),
        "computed": _computed_rows(dossier),
        "can": can,
        "can_extend": _can_extend(open_task, can),
        "actions": _actions(request.user, dossier, can),
        "cut_off": decision_cut_off(dossier),
        "review_action": review_action(dossier),
        "registration": registration_of(dossier),
    }
    return render(request, "recognition/dossier_detail.html", context)


def _computed_rows(dossier):
    """The figures of the computed criteria, for everyone who reads or decides the dossier
    (Circular 124 Art. 4 cl. 1, Art. 5 cl. 4, Art. 6 cl. 5, Art. 7 cl. 6)."""
    criteria = criteria_for(dossier)
    results = computed_results(dossier, criteria=criteria)
    return [(c, results[c.pk]) for c in criteria if c.pk in results]


EDITABLE = (DossierStatus.REGISTERED, DossierStatus.SUPPLEMENT_REQUESTED)


def _actions(user, dossier, can) -> dict:
    """Which action buttons the page shows: the step the user may act on (permissions) in
    the status that step waits for; a reward nomination once recognised, by a proposer."""
    status = dossier.status
    return {
        "assess": can["prepare"] and status in EDITABLE,
        "review": can["review"] and status == DossierStatus.SUBMITTED,
        "appraise": can["appraise"] and status == DossierStatus.FORWARDED,
        "record": can["record"] and status == DossierStatus.PROPOSED,
        "decide": can["decide"] and status == DossierStatus.PROPOSED,
        "nominate": status == DossierStatus.RECOGNISED and user.role in PROPOSER_ROLES,
    }


def _can_extend(open_task, can) -> bool:
    deadline = getattr(open_task, "deadline", None) if open_task else None
    if deadline is None or deadline.due_date is None or deadline.extended:
        return False
    return can.get(PERMISSION_STEP[deadline.step], False)


@login_required
def document_download(request, pk):
    document = get_object_or_404(
        Document.objects.filter(version__dossier__in=Dossier.objects.visible_to(request.user)),
        pk=pk,
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
def dossier_chart(request, pk):
    """viewflow's process chart of this dossier's flow, the steps passed highlighted."""
    dossier = visible_dossier(request, pk)
    grid = chart.calc_layout_data(RecognitionFlow)
    if dossier.process_id:
        chart.calc_cell_status(RecognitionFlow, grid, dossier.process_id)
    return HttpResponse(chart.grid_to_svg(grid), content_type="image/svg+xml")


def registration_of(dossier):
    """The registration dossier (Circular 124, Art. 9 cl. 2 a), if the unit sent one."""
    return (
        RegistrationDossier.objects.filter(dossier=dossier)
        .select_related("acknowledged_by", "late_registration__opened_by")
        .prefetch_related("documents__kind")
        .first()
    )
