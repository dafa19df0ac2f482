"""A cycle's routing is data: the same code sends a residential area's dossier to district
police in a 2024 (3-level) cycle and to commune police in a 2026 (2-level) cycle."""

import datetime

import pytest

from dossiers.models import UnitKind
from dossiers.services import DomainError, area_as_of, cycle_route_for, unit_ineligibility_reasons
from tests.factories import AreaFactory, CycleFactory, UnitFactory

pytestmark = pytest.mark.django_db
OLD_END = datetime.date(2025, 6, 30)
REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def reform():
    """Old: province → district → commune → area (until 30/06/2025).
    New: province → commune → area (from 01/07/2025); the old area is succeeded by the new."""
    old_province = AreaFactory(province=True, name="Tỉnh cũ", valid_to=OLD_END)
    district = AreaFactory(
        district=True, name="Huyện Gò Dầu", parent=old_province, valid_to=OLD_END
    )
    old_commune = AreaFactory(
        commune=True, name="Thị trấn Gò Dầu", parent=district, valid_to=OLD_END
    )
    old_area = AreaFactory(
        residential=True, name="Khu phố 1 (cũ)", parent=old_commune, valid_to=OLD_END
    )
    new_province = AreaFactory(province=True, name="Tỉnh mới", valid_from=REFORM)
    new_commune = AreaFactory(
        commune=True, name="Phường Gò Dầu", parent=new_province, valid_from=REFORM
    )
    new_area = AreaFactory(
        residential=True, name="Khu phố 1", parent=new_commune, valid_from=REFORM
    )
    old_area.successors.add(new_area)
    return locals()


def test_same_unit_routes_to_district_police_in_2024_and_commune_police_in_2026(reform):
    unit = UnitFactory(kind=UnitKind.RESIDENTIAL_AREA, area=reform["new_area"])
    cycle_2024 = CycleFactory(
        year=2024, province=reform["old_province"], routes__review_level="district"
    )
    cycle_2026 = CycleFactory(year=2026, province=reform["new_province"])

    old = cycle_route_for(cycle=cycle_2024, unit=unit)
    new = cycle_route_for(cycle=cycle_2026, unit=unit)

    assert old.review_area == reform["district"]
    assert old.decide_area == reform["old_commune"]
    assert old.appraise_area == reform["old_province"]
    assert new.review_area == reform["new_commune"]
    assert new.decide_area == reform["new_commune"]
    assert new.appraise_area == reform["new_province"]


def test_organisation_is_decided_by_its_managing_committee(reform):
    province_managed = UnitFactory(
        kind=UnitKind.ENTERPRISE,
        area=reform["new_commune"],
        managing_level=reform["new_province"].level,
    )
    route = cycle_route_for(
        cycle=CycleFactory(province=reform["new_province"]), unit=province_managed
    )
    assert route.review_area == reform["new_commune"]
    assert route.decide_area == reform["new_province"]


def test_missing_route_is_a_clear_error(reform):
    cycle = CycleFactory(province=reform["new_province"])
    cycle.routes.filter(unit_kind=UnitKind.SCHOOL).delete()
    school = UnitFactory(kind=UnitKind.SCHOOL, area=reform["new_commune"])
    with pytest.raises(DomainError, match="chưa cấu hình tuyến xét duyệt"):
        cycle_route_for(cycle=cycle, unit=school)


def test_area_as_of_follows_merges_both_ways(reform):
    assert area_as_of(reform["old_area"], datetime.date(2026, 1, 1)) == reform["new_area"]
    assert area_as_of(reform["new_area"], datetime.date(2024, 6, 1)) == reform["old_area"]
    assert area_as_of(reform["new_area"], datetime.date(2026, 1, 1)) == reform["new_area"]


@pytest.mark.parametrize(
    "kind, flags, reason",
    [
        (UnitKind.ENTERPRISE, {"is_small_enterprise": True}, "Doanh nghiệp nhỏ và siêu nhỏ"),
        (UnitKind.SCHOOL, {"is_excluded_school": True}, "Trường tiểu học, trường mầm non"),
        (UnitKind.AGENCY, {"is_armed_forces": True}, "lực lượng vũ trang"),
        (UnitKind.AGENCY, {"active": False}, "ngừng hoạt động"),
    ],
)
def test_ineligible_units_have_a_reason(kind, flags, reason):
    unit = UnitFactory(kind=kind, **flags)
    assert any(reason in r for r in unit_ineligibility_reasons(unit))


def test_eligible_unit_has_no_reason():
    assert unit_ineligibility_reasons(UnitFactory(kind=UnitKind.ENTERPRISE)) == []


def test_officer_of_the_abolished_district_still_sees_its_former_units(reform):
    from dossiers.jurisdiction import units_in_jurisdiction
    from tests.factories import UserFactory

    unit = UnitFactory(area=reform["new_area"])
    UnitFactory(area=AreaFactory(residential=True, parent=reform["new_commune"]))
    district_officer = UserFactory(jurisdiction=[reform["district"]])
    assert list(units_in_jurisdiction(district_officer)) == [unit]
