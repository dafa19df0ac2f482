"""The self-assessment page in Chromium (issue 13): the provisional result follows the
answers as they change, and after a failed "Nộp hồ sơ" a reload (F5) shows the answers
saved by autosave with a "Đã khôi phục" notice. Screenshots in test-artifacts/."""

import datetime

import pytest

from tests.browser.test_recognition_journeys import as_user
from tests.journeys import Journey, Province
from workflows import deadlines

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def dossier(monkeypatch):
    """A residential area registered in Quarter I (Circular 124, Art. 4 cl. 1)."""
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 3, 2))
    p = Province.build()
    return p, Journey(p).to("registered")


def test_live_provisional_result_and_answers_restored_after_a_failed_submit(
    new_page, dossier, shoot
):
    p, record = dossier
    page = as_user(new_page, p.head)
    page.goto(f"/ho-so/{record.pk}/tu-danh-gia/")
    provisional = page.locator("#provisional")
    provisional.get_by_text("Kết quả tạm tính: Chưa đạt").wait_for()

    for radio in page.locator("input[type=radio][name^=met_][value='1']").all():
        radio.check()
    provisional.get_by_text("Kết quả tạm tính: Đạt tất cả tiêu chí").wait_for()
    shoot(page, "tam-tinh-dat")

    first_no = page.locator("input[type=radio][name^=met_][value='0']").first
    first_no.check()
    provisional.get_by_text("Kết quả tạm tính: Chưa đạt").wait_for()
    assert "Tiêu chí chưa đạt" in provisional.inner_text()
    shoot(page, "tam-tinh-chua-dat")

    box = page.locator("textarea[name^=explanation_]").first
    box.fill("Tổ tự quản họp hằng tháng; có biên bản.")
    page.locator("#autosave-status", has_text="Đã lưu lúc").wait_for()

    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_text("Còn thiếu tài liệu", exact=False).first.wait_for()
    shoot(page, "nop-that-bai")

    page.reload()
    page.locator("#recovered", has_text="Đã khôi phục").wait_for()
    assert page.locator("textarea[name^=explanation_]").first.input_value() == (
        "Tổ tự quản họp hằng tháng; có biên bản."
    )
    assert page.locator("input[type=radio][name^=met_][value='0']").first.is_checked()
    assert page.get_by_text("Còn thiếu tài liệu").count() == 0  # the error was shown once
    shoot(page, "tai-lai")
