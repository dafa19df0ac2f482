"""Issue #13, part A, in Chromium: each role's main pages of the demo province at 390 px
(a phone) and 1366 px (a desktop) — never wider than the screen, no "serious" or
"critical" axe-core violation, no English string from the libraries, a length limit on every
free-text field, a header of one row on the desktop — with a full-page screenshot of each in
test-artifacts/giao-dien/ (and the run time of each role in thoi-gian.txt).

axe-core comes from npm (package.json, `npm ci` in `make browser-deps`); it is injected as
an inline script, so these contexts bypass the Content-Security-Policy (tests/browser/
test_csp.py checks the policy itself)."""

import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from dossiers.demo import DEMO_PASSWORD
from dossiers.models import CriterionVerdict, Review
from movement.demo import STEERING_USERNAME
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1366)
LONG = "x" * 300  # an unbroken remark (issue #13: it made the dossier page 3,746 px wide)
# Strings the libraries print in English (Django, viewflow, axes, django-celery-beat).
ENGLISH = re.compile(
    r"\b(yes|no|Page not found|Django Material|Periodic tasks|Server error|Not Found|"
    r"Forbidden|Skip to main content|Log out|Submit|Save|Cancel|Next|Previous)\b",
    re.IGNORECASE,
)
COMMON = ["/", "/viec-cua-toi/", "/ho-so/", "/don-vi/", "/quyet-dinh/", "/khen-thuong/",
          "/thong-bao/", "/thong-bao/tuy-chon/"]  # fmt: skip
# The main roles: COMMON, the first dossier waiting for them (with its step's form) and
# the first of their lists, and their own pages.
ROLES = {
    "truongkhupho": ["/ho-so/dang-ky/"],
    "caxa.godau": ["/thong-ke/", "/kiem-tra/"],
    "catinh.pv05": ["/khen-thuong/de-nghi/"],
    "ubndxa.godau": ["/quyet-dinh/ban-hanh/", "/du-thao/"],
}
# Every other demo role: its home ("/" is Việc của tôi, the inbox) and its own pages, so
# the walk stays within a few minutes on a two-core machine.
OTHER_ROLES = {
    "thutruong": ["/ho-so/dang-ky/", "/kiem-tra/"],  # the head of an agency
    "cahuyen.godau": ["/thong-ke/", "/ho-so/"],  # the 2024 district cycle
    "ldubnd.godau": ["/du-thao/", "/quyet-dinh/"],  # signs decisions
    "ubndtinh": ["/quyet-dinh/ban-hanh/", "/khen-thuong/quyet-dinh/danh-sach/", "/bao-cao/"],
    "theodoi": ["/thong-ke/", "/bao-cao/"],  # observer
    "mattran.godau": ["/mat-tran/kiem-tra-hang-thang/", "/mo-hinh/"],  # the Front
    STEERING_USERNAME: ["/theo-doi-chi-tieu/", "/kien-nghi-sau-kiem-tra/"],
    "quantri": ["/quan-tri/", "/don-vi/"],  # the admin: the product and its admin site
}
# The header band at 1366 px holds one row of links: 65 px (a second row made it 116 px).
ONE_ROW = 72
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + ": " + v.help + " — "
      + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""
# The innermost elements that reach past the screen's right edge: where to look first.
PAST_EDGE = """(width) => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > width
    && ![...e.children].some(c => c.getBoundingClientRect().right > width))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""))"""
UNLIMITED = (
    "textarea:not([maxlength]), input:not([type]):not([maxlength]), "
    "input[type=text]:not([maxlength]), input[type=search]:not([maxlength]), "
    "input[type=email]:not([maxlength])"
)


@pytest.fixture
def demo(reference_data):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    # An unbroken remark and comment on every review: they must wrap, not widen the page.
    Review.objects.update(comment=LONG)
    CriterionVerdict.objects.update(remark=LONG)


def check(page, url, width, problems, shots, status=200):
    """Open `url`, then note whatever is wrong with it in `problems`."""
    response = page.goto(url)
    where = f"{url} @ {width}px"
    if response.status != status:
        problems.append(f"{where}: HTTP {response.status}")
    page.wait_for_load_state("load")
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        problems.append(f"{where}: {wide}px wide, past the edge: {page.evaluate(PAST_EDGE, width)}")
    text = page.inner_text("body")
    for word in {m.group(0) for m in ENGLISH.finditer(text)}:
        problems.append(f"{where}: English “{word}”")
    band = page.locator("header.top")
    if width > 1200 and band.count() and band.bounding_box()["height"] > ONE_ROW:
        problems.append(f"{where}: the header takes {band.bounding_box()['height']:.0f}px")
    if page.title() == "" or "Django" in page.title():
        problems.append(f"{where}: title “{page.title()}”")
    unlimited = page.locator(UNLIMITED).evaluate_all("els => els.map(e => e.name)")
    if unlimited:
        problems.append(f"{where}: no maxlength on {unlimited}")
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(AXE_RUN):
        problems.append(f"{where}: axe {violation}")
    name = re.sub(r"[^\w]+", "-", urlparse(url).path).strip("-") or "trang-chu"
    page.screenshot(path=str(shots / f"{width}-{name}.png"), full_page=True)


def links(page, selector):
    hrefs = page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if h and h.startswith("/")]


def log_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load")


def main_pages(page, extra):
    """COMMON and `extra`, the first dossier waiting for the user (its step's form among
    the page's actions), the first of the dossier list and the first nomination."""
    pages = COMMON + extra
    page.goto("/viec-cua-toi/")
    dossiers = links(page, "#tasks a[href^='/ho-so/']")[:1]
    page.goto("/ho-so/")
    dossiers += links(page, "main table a[href^='/ho-so/']")[:1]
    for dossier in dict.fromkeys(dossiers):
        page.goto(dossier)
        pages += [dossier, *links(page, ".actions a")]
    page.goto("/khen-thuong/")
    return pages + list(dict.fromkeys(links(page, "main table a[href^='/khen-thuong/']")))[:1]


def check_menu(page, username, width, problems, shots):
    """On a phone the menu folds behind its button; on a desktop the second list opens
    under "Thêm"."""
    page.goto("/viec-cua-toi/")
    if width < 800:
        menu = page.get_by_role("link", name="Hồ sơ", exact=True)
        if menu.is_visible():
            problems.append(f"{username}: the menu is open on a phone")
        page.get_by_role("button", name="Mở hoặc đóng menu").click()
    else:
        menu = page.get_by_role("link", name="Đơn vị", exact=True)
        if menu.is_visible():
            problems.append(f"{username}: the “Thêm” list is open before it is asked for")
        page.get_by_role("button", name="Thêm", exact=True).click()
    menu.wait_for(state="visible")
    page.screenshot(path=str(shots / f"{width}-menu.png"))


def test_each_roles_main_pages_fit_read_vietnamese_and_pass_axe(browser, live_server, demo):
    problems, timings, started = [], [], time.monotonic()
    walks = {"": [], **ROLES, **OTHER_ROLES}
    for username, extra in walks.items():
        role_started = time.monotonic()
        shots = ARTIFACTS / "giao-dien" / (username or "khach")
        shutil.rmtree(shots, ignore_errors=True)
        shots.mkdir(parents=True)
        for width in WIDTHS:
            context = browser.new_context(
                base_url=live_server.url,
                locale="vi-VN",
                bypass_csp=True,
                viewport={"width": width, "height": 844 if width < 800 else 900},
            )
            page = context.new_page()
            if not username:  # anonymous: the log-in page and a page that does not exist
                check(page, "/dang-nhap/", width, problems, shots)
                check(page, "/khong-co-trang-nay/", width, problems, shots, status=404)
                context.close()
                continue
            log_in(page, username)
            pages = main_pages(page, extra) if username in ROLES else ["/", *extra]
            for url in dict.fromkeys(pages):
                check(page, url, width, problems, shots)
            check_menu(page, username, width, problems, shots)
            context.close()
        timings.append(f"{username or 'khach'}: {time.monotonic() - role_started:.0f} s")
    timings.append(f"tổng: {time.monotonic() - started:.0f} s")
    print("\n".join(timings))
    (ARTIFACTS / "giao-dien" / "thoi-gian.txt").write_text("\n".join(timings))
    (ARTIFACTS / "giao-dien" / "problems.txt").write_text("\n".join(problems))
    assert problems == [], "\n".join(problems)
