"""Registration in Quarter I and the registration dossier (Circular 124, Art. 4–7 cl. 1;
Art. 9 cl. 2 a), the late registration an administrator opens, and the police office's
acknowledgement — through the services and the pages."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from dossiers.models import (
    CycleRoute,
    DocumentKind,
    Dossier,
    DossierTransition,
    LateRegistration,
    StepDeadline,
)
from dossiers.registration import late_registration_open
from dossiers.services import DomainError
from tests.factories import CycleFactory, UserFactory
from tests.journeys import PDF, Journey, Province, registration_documents
from workflows import deadlines
from workflows.deadlines import days_left
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.services import RegistrationIncomplete

pytestmark = pytest.mark.django_db

FIRST_OF_APRIL = datetime.date(2026, 4, 1)


@pytest.fixture
def p():
    return Province.build()


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day):
        monkeypatch.setattr(deadlines, "today", lambda: day)

    return set_day


@pytest.fixture
def admin_user():
    return UserFactory(role=Role.ADMIN, is_staff=True)


def register(p, unit=None, **kwargs):
    unit = unit or p.unit
    arguments = {
        "households_total": 120,
        "households_registered": 120,
        "has_party_organisation": True,
        "documents": registration_documents(unit),
        **kwargs,
    }
    return services.dossier_register(acting_user=p.head, unit=unit, cycle=p.cycle, **arguments)


def register_post(p, unit=None, **extra):
    unit = unit or p.unit
    data = {
        "unit": unit.pk,
        "cycle": p.cycle.pk,
        "households_total": 90,
        "households_registered": 90,
        "commitment": "Giữ vững an ninh, trật tự trên địa bàn",
        "has_party_organisation": "1",
    }
    for code in registration_documents(unit):
        data[f"file_{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF)
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


# --- Quarter I -----------------------------------------------------------------------


def test_art_4_cl_1_registration_after_quarter_one_is_refused(client, p, on_day):
    on_day(FIRST_OF_APRIL)
    with pytest.raises(DomainError, match=r"trong Quý I \(đến hết ngày 31/03/2026\)"):
        register(p)
    assert not Dossier.objects.exists()

    client.force_login(p.head)
    response = client.post(reverse("dossier-register"), register_post(p))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký phấn đấu phải thực hiện trong Quý I (đến hết ngày 31/03/2026)" in html
    assert "Giữ vững an ninh, trật tự trên địa bàn" in html  # what was typed is kept
    assert not Dossier.objects.exists()

    on_day(datetime.date(2026, 3, 31))  # the last day of the quarter is still in time
    assert register(p).registration.registered_on == datetime.date(2026, 3, 31)


def test_late_registration_opened_by_admin_is_recorded_and_accepted(p, on_day, admin_user):
    on_day(datetime.date(2026, 5, 15))
    for user in (p.head, p.reviewer, p.provincial_committee):
        with pytest.raises(PermissionDenied):
            late_registration_open(acting_user=user, cycle=p.cycle, unit=p.unit, reason="Lý do")
    with pytest.raises(DomainError, match="lý do"):
        late_registration_open(acting_user=admin_user, cycle=p.cycle, unit=p.unit, reason="  ")
    assert not LateRegistration.objects.exists()

    late = late_registration_open(
        acting_user=admin_user,
        cycle=p.cycle,
        unit=p.unit,
        reason="Khu phố mới thành lập sau sáp nhập, chưa kịp đăng ký trong Quý I.",
    )
    assert (late.opened_by, late.cycle, late.unit) == (admin_user, p.cycle, p.unit)
    assert late.opened_at is not None
    with pytest.raises(DomainError, match="đã được mở"):
        late_registration_open(acting_user=admin_user, cycle=p.cycle, unit=p.unit, reason="Lại")

    dossier = register(p)
    assert dossier.registration.late_registration == late
    assert dossier.registration.registered_on == datetime.date(2026, 5, 15)
    audit = DossierTransition.objects.get(dossier=dossier, step="register")
    assert "chưa kịp đăng ký trong Quý I" in audit.comment
    # only for that unit: the head's other unit is still refused
    with pytest.raises(DomainError, match="Quý I"):
        register(p, unit=p.agency, documents=registration_documents(p.agency))


def test_late_registration_in_the_admin_goes_through_the_service(client, p, on_day):
    on_day(datetime.date(2026, 6, 1))
    superuser = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:dossiers_lateregistration_add")
    response = client.post(url, {"cycle": p.cycle.pk, "unit": p.unit.pk, "reason": ""})
    assert response.status_code == 200 and not LateRegistration.objects.exists()
    response = client.post(
        url, {"cycle": p.cycle.pk, "unit": p.unit.pk, "reason": "Đơn vị mới thành lập"}
    )
    assert response.status_code == 302
    late = LateRegistration.objects.get()
    assert late.opened_by == superuser and late.reason == "Đơn vị mới thành lập"
    response = client.post(url, {"cycle": p.cycle.pk, "unit": p.unit.pk, "reason": "Lần hai"})
    assert "đã được mở đăng ký muộn" in response.content.decode()
    assert LateRegistration.objects.count() == 1

    staff = UserFactory(role=Role.REVIEWING_POLICE, is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="lateregistration"))
    client.force_login(staff)  # the model permission is not enough: admins only
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("day", [datetime.date(2026, 1, 2), datetime.date(2026, 3, 31)])
@pytest.mark.parametrize("submit_by", [datetime.date(2026, 12, 31), datetime.date(2026, 3, 16)])
def test_registered_in_time_is_never_born_overdue(p, on_day, day, submit_by):
    """A cycle whose submission date falls inside Quarter I (16/03) would give a dossier
    registered on 31/03 a step already late: its first step is then due on the day it
    registers."""
    StepDeadline.objects.filter(cycle=p.cycle, step="submit").update(fixed_date=submit_by)
    on_day(day)
    dossier = register(p)
    first = TaskDeadline.objects.get(task__process=dossier.process, step="submit")
    assert first.due_date >= day
    assert days_left(first, on=day) >= 0


# --- the registration dossier (Art. 9 cl. 2 a) ------------------------------------------


def test_art_9_cl_2_a_registration_dossier_required_at_registration(p, on_day):
    on_day(datetime.date(2026, 2, 10))
    with pytest.raises(RegistrationIncomplete) as refused:
        register(p, documents={})
    assert set(refused.value.field_errors) == {"party_resolution", "registration"}
    with pytest.raises(RegistrationIncomplete) as refused:
        register(p, documents={}, has_party_organisation=False)
    assert set(refused.value.field_errors) == {"registration"}  # no Party, no resolution
    with pytest.raises(RegistrationIncomplete) as refused:
        register(p, unit=p.agency, documents={}, has_party_organisation=False)
    assert set(refused.value.field_errors) == {"security_plan", "registration"}
    with pytest.raises(RegistrationIncomplete) as refused:
        register(p, has_party_organisation=None)
    assert set(refused.value.field_errors) == {"has_party_organisation"}
    assert not Dossier.objects.exists()

    dossier = register(p, has_party_organisation=True)
    assert dossier.registration.has_party_organisation is True
    assert sorted(dossier.registration.documents.values_list("kind__code", flat=True)) == [
        "party_resolution",
        "registration",
    ]
    stored = dossier.registration.documents.first()
    assert len(stored.sha256) == 64 and stored.content_type == "application/pdf"

    # an agency is not asked for households, and none are kept
    agency = register(
        p,
        unit=p.agency,
        has_party_organisation=False,
        households_total=None,
        households_registered=None,
        documents=registration_documents(p.agency, has_party_organisation=False),
    )
    assert agency.households_total is None and agency.registration.documents.count() == 2


def test_registration_form_keeps_what_was_typed_with_a_message_per_field(client, p, on_day):
    on_day(datetime.date(2026, 2, 10))
    client.force_login(p.head)
    fake = SimpleUploadedFile("dang-ky.pdf", b"MZ\x90\x00 a program", "application/pdf")
    response = client.post(
        reverse("dossier-register"),
        register_post(
            p, file_party_resolution=None, file_registration=fake, households_registered=95
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Nghị quyết của cấp ủy Đảng" in form.errors["file_party_resolution"][0]
    assert "không đúng định dạng cho phép" in form.errors["file_registration"][0]
    assert "lớn hơn tổng số hộ" in form.errors["households_registered"][0]
    html = response.content.decode()
    assert "Giữ vững an ninh, trật tự trên địa bàn" in html and 'value="95"' in html
    assert "vui lòng chọn lại các tệp" in html
    assert not Dossier.objects.exists()

    response = client.post(reverse("dossier-register"), register_post(p))
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossier-assess", args=[dossier.pk])


# --- acknowledgement by the route's police ------------------------------------------------


def test_registration_acknowledged_by_route_police(client, p):
    dossier = Journey(p).to("registered")
    url = reverse("registration-acknowledge", args=[dossier.pk])
    other = Province.build(name="Phường Khác")
    for outsider in (p.appraiser, other.reviewer, p.head, p.committee):
        client.force_login(outsider)
        assert client.post(url).status_code == 403
    for outsider in (p.appraiser, other.reviewer):
        with pytest.raises(PermissionDenied):
            services.registration_acknowledge(acting_user=outsider, dossier=dossier)
    dossier.registration.refresh_from_db()
    assert dossier.registration.acknowledged_at is None
    assert not DossierTransition.objects.filter(step="acknowledge_registration").exists()

    client.force_login(p.reviewer)
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert url in page  # the button, for the office the routing names
    assert client.post(url).status_code == 302
    registration = dossier.registration
    registration.refresh_from_db()
    assert registration.acknowledged_by == p.reviewer and registration.acknowledged_at
    audit = DossierTransition.objects.get(dossier=dossier, step="acknowledge_registration")
    assert audit.source == audit.target == "registered" and audit.actor == p.reviewer
    dossier.refresh_from_db()
    assert dossier.status == "registered"
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert "Đã tiếp nhận:" in page and url not in page
    with pytest.raises(DomainError, match="đã được tiếp nhận"):
        services.registration_acknowledge(acting_user=p.reviewer, dossier=dossier)


# --- the recognition dossier (Art. 9 cl. 2 b) ---------------------------------------------

CIRCULAR = {
    "party_resolution": "Nghị quyết của cấp ủy Đảng lãnh đạo về công tác bảo đảm an ninh, "
    "trật tự (nơi có tổ chức Đảng)",
    "security_plan": "Kế hoạch về bảo đảm an ninh, trật tự của Ủy ban nhân dân xã, phường, "
    "thị trấn; cơ quan, doanh nghiệp, cơ sở giáo dục",
    "registration": "Bản đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
    "proposal": "Tờ trình đề nghị xét duyệt, công nhận đạt tiêu chuẩn “An toàn về an ninh, "
    "trật tự”",
    "self_assessment": "Báo cáo kết quả xây dựng khu dân cư, xã, phường, thị trấn, cơ quan, "
    "doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
    "minutes": "Biên bản cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí xây dựng "
    "khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn "
    "“An toàn về an ninh, trật tự”",
    "evidence": "Các tài liệu khác có liên quan",
}


def test_art_9_cl_2_b_document_names_are_the_circulars(p):
    names = dict(DocumentKind.objects.values_list("code", "name"))
    assert names == CIRCULAR
    year_end = p.cycle.routes.get(unit_kind=p.unit.kind).required_documents
    assert set(year_end.values_list("code", flat=True)) == {
        "proposal",
        "self_assessment",
        "minutes",
    }


def test_migration_moves_the_registration_form_out_of_open_cycles_only(p):
    closed = CycleFactory(year=2024, province=p.province, is_open=False)
    registration = DocumentKind.objects.get(code="registration")
    for route in CycleRoute.objects.all():
        route.required_documents.add(registration)
    migration = importlib.import_module("dossiers.migrations.0012_document_kinds_of_article_9")
    migration.forwards(apps, None)
    holding = set(
        CycleRoute.objects.filter(required_documents=registration).values_list("cycle", flat=True)
    )
    assert holding == {closed.pk}
