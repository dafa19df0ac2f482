"""Bulk test data for the province's view: a province of communes, each with residential
areas, and any number of units with dossiers in random statuses — created with
bulk_create (200,000 units in about a minute), and the plain-Python counts to check the
dashboard and the reports against, computed from the rows as created, not by the code
under test."""

import random
from collections import Counter
from dataclasses import dataclass, field

import pgtrigger
from django.db import connection

from dossiers.models import AdministrativeArea, AreaLevel, Dossier, DossierStatus, Unit, UnitKind
from dossiers.services import area_set_paths
from tests.factories import AreaFactory, CycleFactory

S = DossierStatus
IN_REVIEW = {S.SUBMITTED, S.SUPPLEMENT_REQUESTED, S.FORWARDED, S.PROPOSED}
NOT_RECOGNISED = {S.NOT_RECOGNISED, S.REFUSED, S.REVOKED}
COLUMNS = ("eligible", "registered", "submitted", "in_review", "recognised", "not_recognised")
RULE_KINDS = {UnitKind.RESIDENTIAL_AREA, UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL}


@dataclass
class Made:
    """What was created, as plain tuples: (commune id, kind, eligible, in rule, status or
    None when the unit did not register)."""

    rows: list = field(default_factory=list)


@dataclass
class Land:
    province: object
    communes: list
    residential: dict  # commune id → [areas]
    cycle: object
    made: Made = field(default_factory=Made)
    serial: int = 0


def build_land(*, communes=12, residential_per_commune=3, year=2026, name="Tỉnh Số Liệu"):
    province = AreaFactory(province=True, name=name)
    commune_areas = [
        AreaFactory(commune=True, name=f"Xã {i:02d} {name}", parent=province)
        for i in range(communes)
    ]
    level = AreaLevel.objects.get(code=AreaLevel.RESIDENTIAL)
    rows = AdministrativeArea.objects.bulk_create(
        [
            AdministrativeArea(
                code=f"R{province.pk}-{c.pk}-{j}", name=f"Ấp {j}, {c.name}", level=level, parent=c
            )
            for c in commune_areas
            for j in range(residential_per_commune)
        ]
    )
    area_set_paths(rows)
    residential = {}
    for area in rows:
        residential.setdefault(area.parent_id, []).append(area)
    cycle = CycleFactory(year=year, province=province)
    return Land(province, commune_areas, residential, cycle)


def add_units(land: Land, n: int, *, registered_by, seed=0, cycle=None, batch=5000):
    """`n` more units spread over the communes, ~85 % of them registered in `cycle` (the
    land's own by default) with a random status."""
    cycle = cycle or land.cycle
    rnd = random.Random(seed)
    levels = {lv.code: lv for lv in AreaLevel.objects.all()}
    statuses = list(S.values)
    kinds = list(UnitKind.values)
    start = land.serial
    land.serial += n
    units, plan = [], []
    for i in range(start, start + n):
        commune = land.communes[rnd.randrange(len(land.communes))]
        kind = kinds[rnd.randrange(len(kinds))]
        managing = "commune"
        delegated = None
        if kind == UnitKind.COMMUNE:
            area, managing = commune, "province"
        elif kind == UnitKind.RESIDENTIAL_AREA:
            area = rnd.choice(land.residential[commune.pk])
        else:
            area = commune if rnd.random() < 0.5 else rnd.choice(land.residential[commune.pk])
            if rnd.random() < 0.3:
                managing = "province"
                if rnd.random() < 0.3:
                    delegated = commune
        unit = Unit(
            kind=kind,
            name=f"Đơn vị {i}",
            identifier=f"T{land.province.pk}-{i}",
            area=area,
            managing_level=levels[managing],
            delegated_to=delegated,
            is_small_enterprise=kind == UnitKind.ENTERPRISE and rnd.random() < 0.1,
            is_excluded_school=kind == UnitKind.SCHOOL and rnd.random() < 0.1,
            active=rnd.random() >= 0.03,
        )
        units.append(unit)
        eligible = unit.active and not unit.is_small_enterprise and not unit.is_excluded_school
        in_rule = kind in RULE_KINDS and (
            kind == UnitKind.RESIDENTIAL_AREA or managing == "commune" or delegated is not None
        )
        status = statuses[rnd.randrange(len(statuses))] if rnd.random() < 0.85 else None
        plan.append((commune.pk, kind, eligible, in_rule, status))
    Unit.objects.bulk_create(units, batch_size=batch)
    dossiers = [
        Dossier(
            cycle=cycle,
            unit=unit,
            status=row[4],
            review_area_id=row[0],
            decide_area_id=row[0],
            registered_by=registered_by,
        )
        for unit, row in zip(units, plan, strict=True)
        if row[4] is not None
    ]
    # The audit history (pghistory) is not under test here: 200,000 trigger rows would
    # only slow the set-up down.
    with pgtrigger.ignore("dossiers.Dossier:insert_insert"):
        Dossier.objects.bulk_create(dossiers, batch_size=batch)
    # Autovacuum would analyse after such a load; a plan on stale statistics means nothing.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_unit, dossiers_dossier, dossiers_administrativearea")
    if cycle == land.cycle:
        land.made.rows.extend(plan)
    return units, plan


def expected(rows, *, commune=None, kind=None) -> dict:
    """The dashboard's columns counted in plain Python over the created rows (only the
    eligible units count, and only their dossiers)."""
    c = Counter()
    for commune_id, k, eligible, _in_rule, status in rows:
        if (
            not eligible
            or (commune is not None and commune_id != commune)
            or (kind is not None and k != kind)
        ):
            continue
        c["eligible"] += 1
        if status is None:
            continue
        c["registered"] += 1
        c["submitted"] += status != S.REGISTERED
        c["in_review"] += status in IN_REVIEW
        c["recognised"] += status == S.RECOGNISED
        c["not_recognised"] += status in NOT_RECOGNISED
    return {k: c[k] for k in COLUMNS}


def expected_rule(rows, commune) -> tuple[int, int, int]:
    """Circular 124 Art. 5 cl. 4 over a commune's own units: (total, registered,
    recognised)."""
    mine = [r for r in rows if r[0] == commune and r[2] and r[3]]
    return (
        len(mine),
        sum(1 for r in mine if r[4] is not None),
        sum(1 for r in mine if r[4] == S.RECOGNISED),
    )


def figures_of(row) -> dict:
    return {k: getattr(row, k) for k in COLUMNS}


def register(land: Land, unit, status, *, by):
    """One dossier of `unit` in the land's cycle, in `status`, routed to its commune."""
    commune = unit.area if unit.area.parent_id == land.province.pk else unit.area.parent
    return Dossier.objects.create(
        cycle=land.cycle,
        unit=unit,
        status=status,
        review_area=commune,
        decide_area=commune,
        registered_by=by,
    )
