"""Granting and withdrawing jurisdiction. Grants are guardian object permissions on an
administrative area or a unit, never on a dossier (DESIGN.md, "grant on jurisdictions")."""

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from dossiers.models import AdministrativeArea, Unit

from .models import Role, User
from .selectors import ACT_FOR_UNIT, ACT_IN_AREA, VIEW_AREA, VIEW_UNIT


def _codename(target, act: bool) -> str:
    if isinstance(target, AdministrativeArea):
        return ACT_IN_AREA if act else VIEW_AREA
    if isinstance(target, Unit):
        return ACT_FOR_UNIT if act else VIEW_UNIT
    raise TypeError(f"Không thể cấp thẩm quyền trên {type(target).__name__}.")


@transaction.atomic
def user_grant_jurisdiction(*, user: User, target: AdministrativeArea | Unit, act: bool = True):
    """Let `user` see (and, with act=True, act in) `target` and everything under it.
    Observers are only ever given view rights, whatever is asked."""
    act = act and user.role != Role.OBSERVER
    assign_perm(f"dossiers.{_codename(target, act)}", user, target)
    if act:  # acting implies seeing; keep both so a later withdrawal of one is exact
        assign_perm(f"dossiers.{_codename(target, False)}", user, target)


@transaction.atomic
def user_withdraw_jurisdiction(*, user: User, target: AdministrativeArea | Unit):
    for act in (True, False):
        remove_perm(f"dossiers.{_codename(target, act)}", user, target)
