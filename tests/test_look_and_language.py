"""Issue #13, part A: the product's own pages where a library would show its English ones
(404, 500, the admin's sections, the process chart), `make run`'s settings, and the length
limits the services check themselves."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import path, reverse

from config import urls as config_urls
from config.errors import server_error
from dossiers.guards import MAX_TEXT
from dossiers.models import CriterionKind
from dossiers.services import DomainError
from tests.journeys import Journey, Province
from workflows.deadlines import deadline_extend
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.criteria import criteria_for

ROOT = Path(__file__).resolve().parents[1]
# English strings the libraries print (Django, viewflow, axes, django-celery-beat).
ENGLISH = [
    "Django Material",
    "Page not found",
    "Server error",
    "Periodic tasks",
    "Periodic Tasks",
    "Access attempts",
    "Skip to main content",
    "Solar events",
    "Crontabs",
]


def english_in(html: str) -> list[str]:
    found = [s for s in ENGLISH if s in html]
    found += [w for w in ("yes", "no", "Yes", "No") if re.search(rf">\s*{w}\s*<", html)]
    return found


def test_404_is_the_products_own_page(client, db):
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy" in html and 'lang="vi"' in html
    assert english_in(html) == []


def test_500_is_the_products_own_page_rendered_without_the_database(django_assert_num_queries, db):
    """The 500 page runs no context processor: the unread-notification count (a query)
    could be what failed."""
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp lỗi" in html and 'lang="vi"' in html
    assert english_in(html) == []


def boom(request):
    raise RuntimeError("lỗi thử")


urlpatterns = [path("loi-thu/", boom), *config_urls.urlpatterns]
handler500 = config_urls.handler500


@pytest.mark.urls(__name__)
def test_an_unhandled_error_shows_the_500_page(client, db):
    client.raise_request_exception = False
    response = client.get("/loi-thu/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp lỗi" in response.content.decode()


def test_admin_sections_speak_vietnamese(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Tác vụ định kỳ" in html and "Khóa đăng nhập sai nhiều lần" in html
    assert english_in(html) == []


@pytest.mark.parametrize(
    "model",
    ["axes/accessattempt", "django_celery_beat/periodictask", "django_celery_beat/crontabschedule"],
)
def test_admin_library_pages_have_vietnamese_titles(admin_client, model):
    html = admin_client.get(f"/quan-tri/{model}/").content.decode()
    assert english_in(html) == []


@pytest.mark.django_db
def test_process_chart_in_sentence_case_with_co_khong(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    client.force_login(p.head)
    svg = client.get(reverse("dossier-chart", args=[dossier.pk])).content.decode()
    texts = re.findall(r">([^<>]+)</(?:text|title)>", svg)
    assert "Xét duyệt hồ sơ" in texts and "Xét Duyệt Hồ Sơ" not in texts
    assert {"Có", "Không"} <= set(texts)
    assert not {"yes", "no", "Start", "Check Review", "Refused"} & set(texts)


def test_make_run_settings_serve_like_production():
    """`make run` (config.settings.dev): DEBUG off, local hosts only, WhiteNoise."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, sorted(s.ALLOWED_HOSTS), "
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    out = (
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "False ['127.0.0.1', 'localhost'] True"


@pytest.mark.django_db
def test_a_declared_event_longer_than_the_limit_is_refused_by_the_service():
    p = Province.build()
    dossier = Journey(p).to("filled")
    disqualifier = next(c for c in criteria_for(dossier) if c.kind == CriterionKind.DISQUALIFIER)
    with pytest.raises(DomainError, match="tối đa 2.000 ký tự"):
        services.dossier_declare_event(
            acting_user=p.head,
            dossier=dossier,
            criterion=disqualifier,
            occurred_on=datetime.date(2026, 3, 2),
            description="x" * (MAX_TEXT + 1),
        )


@pytest.mark.django_db
def test_an_extension_reason_longer_than_the_limit_is_refused_by_the_service():
    p = Province.build()
    dossier = Journey(p).to("submitted")
    review = TaskDeadline.objects.get(
        task__process=dossier.process, step="review", finished_on=None
    )
    with pytest.raises(DomainError, match="Lý do gia hạn: tối đa 2.000 ký tự"):
        deadline_extend(
            acting_user=p.reviewer,
            deadline=review,
            new_due=review.due_date.replace(year=review.due_date.year + 1),
            reason="x" * (MAX_TEXT + 1),
        )
    review.refresh_from_db()
    assert not review.extended


def test_no_template_of_ours_carries_a_librarys_english_strings():
    """Every template the product renders (its own and the library templates it overrides)."""
    found = {
        str(path.relative_to(ROOT)): english_in(path.read_text())
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
    }
    assert {path: words for path, words in found.items() if words} == {}
