"""Drafting and signing as two roles, signed PDFs stored with their SHA-256, and the public
check (issue #10; Decree 30/2020/NĐ-CP; Circular 124, Art. 10)."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services, signing
from documents.models import DocumentKind, DraftStatus, IssuedDocument
from dossiers.models import Decision
from dossiers.models import DossierStatus as S
from dossiers.services import DomainError
from tests.documents.pki import PASSPHRASE, issuer_pkcs12, small_pdf
from tests.journeys import Journey, Province, recognition_draft, sign_drafted
from tests.workflows.test_forms_filters import decision_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return Province.build()


@pytest.fixture
def certified(p):
    services.certificate_upload(area=p.commune, data=issuer_pkcs12(), passphrase=PASSPHRASE)
    return p


def draft_post(p, *dossiers):
    return {**decision_post(p, *dossiers), **{f"result_{d.pk}": "1" for d in dossiers}}


def make_draft(p, dossier, **overrides):
    return recognition_draft(p, dossier, **overrides)


def sign(p, draft):
    return services.draft_sign(
        acting_user=p.signer, draft=draft, verify_url=lambda code: f"http://x/xac-thuc/{code}/"
    )


def test_art_10_staff_draft_and_only_the_chosen_signer_issues(client, certified):
    p = certified
    dossier = Journey(p, p.agency).to("proposed")
    client.force_login(p.committee)
    response = client.post(reverse("decision-create"), draft_post(p, dossier))
    assert response.status_code == 302
    assert not Decision.objects.exists()  # staff alone issue nothing
    dossier.refresh_from_db()
    assert dossier.status == S.PROPOSED
    draft_url = response.url
    assert client.post(draft_url + "ky/").status_code == 403  # staff do not sign
    assert not Decision.objects.exists()
    decision = sign_drafted(client, response, signer=p.signer)
    assert decision.reference == "01/QĐ-UBND"
    assert decision.signer_name == "Huỳnh Văn Giang"
    dossier.refresh_from_db()
    assert dossier.status == S.RECOGNISED
    kinds = sorted(decision.documents.values_list("kind", flat=True))
    assert kinds == [DocumentKind.CERTIFICATES, DocumentKind.DECISION]


def test_services_check_the_roles_themselves(certified):
    p = certified
    dossier = Journey(p, p.agency).to("proposed")
    with pytest.raises(PermissionDenied):  # the signer does not draft
        make_draft(p, dossier, acting_user=p.signer)
    with pytest.raises(DomainError, match="Người ký phải là lãnh đạo"):
        make_draft(p, dossier, signer=p.provincial_signer)  # the province's, not the commune's
    draft = make_draft(p, dossier)
    for intruder in (p.committee, p.provincial_signer):
        with pytest.raises(PermissionDenied):
            services.draft_sign(acting_user=intruder, draft=draft, verify_url=str)
    assert not Decision.objects.exists()


def test_a_draft_outside_jurisdiction_is_invisible(client, certified):
    p = certified
    draft = make_draft(p, Journey(p, p.agency).to("proposed"))
    other = Province.build(name="Xã Khác")
    client.force_login(other.signer)
    assert client.get(reverse("draft-detail", args=[draft.pk])).status_code == 404
    assert client.post(reverse("draft-sign", args=[draft.pk])).status_code == 404


def test_art_10_an_abandoned_draft_leaves_no_gap_in_the_numbering(certified):
    p = certified
    first = make_draft(p, Journey(p, p.agency).to("proposed"))
    second = make_draft(p, Journey(p).to("proposed"))
    services.draft_abandon(acting_user=p.committee, draft=first)
    decision = sign(p, second)
    assert decision.number == 1
    first.refresh_from_db()
    assert first.status == DraftStatus.ABANDONED and first.decision is None


def test_signing_without_a_certificate_issues_nothing(p):
    draft = make_draft(p, Journey(p, p.agency).to("proposed"))
    with pytest.raises(DomainError, match="chưa có chứng thư số"):
        sign(p, draft)
    assert not Decision.objects.exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_signed_pdf_is_stored_with_its_hash_and_signed_in_vietnam_time(certified):
    p = certified
    decision = sign(p, make_draft(p, Journey(p, p.agency).to("proposed")))
    document = decision.documents.get(kind=DocumentKind.DECISION)
    data = services.stored_bytes(document)
    assert signing.sha256(data) == document.sha256
    assert signing.signed_time(data).utcoffset().total_seconds() == 7 * 3600
    assert signing.signed_time(data) == document.signed_at
    assert services.stored_state(document) == {"hash_valid": True, "signature_valid": True}
    with pytest.raises(ValueError):
        document.save()  # never rewritten


def test_check_upload_valid_altered_unknown(certified):
    p = certified
    decision = sign(p, make_draft(p, Journey(p, p.agency).to("proposed")))
    data = services.stored_bytes(decision.documents.get(kind=DocumentKind.DECISION))
    assert services.check_upload(data).verdict == signing.Verdict.VALID
    altered = bytearray(data)
    altered[len(data) // 3] ^= 0x01
    assert services.check_upload(bytes(altered)).verdict == signing.Verdict.ALTERED
    assert services.check_upload(small_pdf()).verdict == signing.Verdict.UNKNOWN
    assert services.check_upload(b"not a pdf").verdict == signing.Verdict.UNKNOWN


def test_public_page_shows_only_the_public_facts(client, certified):
    p = certified
    decision = sign(p, make_draft(p, Journey(p, p.agency).to("proposed")))
    document = decision.documents.get(kind=DocumentKind.DECISION)
    html = client.get(reverse("document-check", args=[document.short_code])).content.decode()
    assert "01/QĐ-UBND" in html and p.agency.name in html and p.commune.name in html
    assert "Hợp lệ" in html and "Khớp" in html
    assert client.get(reverse("document-check", args=["KHONGCO234"])).status_code == 404


def test_check_page_is_rate_limited_with_a_message(client, p, settings):
    from documents import views

    for _ in range(views.CHECK_LIMIT):
        assert client.get(reverse("document-check-upload")).status_code == 200
    response = client.get(reverse("document-check-upload"))
    assert response.status_code == 429
    assert "Bạn đã tra cứu quá nhiều lần" in response.content.decode()


def test_upload_box_keeps_a_clear_message_for_an_empty_post(client, p):
    response = client.post(reverse("document-check-upload"), {})
    assert "Vui lòng chọn tệp PDF cần kiểm tra." in response.content.decode()
    response = client.post(
        reverse("document-check-upload"),
        {"pdf": SimpleUploadedFile("x.pdf", b"%PDF-1.4 rubbish", "application/pdf")},
    )
    assert "Không xác định" in response.content.decode()


def test_preview_is_marked_draft_and_unsigned(client, certified):
    p = certified
    draft = make_draft(p, Journey(p, p.agency).to("proposed"))
    client.force_login(p.signer)
    response = client.get(reverse("draft-preview", args=[draft.pk]))
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    assert not IssuedDocument.objects.exists()
    assert signing.check_signature(data, []).valid is False
    import subprocess

    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True).stdout
    assert "DỰ THẢO" in text.decode()


def test_certificate_of_one_unit_is_issued_once(client, certified):
    p = certified
    decision = sign(p, make_draft(p, Journey(p, p.agency).to("proposed")))
    item = decision.items.get()
    client.force_login(p.committee)
    url = reverse("certificate-download", args=[item.pk])
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second
    assert IssuedDocument.objects.filter(item=item).count() == 1
    client.force_login(Province.build(name="Xã Xa").committee)
    assert client.get(url).status_code == 404


def test_pkcs12_with_a_wrong_passphrase_is_refused_in_vietnamese(p):
    with pytest.raises(DomainError, match="mật khẩu không đúng"):
        services.certificate_upload(area=p.commune, data=issuer_pkcs12(), passphrase="sai")
    certificate = services.certificate_upload(
        area=p.commune, data=issuer_pkcs12(), passphrase=PASSPHRASE
    )
    assert PASSPHRASE.encode() not in bytes(certificate.sealed_passphrase)
    assert signing.unseal(certificate.sealed_passphrase) == PASSPHRASE


def test_art_10_a_committees_reward_decision_is_drafted_then_signed(client, certified):
    from tests.rewards.journeys import RewardJourney

    p = certified
    Journey(p, p.unit).to("recognised")
    nomination = RewardJourney(
        p, form="gk-chu-tich-xa", type="regular", nominees=[{"unit": p.unit}], proposer=p.head
    ).to("voted")
    nominee = nomination.nominees.get()
    decisions_before = Decision.objects.count()
    client.force_login(p.committee)
    response = client.post(
        reverse("reward-decision-create"),
        {
            "group": f"{nomination.decide_area_id}-{nomination.form_id}",
            "nomination": [nomination.pk],
            f"result_{nominee.pk}": "1",
            "signer": p.signer.pk,
            "signer_title": "Chủ tịch",
            "authority": "tm",
            "summary": "Về việc tặng Giấy khen",
        },
    )
    assert Decision.objects.count() == decisions_before  # a draft, nothing issued
    decision = sign_drafted(client, response, signer=p.signer)
    nominee.refresh_from_db()
    assert nominee.result == "awarded"
    assert decision.documents.filter(kind=DocumentKind.DECISION).exists()


def test_draft_list_costs_the_same_queries_whatever_its_length(client, certified):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = certified
    client.force_login(p.signer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("draft-list")).status_code == 200
        return len(queries)

    dossier = Journey(p, p.agency).to("proposed")
    make_draft(p, dossier)
    few = count()
    for _ in range(4):
        make_draft(p, dossier)
    assert count() == few


def test_art_10_the_real_decree_30_documents_are_signed_in_their_signature_box(
    certified, settings, client
):
    """With the project's own renderer (not the tests' stand-in): the decision and its
    Giấy công nhận are signed Decree 30 documents, the signature sits in the box the
    template leaves, and the decision page's download serves that signed file."""
    settings.DOCUMENTS_RENDERING = "documents.rendering"
    p = certified
    dossier = Journey(p, p.agency).to("proposed")
    decision = sign(p, make_draft(p, dossier))
    for kind in (DocumentKind.DECISION, DocumentKind.CERTIFICATES):
        document = decision.documents.get(kind=kind)
        data = services.stored_bytes(document)
        assert services.stored_state(document) == {"hash_valid": True, "signature_valid": True}
        assert services.check_upload(data).verdict == signing.Verdict.VALID
        assert dossier.unit.name in pdf_text(data)
        assert document.short_code in pdf_text(data)
    decision_text = pdf_text(services.stored_bytes(decision.documents.get(kind="decision")))
    assert f"Số: {decision.reference}" in decision_text
    client.force_login(p.committee)
    served = client.get(reverse("decision-pdf", args=[decision.pk]))
    assert served.content == services.stored_bytes(decision.documents.get(kind="decision"))


def pdf_text(data: bytes) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
