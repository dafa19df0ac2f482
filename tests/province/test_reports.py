"""The six-monthly and yearly reports (DOMAIN.md §4; issue #11): made from the data,
compared with the same period of the previous year, reopened as XLSX and read as PDF,
sent by the issuing office to the level above."""

import datetime
import io
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from dossiers.models import DossierStatus, DossierTransition, UnitKind
from province.models import Report, ReportStatus
from province.reports import report_create, report_send
from province.targets import seed_targets
from tests.factories import CycleFactory, UserFactory

from .data import add_units, build_land, expected

pytestmark = pytest.mark.django_db
S = DossierStatus


@pytest.fixture
def land():
    land = build_land(communes=4)
    seed_targets(land.cycle)
    return land


@pytest.fixture
def pv05(land):
    return UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[land.province])


def make(client, user, issuer, period="year", year=2026):
    client.force_login(user)
    response = client.post(
        reverse("report-create"),
        {
            "period": period,
            "year": year,
            "issuer": issuer.pk,
            "issuing_body": "Công an tỉnh Thử Nghiệm",
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "Giám đốc",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.latest("pk")


def workbook(client, report):
    response = client.get(reverse("report-xlsx", args=[report.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def table_rows(ws, title):
    """The data rows of a numbered table (after its title and header), up to its totals."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == title) + 2
    data = []
    for r in rows[start:]:
        data.append(r)
        if r[1] == "Tổng cộng":
            return data
    raise AssertionError("no totals row")


def test_yearly_report_xlsx_totals_and_percentages(client, land, pv05):
    add_units(land, 800, registered_by=pv05, seed=11)
    report = make(client, pv05, land.province)
    ws = workbook(client, report)
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "CÔNG AN TỈNH THỬ NGHIỆM" in texts and "Nguyễn Văn Ký" in texts
    assert any("năm 2026" in t for t in texts)

    kinds = table_rows(ws, "Biểu 1. Kết quả đăng ký, công nhận theo loại đơn vị")
    *lines, total = kinds
    assert [r[0] for r in lines] == list(range(1, len(lines) + 1))  # numbered rows
    want = expected(land.made.rows)
    assert (total[2], total[3], total[6]) == (
        want["eligible"],
        want["registered"],
        want["recognised"],
    )
    assert sum(r[2] for r in lines) == total[2] and sum(r[6] for r in lines) == total[6]
    for r in lines + [total]:
        assert r[4] == pytest.approx(r[3] / r[2])  # registered share
        assert r[7] == pytest.approx(r[6] / r[2])  # recognised share
    agency = next(r for r in lines if r[1] == "Cơ quan")
    assert agency[8] == pytest.approx(0.9)  # the target, from the seed plans
    want_agency = expected(land.made.rows, kind=UnitKind.AGENCY)
    assert agency[2:4] == (want_agency["eligible"], want_agency["registered"])

    communes = table_rows(ws, "Biểu 2. Kết quả theo xã, phường, đặc khu")
    *lines, total = communes
    assert len(lines) == 4
    assert sum(r[2] for r in lines) == total[2] == want["eligible"]
    assert sum(r[5] for r in lines) == total[5] == want["recognised"]
    for r in lines:
        assert r[6] == pytest.approx(r[5] / r[2])
        assert r[7] in ("Đạt", "Chưa đạt")


def test_report_compares_with_the_same_period_of_the_previous_year(client, land, pv05):
    """Last year's figures as they stood at the end of that period, from the audit trail:
    a dossier recognised after 31/12/2025 counts as not yet recognised then."""
    previous = CycleFactory(year=2025, province=land.province)
    units, plan = add_units(land, 60, registered_by=pv05, seed=12, cycle=previous)
    end_2025 = timezone.make_aware(datetime.datetime(2025, 12, 31, 12))
    later = timezone.make_aware(datetime.datetime(2026, 2, 1, 12))
    from dossiers.models import Dossier

    dossiers = list(Dossier.objects.filter(cycle=previous).select_related("unit"))
    Dossier.objects.filter(cycle=previous).update(
        registered_at=timezone.make_aware(datetime.datetime(2025, 3, 1))
    )
    trail = []
    recognised_then = 0
    for i, d in enumerate(dossiers):
        if d.status != S.RECOGNISED:
            continue
        # Half recognised in 2025, half only in 2026 (proposed at the end of 2025).
        if i % 2:
            trail.append(DossierTransition(dossier=d, step="decide", target=S.RECOGNISED))
            recognised_then += d.unit.kind == UnitKind.SCHOOL and _eligible(d.unit)
        else:
            trail.append(DossierTransition(dossier=d, step="appraise", target=S.PROPOSED))
            trail.append(DossierTransition(dossier=d, step="decide", target=S.RECOGNISED))
    made = DossierTransition.objects.bulk_create(trail)
    for t in made:
        at = later if t.step == "decide" and _delayed(t, dossiers) else end_2025
        DossierTransition.objects.filter(pk=t.pk).update(at=at)
    add_units(land, 100, registered_by=pv05, seed=13)
    report = make(client, pv05, land.province)
    ws = workbook(client, report)
    lines = table_rows(ws, "Biểu 1. Kết quả đăng ký, công nhận theo loại đơn vị")
    school = next(r for r in lines if r[1] == "Cơ sở giáo dục")
    assert school[9] == recognised_then
    if school[10] is not None and school[7] is not None:
        assert school[11] == pytest.approx(school[7] - school[10])


def _eligible(unit):
    return unit.active and not unit.is_small_enterprise and not unit.is_excluded_school


def _delayed(transition, dossiers):
    index = next(i for i, d in enumerate(dossiers) if d.pk == transition.dossier_id)
    return index % 2 == 0


def test_pdf_report_text(client, land, pv05):
    add_units(land, 200, registered_by=pv05, seed=14)
    report = make(client, pv05, land.province, period="half")
    response = client.get(reverse("report-pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "6 tháng đầu năm 2026" in text
    assert "Số liệu tính đến ngày 30/06/2026" in text
    assert "Biểu 1. Kết quả đăng ký, công nhận theo loại đơn vị" in text
    assert "Tổng cộng" in text and "Nguyễn Văn Ký" in text
    total = expected(land.made.rows)["eligible"]
    assert f"{total:,}".replace(",", ".") in text
    fonts = subprocess.run(["pdffonts", "-"], input=response.content, capture_output=True)
    assert b"Liberation-Serif" in fonts.stdout or fonts.returncode != 0


def test_a_commune_report_is_sent_to_the_province_which_then_sees_it(client, land, pv05):
    commune = land.communes[0]
    ward = UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[commune])
    add_units(land, 100, registered_by=ward, seed=15)
    report = make(client, ward, commune)
    assert report.recipient == land.province and report.status == ReportStatus.DRAFT
    # Only the commune's own units are counted.
    assert (
        report.figures["total"]["eligible"]
        == expected(land.made.rows, commune=commune.pk)["eligible"]
    )
    client.force_login(pv05)
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
    client.force_login(ward)
    assert client.post(reverse("report-send", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.sent_by == ward
    # The province's officers are told inside the system, with a link to the report.
    from notifications.models import Notification

    notice = Notification.objects.get(recipient=pv05, key__startswith="report-sent:")
    assert notice.link == reverse("report-detail", args=[report.pk])
    assert not Notification.objects.filter(recipient=ward, key__startswith="report-sent:")
    client.force_login(pv05)
    page = client.get(reverse("report-list"))
    assert report in page.context["received"]
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 200
    # Sent is final.
    with pytest.raises(Exception, match="đã được gửi"):
        report_send(acting_user=ward, report=report)


def test_who_makes_and_sends_reports(client, land, pv05):
    observer = UserFactory(role=Role.OBSERVER, jurisdiction=[land.province])
    client.force_login(observer)
    assert client.get(reverse("report-list")).status_code == 200
    assert client.post(reverse("report-create"), {}).status_code == 403
    from dossiers.services import DomainError

    other = build_land(name="Tỉnh Khác", communes=1)
    with pytest.raises(DomainError):
        report_create(
            acting_user=pv05,
            issuer=other.province,
            period="year",
            year=2026,
            issuing_body="x",
            signer_name="x",
            signer_title="x",
        )
    report = make(client, pv05, land.province)
    client.force_login(observer)
    assert client.post(reverse("report-send", args=[report.pk])).status_code == 403
    head = UserFactory(role=Role.UNIT_HEAD)
    client.force_login(head)
    assert client.get(reverse("report-list")).status_code == 403


def test_a_year_without_a_cycle_is_a_clear_message(client, land, pv05):
    client.force_login(pv05)
    response = client.post(
        reverse("report-create"),
        {
            "period": "year",
            "year": 2031,
            "issuer": land.province.pk,
            "issuing_body": "Công an tỉnh",
            "signer_name": "A",
            "signer_title": "B",
        },
    )
    assert response.status_code == 200
    assert "Chưa có đợt xét công nhận năm 2031" in response.content.decode()
    assert response.context["form"]["signer_title"].value() == "B"  # nothing typed lost


def test_the_six_monthly_reminder_points_at_the_reports_page(land, pv05, frozen_clock):
    from notifications.models import Notification
    from notifications.tasks import remind_periodic_reports
    from tests.conftest import at_nine

    frozen_clock.move_to(at_nine(datetime.date(2026, 6, 10)))
    assert remind_periodic_reports() >= 1
    note = Notification.objects.get(recipient=pv05)
    assert note.link == reverse("report-list")
