"""The province's dashboard in Chromium (issue #11): the bars are drawn, and a number
leads to the units behind it."""

import pytest

from accounts.models import Role
from dossiers.models import UnitKind
from province.targets import seed_targets
from tests.factories import UserFactory
from tests.province.data import add_units, build_land, expected

from .test_login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_dashboard_chart_and_a_number_that_opens_its_units(new_page, shoot):
    land = build_land(communes=5, name="Tỉnh Trình Duyệt")
    seed_targets(land.cycle)
    officer = UserFactory(
        username="pv05", role=Role.APPRAISING_POLICE, jurisdiction=[land.province]
    )
    add_units(land, 250, registered_by=officer, seed=31)

    page = new_page()
    log_in(page, "pv05")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_role("link", name="Chỉ tiêu").click()
    page.get_by_role("heading", name="Theo dõi chỉ tiêu phong trào — cấp tỉnh").wait_for()
    # A group of links, one per bar (an "img" may not hold links: axe nested-interactive).
    chart = page.get_by_role("group", name="Tỷ lệ được công nhận theo xã, phường")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 50
    bars = chart.locator("rect.recognised")
    assert bars.count() == 5
    # Drawn to scale: coordinates are written without the Vietnamese decimal comma.
    widths = [bars.nth(i).bounding_box()["width"] for i in range(5)]
    assert all(w > 0 for w in widths)
    target = chart.locator("line").first.bounding_box()
    assert target["x"] > box["x"] + 200  # at 70 % of the plot, right of the labels
    shoot(page, "bang-theo-doi")

    schools = expected(land.made.rows, kind=UnitKind.SCHOOL)["eligible"]
    row = page.locator("#by-kind tr", has_text="Cơ sở giáo dục")
    link = row.locator("a[data-column=eligible]")
    assert link.inner_text() == str(schools)
    link.click()
    page.get_by_role("heading", name="Đơn vị trong địa bàn quản lý").wait_for()
    assert page.get_by_text(f"{schools} đơn vị", exact=True).is_visible()
    assert set(page.locator("tbody tr td:nth-child(2)").all_inner_texts()) == {"Cơ sở giáo dục"}
    shoot(page, "don-vi-theo-so-lieu")
