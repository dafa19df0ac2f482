"""A residential area (with one supplement loop) and an agency go from registration to
one decision through the pages, each step by the user whose job it is; a third dossier is
refused. Chromium via Playwright; a screenshot per step in test-artifacts/."""

import datetime

import pytest

from documents.services import certificate_upload
from dossiers.models import Dossier
from dossiers.models import DossierStatus as S
from tests.documents.pki import PASSPHRASE, issuer_pkcs12
from tests.journeys import PDF, Province
from workflows import deadlines

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data", "quarter_one")]
PASSWORD = "mat-khau-thu-nghiem"
DOCUMENTS = ["proposal", "self_assessment", "minutes"]  # Art. 9 cl. 2 b, at year end
REGISTRATION = ["party_resolution", "security_plan", "registration"]  # Art. 9 cl. 2 a


@pytest.fixture
def quarter_one(monkeypatch):
    """Registration is open in Quarter I (Circular 124, Art. 4–7 cl. 1): the journey
    happens on 02/03/2026, the meeting that day too."""
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 3, 2))


@pytest.fixture
def pdfs(tmp_path):
    paths = {}
    for code in DOCUMENTS + REGISTRATION:
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(PDF)
        paths[code] = str(path)
    return paths


def as_user(new_page, user):
    page = new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Việc của tôi").wait_for()
    return page


def register_and_submit(page, unit, pdfs, shoot, households=True):
    page.get_by_role("navigation").get_by_role("link", name="Đăng ký phấn đấu").click()
    page.get_by_label("Đơn vị").select_option(label=unit.name)
    page.get_by_label("Đợt xét công nhận").select_option(index=1)
    if households:
        page.get_by_label("Tổng số hộ gia đình (khu dân cư)").fill("120")
        page.get_by_label("Số hộ đã đăng ký, ký cam kết").fill("120")
    page.get_by_label("Có", exact=True).check()
    for code in REGISTRATION:
        if code != "security_plan" or not households:
            page.set_input_files(f"input[name=file_{code}]", pdfs[code])
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.get_by_role("heading", name=f"Tự đánh giá và nộp hồ sơ — {unit.name}").wait_for()
    shoot(page, f"dang-ky-{unit.pk}")
    for radio in page.locator("input[type=radio][name^=met_][value='1']").all():
        radio.check()
    for box in page.locator("textarea[name^=explanation_]").all():
        box.fill("Đã thực hiện đầy đủ, có biên bản kèm theo.")
    if unit.kind != "residential_area":  # Circular 124 Art. 6 cl. 5: 8 of 10 sub-units rated
        page.get_by_label("Số đầu mối trực thuộc").fill("10")
        page.get_by_label("Số đầu mối đạt “Tập thể lao động tiên tiến”", exact=False).fill("8")
    for code in DOCUMENTS:
        page.set_input_files(f"input[name=file_{code}]", pdfs[code])
    page.fill("input[name=meeting-held_on]", "2026-03-02")
    for i, box in enumerate(page.locator("input[name^=meeting-][name$=-name]").all()):
        box.fill(f"Người dự họp {i}")
    for box in page.locator("input[name^=meeting-][name$=-position]").all():
        box.fill("Đại diện")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu.").wait_for()
    shoot(page, f"tu-danh-gia-{unit.pk}")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_text("Đã nộp hồ sơ.").wait_for()
    shoot(page, f"da-nop-{unit.pk}")


def open_from_inbox(page, unit):
    page.get_by_role("link", name="Việc của tôi").click()
    page.get_by_role("link", name=unit.name).click()


def decide_step(page, action, outcome, verdict="1", comment=""):
    page.get_by_role("link", name=action, exact=True).click()
    for radio in page.locator(f"input[type=radio][name^=verdict_][value='{verdict}']").all():
        radio.check()
    page.get_by_label(outcome).check()
    if comment:
        page.get_by_label("Ý kiến, lý do, nội dung cần bổ sung").fill(comment)
    page.get_by_role("button", name="Ghi nhận kết quả").click()


def test_residential_area_and_agency_to_one_decision_with_supplement_and_refusal(
    new_page, shoot, pdfs
):
    p = Province.build()
    p.other_unit.heads.add(p.other_head)

    head = as_user(new_page, p.head)
    register_and_submit(head, p.unit, pdfs, shoot)
    register_and_submit(head, p.agency, pdfs, shoot, households=False)
    other_head = as_user(new_page, p.other_head)
    register_and_submit(other_head, p.other_unit, pdfs, shoot)

    # Reviewing police: a supplement for the residential area, forward the agency, refuse one.
    reviewer = as_user(new_page, p.reviewer)
    assert reviewer.locator("tbody tr").count() == 3
    shoot(reviewer, "hop-thu-cong-an-xa")
    open_from_inbox(reviewer, p.unit)
    decide_step(
        reviewer,
        "Xét duyệt",
        "Yêu cầu bổ sung",
        comment="Bổ sung biên bản họp có chữ ký của Bí thư chi bộ.",
    )
    reviewer.get_by_text("Chờ đơn vị bổ sung").first.wait_for()
    shoot(reviewer, "yeu-cau-bo-sung")
    open_from_inbox(reviewer, p.agency)
    decide_step(reviewer, "Xét duyệt", "Đạt — chuyển thẩm định")
    open_from_inbox(reviewer, p.other_unit)
    decide_step(
        reviewer,
        "Xét duyệt",
        "Từ chối",
        verdict="0",
        comment="Trong kỳ xảy ra vụ gây rối trật tự công cộng.",
    )
    reviewer.get_by_text("Bị từ chối").first.wait_for()
    shoot(reviewer, "tu-choi")

    # Unit head answers the supplement once; the dossier returns to the same reviewer.
    open_from_inbox(head, p.unit)
    head.get_by_role("link", name="Tự đánh giá và nộp hồ sơ").click()
    head.get_by_text("Bổ sung biên bản họp có chữ ký").wait_for()
    head.set_input_files("input[name=file_evidence]", pdfs["minutes"])
    head.get_by_role("button", name="Nộp hồ sơ").click()
    head.get_by_text("Đã nộp hồ sơ.").wait_for()
    shoot(head, "nop-bo-sung")

    open_from_inbox(reviewer, p.unit)
    reviewer.get_by_role("link", name="Xét duyệt", exact=True).click()
    reviewer.get_by_text("Bổ sung biên bản họp").first.wait_for()  # earlier remark visible
    reviewer.go_back()
    decide_step(reviewer, "Xét duyệt", "Đạt — chuyển thẩm định")

    # Provincial police appraise and propose both.
    appraiser = as_user(new_page, p.appraiser)
    for unit in (p.unit, p.agency):
        open_from_inbox(appraiser, unit)
        decide_step(appraiser, "Thẩm định", "Đạt — đề nghị công nhận")
    shoot(appraiser, "tham-dinh")

    # The commune People's Committee issues one decision for both.
    # Its staff prepare the draft; its chairman signs it (two roles, issue #10).
    certificate_upload(area=p.commune, data=issuer_pkcs12(), passphrase=PASSPHRASE)
    chairman = p.signer  # before the form lists the commune's signers
    committee = as_user(new_page, p.committee)
    committee.get_by_role("navigation").get_by_role("link", name="Ban hành quyết định").click()
    committee.get_by_label("Người ký", exact=True).select_option(str(chairman.pk))
    committee.get_by_role("button", name="Lập dự thảo trình ký").click()
    committee.get_by_text("Đã lập dự thảo quyết định").wait_for()
    shoot(committee, "du-thao")
    signer = as_user(new_page, chairman)
    signer.get_by_role("link", name="Dự thảo chờ ký").click()
    signer.get_by_role("link", name="Công nhận — UBND").click()
    signer.get_by_role("button", name="Ký số và ban hành").click()
    signer.get_by_role("link", name="Quyết định số 01/QĐ-UBND").click()
    signer.get_by_text("Số: 01/QĐ-UBND").wait_for()
    assert signer.locator("#annex tbody tr, #annex tr:has(td)").count() == 2
    shoot(signer, "quyet-dinh")

    statuses = {d.unit_id: d.status for d in Dossier.objects.all()}
    assert statuses == {
        p.unit.pk: S.RECOGNISED,
        p.agency.pk: S.RECOGNISED,
        p.other_unit.pk: S.REFUSED,
    }
    head.goto(f"/ho-so/{Dossier.objects.get(unit=p.unit).pk}/")
    history = head.locator("#history").inner_text()
    for step in ("Xét duyệt: yêu cầu bổ sung", "Nộp lại sau bổ sung", "Quyết định"):
        assert step in history
    shoot(head, "lich-su")
