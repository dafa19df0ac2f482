"""The committee's drafts and their signing, the issued PDFs, and the public check page
(no login) with its upload box, rate-limited per client address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.client_ip import client_ip
from dossiers.models import DecisionItem, DossierStatus
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step
from workflows.recognition.views.decisions import decision_page, visible_decisions
from workflows.rewards.selectors import visible_reward_decisions
from workflows.rewards.views.decisions import reward_decision_page, reward_revoke_page

from . import services
from .forms import CheckUploadForm, DraftFieldsForm
from .models import DraftKind, DraftStatus, IssuedDocument

CHECK_LIMIT = 30  # look-ups and uploads per client address
CHECK_WINDOW = 600  # seconds
RATE_LIMITED = "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."


def _draft_fields(data, initial, issuer):
    return DraftFieldsForm(data, initial=initial, issuer=issuer)


def _drafted(request, draft):
    messages.success(request, "Đã lập dự thảo quyết định; người ký sẽ xem và ký ban hành.")
    return redirect("draft-detail", pk=draft.pk)


DRAFTING = {"fields": _draft_fields, "done": _drafted, "button": "Lập dự thảo trình ký"}


def _draft(request, issuer, form, *, kind, results, reason=""):
    return services.draft_create(
        acting_user=request.user,
        kind=kind,
        issuer=issuer,
        results=results,
        reason=reason,
        **form.cleaned_data,
    )


@login_required
@one_time_step(fixed("draft-list"))
def decision_create(request):
    """The committee's staff prepare a recognition decision: a draft for the signer."""

    def issue(issuer, form, chosen, results, picked):
        rows = [
            (d, results[d.pk].cleaned_data["result"], results[d.pk].cleaned_data["reason"])
            for d in picked
        ]
        return _draft(request, issuer, form, kind=DraftKind.RECOGNISE, results=rows)

    return decision_page(
        request,
        status=DossierStatus.PROPOSED,
        summary="Về việc công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        revoke=False,
        issue=issue,
        **DRAFTING,
    )


@login_required
@one_time_step(fixed("draft-list"))
def decision_revoke(request):
    def issue(issuer, form, chosen, results, picked):
        return _draft(
            request,
            issuer,
            form,
            kind=DraftKind.RECOGNITION_REVOKE,
            results=[(d, False, "") for d in picked],
            reason=chosen.cleaned_data["reason"],
        )

    return decision_page(
        request,
        status=DossierStatus.RECOGNISED,
        summary="Về việc thu hồi công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        revoke=True,
        issue=issue,
        **DRAFTING,
    )


class CommitteeDrafting:
    """A reward decision of a committee, drafted by its staff for its signer
    (workflows.rewards.views.decisions.reward_decision_page)."""

    button = DRAFTING["button"]

    @staticmethod
    def fields(data, initial, issuer):
        return _draft_fields(data, initial, issuer)

    @staticmethod
    def create(request, issuer, form, results):
        return _draft(request, issuer, form, kind=DraftKind.AWARD, results=results)

    @staticmethod
    def revoke(request, issuer, form, nominees, reason):
        rows = [(n, False, "") for n in nominees]
        return _draft(
            request, issuer, form, kind=DraftKind.AWARD_REVOKE, results=rows, reason=reason
        )

    done = staticmethod(_drafted)


@login_required
@one_time_step(fixed("reward-decision-list"))
def reward_decision_create(request):
    """A committee's reward decision becomes a draft for its signer; a police director's
    is issued by the police office as before."""
    return reward_decision_page(request, drafting=CommitteeDrafting)


@login_required
@one_time_step(fixed("reward-decision-list"))
def reward_revoke(request):
    return reward_revoke_page(request, drafting=CommitteeDrafting)


@login_required
def draft_list(request):
    drafts = (
        services.visible_drafts(request.user)
        .filter(status=DraftStatus.DRAFT)
        .select_related("issuer", "signer", "created_by")
    )
    return render(request, "documents/draft_list.html", {"drafts": drafts[:200]})


def _visible_draft(request, pk):
    return get_object_or_404(
        services.visible_drafts(request.user).select_related("issuer", "signer", "decision"),
        pk=pk,
    )


@login_required
def draft_detail(request, pk):
    draft = _visible_draft(request, pk)
    subjects = services.draft_subjects(draft)
    return render(
        request,
        "documents/draft_detail.html",
        {
            "draft": draft,
            "rows": subjects,
            "may_sign": draft.status == DraftStatus.DRAFT and draft.signer_id == request.user.pk,
            "documents": draft.decision.documents.all() if draft.decision_id else [],
        },
    )


@login_required
def draft_preview(request, pk):
    """The unsigned PDF marked DỰ THẢO, for the signer to review."""
    draft = _visible_draft(request, pk)
    try:
        pdf = services.draft_preview(draft)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("draft-detail", pk=pk)
    return _pdf_response(pdf, f"du-thao-{draft.pk}.pdf")


def _verify_url(request):
    return lambda code: request.build_absolute_uri(reverse("document-check", args=[code]))


@login_required
@require_POST
def draft_sign(request, pk):
    draft = _visible_draft(request, pk)
    try:
        decision = services.draft_sign(
            acting_user=request.user, draft=draft, verify_url=_verify_url(request)
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("draft-detail", pk=pk)
    messages.success(request, f"Đã ký ban hành Quyết định số {decision.reference}.")
    return redirect("draft-detail", pk=pk)


@login_required
@require_POST
def draft_abandon(request, pk):
    draft = _visible_draft(request, pk)
    try:
        services.draft_abandon(acting_user=request.user, draft=draft)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("draft-detail", pk=pk)
    messages.success(request, "Đã hủy dự thảo; không có số quyết định nào bị chiếm.")
    return redirect("draft-list")


def _visible_decision_ids(user):
    return visible_decisions(user).values("pk").union(visible_reward_decisions(user).values("pk"))


@login_required
def document_download(request, pk):
    document = get_object_or_404(
        IssuedDocument.objects.filter(decision__in=_visible_decision_ids(request.user)), pk=pk
    )
    return _pdf_response(services.stored_bytes(document), f"{document.short_code}.pdf")


@login_required
def certificate_download(request, item_pk):
    """One unit's (or nominee's) certificate, issued and signed on first request."""
    item = get_object_or_404(
        DecisionItem.objects.filter(decision__in=_visible_decision_ids(request.user)),
        pk=item_pk,
    )
    try:
        document = services.certificate_for(item, verify_url=_verify_url(request))
    except DomainError as exc:
        raise Http404(str(exc)) from exc
    return _pdf_response(services.stored_bytes(document), f"{document.short_code}.pdf")


def _pdf_response(data: bytes, name: str):
    from io import BytesIO

    return FileResponse(BytesIO(data), content_type="application/pdf", filename=name)


def _over_limit(request) -> bool:
    """A cache-based count per client address (accounts.client_ip) over a fixed window."""
    key = f"document-check:{client_ip(request)}"
    cache.add(key, 0, CHECK_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, CHECK_WINDOW)
        count = 1
    return count > CHECK_LIMIT


def document_check(request, code=None):
    """Public (no login): a document by its short code — number, date, issuer, unit(s),
    whether its signature and hash are valid — and a box to check a PDF received."""
    if _over_limit(request):
        return render(request, "documents/check.html", {"limited": RATE_LIMITED}, status=429)
    document = None
    if code is not None:
        document = get_object_or_404(
            IssuedDocument.objects.select_related("decision__issuer", "item"),
            short_code=code.strip().upper(),
        )
    posted = request.method == "POST"
    form = CheckUploadForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        result = services.check_upload(form.cleaned_data["pdf"].read())
    context = {"form": form, "result": result, "code": code}
    if document is not None:
        context.update(document=services.public_facts(document), **services.stored_state(document))
    if result is not None and result.document is not None:
        context["matched"] = services.public_facts(result.document)
    return render(request, "documents/check.html", context)
