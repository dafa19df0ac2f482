"""Issued documents (issue #10, part A): a decision for 500 units as one PDF, and the
certificates (Giấy công nhận) of 500 units as one PDF, rendered by documents.rendering.

Run: make bench   (or .venv/bin/python bench/documents.py)
No database: the decision and its 500 items are built in memory, exactly as the signer's
draft preview passes them, so only the rendering is measured (reading 500 items is one
query, measured by tests/documents/test_rendering.py). The signing part adds its own time.
Targets: the 500-unit decision under 10 s; 500 certificates under 30 s. Fails above them.
WeasyPrint renders on one thread, so on an idle core its CPU time is its elapsed time; on a
machine shared with other jobs the elapsed time mostly measures the others, so both are
printed and the targets are checked against the CPU time of this process.
"""

# ruff: noqa: E402  (Django is set up before the project's modules are imported)
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from documents import rendering, signing
from dossiers.models import AdministrativeArea, Decision, DecisionItem, Dossier, Unit
from tests.documents.pki import PASSPHRASE, issuer_pkcs12

UNITS = 500
TARGETS = {"decision": 10.0, "certificates": 30.0}


def decision_with_items(units: int):
    ward = AdministrativeArea(name="Phường Gò Dầu")
    items = [
        DecisionItem(
            dossier=Dossier(
                unit=Unit(name=f"Khu phố {i} – Ấp Lộc Trát, Trường THCS Nguyễn Thị Định", area=ward)
            ),
            recognised=True,
        )
        for i in range(1, units + 1)
    ]
    decision = Decision(
        issuer=ward,
        kind="recognise",
        year=2026,
        number=7,
        symbol="QĐ-UBND",
        issued_on=datetime.date(2026, 5, 7),
        signer_name="Nguyễn Văn Đức",
        signer_title="Phó Chủ tịch",
        authority="kt",
        summary="Về việc công nhận khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu "
        "chuẩn “An toàn về an ninh, trật tự” năm 2026",
        proposal_office="Trưởng Công an phường Gò Dầu",
        proposal_number="12/TTr-CAP",
        proposal_date=datetime.date(2026, 5, 2),
    )
    return decision, items


def pages(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(next(x for x in out.decode().splitlines() if x.startswith("Pages:")).split()[1])


def render_and_sign(render, decision, items, pkcs12, **verify) -> bytes:
    """What the signer's "Ký số và ban hành" does per document: render, then sign (PAdES)
    in the rectangle the template left."""
    rendered = render(decision, items, **verify)
    return signing.sign_pdf(
        rendered.pdf,
        pkcs12_data=pkcs12,
        passphrase=PASSPHRASE,
        box=rendered.signature_boxes[0],
        reason=decision.summary,
        location=decision.issuer.name,
    )


def main() -> int:
    pkcs12 = issuer_pkcs12("UBND Phường Gò Dầu")  # a test CA made at run time
    decision, items = decision_with_items(UNITS)
    verify = {"verify_url": "https://antt.example.gov.vn/xac-thuc/AB12CD", "short_code": "AB12CD"}
    rendering.decision_pdf(decision, items[:1], **verify)  # fonts loaded once, like a server
    failed = False
    for name, render in (
        ("decision", rendering.render_decision),
        ("certificates", rendering.render_certificates),
    ):
        start, cpu = time.perf_counter(), time.process_time()
        pdf = render_and_sign(render, decision, items, pkcs12, **verify)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        ok = cpu < TARGETS[name]
        failed |= not ok
        print(
            f"{name:<13} {UNITS} units, rendered and signed: {cpu:6.2f} s CPU "
            f"({elapsed:.2f} s elapsed), "
            f"{pages(pdf)} pages, {len(pdf) / 1024:.0f} KiB "
            f"(target < {TARGETS[name]:.0f} s) {'OK' if ok else 'TOO SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
