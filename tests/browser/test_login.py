import pytest

from accounts.models import Role
from tests.factories import AreaFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "mat-khau-thu-nghiem"


def log_in(page, username, password=PASSWORD):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_unit_head_logs_in_and_sees_only_its_unit(new_page, shoot):
    commune = AreaFactory(commune=True, name="Phường Gò Dầu")
    own = UnitFactory(name="Khu phố 1", area=AreaFactory(residential=True, parent=commune))
    other = UnitFactory(name="Khu phố 2", area=AreaFactory(residential=True, parent=commune))
    UserFactory(username="truongkhupho", role=Role.UNIT_HEAD, jurisdiction=[own])

    page = new_page()
    page.goto("/")
    assert page.get_by_role("heading", name="Đăng nhập hệ thống").is_visible()
    shoot(page, "trang-dang-nhap")

    log_in(page, "truongkhupho", "sai-mat-khau")
    assert page.get_by_role("alert").inner_text().startswith("Tên đăng nhập hoặc mật khẩu")
    assert page.get_by_label("Tên đăng nhập").input_value() == "truongkhupho"
    shoot(page, "sai-mat-khau")

    log_in(page, "truongkhupho")
    page.get_by_role("heading", name="Việc của tôi").wait_for()
    page.get_by_role("button", name="Thêm", exact=True).click()  # the menu's second list
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("heading", name="Đơn vị trong địa bàn quản lý").wait_for()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Khu phố 1" in rows.first.inner_text()
    shoot(page, "danh-sach-don-vi")

    response = page.goto(f"/don-vi/{other.pk}/")
    assert response.status == 404
    response = page.goto(f"/don-vi/{own.pk}/")
    assert response.status == 200
    shoot(page, "chi-tiet-don-vi")
