"""Circular 124, Art. 9 cl. 1 d and Art. 10 cl. 4: agencies, enterprises and schools followed
by the Ministry's departments are appraised by V05 and decided by the Minister. In the
province's system the provincial police standing office receives and transmits the dossier,
then records the Minister's decision as issued; nothing is numbered in the province."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import (
    AdministrativeArea,
    Decision,
    DecisionCounter,
    DossierStatus,
    RecordedRecognition,
    UnitKind,
)
from dossiers.services import DomainError
from tests.factories import UnitFactory, UserFactory, level
from tests.workflows.test_routes_as_written import _decide, _submitted, world  # noqa: F401
from workflows.recognition import services
from workflows.recognition.outcomes import step_title
from workflows.recognition.selectors import criteria_for

pytestmark = pytest.mark.django_db
PROVINCES = {2024: "Tỉnh Tây Ninh (cũ)", 2026: "Tỉnh Tây Ninh"}
MINISTER_LABEL = "Quyết định của Bộ trưởng Bộ Công an — tỉnh ghi nhận"


@pytest.fixture
def ministry(world):  # noqa: F811
    """A ward-managed agency of Phường Gò Dầu that a Ministry department follows."""
    unit = UnitFactory(
        kind=UnitKind.AGENCY,
        name="Chi nhánh Công ty Xăng dầu Gò Dầu",
        area=AdministrativeArea.objects.get(name="Phường Gò Dầu"),
        followed_by_ministry=True,
    )
    unit.full_clean()
    user_grant_jurisdiction(user=world["head"], target=unit)
    world["units"]["ministry"] = unit
    return world


def _transmitted(w, year, monkeypatch):
    dossier = _submitted(w, year, "ministry", monkeypatch)
    return services.dossier_review(
        acting_user=w["offices"][PROVINCES[year]]["police"],
        dossier=dossier,
        outcome="forward",
        verdicts={c.pk: (True, "") for c in criteria_for(dossier)},
    )


def _record(w, dossiers, *, user=None, recognised=True, reference="123/QĐ-BCA"):
    return services.minister_decision_record(
        acting_user=user or w["offices"]["Tỉnh Tây Ninh"]["police"],
        results=[(d, recognised, "") for d in dossiers],
        reference=reference,
        issued_on=datetime.date(2026, 11, 18),
    )


@pytest.mark.parametrize("year", [2024, 2026])
def test_art_9_cl_1_d_ministry_unit_routes_to_the_minister(ministry, year, monkeypatch):
    """Whatever its managing level and the cycle's tree, the Minister decides; the cycle's
    provincial police receive the dossier and transmit it to the Ministry (V05); the
    ward's police, the managing level's, may not act on it."""
    w = ministry
    route = w["cycles"][year].routes.get(unit_kind=UnitKind.AGENCY)
    route.preliminary_review_level = level("commune")  # a province's option: not for these
    route.save()
    dossier = _submitted(w, year, "ministry", monkeypatch)
    assert dossier.decide_area.name == "Bộ Công an"
    assert dossier.decide_area.level.code == "ministry" and dossier.decide_area.parent is None
    assert dossier.review_area.name == PROVINCES[year]
    assert dossier.appraise_area is None
    assert step_title(dossier, "review_dossier") == "Chuyển Bộ Công an thẩm định"
    verdicts = {c.pk: (True, "") for c in criteria_for(dossier)}
    ward_police = w["offices"]["Phường Gò Dầu"]["police"]
    with pytest.raises(PermissionDenied):
        services.dossier_review(
            acting_user=ward_police, dossier=dossier, outcome="forward", verdicts=verdicts
        )
    with pytest.raises(DomainError, match="chưa đạt"):  # forwarded only when all are met
        services.dossier_review(
            acting_user=w["offices"][PROVINCES[year]]["police"],
            dossier=dossier,
            outcome="forward",
            verdicts={**verdicts, next(iter(verdicts)): (False, "")},
        )
    dossier = _transmitted_from(w, year, dossier, verdicts)
    assert dossier.status == DossierStatus.PROPOSED
    task = dossier.process.task_set.get(flow_task__endswith="await_decision")
    assert step_title(dossier, task.flow_task.name) == (
        "Ghi nhận quyết định của Bộ trưởng Bộ Công an"
    )


def _transmitted_from(w, year, dossier, verdicts):
    return services.dossier_review(
        acting_user=w["offices"][PROVINCES[year]]["police"],
        dossier=dossier,
        outcome="forward",
        verdicts=verdicts,
    )


@pytest.mark.parametrize("kind", [UnitKind.RESIDENTIAL_AREA, UnitKind.COMMUNE])
def test_art_9_cl_1_d_only_agencies_enterprises_schools_go_to_the_minister(world, kind):  # noqa: F811
    unit = world["units"]["residential" if kind == UnitKind.RESIDENTIAL_AREA else "commune"]
    unit.followed_by_ministry = True
    with pytest.raises(ValidationError, match="Chỉ cơ quan, doanh nghiệp, cơ sở giáo dục"):
        unit.full_clean()


def test_art_10_cl_4_minister_decision_is_recorded_not_numbered(ministry, monkeypatch, client):
    """The provincial police record the Minister's decision as issued: the typed number and
    symbol, its date, the result per dossier. No counter is touched, so the provincial
    committee's own first decision of the year is still number 01."""
    w = ministry
    dossier = _transmitted(w, 2026, monkeypatch)
    recorded = _record(w, [dossier])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECOGNISED
    assert (recorded.reference, recorded.issued_on, recorded.authority) == (
        "123/QĐ-BCA",
        datetime.date(2026, 11, 18),
        "Bộ trưởng Bộ Công an",
    )
    assert recorded.recorded_in.name == "Tỉnh Tây Ninh"
    assert list(recorded.items.values_list("dossier", "recognised")) == [(dossier.pk, True)]
    assert not DecisionCounter.objects.exists() and not Decision.objects.exists()
    client.force_login(w["head"])
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert MINISTER_LABEL in html and "Quyết định số 123/QĐ-BCA ngày 18/11/2026" in html
    assert "Ghi nhận Quyết định số 123/QĐ-BCA" in html  # the history names it
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)  # the admin lists it, read-only
    changelist = reverse("admin:dossiers_recordedrecognition_changelist")
    assert "123/QĐ-BCA" in client.get(changelist).content.decode()
    assert client.get(reverse("admin:dossiers_recordedrecognition_add")).status_code == 403

    enterprise = _submitted(w, 2026, "enterprise", monkeypatch)  # managed by the province
    enterprise = _transmitted_from(
        w, 2026, enterprise, {c.pk: (True, "") for c in criteria_for(enterprise)}
    )
    assert _decide(w, 2026, [enterprise], "Tỉnh Tây Ninh").reference == "01/QĐ-UBND"


@pytest.mark.parametrize(
    "office, role",
    [
        ("Phường Gò Dầu", "police"),
        ("Phường Gò Dầu", "committee"),
        ("Tỉnh Tây Ninh", "committee"),
    ],
)
def test_art_10_cl_4_only_the_transmitting_provincial_police_record(
    ministry, monkeypatch, client, office, role
):
    """The ward's police and any committee's staff may neither record the Minister's
    decision (403) nor issue a numbered decision for the dossier; nothing changes."""
    w = ministry
    dossier = _transmitted(w, 2026, monkeypatch)
    user = w["offices"][office][role]
    with pytest.raises(PermissionDenied):
        _record(w, [dossier], user=user)
    client.force_login(user)
    post = {
        "dossier": [dossier.pk],
        f"result_{dossier.pk}": "1",
        "reference": "123/QĐ-BCA",
        "issued_on": "2026-11-18",
    }
    assert client.post(reverse("minister-decision-record"), post).status_code == 403
    if role == "committee":
        issuer = AdministrativeArea.objects.get(name=office)
        with pytest.raises(DomainError, match="không thuộc thẩm quyền quyết định"):
            _decide_as(user, issuer, dossier)
        html = client.get(reverse("decision-create")).content.decode()
        assert dossier.unit.name not in html
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED
    assert not RecordedRecognition.objects.exists()
    assert not Decision.objects.exists() and not DecisionCounter.objects.exists()


def test_art_10_cl_4_no_committee_numbers_the_ministers_decision(ministry, monkeypatch):
    """Even staff granted the Ministry's own area cannot issue a numbered decision as it."""
    dossier = _transmitted(ministry, 2026, monkeypatch)
    ministry_area = dossier.decide_area
    staff = UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[ministry_area])
    with pytest.raises(DomainError, match="tỉnh chỉ ghi nhận"):
        _decide_as(staff, ministry_area, dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED
    assert not Decision.objects.exists() and not DecisionCounter.objects.exists()


def _decide_as(user, issuer, dossier):
    from dossiers.models import AuthorityMarker

    return services.decision_issue(
        acting_user=user,
        issuer=issuer,
        results=[(dossier, True, "")],
        issued_on=datetime.date(2026, 11, 18),
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Công nhận",
    )


def test_minister_decision_record_page_keeps_typed_input_on_error(ministry, monkeypatch, client):
    """The record form through Django's test client: an over-long reference is refused with
    the typed reference, result and reason kept; a valid one records and redirects."""
    w = ministry
    dossier = _transmitted(w, 2026, monkeypatch)
    client.force_login(w["offices"]["Tỉnh Tây Ninh"]["police"])
    url = reverse("minister-decision-record")
    page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert f"{url}?co-quan={dossier.review_area_id}" in page  # the record button
    assert "quyết định: Bộ trưởng Bộ Công an (tỉnh ghi nhận)" in page
    inbox = client.get(reverse("inbox")).content.decode()
    assert "1 hồ sơ đã chuyển Bộ Công an đang chờ ghi nhận kết quả" in inbox
    html = client.get(url).content.decode()
    assert dossier.unit.name in html and "Ghi nhận quyết định của Bộ trưởng Bộ Công an" in html
    too_long = "9" * 61 + "/QĐ-BCA"
    post = {
        "office": dossier.review_area_id,
        "dossier": [dossier.pk],
        f"result_{dossier.pk}": "0",
        f"reason_{dossier.pk}": "Chưa đủ điều kiện theo Cục V05",
        "reference": too_long,
        "issued_on": "2026-11-18",
    }
    html = client.post(url, post).content.decode()
    assert "Số, ký hiệu quyết định không quá 64 ký tự." in html
    assert f'value="{too_long}"' in html and 'value="2026-11-18"' in html
    assert 'value="Chưa đủ điều kiện theo Cục V05"' in html
    assert '<option value="0" selected>Không công nhận</option>' in html
    assert not RecordedRecognition.objects.exists()

    response = client.post(url, {**post, "reference": "  45/QĐ-BCA "})
    assert response.url == reverse("dossier-detail", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NOT_RECOGNISED
    assert dossier.result_reason == "Chưa đủ điều kiện theo Cục V05"
    assert RecordedRecognition.objects.get().reference == "45/QĐ-BCA"


def test_art_10_the_decide_step_belongs_to_the_deciding_committee_unless_the_minister_decides():
    """Circular 124, Art. 10: the committee of the deciding level takes the "decide" step;
    for a dossier the Minister decides (cl. 4) no committee does, and the office that
    transmitted it records the result."""
    from types import SimpleNamespace

    from workflows.recognition.permissions import step_area_id

    local = SimpleNamespace(decided_by_minister=False, decide_area_id=7, review_area_id=3)
    ministry = SimpleNamespace(decided_by_minister=True, decide_area_id=9, review_area_id=3)
    assert step_area_id(local, "decide") == 7 and step_area_id(local, "record") is None
    assert step_area_id(ministry, "decide") is None and step_area_id(ministry, "record") == 3
