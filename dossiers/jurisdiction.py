"""Jurisdiction: which areas, units and dossiers a user may see and act on — in SQL — and
granting or withdrawing it.

A user's jurisdiction is the set of guardian object permissions they hold (directly or
through a group) on administrative areas and units, never on a dossier (DESIGN.md, "grant on
jurisdictions"). A grant on an area covers the area and everything under it. The user's few
granted area paths are read first (one small query); everything else is a filter on indexed
prefixes (`path LIKE '/1/17/%'`) and foreign keys, so every list costs the same queries and
stays fast whatever the data size. Administrators see everything; observers only ever hold
view grants. A grant carries validity dates (`GrantPeriod`): it acts only while in force, and
reads only the cycles (and nominations) of the years it was valid. The filters themselves are
the models' querysets (`visible_to`), so a model never has to import this module.
"""

import datetime
import functools

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import READ_ONLY_ROLES, User

from .models import (
    AdministrativeArea,
    AreaGroupPermission,
    AreaUserPermission,
    Dossier,
    Unit,
    UnitUserPermission,
)
from .models.areas import ACT_IN_AREA, VIEW_AREA, area_codenames
from .models.units import ACT_FOR_UNIT, VIEW_UNIT
from .prepared import prepared
from .services import DomainError

__all__ = [
    "ACT_FOR_UNIT",
    "ACT_IN_AREA",
    "VIEW_AREA",
    "VIEW_UNIT",
    "area_year_filter",
    "areas_in_jurisdiction",
    "dossiers_in_jurisdiction",
    "granted_areas",
    "units_in_jurisdiction",
    "user_grant_jurisdiction",
    "user_withdraw_jurisdiction",
]


def granted_areas(user, *, act: bool = False) -> QuerySet:
    """The areas granted to `user` themselves, not those below: the offices the user works
    for. A workflow step is taken by the office of the area the routing named for it —
    that level's standing office or committee (Circular 124, Art. 9–10) — never by a
    higher level's staff, whose wider grant lets them read, not act."""
    if not user.is_authenticated or not user.is_active:
        return AdministrativeArea.objects.none()
    return AdministrativeArea.objects.granted_to(user, act=act)


def granted_area_ids(user, *, act: bool = False) -> list[int]:
    """The ids of `granted_areas(user, act=act)`, read with one fixed SQL text.

    Asked on every inbox and every step (which offices does the user act for; may they act
    on this area), where the ORM spent about 3 ms building and compiling the same two-arm
    UNION each time for a query that runs in a fraction of that: the text is written once
    here, with the grant rows' rules of `area_grant_rows` (direct and through a group; with
    act=True only in force today), and planned once per connection (dossiers.prepared).
    tests/test_authority_matrix.py checks both agree."""
    if not user.is_authenticated or not user.is_active:
        return []
    with prepared(), connection.cursor() as cursor:
        cursor.execute(_granted_sql(act), _granted_params(user, act))
        return [row[0] for row in cursor.fetchall()]


@functools.cache
def _granted_sql(act: bool) -> str:
    codes = ", ".join(["%s"] * len(area_codenames(act)))
    in_force = (
        " AND (g.valid_from IS NULL OR g.valid_from <= %s)"
        " AND (g.valid_to IS NULL OR g.valid_to >= %s)"
        if act
        else ""
    )
    member = User.groups.through._meta.db_table
    return (
        f"SELECT g.content_object_id FROM {AreaUserPermission._meta.db_table} g"
        " JOIN auth_permission p ON p.id = g.permission_id"
        f" WHERE g.user_id = %s AND p.codename IN ({codes}){in_force}"
        " UNION"
        f" SELECT g.content_object_id FROM {AreaGroupPermission._meta.db_table} g"
        " JOIN auth_permission p ON p.id = g.permission_id"
        f" JOIN {member} m ON m.group_id = g.group_id"
        f" WHERE m.user_id = %s AND p.codename IN ({codes}){in_force}"
    )


def _granted_params(user, act: bool) -> list:
    today = [timezone.localdate()] * 2 if act else []
    arm = [user.pk, *area_codenames(act), *today]
    return arm + arm


def areas_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Areas `user` may see (or, with act=True, act in): granted areas and all below them."""
    return AdministrativeArea.objects.visible_to(user, act=act)


def units_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Units `user` may see (act=True: act for): units granted to them, units located in an
    area they cover, and units located in the successor of an area they cover."""
    return Unit.objects.visible_to(user, act=act)


def dossiers_in_jurisdiction(user, *, act: bool = False) -> QuerySet:
    """Dossiers `user` may see (act=True: act on): those of units in their jurisdiction, and
    those whose review, appraisal or decision falls to an area they cover."""
    return Dossier.objects.visible_to(user, act=act)


def area_year_filter(user, *, area_field: str, year_field: str) -> Q:
    """The filter of rows (e.g. step deadlines) whose area the user covers, each grant only
    for the years it was valid — for reads of other tables than dossiers and nominations."""
    if user.sees_everything:
        return Q()
    q = Q(pk__in=[])
    for coverage in AdministrativeArea.objects.coverage(user):
        q |= Q(**{f"{area_field}__in": coverage.areas.values("pk")}) & coverage.years(year_field)
    return q


def _codename(target, act: bool) -> str:
    if isinstance(target, AdministrativeArea):
        return ACT_IN_AREA if act else VIEW_AREA
    if isinstance(target, Unit):
        return ACT_FOR_UNIT if act else VIEW_UNIT
    raise TypeError(f"Không thể cấp thẩm quyền trên {type(target).__name__}.")


def _grant_rows(user, target):
    if isinstance(target, AdministrativeArea):
        return AreaUserPermission.objects.filter(user=user, content_object=target)
    return UnitUserPermission.objects.filter(user=user, content_object=target)


@transaction.atomic
def user_grant_jurisdiction(
    *,
    user: User,
    target: AdministrativeArea | Unit,
    act: bool = True,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
):
    """Let `user` see (and, with act=True, act in) `target` and everything under it, from
    `valid_from` to `valid_to` (empty: without limit). An officer acts only while the grant
    is in force; afterwards the grant still reads the cycles of the years it was valid
    (the 2024 district officer: 2024–2025, not 2026). Observers are only ever given view
    rights, whatever is asked; so are the Front's officers and the steering committee."""
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    act = act and user.role not in READ_ONLY_ROLES
    assign_perm(f"dossiers.{_codename(target, act)}", user, target)
    if act:  # acting implies seeing; keep both so a later withdrawal of one is exact
        assign_perm(f"dossiers.{_codename(target, False)}", user, target)
    _grant_rows(user, target).update(valid_from=valid_from, valid_to=valid_to)


@transaction.atomic
def user_withdraw_jurisdiction(*, user: User, target: AdministrativeArea | Unit):
    for act in (True, False):
        remove_perm(f"dossiers.{_codename(target, act)}", user, target)
