"""Import a generated 5,000-row unit file (CSV and XLSX) and print the time taken.

Run: make bench   (or .venv/bin/python bench/import_units.py [rows])
Uses DATABASE_URL when set (PostgreSQL in CI), else the embedded SQLite database; the
rows are written inside a transaction that is rolled back, so nothing stays behind.
Target (foundation issue): under 10 s for 5,000 rows.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from dossiers.imports import COLUMNS, import_file  # noqa: E402
from dossiers.models import AdministrativeArea  # noqa: E402

KINDS = ["khu dân cư", "cơ quan", "doanh nghiệp", "cơ sở giáo dục"]


class Rollback(Exception):
    pass


def rows(count, area_codes):
    header = [name for name, _, _ in COLUMNS["units"]]
    yield header
    for i in range(count):
        yield [
            f"BENCH-{i:06d}",
            f"Đơn vị thử {i}",
            KINDS[i % len(KINDS)],
            area_codes[i % len(area_codes)],
            "commune",
            "không",
            "không",
            "không",
            "có",
        ]


def as_csv(table):
    return "\n".join(",".join(row) for row in table).encode("utf-8")


def as_xlsx(table):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main(count):
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    codes = list(
        AdministrativeArea.objects.filter(level__code="commune", valid_to=None).values_list(
            "code", flat=True
        )
    )
    engine = django.db.connection.vendor
    for label, encode, name in (("CSV", as_csv, "units.csv"), ("XLSX", as_xlsx, "units.xlsx")):
        content = encode(list(rows(count, codes)))
        started = time.perf_counter()
        try:
            with transaction.atomic():
                imported = import_file("units", io.BytesIO(content), name)
                raise Rollback
        except Rollback:
            pass
        seconds = time.perf_counter() - started
        verdict = "OK" if seconds < 10 else "QUÁ CHẬM"
        print(
            f"import {label:4} {imported:>6} rows on {engine}: {seconds:6.2f} s "
            f"(target < 10 s) {verdict}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
