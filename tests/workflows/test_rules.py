"""Smaller rules of the recognition: the commune's 100 % / 70 % rule, upload checks, and
the six-monthly report reminder."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import DocumentKind, UnitKind
from dossiers.services import DomainError
from tests.factories import UnitFactory
from tests.journeys import Journey, Province
from workflows.recognition import services
from workflows.recognition.documents import DOCX, XLSX, inspect_upload
from workflows.recognition.selectors import commune_rule

pytestmark = pytest.mark.django_db


def test_commune_rule_is_recomputed_from_the_children(p_commune):
    p, commune_dossier, children = p_commune
    rule = commune_rule(commune_dossier)
    assert (rule.total, rule.registered, rule.recognised) == (len(children), 0, 0)
    assert not rule.met

    for unit in children:
        user_grant_jurisdiction(user=p.head, target=unit)
    dossiers = [Journey(p, unit).to("proposed") for unit in children]
    rule = commune_rule(commune_dossier)
    assert rule.registered_share == 100.0 and rule.recognised == 0

    from tests.journeys import decide

    decide(p, dossiers[:2])  # 2 of 3 recognised: 66.7 % < 70 %
    assert not commune_rule(commune_dossier).met
    decide(p, dossiers[2:])
    rule = commune_rule(commune_dossier)
    assert rule.met and rule.recognised_share == 100.0


@pytest.fixture
def p_commune():
    p = Province.build()
    p.unit.delete()
    p.other_unit.delete()
    commune_unit = UnitFactory(
        kind=UnitKind.COMMUNE, area=p.commune, name=p.commune.name, managing_level=p.province.level
    )
    UnitFactory(kind=UnitKind.ENTERPRISE, area=p.commune, is_small_enterprise=True)  # excluded
    children = [p.agency] + [UnitFactory(kind=UnitKind.AGENCY, area=p.commune) for _ in range(2)]
    user_grant_jurisdiction(user=p.head, target=commune_unit)
    commune_dossier = Journey(p, commune_unit).to("submitted")
    return p, commune_dossier, children


def test_reviewer_of_a_commune_dossier_sees_the_rule(client, p_commune):
    p, commune_dossier, _ = p_commune
    client.force_login(p.reviewer)
    html = client.get(reverse("dossier-review", args=[commune_dossier.pk])).content.decode()
    assert "Tiêu chí tỷ lệ của xã" in html and "yêu cầu từ 70 %" in html


def office_file(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in parts:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.pdf", b"%PDF-1.7 ...", "application/pdf"),
        ("a.jpg", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        ("a.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        ("bao-cao.docx", office_file(["[Content_Types].xml", "word/document.xml"]), DOCX),
        ("so-lieu.xlsx", xlsx(), XLSX),
        ("renamed.pdf", office_file(["[Content_Types].xml", "word/document.xml"]), DOCX),
    ],
)
def test_upload_type_comes_from_the_content(name, content, expected):
    content_type, sha256 = inspect_upload(SimpleUploadedFile(name, content))
    assert content_type == expected
    assert len(sha256) == 64


@pytest.mark.parametrize(
    "name, content",
    [("virus.pdf", b"MZ\x90\x00"), ("a.zip", office_file(["x.txt"])), ("a.txt", b"hello")],
)
def test_other_types_are_refused(name, content):
    with pytest.raises(DomainError, match="không đúng định dạng"):
        inspect_upload(SimpleUploadedFile(name, content))


def test_size_limit(settings, monkeypatch):
    from workflows.recognition import documents

    monkeypatch.setattr(documents, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(DomainError, match="quá lớn"):
        inspect_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 20))


def test_sha256_is_stored(p=None):
    p = Province.build()
    dossier = Journey(p).to("registered")
    document = services.document_upload(
        acting_user=p.head,
        dossier=dossier,
        kind=DocumentKind.objects.get(code="proposal"),
        upload=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 x"),
    )
    import hashlib

    assert document.sha256 == hashlib.sha256(b"%PDF-1.4 x").hexdigest()


def test_six_monthly_report_reminder(monkeypatch):
    from django.utils import timezone

    from notifications.models import Notification
    from notifications.tasks import remind_periodic_reports

    p = Province.build()
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 6, 10))
    assert remind_periodic_reports() >= 3
    assert Notification.objects.filter(recipient=p.reviewer, event="report_due").count() == 1
    remind_periodic_reports()
    assert Notification.objects.filter(recipient=p.reviewer, event="report_due").count() == 1
