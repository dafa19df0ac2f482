"""Issue #13: a refused upload is shown where the user is looking. On a phone (390 px), a
unit head answering a supplement request — a long list of failed criteria and remarks above
the form — types an explanation and attaches a file of a forbidden type, then one too large:
after each "Lưu" the reason is on screen and focused, and what was typed is still there.
Screenshots in test-artifacts/."""

import datetime

import pytest

from tests.browser.test_recognition_journeys import as_user
from tests.journeys import PDF, Journey, Province, all_met, ask_supplement
from workflows import deadlines
from workflows.recognition import documents

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
REMARK = "Chưa có biên bản họp tổ tự quản có chữ ký của các thành viên; đề nghị bổ sung. " * 3
ON_SCREEN = """el => { const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""


@pytest.fixture
def supplement(monkeypatch):
    """The reviewer asks for a supplement, finding six criteria not met (the day is fixed:
    the browser keeps the real clock)."""
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 9, 15))
    p = Province.build()
    dossier = Journey(p).to("submitted")
    ask_supplement(p, dossier, {pk: REMARK for pk in list(all_met(dossier))[:6]})
    return p, dossier


def save_with(page, path):
    page.set_input_files("input[name=file_evidence]", str(path))
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("load")
    return page.locator("main [role=alert]")


def test_a_refused_upload_is_on_screen_and_keeps_what_was_typed(
    new_page, supplement, shoot, tmp_path, monkeypatch
):
    p, dossier = supplement
    page = as_user(new_page, p.head)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/ho-so/{dossier.pk}/tu-danh-gia/")
    typed = "Đã họp tổ tự quản ngày 10/9; biên bản có chữ ký kèm theo."
    page.locator("textarea[name^=explanation_]").first.fill(typed)

    program = tmp_path / "bien-ban.pdf"
    program.write_bytes(b"MZ\x90\x00 not a PDF")
    error = save_with(page, program)
    assert "không đúng định dạng" in error.inner_text()
    assert error.evaluate(ON_SCREEN), "the error is off screen"
    assert error.evaluate("el => el === document.activeElement")
    assert page.locator("textarea[name^=explanation_]").first.input_value() == typed
    shoot(page, "sai-dinh-dang")

    monkeypatch.setattr(documents, "MAX_UPLOAD_BYTES", 1024)
    large = tmp_path / "bien-ban-lon.pdf"
    large.write_bytes(PDF + b"0" * 2048)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # at the form's end
    error = save_with(page, large)
    assert "quá lớn" in error.inner_text()
    assert error.evaluate(ON_SCREEN), "the error is off screen"
    assert page.locator("textarea[name^=explanation_]").first.input_value() == typed
    shoot(page, "qua-lon")
