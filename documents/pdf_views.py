"""Downloads of a decision's documents as PDF (issue #10, part A), from the decision pages:
the decision itself and its certificates (Giấy công nhận; Giấy khen / Bằng khen), scoped
exactly like the decision pages — a decision the user may not see is a 404. A decision
signed through its draft (documents.services) is served as the signed file stored at
signing, never re-rendered; only a decision issued before signing existed (or recorded
without a certificate) is rendered here, unsigned."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from dossiers.models import DecisionKind
from workflows.recognition.views.decisions import visible_decisions
from workflows.rewards.selectors import visible_reward_decisions

from . import rendering, services
from .models import DocumentKind

VISIBLE = {"recognition": visible_decisions, "reward": visible_reward_decisions}
NO_CERTIFICATE = "Quyết định thu hồi không cấp giấy chứng nhận."


def _decision(request, kind, pk):
    return get_object_or_404(VISIBLE[kind](request.user).select_related("issuer"), pk=pk)


def _filename(decision, what: str) -> str:
    reference = decision.reference.replace("/", "-").replace("Đ", "D")
    return f"{what}-{reference}-{decision.year}.pdf"


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _signed(decision, kind):
    document = decision.documents.filter(kind=kind).first()
    return services.stored_bytes(document) if document else None


@login_required
def decision_pdf(request, kind, pk):
    decision = _decision(request, kind, pk)
    content = _signed(decision, DocumentKind.DECISION) or rendering.decision_pdf(decision)
    return _pdf(content, _filename(decision, "quyet-dinh"))


@login_required
def certificates_pdf(request, kind, pk, item=None):
    decision = _decision(request, kind, pk)
    if decision.kind == DecisionKind.REVOKE:
        raise Http404(NO_CERTIFICATE)
    if item is None:
        content = _signed(decision, DocumentKind.CERTIFICATES)
        return _pdf(
            content or rendering.certificates_pdf(decision), _filename(decision, "giay-chung-nhan")
        )
    chosen = get_object_or_404(decision.items.filter(recognised=True), pk=item)
    return _pdf(
        rendering.certificate_pdf(chosen, decision=decision),
        _filename(decision, f"giay-chung-nhan-{item}"),
    )
