"""Inspections (issue 11; DOMAIN.md §4 "Periodic reporting"): a yearly plan per office, at
least 10 units for the provincial police; findings per criterion; a finding "chưa đạt"
opens a referral — a supplement to the reviewing office, a revocation to the committee
that decided — which that office sees and acts on through its own step."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from dossiers.models import DossierStatus, UnitKind
from dossiers.services import DomainError
from movement import services
from movement.models import InspectionPlan, Referral, ReferralKind
from tests.factories import AreaFactory, UnitFactory, UserFactory
from tests.journeys import Journey, Province
from workflows.recognition import services as recognition

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 15)
SIGNATURE = {
    "issued_on": TODAY,
    "signer_name": "Huỳnh Văn Giang",
    "signer_title": "Chủ tịch",
    "authority": "TM",
    "summary": "Về việc thu hồi",
}


def plan(p, target=10):
    return services.inspection_plan_create(
        acting_user=p.appraiser, office=p.province, year=2026, target=target
    )


def inspect(p, unit=None, plan_=None, failed=True):
    inspection = services.inspection_create(
        acting_user=p.appraiser,
        plan=plan_ or plan(p),
        unit=unit or p.unit,
        inspected_on=TODAY,
        team="Phòng PV05: Võ Thị Em",
        today=TODAY,
    )
    criteria = services.inspection_criteria(inspection)
    findings = {c.pk: (True, "") for c in criteria}
    if failed:
        findings[criteria[0].pk] = (False, "Chưa có nghị quyết của chi bộ.")
    services.inspection_record_findings(
        acting_user=p.appraiser,
        inspection=inspection,
        findings=findings,
        conclusion="Còn thiếu sót.",
        follow_up="Khắc phục trong 30 ngày.",
    )
    return inspection


def test_seed_plan_provincial_police_inspect_at_least_10_units():
    p = Province.build()
    with pytest.raises(DomainError, match="ít nhất 10"):
        plan(p, target=9)
    assert plan(p, target=10).target == 10
    with pytest.raises(DomainError, match="đã có kế hoạch"):
        plan(p, target=12)
    # A commune office's plan has no such floor; the committee does not inspect.
    assert services.inspection_plan_create(
        acting_user=p.reviewer, office=p.commune, year=2026, target=2
    )
    with pytest.raises(PermissionDenied):
        services.inspection_plan_create(
            acting_user=p.committee, office=p.commune, year=2027, target=2
        )


def test_findings_per_criterion_of_the_units_set(client):
    p = Province.build()
    Journey(p).to("submitted")
    inspection = inspect(p)
    assert inspection.dossier.unit == p.unit
    criteria = services.inspection_criteria(inspection)
    assert inspection.findings.count() == len(criteria) > 0
    with pytest.raises(DomainError, match="nội dung phát hiện"):
        services.inspection_record_findings(
            acting_user=p.appraiser,
            inspection=inspection,
            findings={criteria[1].pk: (False, " ")},
            conclusion="",
            follow_up="",
        )
    # Another office reads it only when it covers the unit; it may not change it.
    client.force_login(p.reviewer)
    url = reverse("inspection-detail", args=[inspection.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {f"met_{criteria[0].pk}": "1"}).status_code == 403
    client.force_login(p.appraiser)  # bad input: a message, what was typed kept, never a 500
    answer = client.post(
        url, {f"met_{criteria[0].pk}": "0", f"note_{criteria[0].pk}": "a\x00b", "conclusion": "Giữ"}
    )
    assert answer.status_code == 200 and "NUL" in answer.content.decode()
    assert "Giữ" in answer.content.decode()
    elsewhere = UserFactory(
        role=Role.REVIEWING_POLICE, jurisdiction=[AreaFactory(commune=True, parent=p.province)]
    )
    client.force_login(elsewhere)
    assert client.get(url).status_code == 404


def test_finding_opens_a_supplement_request_for_the_reviewing_office(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    referral = services.inspection_refer(
        acting_user=p.appraiser,
        inspection=inspect(p),
        kind=ReferralKind.SUPPLEMENT,
        content="Đề nghị yêu cầu đơn vị bổ sung nghị quyết.",
    )
    assert referral.office == p.commune == dossier.review_area
    assert "Chưa có nghị quyết của chi bộ." in referral.content
    # The reviewing office sees it in its list and on the dossier; the committee does not.
    client.force_login(p.reviewer)
    assert "bổ sung nghị quyết" in client.get(reverse("referral-list")).content.decode()
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert 'id="referrals"' in page and "Đề nghị yêu cầu bổ sung hồ sơ" in page
    assert "Xét duyệt (yêu cầu bổ sung)" in page.split('id="referrals"')[1]
    client.force_login(p.committee)
    assert "bổ sung nghị quyết" not in client.get(reverse("referral-list")).content.decode()
    # It acts through its own review step.
    dossier = recognition.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment=referral.content
    )
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED


def test_finding_opens_a_revocation_proposal_for_the_deciding_committee(client):
    p = Province.build()
    dossier = Journey(p).to("recognised")
    referral = services.inspection_refer(
        acting_user=p.appraiser,
        inspection=inspect(p),
        kind=ReferralKind.REVOCATION,
        content="Đề nghị thu hồi công nhận.",
    )
    assert referral.office == p.commune == dossier.decide_area
    client.force_login(p.committee)
    assert "Đề nghị thu hồi công nhận." in client.get(reverse("referral-list")).content.decode()
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert f"/quyet-dinh/thu-hoi/?co-quan={p.commune.pk}" in page.split('id="referrals"')[1]
    client.force_login(p.reviewer)
    assert "thu hồi" not in client.get(reverse("referral-list")).content.decode()
    recognition.decision_revoke(
        acting_user=p.committee,
        issuer=dossier.decide_area,
        dossiers=[dossier],
        reason="Kết quả kiểm tra của Công an tỉnh.",
        **SIGNATURE,
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.REVOKED


def test_art_9_supplement_referral_once_in_review_revocation_only_of_a_recognition():
    """Circular 124 Art. 9 / DOMAIN.md §4: a supplement once, while the dossier waits for
    its review; a revocation only of a recognition; always on a finding "chưa đạt"."""
    p = Province.build()
    Journey(p).to("submitted")
    clean = inspect(p, failed=False)
    with pytest.raises(DomainError, match="chưa đạt"):
        services.inspection_refer(
            acting_user=p.appraiser, inspection=clean, kind=ReferralKind.SUPPLEMENT, content="x"
        )
    failed = inspect(p, plan_=clean.plan)
    with pytest.raises(DomainError, match="đã được Ủy ban nhân dân công nhận"):
        services.inspection_refer(
            acting_user=p.appraiser, inspection=failed, kind=ReferralKind.REVOCATION, content="x"
        )
    recognition.dossier_review(
        acting_user=p.reviewer, dossier=failed.dossier, outcome="supplement", comment="Bổ sung."
    )
    with pytest.raises(DomainError, match="một lần"):
        services.inspection_refer(
            acting_user=p.appraiser, inspection=failed, kind=ReferralKind.SUPPLEMENT, content="x"
        )
    with pytest.raises(PermissionDenied):
        services.inspection_refer(
            acting_user=p.reviewer, inspection=failed, kind=ReferralKind.SUPPLEMENT, content="x"
        )
    assert not Referral.objects.exists()


def _list(client, **query):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("inspection-list"), query)
    assert answer.status_code == 200
    return len(queries), answer


def test_inspection_list_constant_queries_and_xlsx_with_the_filters(client):
    p = Province.build()
    the_plan = plan(p)
    units = [UnitFactory(kind=UnitKind.AGENCY, area=p.commune) for _ in range(14)]
    units.insert(0, UnitFactory(kind=UnitKind.AGENCY, area=p.commune, name="Công ty Bình An"))
    for unit in units[:3]:
        inspect(p, unit=unit, plan_=the_plan)
    client.force_login(p.appraiser)
    small, _ = _list(client)
    for unit in units[3:]:
        inspect(p, unit=unit, plan_=the_plan)
    large, page = _list(client)
    assert small == large
    assert page.content.decode().count('href="/kiem-tra/') >= 15
    assert "15" in page.content.decode().split('id="plans"')[1].split("</table>")[0]

    answer = client.get(reverse("inspection-list"), {"xuat": "xlsx", "don_vi": units[0].name})
    sheet = load_workbook(BytesIO(answer.content)).active
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows[0][3] == units[0].name and rows[0][6] == 1
    assert rows[-1][:2] == ("Tổng cộng", "1 cuộc kiểm tra")
    # Another commune's officer sees none of them, in the page or the export.
    outsider = UserFactory(
        role=Role.REVIEWING_POLICE, jurisdiction=[AreaFactory(commune=True, parent=p.province)]
    )
    client.force_login(outsider)
    answer = client.get(reverse("inspection-list"), {"xuat": "xlsx"})
    assert load_workbook(BytesIO(answer.content)).active.max_row == 4  # title, blank, header, total
    # A bad filter: an empty list and a message, never a 500.
    assert client.get(reverse("inspection-list"), {"nam": "２０２６"}).status_code == 200


def test_plan_and_inspection_pages_keep_what_was_typed(client):
    p = Province.build()
    client.force_login(p.appraiser)
    answer = client.post(
        reverse("inspection-plan-create"),
        {"office": p.province.pk, "year": "2026", "target": "5", "note": "Ghi chú giữ lại"},
    )
    page = answer.content.decode()
    assert answer.status_code == 200 and "ít nhất 10" in page and "Ghi chú giữ lại" in page
    answer = client.post(
        reverse("inspection-plan-create"),
        {"office": p.province.pk, "year": "2026", "target": "12"},
    )
    assert answer.status_code == 302
    form = {
        "plan": InspectionPlan.objects.get().pk,
        "unit_identifier": "KHONG-CO",
        "inspected_on": "2026-09-01",
        "team": "Đoàn kiểm tra số 1",
    }
    page = client.post(reverse("inspection-create"), form).content.decode()
    assert "Không tìm thấy đơn vị" in page and "Đoàn kiểm tra số 1" in page
    answer = client.post(
        reverse("inspection-create"), {**form, "unit_identifier": p.unit.identifier}
    )
    assert answer.status_code == 302
    client.force_login(p.committee)  # the committee does not inspect
    assert client.get(reverse("inspection-create")).status_code == 403
