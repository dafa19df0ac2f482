"""Anyone checks a signed PDF on the public page (no login), in Chromium: the issued file
reads as valid, the same file with one byte changed as altered, another PDF as unknown
(issue #10)."""

import pytest

from documents import services
from documents.models import DocumentKind
from tests.documents.pki import PASSPHRASE, issuer_pkcs12, small_pdf
from tests.journeys import Journey, Province, recognition_draft

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def issued(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = Province.build()
    services.certificate_upload(area=p.commune, data=issuer_pkcs12(), passphrase=PASSPHRASE)
    draft = recognition_draft(p, Journey(p, p.agency).to("proposed"))
    decision = services.draft_sign(acting_user=p.signer, draft=draft, verify_url=str)
    return p, decision.documents.get(kind=DocumentKind.DECISION)


def upload(page, path):
    page.get_by_label("Tệp PDF nhận được").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    return page.locator("#verdict").inner_text()


def test_signature_valid_then_one_byte_changed_reads_altered(new_page, issued, tmp_path, shoot):
    p, document = issued
    data = services.stored_bytes(document)
    page = new_page()
    page.goto(f"/xac-thuc/{document.short_code}/")
    assert page.locator("#signature-state").inner_text() == "Hợp lệ"
    assert page.locator("#hash-state").inner_text() == "Khớp"
    text = page.locator("main").inner_text()
    assert document.decision.reference in text and p.agency.name in text
    assert p.head.username not in text  # nothing but the public facts
    shoot(page, "van-ban")

    original = tmp_path / "quyet-dinh.pdf"
    original.write_bytes(data)
    assert upload(page, original).startswith("Hợp lệ")

    changed = bytearray(data)
    changed[len(data) // 3] ^= 0x01
    altered = tmp_path / "quyet-dinh-sua.pdf"
    altered.write_bytes(bytes(changed))
    assert upload(page, altered).startswith("Đã bị sửa đổi")
    shoot(page, "bi-sua")

    stranger = tmp_path / "khac.pdf"
    stranger.write_bytes(small_pdf())
    assert upload(page, stranger).startswith("Không xác định")
