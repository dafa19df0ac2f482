"""Reading nominations: the list, the page of one nomination (with the proposer's upload
and submit forms), and scoped downloads. Anything the user may not see is a 404."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.exports import XlsxExportMixin
from dossiers.guards import FilteredListMixin
from dossiers.models import (
    CouncilVote,
    Decision,
    DecisionItem,
    Nomination,
    NominationDocument,
    NominationStatus,
    Nominee,
    RecordedDecision,
)
from workflows import deadlines

from ..dispatch import timeliness
from ..filters import NominationFilter
from ..forms import UploadForm
from ..permissions import PROPOSER_ROLES, ROLES, can_act, ensure_can_act
from ..selectors import nominations_visible_to, reward_inbox_tasks
from ..services import missing_documents

STEP_LABELS = {
    "draft": "Lập đề nghị",
    "submit": "Trình đề nghị",
    "appraise_forward": "Thẩm định: đủ điều kiện, trình Hội đồng",
    "appraise_supplement": "Thẩm định: yêu cầu bổ sung",
    "appraise_return": "Thẩm định: trả lại, không đủ điều kiện",
    "vote": "Hội đồng biểu quyết",
    "decide": "Quyết định khen thưởng",
    "revoke": "Thu hồi khen thưởng",
}
EDITABLE = (NominationStatus.DRAFT, NominationStatus.SUPPLEMENT_REQUESTED)
DECIDER_ROLES = set().union(*ROLES.values())
RELATED = ("form", "proposer", "proposing_area", "appraise_area", "decide_area")


class NominationListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """Khen thưởng: the nominations the user may see, filtered by `NominationFilter`, in a
    constant number of queries."""

    template_name = "rewards/nomination_list.html"
    paginate_by = 50
    filterset_class = NominationFilter
    export_filename = "de-nghi-khen-thuong"
    export_title = "Đề nghị khen thưởng"
    export_columns = [
        ("Năm", lambda n: n.year),
        ("Hình thức", lambda n: str(n.form)),
        ("Loại khen thưởng", lambda n: n.get_type_display()),
        ("Địa bàn đề nghị", lambda n: n.proposing_area.name),
        ("Trạng thái", lambda n: n.get_status_display()),
        (
            "Đối tượng đề nghị",
            lambda n: "; ".join(x.unit.name if x.unit else x.full_name for x in n.nominees.all()),
        ),
    ]

    def base_queryset(self):
        return (
            nominations_visible_to(self.request.user)
            .select_related("form", "proposing_area")
            .prefetch_related(Prefetch("nominees", queryset=Nominee.objects.select_related("unit")))
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        role = self.request.user.role
        return super().get_context_data(
            tasks=reward_inbox_tasks(self.request.user),
            statuses=NominationStatus.choices,
            can_propose=role in PROPOSER_ROLES,
            can_decide=role in DECIDER_ROLES,
            **kwargs,
        )


def visible_nomination(request, pk):
    return get_object_or_404(nominations_visible_to(request.user).select_related(*RELATED), pk=pk)


def nomination_for_action(request, pk, step):
    """Actions answer 403 to anyone without the step's role and jurisdiction, whatever
    they may read; nothing changes."""
    nomination = get_object_or_404(Nomination.objects.select_related(*RELATED), pk=pk)
    ensure_can_act(request.user, nomination, step)
    return nomination


def _return_status(nomination):
    """Early / on time / late for the office's return or supplement request (5 working days
    from receipt); nothing once the nomination went on to the council."""
    if nomination.return_due_on is None:
        return ""
    if nomination.returned_on is None and nomination.status != NominationStatus.SUBMITTED:
        return ""
    return timeliness(nomination.returned_on, nomination.return_due_on, deadlines.today())


def _actions(nomination, can) -> dict:
    """Which action buttons the page shows: the step the user may act on in the status that
    step waits for; recording for forms a higher authority decides, revoking for the others."""
    status, external = nomination.status, nomination.form.decided_externally
    return {
        "appraise": can["appraise"] and status == NominationStatus.SUBMITTED,
        "vote": can["appraise"] and status == NominationStatus.APPRAISED,
        "decide": can["decide"] and status == NominationStatus.VOTED,
        "revoke": can["decide"] and status == NominationStatus.DECIDED and not external,
        "supplement_asked": status == NominationStatus.SUPPLEMENT_REQUESTED,
    }


def detail_context(request, nomination, *, upload_form=None, error=None):
    user = request.user
    can = {step: can_act(user, nomination, step) for step in ("prepare", "appraise", "decide")}
    editable = can["prepare"] and nomination.status in EDITABLE
    open_task = (
        Task.objects.filter(
            process_id=nomination.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
        )
        .select_related("owner", "deadline")
        .first()
        if nomination.process_id
        else None
    )
    nominees = nomination.nominees.select_related(
        "unit", "workplace", "basis__nomination__form", "recorded_decision"
    ).prefetch_related(
        Prefetch("decision_items", queryset=DecisionItem.objects.select_related("decision"))
    )
    return {
        "nomination": nomination,
        "form": nomination.form,
        "can": can,
        "actions": _actions(nomination, can),
        "editable": editable,
        "open_task": open_task,
        "nominees": nominees,
        "documents": nomination.documents.select_related("nominee__unit"),
        "history": nomination.transitions.select_related("actor"),
        "vote": CouncilVote.objects.filter(nomination=nomination).first(),
        "decisions": Decision.objects.filter(items__nominee__nomination=nomination)
        .distinct()
        .order_by("issued_on", "pk"),
        "recorded_decisions": RecordedDecision.objects.filter(nominees__nomination=nomination)
        .distinct()
        .order_by("issued_on", "pk"),
        "return_status": _return_status(nomination),
        "missing": missing_documents(nomination) if editable else [],
        "upload_form": upload_form or (UploadForm(nomination=nomination) if editable else None),
        "error": error,
        "step_labels": STEP_LABELS,
    }


@login_required
def nomination_detail(request, pk):
    nomination = visible_nomination(request, pk)
    return render(request, "rewards/nomination_detail.html", detail_context(request, nomination))


@login_required
def nomination_document_download(request, pk):
    document = get_object_or_404(
        NominationDocument.objects.filter(nomination__in=nominations_visible_to(request.user)),
        pk=pk,
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
