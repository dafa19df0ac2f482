"""The Content-Security-Policy in a real browser: a choice list that picks what the page
shows works from static JS (no inline handler), and nothing on the pages is blocked (the
`new_page` fixture fails any browser test whose pages the policy blocked something on)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_navigating_select_works_under_the_policy(new_page):
    user = UserFactory(username="csp-user")
    user.set_password("mat-khau-thu-nghiem")
    user.save()
    page = new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("csp-user")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    # A select wired the way the decision pages wire theirs.
    page.evaluate(
        """() => {
          const select = document.createElement("select");
          select.dataset.navigate = "co-quan";
          select.innerHTML = '<option value="1">1</option><option value="7">7</option>';
          document.body.append(select);
          document.dispatchEvent(new Event("DOMContentLoaded"));
        }"""
    )
    page.locator("select[data-navigate]").select_option("7")
    page.wait_for_url("**?co-quan=7")
    # Pages visited under the policy: the fixture fails the test on anything blocked.
    page.goto(reverse("notification-list"))
    page.goto(reverse("dossier-list"))
