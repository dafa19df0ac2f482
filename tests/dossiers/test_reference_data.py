"""The migrations seed what every installation needs; the texts stay editable data."""

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import Role
from dossiers.models import AreaLevel, CriteriaSet, Criterion, CriterionKind, UnitKind
from dossiers.reference.seed import seed_reference_data
from tests.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_levels_are_data():
    assert list(AreaLevel.objects.values_list("code", flat=True)) == [
        "ministry",  # Circular 124, Art. 10 cl. 4: the Minister decides some organisations
        "province",
        "district",
        "commune",
        "residential",
    ]


def current(kind):
    return CriteriaSet.objects.get(regulation__code="124/2021/TT-BCA", unit_kind=kind, version=2)


@pytest.mark.parametrize(
    "kind, criteria_count",
    [
        (UnitKind.RESIDENTIAL_AREA, 5),
        (UnitKind.COMMUNE, 4),
        (UnitKind.AGENCY, 5),  # Art. 6 has 5 criteria (version 1 had 4: wrong)
        (UnitKind.ENTERPRISE, 5),
        (UnitKind.SCHOOL, 6),
    ],
)
def test_circular_124_criteria_are_loaded_for_every_unit_kind(kind, criteria_count):
    numbers = set(current(kind).criteria.values_list("number", flat=True))
    assert numbers == set(range(1, criteria_count + 1))


def test_residential_criterion_3_lists_disqualifying_events():
    points = current(UnitKind.RESIDENTIAL_AREA).criteria.filter(number=3).exclude(letter="")
    assert points.count() == 7
    assert set(points.values_list("kind", flat=True)) == {CriterionKind.DISQUALIFIER}


def test_art_5_cl_4_is_computed_not_ticked():
    rule = current(UnitKind.COMMUNE).criteria.get(number=4)
    assert rule.kind == CriterionKind.COMPUTED and rule.rule == "commune_units"
    assert "70%" in rule.text


def test_seeding_again_keeps_edited_texts():
    criterion = current(UnitKind.SCHOOL).criteria.first()
    criterion.text = "Nội dung đã được quản trị viên sửa."
    criterion.save()
    count = Criterion.objects.count()
    seed_reference_data(apps)
    criterion.refresh_from_db()
    assert criterion.text == "Nội dung đã được quản trị viên sửa."
    assert Criterion.objects.count() == count


def test_a_province_can_add_a_criterion_in_the_admin(client):
    province = AreaFactory(province=True, name="Tỉnh Tây Ninh")
    criteria_set = current(UnitKind.SCHOOL)
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    url = reverse("admin:dossiers_criteriaset_change", args=[criteria_set.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Tiêu chí số" in page.content.decode()
    Criterion.objects.create(
        criteria_set=criteria_set,
        number=7,
        kind=CriterionKind.REQUIREMENT,
        text="Có camera an ninh tại cổng trường.",
        province=province,
    )
    assert criteria_set.criteria.filter(province=province).count() == 1
