"""The province's view at scale (issue #11): the dashboard and the yearly report (XLSX
and PDF) over 100,000 units with their dossiers.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench_province
     .venv/bin/python bench/province.py)
PostgreSQL only; the data stays in the database, so point DATABASE_URL at a throw-away one.
Targets: the dashboard's query count independent of the data size (1,000 vs 100,000
units); the dashboard under 10 s and the yearly XLSX under 5 s at 100,000 units (measured
5.1 s and 1.7 s on 2 shared cores at load 15: 2.6 s of it SQL, 1.2 s rendering).
"""

# ruff: noqa: E402  (Django is set up before the project's modules are imported)
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("CELERY_BROKER_URL", "memory://localhost/")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.db import connection

if connection.vendor != "postgresql":
    sys.exit("bench/province.py needs PostgreSQL: DATABASE_URL=postgres://…/antt_bench_province")

from django.core.management import call_command
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse

from accounts.models import Role
from province import documents
from province.reports import report_create
from province.targets import seed_targets
from tests.factories import UserFactory
from tests.province.data import add_units, build_land, expected

UNITS = int(os.environ.get("BENCH_UNITS", "100000"))


def timed(label, fn):
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    print(f"  {label}: {elapsed:.2f} s")
    return result, elapsed


def read_dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("province-dashboard"))
    assert response.status_code == 200, response.status_code
    return response, len(queries)


@override_settings(ALLOWED_HOSTS=["*"], DEBUG=False)
def main():
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: static not collected
    setup_test_environment()  # the pages' context, to check the figures they show
    call_command("migrate", verbosity=0)
    land = build_land(communes=96, residential_per_commune=4, name=f"Tỉnh Bench {time.time():.0f}")
    seed_targets(land.cycle)
    officer = UserFactory(
        username=f"pv05-{land.province.pk}",
        role=Role.APPRAISING_POLICE,
        jurisdiction=[land.province],
    )
    client = Client()
    client.force_login(officer)

    print(f"Bảng theo dõi chỉ tiêu và báo cáo năm — {UNITS:,} đơn vị")
    add_units(land, 1_000, registered_by=officer, seed=1)
    (_, small_queries), _ = timed("dashboard, 1,000 units", lambda: read_dashboard(client))
    _, built = timed(
        f"bulk-create {UNITS - 1_000:,} more units and their dossiers",
        lambda: add_units(land, UNITS - 1_000, registered_by=officer, seed=2),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    read_dashboard(client)  # warm
    (response, large_queries), dashboard_s = timed(
        f"dashboard, {UNITS:,} units", lambda: read_dashboard(client)
    )
    figures = response.context["figures"]
    assert figures.total.eligible == expected(land.made.rows)["eligible"]
    print(f"  queries: {small_queries} at 1,000 units, {large_queries} at {UNITS:,}")
    report, create_s = timed(
        "yearly report: figures taken from the data",
        lambda: report_create(
            acting_user=officer,
            issuer=land.province,
            period="year",
            year=land.cycle.year,
            issuing_body="Công an tỉnh Bench",
            signer_name="Nguyễn Văn Ký",
            signer_title="Giám đốc",
        ),
    )
    xlsx, xlsx_s = timed("yearly report as XLSX", lambda: documents.report_xlsx(report))
    pdf, pdf_s = timed("yearly report as PDF", lambda: documents.report_pdf(report))
    print(f"  XLSX {len(xlsx) // 1024} KiB, PDF {len(pdf) // 1024} KiB")
    failures = []
    if small_queries != large_queries:
        failures.append("the dashboard's query count grows with the data")
    if dashboard_s > 10:
        failures.append(f"dashboard {dashboard_s:.2f} s > 10 s")
    if create_s + xlsx_s > 5:
        failures.append(f"yearly XLSX {create_s + xlsx_s:.2f} s > 5 s")
    if failures:
        sys.exit("; ".join(failures))


if __name__ == "__main__":
    main()
