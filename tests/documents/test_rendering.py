"""Issued documents rendered as PDF (documents/rendering.py): a decision for 500 units and
its certificates, page 1 converted to PNG (pdftoppm, kept in test-artifacts/) and read back
as text (pdftotext): the letterhead, the number, the place-date line and a unit name heavy
with diacritics; the draft preview of an unsaved decision; the PDF downloads scoped like
the decision pages."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import rendering
from dossiers.decisions import decision_create
from dossiers.models import (
    AdministrativeArea,
    AuthorityMarker,
    Decision,
    DecisionItem,
    DecisionKind,
    Dossier,
    DossierStatus,
    Unit,
    UnitKind,
)
from tests.factories import AreaFactory, CycleFactory, UserFactory, level

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DIACRITICS = "Khu phố Ấp Đồng Khởi – Trường THCS Nguyễn Thị Định ưu tú"
D = datetime.date


def page_text(pdf: bytes, page: int | None = 1) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-raw", *pages, "-", "-"], input=pdf, capture_output=True, check=True
    )
    # lines joined (wrapping is the layout's); a word cut at its hyphen joined back
    return " ".join(out.stdout.decode().replace("-\n", "-").split())


def page_count(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    line = next(x for x in out.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def keep_page_1_png(pdf: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    target = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", "-", str(target)],
        input=pdf,
        check=True,
    )
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000  # a real page, not a blank
    return png


MAY_7 = D(2026, 5, 7)


def recognition_decision(units: int, *, issued_on=MAY_7, commune_name="Phường Gò Dầu"):
    """A saved recognition decision of a ward's committee for `units` recognised units
    (bulk-created, like a decision listing every unit of a commune)."""
    province = AreaFactory(province=True, name="Tỉnh Tây Ninh")
    commune = AreaFactory(commune=True, name=commune_name, parent=province)
    cycle = CycleFactory(year=issued_on.year, province=province)
    user = UserFactory()
    made = Unit.objects.bulk_create(
        Unit(
            kind=UnitKind.RESIDENTIAL_AREA,
            name=DIACRITICS if i == 0 else f"Khu phố {i} – Ấp Lộc Trát",
            identifier=f"{commune.pk}-{i:05d}",
            area=commune,
            managing_level=level("commune"),
        )
        for i in range(units)
    )
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            cycle=cycle,
            unit=unit,
            status=DossierStatus.RECOGNISED,
            review_area=commune,
            decide_area=commune,
            registered_by=user,
        )
        for unit in made
    )
    decision = decision_create(
        user=user,
        issuer=commune,
        kind=DecisionKind.RECOGNISE,
        issued_on=issued_on,
        signer_name="Nguyễn Văn Đức",
        signer_title="Phó Chủ tịch",
        authority=AuthorityMarker.KT,
        summary="Về việc công nhận khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” "
        f"năm {issued_on.year}",
        proposal_office="Trưởng Công an phường Gò Dầu",
        proposal_number="12/TTr-CAP",
        proposal_date=issued_on - datetime.timedelta(days=5),
    )
    DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, dossier=d, recognised=True) for d in dossiers
    )
    return decision


@pytest.mark.django_db
def test_decision_for_500_units_reads_as_a_decree_30_decision():
    decision = recognition_decision(500)
    rendered = rendering.render_decision(decision)
    keep_page_1_png(rendered.pdf, "decision-500-units-page-1")
    text = page_text(rendered.pdf)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG GÒ DẦU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/QĐ-UBND",
        "Gò Dầu, ngày 07 tháng 5 năm 2026",
        "QUYẾT ĐỊNH",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Đức",
        "Tờ trình số 12/TTr-CAP ngày 02 tháng 5 năm 2026",
        "Như Điều 3",
    ):
        assert expected in text, expected
    assert "Phường Gò Dầu, ngày" not in text and "tháng 05" not in text
    assert "DỰ THẢO" not in text
    everything = page_text(rendered.pdf, page=None)
    assert DIACRITICS in everything
    assert "Khu phố 499 – Ấp Lộc Trát" in everything
    # the signature block's empty rectangle, on page 1, inside an A4 portrait page
    [(page, x1, y1, x2, y2)] = rendered.signature_boxes
    assert page == 0 and 0 < x1 < x2 < 595.3 and 0 < y1 < y2 < 841.9
    assert x2 - x1 > 150 and y2 - y1 > 60


@pytest.mark.django_db
def test_certificate_giay_cong_nhan_landscape_with_the_unit_and_decision():
    decision = recognition_decision(3)
    item = decision.items.get(dossier__unit__name=DIACRITICS)
    pdf = rendering.certificate_pdf(
        item, verify_url="https://antt.example.gov.vn/xac-thuc/AB12CD", short_code="AB12CD"
    )
    keep_page_1_png(pdf, "certificate-page-1")
    text = page_text(pdf)
    assert page_count(pdf) == 1
    for expected in (
        "GIẤY CÔNG NHẬN",
        DIACRITICS,
        "An toàn về an ninh, trật tự” năm 2026",
        "Quyết định số 01/QĐ-UBND ngày 07/05/2026",
        "Gò Dầu, ngày 07 tháng 5 năm 2026",
        "Nguyễn Văn Đức",
        "AB12CD",
    ):
        assert expected in text, expected
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    assert "841.89 x 595.276 pts" in info.stdout.decode()  # A4 landscape


@pytest.mark.django_db
def test_certificates_one_page_per_recognised_unit_each_with_a_signature_box():
    decision = recognition_decision(4)
    rendered = rendering.render_certificates(decision)
    assert page_count(rendered.pdf) == 4
    assert [box[0] for box in rendered.signature_boxes] == [0, 1, 2, 3]


@pytest.mark.django_db
def test_art_8_historical_issuer_prints_its_name_then_and_no_tt48_before_reform():
    decision = recognition_decision(
        2, issued_on=D(2024, 11, 19), commune_name="Tỉnh Tây Ninh (trước sắp xếp)"
    )
    text = page_text(rendering.decision_pdf(decision), page=None)
    assert "TRƯỚC SẮP XẾP" not in text.upper()
    assert "TỈNH TÂY NINH" in text
    assert "Tây Ninh, ngày 19 tháng 11 năm 2024" in text
    assert "48/2025" not in text and "124/2021/TT-BCA" in text


def test_draft_preview_of_an_unsaved_decision_has_blank_number_and_watermark():
    """The signer previews a draft before signing: nothing saved, items passed."""
    area = AdministrativeArea(name="Phường Gò Dầu")
    items = [DecisionItem(dossier=Dossier(unit=Unit(name=DIACRITICS, area=area)), recognised=True)]
    draft = Decision(
        issuer=area,
        kind=DecisionKind.RECOGNISE,
        year=2026,
        number=None,
        symbol="QĐ-UBND",
        issued_on=None,
        signer_name="Nguyễn Văn Đức",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Về việc công nhận",
    )
    pdf = rendering.decision_pdf(
        draft, items, verify_url="https://antt.example.gov.vn/xac-thuc/ZZ99", short_code="ZZ99"
    )
    keep_page_1_png(pdf, "draft-page-1")
    text = page_text(pdf)
    assert "Số: /QĐ-UBND" in text  # the number left blank
    assert "DỰ THẢO" in text
    assert "ZZ99" in text
    assert DIACRITICS in page_text(pdf, page=None)


@pytest.mark.django_db
def test_decision_pdf_reads_its_items_in_a_constant_number_of_queries():
    counts = []
    for units in (2, 40):
        decision = Decision.objects.get(pk=recognition_decision(units).pk)
        with CaptureQueriesContext(connection) as queries:
            rendering.decision_context(decision)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2
