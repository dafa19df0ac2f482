"""Drafting, signing and checking issued documents (issue #10).

- Two roles (Decree 30/2020/NĐ-CP, Art. 13: the competent person signs; Circular 124,
  Art. 10: the committee decides and issues the Giấy công nhận): the committee's staff
  prepare a draft, the signer it names signs; only then is the decision issued through
  the decision service, so the number and the date are fixed at signing and an abandoned
  draft leaves no gap in the numbering.
- Each issued PDF is signed with the issuing body's certificate and stored once with its
  SHA-256 and a short code; anyone can check a PDF they received (valid / altered /
  unknown)."""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from dossiers.jurisdiction import granted_area_ids, granted_areas
from dossiers.models import (
    AreaGroupPermission,
    AreaUserPermission,
    Decision,
    DecisionItem,
    DecisionKind,
)
from dossiers.models.areas import area_codenames, in_force
from dossiers.services import DomainError
from workflows import receipts
from workflows.recognition.services.decisions import RECOGNITIONS
from workflows.recognition.services.decisions import decision_issue as recognition_issue
from workflows.recognition.services.decisions import decision_revoke as recognition_revoke
from workflows.rewards.services.decisions import AWARDS, award_revoke, reward_decision_issue

from . import signing
from .models import (
    DecisionDraft,
    DocumentKind,
    DraftKind,
    DraftStatus,
    IssuedDocument,
    SigningCertificate,
)

#: The subjects and the decision service of each kind of draft.
SUBJECTS = {
    DraftKind.RECOGNISE: RECOGNITIONS,
    DraftKind.RECOGNITION_REVOKE: RECOGNITIONS,
    DraftKind.AWARD: AWARDS,
    DraftKind.AWARD_REVOKE: AWARDS,
}
SUBJECT_MODELS = {
    DraftKind.RECOGNISE: "dossiers.Dossier",
    DraftKind.RECOGNITION_REVOKE: "dossiers.Dossier",
    DraftKind.AWARD: "dossiers.Nominee",
    DraftKind.AWARD_REVOKE: "dossiers.Nominee",
}
DRAFTING_ROLES = (Role.COMMITTEE_STAFF,)
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
SHORT_CODE_LENGTH = 10
NOT_A_SIGNER = "Người ký phải là lãnh đạo Ủy ban nhân dân của {issuer} (vai trò ký)."


# --- certificates --------------------------------------------------------------------


def certificate_upload(*, area, data: bytes, passphrase: str) -> SigningCertificate:
    """The issuing body's PKCS#12 (uploaded by the administrator): checked to open with
    its passphrase, the passphrase sealed, the certificate's subject and validity kept
    for display. A new upload replaces the previous one; documents already signed keep
    the certificate they were signed with."""
    facts = signing.read_pkcs12(data, passphrase)
    certificate, _ = SigningCertificate.objects.update_or_create(
        area=area,
        defaults={
            "pkcs12": data,
            "sealed_passphrase": signing.seal(passphrase),
            "subject": facts.subject,
            "fingerprint": facts.fingerprint,
            "not_after": facts.not_after,
        },
    )
    return certificate


# --- drafts --------------------------------------------------------------------------


def signers_of(issuer):
    """The users who may sign for `issuer`: the committee's signers with a grant in force
    on the issuing area itself (one query)."""
    codes = area_codenames(act=True)
    direct = AreaUserPermission.objects.filter(
        content_object=issuer, permission__codename__in=codes
    ).filter(in_force())
    by_group = AreaGroupPermission.objects.filter(
        content_object=issuer, permission__codename__in=codes
    ).filter(in_force())
    return (
        User.objects.filter(role=Role.COMMITTEE_SIGNER, is_active=True)
        .filter(Q(pk__in=direct.values("user")) | Q(groups__in=by_group.values("group")))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _acts_for(user, issuer) -> bool:
    return issuer.pk in granted_area_ids(user, act=True)


def _ensure_drafter(user, issuer):
    if user.role not in DRAFTING_ROLES or not _acts_for(user, issuer):
        raise PermissionDenied(f"Chỉ chuyên viên của UBND {issuer.name} được lập dự thảo.")


def visible_drafts(user):
    """Drafts of an issuing area granted to the user themselves (others: 404)."""
    return DecisionDraft.objects.filter(issuer__in=granted_areas(user).values("pk"))


def _subjects(kind, ids):
    from django.apps import apps

    model = apps.get_model(SUBJECT_MODELS[kind])
    found = model.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _check(draft: DecisionDraft, acting_user):
    """The decision service's own checks on the draft's subjects, without issuing: the
    issuer may be acted for, the subjects wait for this issuer, each result is complete
    (workflows.decisions.DecisionSubjects)."""
    strategy = SUBJECTS[draft.kind]
    strategy.check_issuer(acting_user, draft.issuer)
    subjects = _subjects(draft.kind, [row[0] for row in draft.results])
    if not subjects:
        raise DomainError(strategy.none_chosen)
    with transaction.atomic():
        if draft.revoking:
            if not draft.reason.strip():
                raise DomainError("Vui lòng ghi rõ lý do thu hồi.")
            strategy.lock_revocable(acting_user=acting_user, issuer=draft.issuer, subjects=subjects)
        else:
            by_pk = {s.pk: s for s in subjects}
            strategy.lock_decidable(
                acting_user=acting_user,
                issuer=draft.issuer,
                results=[(by_pk[pk], ok, reason) for pk, ok, reason in draft.results],
            )


def draft_create(
    *,
    acting_user,
    kind: str,
    issuer,
    results: list,
    signer,
    summary: str,
    signer_title: str,
    authority: str,
    reason: str = "",
    proposal_office: str = "",
    proposal_number: str = "",
    proposal_date: datetime.date | None = None,
) -> DecisionDraft:
    """A draft decision by the issuer's own staff: `results` [(subject, decided, reason)]
    (for a revocation, decided is False and the reason the draft's). Checked now as the
    decision service will check it at signing; no number is taken."""
    _ensure_drafter(acting_user, issuer)
    if signer is None or not signers_of(issuer).filter(pk=signer.pk).exists():
        raise DomainError(NOT_A_SIGNER.format(issuer=f"UBND {issuer.name}"))
    draft = DecisionDraft(
        issuer=issuer,
        kind=kind,
        results=[[s.pk, bool(ok), (why or "").strip()] for s, ok, why in results],
        reason=(reason or "").strip(),
        summary=summary,
        signer_title=signer_title,
        authority=authority,
        proposal_office=proposal_office,
        proposal_number=proposal_number,
        proposal_date=proposal_date,
        signer=signer,
        created_by=acting_user,
    )
    with transaction.atomic():
        _check(draft, acting_user)
        draft.save()
        receipts.stamp()  # a retried form shows this draft, never a second one
    return draft


def draft_abandon(*, acting_user, draft: DecisionDraft) -> None:
    """A draft set aside by the issuer's staff or its signer: it never took a number."""
    if acting_user.pk != draft.signer_id:
        _ensure_drafter(acting_user, draft.issuer)
    if draft.status != DraftStatus.DRAFT:
        raise DomainError("Dự thảo này đã được ký hoặc đã hủy.")
    draft.status = DraftStatus.ABANDONED
    draft.save(update_fields=["status"])


def _ensure_signer(user, draft):
    if user.pk != draft.signer_id or not _acts_for(user, draft.issuer):
        raise PermissionDenied("Chỉ người ký được giao mới được ký dự thảo này.")


def _issue(draft: DecisionDraft, acting_user) -> Decision:
    signature = {
        "issued_on": timezone.localdate(),
        "signer_name": acting_user.get_full_name() or acting_user.username,
        "signer_title": draft.signer_title,
        "authority": draft.authority,
        "summary": draft.summary,
        "proposal_office": draft.proposal_office,
        "proposal_number": draft.proposal_number,
        "proposal_date": draft.proposal_date,
    }
    subjects = _subjects(draft.kind, [row[0] for row in draft.results])
    issuer = draft.issuer
    if draft.kind == DraftKind.RECOGNITION_REVOKE:
        return recognition_revoke(
            acting_user=acting_user, issuer=issuer, dossiers=subjects, reason=draft.reason,
            **signature,
        )  # fmt: skip
    if draft.kind == DraftKind.AWARD_REVOKE:
        return award_revoke(
            acting_user=acting_user, issuer=issuer, nominees=subjects, reason=draft.reason,
            **signature,
        )  # fmt: skip
    by_pk = {s.pk: s for s in subjects}
    results = [(by_pk[pk], ok, why) for pk, ok, why in draft.results]
    issue = recognition_issue if draft.kind == DraftKind.RECOGNISE else reward_decision_issue
    return issue(acting_user=acting_user, issuer=issuer, results=results, **signature)


def draft_subjects(draft: DecisionDraft) -> list[dict]:
    """The draft's lines as the signer reviews them."""
    subjects = {s.pk: s for s in _subjects(draft.kind, [row[0] for row in draft.results])}
    return [
        {"subject": subjects.get(pk), "decided": ok, "reason": why or draft.reason}
        for pk, ok, why in draft.results
    ]


def draft_preview(draft: DecisionDraft) -> bytes:
    """The decision as it would read, unnumbered and unsigned, every page marked DỰ THẢO."""
    today = timezone.localdate()
    rows = draft_subjects(draft)
    field = "dossier" if SUBJECT_MODELS[draft.kind] == "dossiers.Dossier" else "nominee"
    symbol = "QĐ-UBND"
    if field == "nominee" and rows and rows[0]["subject"] is not None:
        symbol = rows[0]["subject"].form.decision_symbol
    decision = Decision(
        issuer=draft.issuer,
        kind={
            DraftKind.RECOGNISE: DecisionKind.RECOGNISE,
            DraftKind.AWARD: DecisionKind.AWARD,
        }.get(draft.kind, DecisionKind.REVOKE),
        year=today.year,
        number=None,  # the renderer prints "Số:      /…" and no date for a draft
        symbol=symbol,
        issued_on=today,
        signer_name=draft.signer.get_full_name(),
        signer_title=draft.signer_title,
        authority=draft.authority,
        summary=draft.summary,
        reason=draft.reason,
        proposal_office=draft.proposal_office,
        proposal_number=draft.proposal_number,
        proposal_date=draft.proposal_date,
    )
    items = [
        DecisionItem(decision=decision, recognised=row["decided"], reason=row["reason"],
                     **{field: row["subject"]})
        for row in rows
        if row["subject"] is not None
    ]  # fmt: skip
    return signing.mark_draft(rendering().decision_pdf(decision, items))


# --- issuing documents -----------------------------------------------------------------


def rendering():
    """The module that renders the documents (`DOCUMENTS_RENDERING`, by default
    documents.rendering): decision_pdf for previews, and render_decision,
    render_certificates, render_certificate, which return the PDF with the rectangles
    left for the visible signature (`Rendered`)."""
    return import_module(getattr(settings, "DOCUMENTS_RENDERING", "documents.rendering"))


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


@dataclass(frozen=True)
class Planned:
    """One document to issue: its kind, the decision line it certifies (one certificate)
    and `render(verify_url, short_code) -> Rendered` (the PDF and its signature boxes)."""

    kind: str
    render: Callable[[str, str], object]
    item: object = None


def issue_document(
    *, decision: Decision, planned: Planned, verify_url: Callable[[str], str]
) -> IssuedDocument:
    """Render, sign with the issuer's certificate and store one document: the short code
    is drawn before rendering (the PDF prints it and its QR code), the file stored once
    with its SHA-256."""
    try:
        certificate = decision.issuer.signing_certificate
    except SigningCertificate.DoesNotExist as exc:
        raise DomainError(
            f"UBND {decision.issuer.name} chưa có chứng thư số; quản trị viên cần tải lên tệp "
            "PKCS#12 trước khi ký."
        ) from exc
    code = new_short_code()
    rendered = planned.render(verify_url(code), code)
    if not rendered.signature_boxes:
        raise DomainError("Mẫu văn bản không có ô chữ ký số (lớp “signature-box”).")
    signed = signing.sign_pdf(
        rendered.pdf,
        pkcs12_data=bytes(certificate.pkcs12),
        passphrase=signing.unseal(certificate.sealed_passphrase),
        box=rendered.signature_boxes[0],  # the decision's, or the first certificate's
        reason=str(decision),
        location=decision.issuer.name,
    )
    facts = signing.read_pkcs12(
        bytes(certificate.pkcs12), signing.unseal(certificate.sealed_passphrase)
    )
    digest = signing.sha256(signed)
    document = IssuedDocument(
        kind=planned.kind,
        decision=decision,
        item=planned.item,
        sha256=digest,
        short_code=code,
        signed_at=signing.signed_time(signed),
        signer_subject=facts.subject,
        signer_certificate=facts.der,
    )
    document.file.save(f"{decision.year}-{decision.pk}-{planned.kind}-{code}.pdf",
                       ContentFile(signed), save=False)  # fmt: skip
    document.save()
    return document


def decision_plan(decision: Decision) -> list[Planned]:
    """What a decision issues at signing: the decision itself and, for a recognition or
    an award, its certificates as one PDF (each certificate alone is issued on first
    request, `certificate_for`)."""
    module = rendering()
    plan = [
        Planned(
            DocumentKind.DECISION,
            lambda url, code: module.render_decision(decision, verify_url=url, short_code=code),
        )
    ]
    if decision.items.filter(recognised=True).exists():
        plan.append(
            Planned(
                DocumentKind.CERTIFICATES,
                lambda url, code: module.render_certificates(
                    decision, verify_url=url, short_code=code
                ),
            )
        )
    return plan


def draft_sign(*, acting_user, draft: DecisionDraft, verify_url: Callable[[str], str]):
    """The signer signs the draft: the decision is issued through the decision service
    (number and date taken now), its documents rendered, signed and stored — all or
    nothing: a failure leaves no decision and no number taken."""
    _ensure_signer(acting_user, draft)
    with transaction.atomic():
        draft = DecisionDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != DraftStatus.DRAFT:
            raise DomainError("Dự thảo này đã được ký hoặc đã hủy.")
        decision = _issue(draft, acting_user)
        for planned in decision_plan(decision):
            issue_document(decision=decision, planned=planned, verify_url=verify_url)
        draft.status = DraftStatus.SIGNED
        draft.decision = decision
        draft.signed_at = timezone.now()
        draft.save(update_fields=["status", "decision", "signed_at"])
    return decision


def certificate_for(item, *, verify_url: Callable[[str], str]) -> IssuedDocument:
    """The certificate of one recognised unit (or awarded nominee), issued and signed the
    first time it is asked for, then always the same stored file."""
    existing = IssuedDocument.objects.filter(item=item, kind=DocumentKind.CERTIFICATE).first()
    if existing:
        return existing
    if not item.recognised:
        raise DomainError("Chỉ cấp giấy chứng nhận cho đơn vị được công nhận, khen thưởng.")
    module = rendering()
    planned = Planned(
        DocumentKind.CERTIFICATE,
        lambda url, code: module.render_certificate(item, verify_url=url, short_code=code),
        item=item,
    )
    try:
        with transaction.atomic():
            return issue_document(decision=item.decision, planned=planned, verify_url=verify_url)
    except IntegrityError:  # issued by someone else at the same moment
        return IssuedDocument.objects.get(item=item, kind=DocumentKind.CERTIFICATE)


# --- checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    verdict: str  # signing.Verdict
    document: IssuedDocument | None = None


def stored_bytes(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def stored_state(document: IssuedDocument) -> dict:
    """Whether the stored file still has its SHA-256 and a valid signature."""
    data = stored_bytes(document)
    return {
        "hash_valid": signing.sha256(data) == document.sha256,
        "signature_valid": signing.check_signature(
            data, [bytes(document.signer_certificate)]
        ).valid,
    }


def check_upload(data: bytes) -> Check:
    """A PDF someone received: valid when it is, byte for byte, a document issued here
    (its SHA-256 stored) with a valid signature; altered when it carries a signature by a
    certificate documents were issued with but is not one of them (or no longer
    validates); unknown otherwise."""
    digest = signing.sha256(data)
    document = IssuedDocument.objects.select_related("decision__issuer").filter(sha256=digest)
    document = document.first()
    if document is not None:
        valid = signing.check_signature(data, [bytes(document.signer_certificate)]).valid
        return Check(signing.Verdict.VALID if valid else signing.Verdict.ALTERED, document)
    known = [
        bytes(der)
        for der in IssuedDocument.objects.values_list("signer_certificate", flat=True).distinct()
    ]
    if known and signing.check_signature(data, known).by_certificate:
        return Check(signing.Verdict.ALTERED)
    return Check(signing.Verdict.UNKNOWN)


def public_facts(document: IssuedDocument) -> dict:
    """What the public check page shows: the number, date, issuer and unit(s) — nothing
    more (no citizen ids, no reasons or remarks)."""
    decision = document.decision
    items = [document.item] if document.item_id else list(
        decision.items.select_related("dossier__unit", "nominee__unit")
    )  # fmt: skip
    units = []
    for item in items:
        if item.dossier_id:
            units.append(item.dossier.unit.name)
        elif item.nominee_id:
            nominee = item.nominee
            units.append(nominee.unit.name if nominee.unit_id else nominee.full_name)
    return {
        "kind": document.get_kind_display(),
        "reference": decision.reference,
        "issued_on": decision.issued_on,
        "issuer": decision.issuer.name,
        "revocation": decision.kind == "revoke",
        "units": units,
        "signed_at": document.signed_at,
    }
