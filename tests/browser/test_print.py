"""Printing a decision page and a dossier page in Chromium (issue #10): under the print
stylesheet (static/css/print.css, media="print") the navigation bar and the buttons are
gone, the decision itself stays, and Chromium's own print to PDF is A4; the decision page
offers its Decree 30 PDF, served as a PDF to the same user."""

import subprocess

import pytest
from django.urls import reverse

from tests.journeys import Journey, Province

from .conftest import ARTIFACTS
from .test_recognition_journeys import as_user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_decision_and_dossier_pages_print_without_navigation_on_a4(new_page, shoot):
    p = Province.build()
    dossier = Journey(p).to("recognised")
    decision = dossier.decision_items.get().decision
    page = as_user(new_page, p.committee)
    for url in (
        reverse("decision-detail", args=[decision.pk]),
        reverse("dossier-detail", args=[dossier.pk]),
    ):
        page.goto(url)
        assert page.locator("header.top").is_visible()
        page.emulate_media(media="print")
        shoot(page, "print")
        assert not page.locator("header.top").is_visible()
        assert not page.locator("form").first.is_visible() or page.locator("form").count() == 0
        assert page.locator("main").is_visible()
        page.emulate_media(media="screen")
    page.goto(reverse("decision-detail", args=[decision.pk]))
    page.emulate_media(media="print")
    assert page.locator("article.decision").is_visible()
    assert not page.get_by_role("link", name="Tải quyết định (PDF)").is_visible()
    printed = page.pdf(prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "decision-page-printed.pdf").write_bytes(printed)
    info = subprocess.run(["pdfinfo", "-"], input=printed, capture_output=True, check=True)
    assert "pts (A4)" in info.stdout.decode()
    page.emulate_media(media="screen")
    link = page.get_by_role("link", name="Tải quyết định (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
