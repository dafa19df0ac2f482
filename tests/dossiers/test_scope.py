"""Jurisdiction as one indexed predicate (issue #14, dossiers/models/scope.py): the scope
the database keeps on units and dossiers follows every change of the area tree, and the
indexed filter reads exactly the rows of the reference filter."""

import datetime
import importlib

import pytest
from django.db import connection

from accounts.models import Role
from dossiers.jurisdiction import (
    dossiers_in_jurisdiction,
    units_in_jurisdiction,
    user_grant_jurisdiction,
)
from dossiers.models import Dossier, RecognitionCycle, Unit, UnitKind
from dossiers.services import area_set_paths
from tests.factories import AreaFactory, CycleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_dossier(unit, review_area, decide_area=None, year=2026, province=None):
    cycle = RecognitionCycle.objects.filter(year=year, province=province).first() or CycleFactory(
        year=year, province=province
    )
    return Dossier.objects.create(
        cycle=cycle,
        unit=unit,
        review_area=review_area,
        appraise_area=None,
        decide_area=decide_area or review_area,
        registered_by=UserFactory(role=Role.UNIT_HEAD),
    )


def officer(area, **grant):
    user = UserFactory(role=Role.REVIEWING_POLICE)
    user_grant_jurisdiction(user=user, target=area, **grant)
    return user


def sees(user, obj) -> bool:
    model = type(obj)
    rows = dossiers_in_jurisdiction(user) if model is Dossier else units_in_jurisdiction(user)
    return rows.filter(pk=obj.pk).exists()


def test_scope_is_the_areas_of_unit_and_route_with_their_ancestors(tree):
    commune = tree["communes"]["Xã Một"]["area"]
    hamlet = tree["communes"]["Xã Một"]["residential"][0]
    unit = UnitFactory(area=hamlet)
    dossier = make_dossier(unit, commune, province=tree["province"])
    unit.refresh_from_db()
    dossier.refresh_from_db()
    expected = sorted({tree["province"].pk, commune.pk, hamlet.pk})
    assert unit.scope == expected and dossier.scope == expected


def test_an_area_moved_to_another_commune_moves_its_units_and_dossiers(tree):
    one, two = (tree["communes"][n]["area"] for n in ("Xã Một", "Xã Hai"))
    hamlet = tree["communes"]["Xã Một"]["residential"][0]
    unit = UnitFactory(area=hamlet)
    dossier = make_dossier(unit, hamlet, province=tree["province"])
    old, new = officer(one), officer(two)
    assert sees(old, dossier) and not sees(new, dossier)
    hamlet.parent = two
    hamlet.save()
    area_set_paths([hamlet])
    assert sees(new, dossier) and sees(new, unit)
    assert not sees(old, dossier) and not sees(old, unit)


def test_a_unit_moved_to_another_area_moves_its_dossiers(tree):
    one, two = (tree["communes"][n]["area"] for n in ("Xã Một", "Xã Hai"))
    unit = UnitFactory(kind=UnitKind.AGENCY, area=one)
    dossier = make_dossier(unit, tree["province"], province=tree["province"])
    old, new = officer(one), officer(two)
    assert sees(old, dossier) and not sees(new, dossier)
    Unit.objects.filter(pk=unit.pk).update(area=two)  # even a raw update is followed
    assert sees(new, dossier) and not sees(old, dossier)


def test_issue_14_a_dossier_update_keeps_its_scope_unless_it_moves_the_dossiers_areas(tree):
    """A step writes only the columns it changed: the scope stays as it was; an update of
    the route's areas, even a raw one, moves the dossier to the new office."""
    one, two = (tree["communes"][n]["area"] for n in ("Xã Một", "Xã Hai"))
    unit = UnitFactory(kind=UnitKind.AGENCY, area=tree["province"])
    dossier = make_dossier(unit, one, decide_area=tree["province"], province=tree["province"])
    old, new = officer(one), officer(two)
    Dossier.objects.filter(pk=dossier.pk).update(status="submitted")
    dossier.refresh_from_db()
    assert dossier.scope == sorted({tree["province"].pk, one.pk})
    assert sees(old, dossier) and not sees(new, dossier)
    for area in ("review_area", "appraise_area", "decide_area"):
        Dossier.objects.filter(pk=dossier.pk).update(
            review_area=tree["province"], appraise_area=None, decide_area=tree["province"]
        )
        assert not sees(old, dossier) and not sees(new, dossier)
        Dossier.objects.filter(pk=dossier.pk).update(**{area: two})
        assert sees(new, dossier) and not sees(old, dossier), area


def test_merge_2025_the_old_district_covers_the_successor_wards_units(tree):
    """DOMAIN.md §1: a ward that succeeded a commune of the old district stays readable by
    the district's officer for the years of the grant — the link may come after the
    dossier (the import of the reform)."""
    province = tree["province"]
    district = AreaFactory(district=True, parent=province, valid_to=datetime.date(2025, 6, 30))
    old_commune = AreaFactory(commune=True, parent=district, valid_to=datetime.date(2025, 6, 30))
    ward = AreaFactory(commune=True, parent=province, valid_from=datetime.date(2025, 7, 1))
    unit = UnitFactory(kind=UnitKind.AGENCY, area=ward)
    dossier = make_dossier(unit, ward, year=2024, province=province)
    district_officer = officer(
        district, valid_from=datetime.date(2024, 1, 1), valid_to=datetime.date(2025, 6, 30)
    )
    assert not sees(district_officer, dossier)
    old_commune.successors.add(ward)
    assert sees(district_officer, dossier) and sees(district_officer, unit)
    old_commune.successors.remove(ward)
    assert not sees(district_officer, dossier) and not sees(district_officer, unit)


def test_indexed_filter_reads_the_rows_of_the_reference_filter(tree):
    """Every kind of grant (area, unit, a past period) on a small province: the indexed
    predicate and the reference OR of subqueries give the same dossiers."""
    province = tree["province"]
    communes = [tree["communes"][n] for n in ("Xã Một", "Xã Hai")]
    dossiers = []
    for year in (2024, 2026):
        for commune in communes:
            for hamlet in commune["residential"]:
                unit = UnitFactory(area=hamlet)
                dossiers.append(make_dossier(unit, commune["area"], year=year, province=province))
            agency = UnitFactory(kind=UnitKind.AGENCY, area=commune["area"])
            dossiers.append(make_dossier(agency, province, year=year, province=province))
    head = UserFactory(role=Role.UNIT_HEAD)
    user_grant_jurisdiction(user=head, target=dossiers[0].unit)
    users = [
        officer(communes[0]["area"]),
        officer(communes[1]["residential"][1]),
        officer(province),
        officer(communes[0]["area"], valid_to=datetime.date(2025, 6, 30)),
        head,
        UserFactory(role=Role.REVIEWING_POLICE),
    ]
    manager = Dossier.objects.all()
    for user in users:
        for act in (False, True):
            indexed = manager.filter(manager._indexed_jurisdiction_filter(user, act=act))
            reference = manager.filter(manager._reference_jurisdiction_filter(user, act=act))
            assert set(indexed.values_list("pk", flat=True)) == set(
                reference.values_list("pk", flat=True)
            ), (user, act)
    assert dossiers_in_jurisdiction(users[2]).count() == len(dossiers)


def test_the_migration_fills_the_scope_of_existing_rows(tree):
    hamlet = tree["communes"]["Xã Hai"]["residential"][1]
    unit = UnitFactory(area=hamlet)
    dossier = make_dossier(unit, hamlet, province=tree["province"])
    with connection.cursor() as cursor:  # as before the migration: no scope, no trigger
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("UPDATE dossiers_unit SET scope = NULL")
        cursor.execute("UPDATE dossiers_dossier SET scope = NULL")
        cursor.execute("SET session_replication_role = DEFAULT")
    assert Dossier.objects.get(pk=dossier.pk).scope is None
    migration = importlib.import_module("dossiers.migrations.0020_dossier_and_unit_scope")
    with connection.schema_editor() as editor:
        migration.fill_scope(editor)
    dossier.refresh_from_db()
    unit.refresh_from_db()
    expected = sorted({tree["province"].pk, tree["communes"]["Xã Hai"]["area"].pk, hamlet.pk})
    assert dossier.scope == unit.scope == expected


def test_no_jit_on_the_applications_connections(db):
    """Issue #14: JIT compilation added 0.3–2.4 s to page queries past its cost threshold."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
