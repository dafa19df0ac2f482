"""Jurisdiction: which areas, units and dossiers a user may see, and act on — in SQL.

A user's jurisdiction is the set of guardian object permissions they hold (directly or
through a group) on administrative areas and units (DESIGN.md, "grant on jurisdictions").
A grant on an area covers the area and everything under it. The user's few granted area
paths are read first (one small query); everything else is a filter on indexed prefixes
(`path LIKE '/1/17/%'`) and foreign keys, so every list costs the same queries and stays
fast whatever the data size. Administrators see everything; observers only ever hold view
grants.
"""

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet

from dossiers.models import AdministrativeArea, Unit

VIEW_AREA = "view_area_dossiers"
ACT_IN_AREA = "act_in_area"
VIEW_UNIT = "view_unit"
ACT_FOR_UNIT = "act_for_unit"

_PERMISSION_TABLES = {  # guardian's direct foreign key tables, by reverse relation name
    AdministrativeArea: ("areauserpermission", "areagrouppermission"),
    Unit: ("unituserpermission", "unitgrouppermission"),
}


def _granted(model, user, codenames: list[str]) -> QuerySet:
    """Rows of `model` (area or unit) granted to `user` directly or through a group."""
    user_rel, group_rel = _PERMISSION_TABLES[model]
    return model.objects.filter(
        Q(**{f"{user_rel}__user": user, f"{user_rel}__permission__codename__in": codenames})
        | Q(
            **{
                f"{group_rel}__group__user": user,
                f"{group_rel}__permission__codename__in": codenames,
            }
        )
    )


def _area_codes(act: bool) -> list[str]:
    return [ACT_IN_AREA] if act else [ACT_IN_AREA, VIEW_AREA]


def _unit_codes(act: bool) -> list[str]:
    return [ACT_FOR_UNIT] if act else [ACT_FOR_UNIT, VIEW_UNIT]


def _covered_areas(user, act: bool) -> QuerySet:
    """Areas under the user's granted ones, as a lazy queryset of prefix matches."""
    paths = set(_granted(AdministrativeArea, user, _area_codes(act)).values_list("path", flat=True))
    if not paths:
        return AdministrativeArea.objects.none()
    # A path that lies under another granted path adds nothing.
    roots = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return AdministrativeArea.objects.filter(reduce(or_, (Q(path__startswith=p) for p in roots)))


def granted_areas(user, *, act: bool = False) -> QuerySet:
    """The areas granted to `user` themselves, not those below: the offices the user works
    for. A workflow step is taken by the office of the area the routing named for it —
    that level's standing office or committee (Circular 124, Art. 9–10) — never by a
    higher level's staff, whose wider grant lets them read, not act."""
    if not user.is_authenticated or not user.is_active:
        return AdministrativeArea.objects.none()
    return _granted(AdministrativeArea, user, _area_codes(act))


def areas_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Areas `user` may see (or, with act=True, act in): granted areas and all below them."""
    if not user.is_authenticated or not user.is_active:
        return AdministrativeArea.objects.none()
    if user.sees_everything:
        return AdministrativeArea.objects.all()
    return _covered_areas(user, act)


def _units_filter(user, act: bool, covered=None) -> Q:
    if covered is None:
        covered = _covered_areas(user, act).values("pk")
    granted = _granted(Unit, user, _unit_codes(act)).values("pk")
    # An officer of an abolished area (a district before 2025) still covers the units whose
    # area succeeded one under it, so historical cycles stay reachable.
    succeeded = AdministrativeArea.successors.through.objects.filter(
        to_administrativearea=OuterRef("area_id"), from_administrativearea__in=covered
    )
    return Q(pk__in=granted) | Q(area_id__in=covered) | Exists(succeeded)


def units_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Units `user` may see (act=True: act for): units granted to them, units located in an
    area they cover, and units located in the successor of an area they cover."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.sees_everything:
        return Unit.objects.all()
    return Unit.objects.filter(_units_filter(user, act))


def dossiers_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Dossiers `user` may see (act=True: act on): those of units in their jurisdiction,
    and those whose review, appraisal or decision falls to an area they cover. This is the
    one filter every dossier list, inbox, download, report and API goes through."""
    from dossiers.models import Dossier

    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    if user.sees_everything:
        return Dossier.objects.all()
    covered = _covered_areas(user, act).values("pk")
    units = Unit.objects.filter(_units_filter(user, act, covered)).values("pk")
    return Dossier.objects.filter(
        Q(unit_id__in=units)
        | Q(review_area_id__in=covered)
        | Q(appraise_area_id__in=covered)
        | Q(decide_area_id__in=covered)
    )
