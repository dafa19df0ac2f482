"""Reward nominations through the pages, each step by the user whose job it is (DOMAIN.md
§3): an ad-hoc individual nomination on the simplified procedure to the provincial police
director's decision; a regular collective nomination started from a recognised dossier, with
full documents, to the commune chairman's decision; an ineligible nomination returned with
its reason. Chromium via Playwright; a screenshot per step in test-artifacts/."""

import importlib

import pytest

from documents.services import certificate_upload
from dossiers.models import FlagKind, Nomination, NomineeFlag, NomineeResult, RewardForm
from dossiers.models import NominationStatus as N
from tests.documents.pki import PASSPHRASE, issuer_pkcs12
from tests.journeys import PDF, Journey, Province

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data", "reward_forms")]
PASSWORD = "mat-khau-thu-nghiem"
CITIZEN_ID = "079201001234"


@pytest.fixture
def reward_forms(reference_data):
    """The transactional database is emptied after each test: put back the reward forms
    migrations 0006 and 0010 seed."""
    from django.apps import apps

    importlib.import_module("dossiers.migrations.0006_seed_reward_forms").forwards(apps, None)
    importlib.import_module("dossiers.migrations.0010_minister_bang_khen_recorded").forwards(
        apps, None
    )


@pytest.fixture
def pdfs(tmp_path):
    def make(name):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(PDF)
        return str(path)

    return make


def as_user(new_page, user):
    page = new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Việc của tôi").wait_for()
    return page


def upload(page, pdfs, kind, name, nominee=None):
    page.get_by_label("Loại tài liệu").select_option(label=kind)
    if nominee:
        page.get_by_label("Báo cáo thành tích của").select_option(label=nominee)
    page.set_input_files("input[name=file]", pdfs(name))
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_text(f"Đã tải lên “{name}.pdf”.").wait_for()


def submit(page):
    page.get_by_role("button", name="Trình", exact=True).click()
    page.get_by_text("Đã trình đề nghị.").wait_for()


def open_task(page, title):
    """From the reward list's "Việc cần xử lý", the nomination waiting for `title`."""
    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    row = page.locator("#reward-tasks tbody tr", has_text=title)
    row.get_by_role("link").click()
    page.locator("#current-step", has_text=title).wait_for()


def appraise(page, outcome, comment=""):
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    page.get_by_role("heading", name="Thẩm định hồ sơ khen thưởng").wait_for()
    page.get_by_label(outcome).check()
    if comment:
        page.get_by_label("Ý kiến thẩm định").fill(comment)
    page.get_by_role("button", name="Ghi nhận kết quả thẩm định").click()


def record_vote(page, total, present, votes_for, against):
    page.get_by_role("link", name="Ghi kết quả biểu quyết").click()
    for label, value in (
        ("Tổng số thành viên Hội đồng", total),
        ("Số thành viên dự họp", present),
        ("Số phiếu tán thành", votes_for),
        ("Số phiếu không tán thành", against),
    ):
        page.get_by_label(label, exact=True).fill(str(value))
    page.get_by_label("Ngày họp").fill("2026-12-01")
    page.get_by_role("button", name="Ghi kết quả biểu quyết").click()
    page.get_by_text("Hội đồng đã thông qua. Đề nghị chờ quyết định.").wait_for()


def issue_decision(page, signer):
    page.get_by_role("link", name="Ban hành quyết định khen thưởng").click()
    page.get_by_role("heading", name="Ban hành quyết định khen thưởng").wait_for()
    page.get_by_label("Ngày ban hành").fill("2026-12-15")
    page.get_by_label("Người ký").fill(signer)
    page.get_by_role("button", name="Ban hành quyết định").click()


def test_adhoc_individual_on_the_simplified_procedure_to_the_police_directors_decision(
    new_page, shoot, pdfs
):
    p = Province.build()
    form = RewardForm.objects.get(code="gk-giam-doc-cat")

    # The commune police officer proposes an ad-hoc Giấy khen for an outstanding act.
    officer = as_user(new_page, p.reviewer)
    officer.get_by_role("link", name="Khen thưởng", exact=True).click()
    officer.get_by_role("link", name="Lập đề nghị khen thưởng").click()
    officer.get_by_label("Hình thức khen thưởng").select_option(label=form.name)
    officer.get_by_label("Loại khen thưởng").select_option(label="Đột xuất")
    officer.get_by_label("Năm").fill("2026")
    officer.get_by_label("Thủ tục đơn giản").check()
    officer.get_by_label("Tóm tắt thành tích").fill(
        "Ngày 12/11/2026 dũng cảm truy đuổi, bắt giữ đối tượng cướp giật tài sản."
    )
    officer.get_by_label("Họ và tên cá nhân 1", exact=True).fill("Trần Thị Bình")
    officer.get_by_label("Số định danh cá nhân 1", exact=True).fill("07920100")  # too short
    officer.get_by_label("Chức vụ cá nhân 1", exact=True).fill("Công an viên")
    officer.get_by_label("Đơn vị công tác cá nhân 1", exact=True).select_option(label=p.agency.name)
    officer.get_by_role("button", name="Lập đề nghị").click()
    officer.get_by_text("Số định danh cá nhân gồm đúng 12 chữ số.").wait_for()
    assert officer.get_by_label("Họ và tên cá nhân 1", exact=True).input_value() == "Trần Thị Bình"
    shoot(officer, "loi-so-dinh-danh")
    officer.get_by_label("Số định danh cá nhân 1", exact=True).fill(CITIZEN_ID)
    officer.get_by_role("button", name="Lập đề nghị").click()
    officer.get_by_text("Đã lập đề nghị khen thưởng.").wait_for()
    assert officer.locator("#status").inner_text() == "Đang soạn"
    assert "Còn thiếu: Tờ trình kèm danh sách." in officer.locator("#missing").inner_text()
    shoot(officer, "da-lap-de-nghi")
    upload(officer, pdfs, "Tờ trình kèm danh sách", "to-trinh")
    shoot(officer, "tai-len-to-trinh")
    submit(officer)
    assert officer.locator("#status").inner_text() == "Đã trình, chờ thẩm định"
    shoot(officer, "da-trinh")

    # The provincial police (PV05) appraise, record the council's vote and decide.
    appraiser = as_user(new_page, p.appraiser)
    open_task(appraiser, "Thẩm định hồ sơ khen thưởng")
    assert "PV05" in appraiser.locator("#appraising-office").inner_text()
    shoot(appraiser, "cho-tham-dinh")
    appraise(appraiser, "Đủ điều kiện — trình Hội đồng")
    appraiser.get_by_text("Đã ghi nhận kết quả thẩm định.").wait_for()
    shoot(appraiser, "da-tham-dinh")
    record_vote(appraiser, total=9, present=8, votes_for=7, against=1)
    assert "7 tán thành" in appraiser.locator("#vote").inner_text()
    shoot(appraiser, "bieu-quyet")
    issue_decision(appraiser, "Lê Văn Cường")
    appraiser.get_by_text("Số: 01/QĐ-CAT").wait_for()
    assert "GIÁM ĐỐC CÔNG AN" in appraiser.locator("article").inner_text()
    assert appraiser.locator("#annex tr:has(td)").count() == 1
    shoot(appraiser, "quyet-dinh")

    nomination = Nomination.objects.get()
    assert nomination.status == N.DECIDED
    assert nomination.nominees.get().result == NomineeResult.AWARDED
    officer.goto(f"/khen-thuong/{nomination.pk}/")
    history = officer.locator("#history").inner_text()
    for step in ("Trình đề nghị", "Thẩm định: đủ điều kiện", "Hội đồng biểu quyết", "Quyết định"):
        assert step in history
    assert "Được khen thưởng" in officer.locator("#nominees").inner_text()
    shoot(officer, "ket-qua")


def test_regular_collective_from_a_recognised_dossier_to_the_commune_chairmans_decision(
    new_page, shoot, pdfs
):
    p = Province.build()
    dossier = Journey(p).to("recognised")  # the commune's Quyết định 01/QĐ-UBND
    form = RewardForm.objects.get(code="gk-chu-tich-xa")

    head = as_user(new_page, p.head)
    head.goto(f"/ho-so/{dossier.pk}/")
    shoot(head, "ho-so-da-cong-nhan")
    head.get_by_role("link", name="Đề nghị khen thưởng").click()
    head.get_by_role("heading", name="Lập đề nghị khen thưởng").wait_for()
    assert head.get_by_label("Tập thể 1", exact=True).input_value() == str(p.unit.pk)
    assert (
        head.get_by_label("Họ và tên cá nhân 1", exact=True).input_value() == p.head.get_full_name()
    )
    shoot(head, "de-nghi-dien-san")
    head.get_by_label("Hình thức khen thưởng").select_option(label=form.name)
    head.get_by_label("Số định danh cá nhân 1", exact=True).fill(CITIZEN_ID)
    head.get_by_label("Thành tích cá nhân 1", exact=True).fill(
        "Chỉ đạo khu phố giữ vững an ninh, trật tự."
    )
    head.get_by_role("button", name="Lập đề nghị").click()
    head.get_by_text("Đã lập đề nghị khen thưởng.").wait_for()
    missing = head.locator("#missing").inner_text()
    assert "Biên bản họp Hội đồng thi đua, khen thưởng" in missing
    assert f"Báo cáo thành tích của “{p.head.get_full_name()}”" in missing
    submit_too_early = head.get_by_role("button", name="Trình", exact=True)
    submit_too_early.click()
    head.get_by_role("alert").filter(has_text="Còn thiếu").wait_for()
    shoot(head, "con-thieu-tai-lieu")
    upload(head, pdfs, "Tờ trình kèm danh sách", "to-trinh")
    upload(head, pdfs, "Biên bản họp Hội đồng thi đua, khen thưởng", "bien-ban")
    upload(head, pdfs, "Báo cáo thành tích", "bao-cao-tap-the", nominee=p.unit.name)
    upload(head, pdfs, "Báo cáo thành tích", "bao-cao-ca-nhan", nominee=p.head.get_full_name())
    assert head.locator("#missing").inner_text() == "Đã đủ tài liệu."
    shoot(head, "du-tai-lieu")
    submit(head)
    shoot(head, "da-trinh")

    # The commune People's Committee appraises, records the vote and decides.
    committee = as_user(new_page, p.committee)
    open_task(committee, "Thẩm định hồ sơ khen thưởng")
    appraise(committee, "Đủ điều kiện — trình Hội đồng")
    committee.get_by_text("Đã ghi nhận kết quả thẩm định.").wait_for()
    shoot(committee, "da-tham-dinh")
    open_task(committee, "Ghi kết quả biểu quyết của Hội đồng")
    record_vote(committee, total=7, present=6, votes_for=5, against=1)
    shoot(committee, "bieu-quyet")
    # Its staff draft the decision; the chairman signs it (two roles, issue #10).
    certificate_upload(area=p.commune, data=issuer_pkcs12(), passphrase=PASSPHRASE)
    chairman = p.signer  # before the form lists the commune's signers
    committee.get_by_role("link", name="Ban hành quyết định khen thưởng").click()
    committee.get_by_label("Người ký", exact=True).select_option(str(chairman.pk))
    committee.get_by_role("button", name="Lập dự thảo trình ký").click()
    committee.get_by_text("Đã lập dự thảo quyết định").wait_for()
    signer = as_user(new_page, chairman)
    signer.get_by_role("link", name="Dự thảo chờ ký").click()
    signer.get_by_role("link", name="Khen thưởng — UBND").click()
    signer.get_by_role("button", name="Ký số và ban hành").click()
    signer.get_by_role("link", name="Quyết định số 02/QĐ-UBND").click()
    signer.get_by_text("Số: 02/QĐ-UBND").wait_for()  # after the recognition's 01
    text = signer.locator("article").inner_text()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN" in text
    assert f"Tặng {form.name} cho 1 tập thể và 1 cá nhân" in text
    assert signer.locator("#annex tr:has(td)").count() == 2
    shoot(signer, "quyet-dinh")

    nomination = Nomination.objects.get()
    assert nomination.status == N.DECIDED
    assert set(nomination.nominees.values_list("result", flat=True)) == {NomineeResult.AWARDED}
    assert nomination.nominees.get(unit=None).user == p.head


def test_an_ineligible_nomination_is_returned_with_its_reason(new_page, shoot, pdfs):
    p = Province.build()
    form = RewardForm.objects.get(code="gk-giam-doc-cat")

    officer = as_user(new_page, p.reviewer)
    officer.get_by_role("link", name="Khen thưởng", exact=True).click()
    officer.get_by_role("link", name="Lập đề nghị khen thưởng").click()
    officer.get_by_label("Hình thức khen thưởng").select_option(label=form.name)
    officer.get_by_label("Loại khen thưởng").select_option(label="Đột xuất")
    officer.get_by_label("Thủ tục đơn giản").check()
    officer.get_by_label("Tóm tắt thành tích").fill("Phát hiện, tố giác đường dây đánh bạc.")
    officer.get_by_label("Họ và tên cá nhân 1", exact=True).fill("Lê Văn Dũng")
    officer.get_by_label("Số định danh cá nhân 1", exact=True).fill(CITIZEN_ID)
    officer.get_by_label("Đơn vị công tác cá nhân 1", exact=True).select_option(label=p.agency.name)
    officer.get_by_role("button", name="Lập đề nghị").click()
    officer.get_by_text("Đã lập đề nghị khen thưởng.").wait_for()
    upload(officer, pdfs, "Tờ trình kèm danh sách", "to-trinh")
    submit(officer)
    shoot(officer, "da-trinh")

    # While it is being appraised, a complaint about the nominee is lodged.
    NomineeFlag.objects.create(citizen_id=CITIZEN_ID, kind=FlagKind.COMPLAINT)

    appraiser = as_user(new_page, p.appraiser)
    open_task(appraiser, "Thẩm định hồ sơ khen thưởng")
    appraiser.get_by_role("link", name="Thẩm định", exact=True).click()
    appraiser.locator("#problems", has_text="“Lê Văn Dũng” đang có khiếu nại, tố cáo").wait_for()
    shoot(appraiser, "chua-du-dieu-kien")
    appraiser.go_back()
    appraise(appraiser, "Trả lại: không đủ điều kiện")  # no reason yet
    appraiser.get_by_role("alert").filter(
        has_text="Vui lòng ghi rõ lý do hoặc nội dung cần bổ sung."
    ).wait_for()
    assert appraiser.get_by_label("Trả lại: không đủ điều kiện").is_checked()
    shoot(appraiser, "thieu-ly-do")
    appraiser.get_by_label("Ý kiến thẩm định").fill(
        "Cá nhân đang có đơn khiếu nại, tố cáo chưa giải quyết xong; chưa đủ điều kiện."
    )
    appraiser.get_by_role("button", name="Ghi nhận kết quả thẩm định").click()
    appraiser.get_by_text("Đã ghi nhận kết quả thẩm định.").wait_for()
    shoot(appraiser, "tra-lai")

    nomination = Nomination.objects.get()
    assert nomination.status == N.RETURNED
    officer.goto(f"/khen-thuong/{nomination.pk}/")
    assert officer.locator("#status").inner_text() == "Trả lại (không đủ điều kiện)"
    assert "chưa đủ điều kiện" in officer.locator("#result-reason").inner_text()
    assert officer.locator("#current-step").inner_text() == "Đã kết thúc"
    assert officer.get_by_role("button", name="Trình", exact=True).count() == 0
    shoot(officer, "de-nghi-bi-tra-lai")
