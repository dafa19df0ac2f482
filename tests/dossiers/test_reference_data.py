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


@pytest.mark.parametrize(
    "kind, criteria_count",
    [
        (UnitKind.RESIDENTIAL_AREA, 5),
        (UnitKind.COMMUNE, 4),
        (UnitKind.AGENCY, 4),
        (UnitKind.ENTERPRISE, 4),
        (UnitKind.SCHOOL, 6),
    ],
)
def test_circular_124_criteria_are_loaded_for_every_unit_kind(kind, criteria_count):
    criteria_set = CriteriaSet.objects.get(regulation__code="124/2021/TT-BCA", unit_kind=kind)
    numbers = set(criteria_set.criteria.values_list("number", flat=True))
    assert numbers == set(range(1, criteria_count + 1))


def test_residential_criterion_3_lists_disqualifying_events():
    points = Criterion.objects.filter(criteria_set__unit_kind=UnitKind.RESIDENTIAL_AREA, number=3)
    assert points.count() >= 3
    assert set(points.values_list("kind", flat=True)) == {CriterionKind.DISQUALIFIER}
    assert all(p.letter for p in points)


def test_commune_threshold_rule_is_a_threshold():
    rule = Criterion.objects.get(criteria_set__unit_kind=UnitKind.COMMUNE, number=4)
    assert rule.kind == CriterionKind.THRESHOLD
    assert "70" in rule.text


def test_seeding_again_keeps_edited_texts():
    criterion = Criterion.objects.filter(criteria_set__unit_kind=UnitKind.SCHOOL).first()
    criterion.text = "Nội dung đã được quản trị viên sửa."
    criterion.save()
    count = Criterion.objects.count()
    seed_reference_data(apps)
    criterion.refresh_from_db()
    assert criterion.text == "Nội dung đã được quản trị viên sửa."
    assert Criterion.objects.count() == count


def test_a_province_can_add_a_criterion_in_the_admin(client):
    province = AreaFactory(province=True, name="Tỉnh Tây Ninh")
    criteria_set = CriteriaSet.objects.get(unit_kind=UnitKind.SCHOOL)
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
