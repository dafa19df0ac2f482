"""Who may act on a dossier at a step: the role the step needs, and a grant on the very area
the cycle's routing resolved for that step (DESIGN.md "Permissions"; Circular 124,
Art. 9–10: the standing office and the committee of the routed level act, not a level
above them)."""

from django.core.exceptions import PermissionDenied

from accounts.models import Role
from dossiers.jurisdiction import granted_area_ids, units_in_jurisdiction
from dossiers.models import Step

# Either police role works for the office the routing names: a commune police officer
# appraises a residential area for the commune chairman, provincial police (PV05) a commune
# for the provincial committee (Circular 124, Art. 9 cl. 1). The area decides, not the role.
POLICE_ROLES = {Role.REVIEWING_POLICE, Role.APPRAISING_POLICE}
STEP_ROLES = {
    "prepare": {Role.UNIT_HEAD},
    "review": POLICE_ROLES,
    "appraise": POLICE_ROLES,
    "decide": {Role.COMMITTEE_STAFF, Role.COMMITTEE_SIGNER},
    # The Minister decides (Circular 124, Art. 10 cl. 4); the provincial police office that
    # transmitted the dossier records the decision as issued.
    "record": POLICE_ROLES,
}
STEP_NAMES = {
    "prepare": "lập và nộp hồ sơ",
    "review": "xét duyệt hồ sơ",
    "appraise": "thẩm định hồ sơ",
    "decide": "ban hành quyết định",
    "record": "ghi nhận quyết định của Bộ trưởng Bộ Công an",
}

# The permission step that may extend the due date of a deadline step (views/deadlines.py).
PERMISSION_STEP = {
    Step.SUBMIT: "review",
    Step.SUPPLEMENT: "review",
    Step.REVIEW: "review",
    Step.APPRAISE: "appraise",
    Step.DECIDE: "decide",
}


def step_area_id(dossier, step):
    """The area whose office takes `step`. A dossier the Minister decides (Art. 10 cl. 4)
    has no "decide" step in the province: no committee numbers that decision; its "record"
    step is the office that received and transmitted it."""
    if step in ("decide", "record"):
        minister = dossier.decided_by_minister
        if step == "record":
            return dossier.review_area_id if minister else None
        return None if minister else dossier.decide_area_id
    return {
        "review": dossier.review_area_id,
        "appraise": dossier.appraise_area_id,
    }.get(step)


def decision_step(dossier) -> str:
    """The permission step of the decision node: "record" when the Minister decides."""
    return "record" if dossier.decided_by_minister else "decide"


def can_act(user, dossier, step: str) -> bool:
    if not user.is_authenticated or user.role not in STEP_ROLES[step]:
        return False
    if step == "prepare":
        return units_in_jurisdiction(user, act=True).filter(pk=dossier.unit_id).exists()
    area_id = step_area_id(dossier, step)
    return area_id is not None and area_id in granted_area_ids(user, act=True)


def ensure_can_act(user, dossier, step: str):
    if not can_act(user, dossier, step):
        raise PermissionDenied(f"Bạn không có thẩm quyền {STEP_NAMES[step]} đối với hồ sơ này.")
