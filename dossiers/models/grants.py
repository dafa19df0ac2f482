"""A user's grants, read in one small query, for jurisdiction filters written with constants
(issue 14: pages that stay fast).

A jurisdiction filter built from subqueries on the grant tables (EXISTS per row, a UNION
inside `= ANY(ARRAY(…))`) costs Django milliseconds to build and compile and PostgreSQL
milliseconds to plan, on every page. The user's grants are few: read once — areas with
their path, units with their id, each with its validity period, direct and through a
group — and the filter becomes literals the planner reads from its statistics:
`unit_id IN (…)`, `scope && '{17}'` (GIN), each within the cycles of its period's years.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import Cast

from .areas import (
    AreaGroupPermission,
    AreaUserPermission,
    _last_id,
    _roots,
    area_codenames,
    in_force,
)
from .units import UnitGroupPermission, UnitUserPermission, unit_codenames

Period = tuple  # (valid_from, valid_to): dates or None


@dataclass
class Grants:
    """`areas`: per validity period, the ids of the granted areas that are not under
    another granted one (their `scope` root); `units`: per period, the granted units."""

    areas: dict[Period, list[int]] = field(default_factory=dict)
    units: dict[Period, list[int]] = field(default_factory=dict)


def user_grants(user, *, act: bool) -> Grants:
    """The grants of `user` (with act=True only acting grants in force today), one query."""
    kinds = (
        ("area", AreaUserPermission, "user", area_codenames(act), "content_object__path"),
        ("area", AreaGroupPermission, "group__user", area_codenames(act), "content_object__path"),
        ("unit", UnitUserPermission, "user", unit_codenames(act), None),
        ("unit", UnitGroupPermission, "group__user", unit_codenames(act), None),
    )
    parts = []
    for kind, model, owner, codes, path in kinds:
        rows = model.objects.filter(**{owner: user, "permission__codename__in": codes})
        if act:
            rows = rows.filter(in_force())
        target = models.F(path) if path else Cast("content_object_id", models.CharField())
        parts.append(
            rows.annotate(kind=models.Value(kind), target=target).values_list(
                "kind", "target", "valid_from", "valid_to"
            )
        )
    paths, grants = {}, Grants()
    for kind, target, start, end in parts[0].union(*parts[1:]):
        if kind == "area":
            paths.setdefault((start, end), set()).add(target)
        else:
            grants.units.setdefault((start, end), []).append(int(target))
    for period, found in sorted(paths.items(), key=str):
        grants.areas[period] = sorted(_last_id(p) for p in _roots(found))
    return grants
