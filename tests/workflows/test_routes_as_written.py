"""Circular 124, Art. 9 cl. 1 and Art. 10 as seeded routes: the 2024 (three-level) and 2026
(two-level) cycles driven end to end through the same flow code for each kind of unit,
asserting which office appraises, which committee decides and the cut-off shown."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from dossiers.models import AuthorityMarker, CriterionKind, DocumentKind, DossierStatus, UnitKind
from dossiers.routes import cycle_set_routes_as_written
from tests.factories import AreaFactory, UnitFactory, UserFactory, level
from tests.journeys import hold_meeting, pdf, registration_documents
from workflows import deadlines
from workflows.recognition import services
from workflows.recognition.selectors import criteria_for

pytestmark = pytest.mark.django_db
OLD_END = datetime.date(2025, 6, 30)
REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def world():
    """Old Tây Ninh → Huyện Gò Dầu → Thị trấn Gò Dầu → Khu phố 1 (until 30/06/2025), and new
    Tây Ninh → Phường Gò Dầu → Khu phố 1 (from 01/07/2025); units live in the new tree."""
    from dossiers.models import RecognitionCycle, Regulation

    old_province = AreaFactory(province=True, name="Tỉnh Tây Ninh (cũ)", valid_to=OLD_END)
    district = AreaFactory(
        district=True, name="Huyện Gò Dầu", parent=old_province, valid_to=OLD_END
    )
    old_commune = AreaFactory(
        commune=True, name="Thị trấn Gò Dầu", parent=district, valid_to=OLD_END
    )
    old_area = AreaFactory(
        residential=True, name="Khu phố 1, Thị trấn Gò Dầu", parent=old_commune, valid_to=OLD_END
    )
    province = AreaFactory(province=True, name="Tỉnh Tây Ninh", valid_from=REFORM)
    commune = AreaFactory(commune=True, name="Phường Gò Dầu", parent=province, valid_from=REFORM)
    area = AreaFactory(
        residential=True, name="Khu phố 1, Phường Gò Dầu", parent=commune, valid_from=REFORM
    )
    old_area.successors.add(area)
    old_commune.successors.add(commune)
    units = {
        "residential": UnitFactory(kind=UnitKind.RESIDENTIAL_AREA, name="Khu phố 1", area=area),
        "agency": UnitFactory(kind=UnitKind.AGENCY, name="Trạm Y tế Gò Dầu", area=commune),
        "school": UnitFactory(kind=UnitKind.SCHOOL, name="Trường THCS Gò Dầu", area=commune),
        "enterprise": UnitFactory(
            kind=UnitKind.ENTERPRISE,
            name="Công ty Cao su Tây Ninh",
            area=commune,
            managing_level=level("province"),
        ),
        "commune": UnitFactory(
            kind=UnitKind.COMMUNE,
            name="Phường Gò Dầu",
            area=commune,
            managing_level=level("province"),
        ),
    }
    head = UserFactory(role=Role.UNIT_HEAD, jurisdiction=list(units.values()))
    regulation = Regulation.objects.get(code="124/2021/TT-BCA")
    documents = list(DocumentKind.objects.filter(code__in=["proposal", "minutes"]))
    cycles = {}
    for year, top, three in ((2024, old_province, True), (2026, province, False)):
        cycle = RecognitionCycle.objects.create(
            year=year, province=top, regulation=regulation, name=f"Đợt {year}"
        )
        cycle_set_routes_as_written(cycle=cycle, three_levels=three, documents=documents)
        cycles[year] = cycle
    offices = {
        a.name: {
            "police": UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[a]),
            "committee": UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[a]),
        }
        for a in (old_province, district, old_commune, province, commune)
    }
    return {"units": units, "head": head, "cycles": cycles, "offices": offices}


# (year, unit, office whose police appraise, committee that decides, cut-off shown, due)
ROUTES = [
    (2024, "residential", "Thị trấn Gò Dầu", "Thị trấn Gò Dầu", "15/11/2024", "14/11/2024"),
    (2024, "agency", "Thị trấn Gò Dầu", "Thị trấn Gò Dầu", "20/11/2024", "19/11/2024"),
    (2024, "enterprise", "Tỉnh Tây Ninh (cũ)", "Tỉnh Tây Ninh (cũ)", "20/11/2024", "19/11/2024"),
    (2024, "school", "Thị trấn Gò Dầu", "Thị trấn Gò Dầu", "20/11/2024", "19/11/2024"),
    (2024, "commune", "Huyện Gò Dầu", "Huyện Gò Dầu", "20/11/2024", "19/11/2024"),
    (2026, "residential", "Phường Gò Dầu", "Phường Gò Dầu", "15/11/2026", "13/11/2026"),
    (2026, "agency", "Phường Gò Dầu", "Phường Gò Dầu", "20/11/2026", "19/11/2026"),
    (2026, "enterprise", "Tỉnh Tây Ninh", "Tỉnh Tây Ninh", "20/11/2026", "19/11/2026"),
    (2026, "school", "Phường Gò Dầu", "Phường Gò Dầu", "20/11/2026", "19/11/2026"),
    (2026, "commune", "Tỉnh Tây Ninh", "Tỉnh Tây Ninh", "20/11/2026", "19/11/2026"),
]


def _submitted(world, year, key, monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(year, 3, 2))
    head, unit = world["head"], world["units"][key]
    dossier = services.dossier_register(
        acting_user=head,
        unit=unit,
        cycle=world["cycles"][year],
        households_total=80 if key == "residential" else None,
        households_registered=80 if key == "residential" else None,
        has_party_organisation=True,
        documents=registration_documents(unit),
    )
    answers = {
        c.pk: (True, "Đã thực hiện.")
        for c in criteria_for(dossier)
        if c.kind != CriterionKind.DISQUALIFIER
    }
    organisation = unit.kind in (UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL)
    services.dossier_save_assessment(
        acting_user=head,
        dossier=dossier,
        answers=answers,
        **({"sub_units": (10, 8)} if organisation else {}),
    )
    for kind in dossier.cycle.routes.get(unit_kind=unit.kind).required_documents.all():
        services.document_upload(acting_user=head, dossier=dossier, kind=kind, upload=pdf())
    hold_meeting(head, dossier, held_on=datetime.date(year, 3, 2))
    return services.dossier_submit(acting_user=head, dossier=dossier)


def _recognise(world, year, dossier, office):
    dossier = services.dossier_review(
        acting_user=world["offices"][office]["police"],
        dossier=dossier,
        outcome="forward",
        verdicts={c.pk: (True, "") for c in criteria_for(dossier)},
    )
    return dossier


def _decide(world, year, dossiers, issuer_name):
    issuer = dossiers[0].decide_area
    assert issuer.name == issuer_name
    return services.decision_issue(
        acting_user=world["offices"][issuer_name]["committee"],
        issuer=issuer,
        results=[(d, True, "") for d in dossiers],
        issued_on=datetime.date(year, 11, 10),
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary=f"Công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}",
    )


@pytest.mark.parametrize("year", [2024, 2026])
def test_art_9_art_10_routes_of_2024_and_2026_end_to_end(world, year, monkeypatch, client):
    """Every kind goes to the standing office of its deciding level, which appraises and
    proposes, and that level's committee decides (the commune last: Art. 5 cl. 4 needs the
    units under it recognised first)."""
    routes = [r for r in ROUTES if r[0] == year]
    for _, key, office, committee, cut_off, due in routes:
        dossier = _submitted(world, year, key, monkeypatch)
        assert dossier.review_area.name == office, key
        assert dossier.appraise_area is None, key
        assert dossier.decide_area.name == committee, key
        dossier = _recognise(world, year, dossier, office)
        assert dossier.status == DossierStatus.PROPOSED, key
        decide_task = dossier.process.task_set.get(flow_task__endswith="await_decision")
        assert f"{decide_task.deadline.due_date:%d/%m/%Y}" == due, key
        client.force_login(world["head"])
        page = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
        assert f"trước ngày {cut_off}" in page, key
        assert f"Thẩm định: Thường trực Ban Chỉ đạo (Công an) {office}" in page, key
        _decide(world, year, [dossier], committee)
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.RECOGNISED, key


def test_art_9_the_appraisal_is_the_routed_office_not_a_level_above(world, monkeypatch):
    """In 2026 a commune's dossier is the provincial police's to appraise; the ward's own
    police may not act on it, and the province may not act on a ward's residential area."""
    commune_dossier = _submitted(world, 2026, "commune", monkeypatch)
    area_dossier = _submitted(world, 2026, "residential", monkeypatch)
    verdicts = {c.pk: (True, "") for c in criteria_for(commune_dossier)}
    with pytest.raises(PermissionDenied, match="không có thẩm quyền"):
        services.dossier_review(
            acting_user=world["offices"]["Phường Gò Dầu"]["police"],
            dossier=commune_dossier,
            outcome="forward",
            verdicts=verdicts,
        )
    with pytest.raises(PermissionDenied, match="không có thẩm quyền"):
        services.dossier_review(
            acting_user=world["offices"]["Tỉnh Tây Ninh"]["police"],
            dossier=area_dossier,
            outcome="forward",
            verdicts={c.pk: (True, "") for c in criteria_for(area_dossier)},
        )
    commune_dossier.refresh_from_db()
    area_dossier.refresh_from_db()
    assert commune_dossier.status == area_dossier.status == DossierStatus.SUBMITTED


def test_preliminary_review_is_a_route_option(world, monkeypatch):
    """A province may have the police where the unit sits review first (DOMAIN.md §1): the
    ward police review and forward, the provincial standing office appraises."""
    route = world["cycles"][2026].routes.get(unit_kind=UnitKind.ENTERPRISE)
    route.preliminary_review_level = level("commune")
    route.save()
    dossier = _submitted(world, 2026, "enterprise", monkeypatch)
    assert dossier.review_area.name == "Phường Gò Dầu"
    assert dossier.appraise_area.name == "Tỉnh Tây Ninh"
    dossier = _recognise(world, 2026, dossier, "Phường Gò Dầu")
    assert dossier.status == DossierStatus.FORWARDED


def test_art_10_cl_5_delegated_unit_is_decided_by_the_delegate(world, monkeypatch):
    """A province-managed enterprise delegated to the ward's committee is appraised by the
    ward's standing office and decided by the ward (Art. 10 cl. 5)."""
    from dossiers.models import AdministrativeArea

    enterprise = world["units"]["enterprise"]
    enterprise.delegated_to = AdministrativeArea.objects.get(name="Phường Gò Dầu")
    enterprise.full_clean()
    enterprise.save()
    dossier = _submitted(world, 2026, "enterprise", monkeypatch)
    assert dossier.review_area.name == dossier.decide_area.name == "Phường Gò Dầu"


def test_art_10_cl_5_delegation_only_one_level_down(world):
    from django.core.exceptions import ValidationError

    from dossiers.models import AdministrativeArea

    enterprise = world["units"]["enterprise"]  # managed by the province
    for too_low in ("Khu phố 1, Phường Gò Dầu", "Thị trấn Gò Dầu"):
        enterprise.delegated_to = AdministrativeArea.objects.get(name=too_low)
        with pytest.raises(ValidationError, match="cấp dưới một cấp"):
            enterprise.full_clean()


@pytest.mark.parametrize(
    "kind, start, end",
    [
        (UnitKind.RESIDENTIAL_AREA, datetime.date(2025, 11, 1), datetime.date(2026, 10, 31)),
        (UnitKind.COMMUNE, datetime.date(2025, 11, 16), datetime.date(2026, 11, 15)),
        (UnitKind.AGENCY, datetime.date(2025, 11, 16), datetime.date(2026, 11, 15)),
        (UnitKind.ENTERPRISE, datetime.date(2025, 11, 16), datetime.date(2026, 11, 15)),
        (UnitKind.SCHOOL, datetime.date(2025, 11, 16), datetime.date(2026, 11, 15)),
    ],
)
def test_art_8_cl_2_evaluation_windows(world, kind, start, end):
    route = world["cycles"][2026].routes.get(unit_kind=kind)
    assert (route.window_start, route.window_end) == (start, end)


@pytest.mark.parametrize(
    "kind, cut_off, due",
    [
        # 15/11/2026 is a Sunday: due the Friday before, never Monday 16/11.
        (UnitKind.RESIDENTIAL_AREA, datetime.date(2026, 11, 15), datetime.date(2026, 11, 13)),
        # 20/11/2026 is a Friday: "trước ngày 20" means Thursday 19/11 at the latest.
        (UnitKind.AGENCY, datetime.date(2026, 11, 20), datetime.date(2026, 11, 19)),
    ],
)
def test_art_9_cl_1_decision_cut_off_never_rolls_forward(world, kind, cut_off, due):
    from dossiers.models import StepDeadline
    from notifications.calendar import due_date

    rules = StepDeadline.objects.filter(cycle=world["cycles"][2026], step="decide")
    rule = rules.filter(unit_kind=kind).first() or rules.get(unit_kind="")
    assert (rule.fixed_date, rule.before) == (cut_off, True)
    start = datetime.date(2026, 11, 2)
    assert due_date(start=start, fixed_date=rule.fixed_date, before=rule.before) == due


def test_inbox_costs_the_same_queries_for_one_task_or_many(world, monkeypatch, client):
    """The route (a step's title, a dossier decided by the Minister) is read from the
    dossier's own columns: the inbox of the ward's standing office costs the same number
    of queries for one waiting dossier as for four."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["offices"]["Phường Gò Dầu"]["police"])

    def inbox_queries():
        client.get(reverse("inbox"))  # warm the working calendar's cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("inbox")).status_code == 200
        return len(captured)

    _submitted(world, 2026, "residential", monkeypatch)
    one = inbox_queries()
    for key in ("agency", "school"):
        _submitted(world, 2026, key, monkeypatch)
    assert inbox_queries() == one
