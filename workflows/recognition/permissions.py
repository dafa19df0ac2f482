"""Who may act on a dossier at a step: the role the step needs, and the jurisdiction over
the area the cycle's routing resolved for that step (DESIGN.md "Permissions")."""

from django.core.exceptions import PermissionDenied

from accounts.models import Role
from accounts.selectors import areas_in_jurisdiction, units_in_jurisdiction

STEP_ROLES = {
    "prepare": {Role.UNIT_HEAD},
    "review": {Role.REVIEWING_POLICE},
    "appraise": {Role.APPRAISING_POLICE},
    "decide": {Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER},
}
STEP_NAMES = {
    "prepare": "lập và nộp hồ sơ",
    "review": "xét duyệt hồ sơ",
    "appraise": "thẩm định hồ sơ",
    "decide": "ban hành quyết định",
}


def step_area_id(dossier, step):
    return {
        "review": dossier.review_area_id,
        "appraise": dossier.appraise_area_id,
        "decide": dossier.decide_area_id,
    }.get(step)


def can_act(user, dossier, step: str) -> bool:
    if not user.is_authenticated or user.role not in STEP_ROLES[step]:
        return False
    if step == "prepare":
        return units_in_jurisdiction(user, act=True).filter(pk=dossier.unit_id).exists()
    area_id = step_area_id(dossier, step)
    return area_id is not None and (
        areas_in_jurisdiction(user, act=True).filter(pk=area_id).exists()
    )


def ensure_can_act(user, dossier, step: str):
    if not can_act(user, dossier, step):
        raise PermissionDenied(f"Bạn không có thẩm quyền {STEP_NAMES[step]} đối với hồ sơ này.")
