"""Who acts on a nomination: the proposer prepares it; the office the form names appraises
and records the council's vote; the form's authority decides — each with the role and the
jurisdiction over the area resolved when the nomination was created."""

from django.core.exceptions import PermissionDenied

from accounts.models import Role
from dossiers.jurisdiction import areas_in_jurisdiction
from dossiers.models import DecidingRole

PROPOSER_ROLES = {Role.UNIT_HEAD, Role.REVIEWING_POLICE, Role.APPRAISING_POLICE}
ROLES = {
    DecidingRole.POLICE: {Role.APPRAISING_POLICE},
    DecidingRole.COMMITTEE: {Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER},
}
NAMES = {
    "prepare": "hoàn thiện, trình đề nghị",
    "appraise": "thẩm định đề nghị khen thưởng",
    "decide": "quyết định khen thưởng",
}


def step_roles(nomination, step):
    form = nomination.form
    return ROLES[form.appraising_role if step == "appraise" else form.deciding_role]


def can_act(user, nomination, step: str) -> bool:
    if not user.is_authenticated:
        return False
    if step == "prepare":
        return nomination.proposer_id == user.pk
    if user.role not in step_roles(nomination, step):
        return False
    area_id = nomination.appraise_area_id if step == "appraise" else nomination.decide_area_id
    return areas_in_jurisdiction(user, act=True).filter(pk=area_id).exists()


def ensure_can_act(user, nomination, step: str):
    if not can_act(user, nomination, step):
        raise PermissionDenied(f"Bạn không có thẩm quyền {NAMES[step]} này.")
