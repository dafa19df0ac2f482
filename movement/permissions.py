"""Who may do what in the movement app, and what each user may read — scoped in SQL through
dossiers.jurisdiction, like every other list (DESIGN.md "Permissions").

- Inspections are the police's: an officer of the inspecting office itself (role and a
  grant in force on that area), as for a workflow step (workflows.recognition.permissions).
- Movement models are registered by the unit's head or the police covering the unit, and
  assessed each year by the police covering it.
- The Fatherland Front's officers and the steering committee read their area; Front officers
  record monthly checks there and co-propose rewards (2023 coordination plan). Neither takes
  a step of any flow: the step roles (workflows.*.permissions) never name them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from accounts.models import Role
from dossiers.jurisdiction import areas_in_jurisdiction, granted_areas, units_in_jurisdiction
from workflows.recognition.permissions import POLICE_ROLES

from .models import (
    Inspection,
    InspectionPlan,
    MonthlyCheck,
    MovementModel,
    Referral,
    ReferralKind,
)

FRONT_ROLES = {Role.FRONT_OFFICER}
COMMITTEE_ROLES = {Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER}


def inspecting_offices(user):
    """The areas whose office the user inspects for: their own granted areas (not those
    below), only as police."""
    if not user.is_authenticated or user.role not in POLICE_ROLES:
        return granted_areas(user).none()
    return granted_areas(user, act=True)


def ensure_can_inspect(user, office):
    if not inspecting_offices(user).filter(pk=office.pk).exists():
        raise PermissionDenied(f"Bạn không có thẩm quyền kiểm tra thay mặt {office}.")


def plans_visible_to(user):
    return InspectionPlan.objects.filter(office__in=areas_in_jurisdiction(user))


def inspections_visible_to(user):
    """Inspections by an office the user covers, or of a unit the user covers."""
    return Inspection.objects.filter(
        Q(plan__office__in=areas_in_jurisdiction(user)) | Q(unit__in=units_in_jurisdiction(user))
    )


def referrals_to(user):
    """The referrals addressed to an office the user works for, with the role that acts on
    them there: the police for a supplement, the committee for a revocation."""
    if not user.is_authenticated:
        return Referral.objects.none()
    offices = granted_areas(user, act=True)
    if user.role in POLICE_ROLES:
        return Referral.objects.filter(kind=ReferralKind.SUPPLEMENT, office__in=offices)
    if user.role in COMMITTEE_ROLES:
        return Referral.objects.filter(kind=ReferralKind.REVOCATION, office__in=offices)
    return Referral.objects.none()


def models_visible_to(user):
    units = units_in_jurisdiction(user).filter(movement_models=OuterRef("pk"))
    return MovementModel.objects.filter(Exists(units))


def ensure_can_register_model(user, unit):
    if user.role not in POLICE_ROLES | {Role.UNIT_HEAD} or not (
        units_in_jurisdiction(user, act=True).filter(pk=unit.pk).exists()
    ):
        raise PermissionDenied(f"Bạn không có thẩm quyền đăng ký mô hình cho {unit}.")


def ensure_can_assess_model(user, model):
    units = units_in_jurisdiction(user, act=True).filter(movement_models=model)
    if user.role not in POLICE_ROLES or not units.exists():
        raise PermissionDenied("Chỉ Công an phụ trách địa bàn được đánh giá mô hình.")


def checks_visible_to(user):
    return MonthlyCheck.objects.filter(area__in=areas_in_jurisdiction(user))


def ensure_can_check(user, area):
    """A Front officer, in an area of their jurisdiction (a view grant suffices: the Front
    supervises, it does not act on dossiers)."""
    if user.role not in FRONT_ROLES or not areas_in_jurisdiction(user).filter(pk=area.pk).exists():
        raise PermissionDenied("Chỉ cán bộ Mặt trận Tổ quốc của địa bàn được ghi kiểm tra.")
