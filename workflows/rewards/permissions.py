"""Who acts on a nomination: the proposer prepares it; the office the form names appraises
and records the council's vote; the form's authority decides — each with the role and a
grant, in force today, on the very area resolved when the nomination was created (the same
rule as recognition, workflows.recognition.permissions: the office of that level acts; a
higher level's staff read, never act or issue)."""

from django.core.exceptions import PermissionDenied

from accounts.models import Role
from dossiers.jurisdiction import granted_area_ids
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
    return area_id in granted_area_ids(user, act=True)


def can_issue(user, deciding_role, issuer) -> bool:
    """May `user` sign a decision in the name of `issuer` for a form decided by
    `deciding_role`: the role, and a grant in force on the issuing area itself."""
    return (
        user.is_authenticated
        and user.role in ROLES[deciding_role]
        and issuer.pk in granted_area_ids(user, act=True)
    )


def ensure_can_act(user, nomination, step: str):
    if not can_act(user, nomination, step):
        raise PermissionDenied(f"Bạn không có thẩm quyền {NAMES[step]} này.")
