"""Jurisdiction: which areas and units a user may see, and act on — answered in SQL.

A user's jurisdiction is the set of guardian object permissions they hold (directly or
through a group) on administrative areas and units (DESIGN.md, "grant on jurisdictions").
A grant on an area covers the area and everything under it, matched by the materialised
`path` prefix, so every list costs the same few queries whatever the data size.
Administrators see everything; observers only ever hold view grants.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import StartsWith

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


def _covering_grant(user, act: bool, path_ref: str):
    """EXISTS(a granted area whose path is a prefix of the outer row's `path_ref`)."""
    return Exists(
        _granted(AdministrativeArea, user, _area_codes(act)).filter(
            StartsWith(OuterRef(path_ref), F("path"))
        )
    )


def areas_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Areas `user` may see (or, with act=True, act in): granted areas and all below them."""
    if not user.is_authenticated or not user.is_active:
        return AdministrativeArea.objects.none()
    if user.sees_everything:
        return AdministrativeArea.objects.all()
    return AdministrativeArea.objects.filter(_covering_grant(user, act, "path"))


def units_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Units `user` may see (act=True: act for): units granted to them, units located in an
    area they cover, and units located in the successor of an area they cover."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.sees_everything:
        return Unit.objects.all()
    unit_codes = [ACT_FOR_UNIT] if act else [ACT_FOR_UNIT, VIEW_UNIT]
    granted_unit = Exists(_granted(Unit, user, unit_codes).filter(pk=OuterRef("pk")))
    # An officer of an abolished area (a district before 2025) still covers the units whose
    # area succeeded one under it, so historical cycles stay reachable.
    covered_predecessor = Exists(
        AdministrativeArea.objects.filter(successors=OuterRef("area_id")).filter(
            _covering_grant(user, act, "path")
        )
    )
    return Unit.objects.filter(
        granted_unit | _covering_grant(user, act, "area__path") | covered_predecessor
    )


def user_covers_area(user, area, *, act: bool = False) -> bool:
    return areas_in_jurisdiction(user, act=act).filter(pk=area.pk).exists()


def dossiers_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Dossiers `user` may see (act=True: act on): those of units in their jurisdiction,
    and those whose review, appraisal or decision falls to an area they cover. This is the
    one filter every dossier list, inbox, download, report and API goes through."""
    from dossiers.models import Dossier

    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    if user.sees_everything:
        return Dossier.objects.all()
    return Dossier.objects.filter(
        Exists(units_in_jurisdiction(user, act=act).filter(pk=OuterRef("unit_id")))
        | _covering_grant(user, act, "review_area__path")
        | _covering_grant(user, act, "appraise_area__path")
        | _covering_grant(user, act, "decide_area__path")
    )
