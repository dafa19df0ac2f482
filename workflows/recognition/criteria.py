"""Which criteria a dossier is assessed on (Circular 124 Art. 4–7, as versioned in
`CriteriaSet`; DOMAIN.md §1 "Criteria")."""

from copy import copy

from django.db.models import F, Q

from dossiers.memo import Memo
from dossiers.models import CriteriaSet, Criterion


def latest_criteria_set(regulation_id, unit_kind) -> CriteriaSet | None:
    """The newest version of the regulation's set for the kind: what a new registration
    is assessed on."""
    return (
        CriteriaSet.objects.filter(regulation_id=regulation_id, unit_kind=unit_kind)
        .order_by("-version")
        .first()
    )


def criteria_set_of(dossier) -> CriteriaSet | None:
    """The set the dossier records (fixed at registration); the latest for a dossier that
    records none yet."""
    if dossier.criteria_set_id:
        return dossier.criteria_set
    return latest_criteria_set(dossier.cycle.regulation_id, dossier.unit.kind)


def criteria_for(dossier) -> list[Criterion]:
    """The criteria of the dossier's set, plus those the cycle's province added (Circular
    124 Art. 8 cl. 1), in the circular's order: number, then point in Vietnamese letter
    order (a, b, c, d, đ, e, g, h), a referenced clause or point under the criterion that
    refers to it. Headings included: they are shown, not judged (`Criterion.judged`)."""
    # The recorded set by its id: its row comes with each criterion (select_related).
    set_id = dossier.criteria_set_id or getattr(criteria_set_of(dossier), "pk", None)
    if set_id is None:
        return []
    # Kept in the process (dossiers.memo); each caller gets its own copies of the rows.
    return [copy(c) for c in _criteria.get((set_id, dossier.cycle.province_id), _load)]


def _load(key) -> list[Criterion]:
    set_id, province_id = key
    return list(
        Criterion.objects.filter(criteria_set_id=set_id)
        .filter(Q(province__isnull=True) | Q(province_id=province_id))
        .select_related("criteria_set", "refers_to__criteria_set")
        .order_by(F("province").asc(nulls_first=True), "position")
    )


_criteria = Memo("criteria").watch(Criterion, CriteriaSet)


def judged(criteria) -> list[Criterion]:
    """The criteria a verdict is given on: all but the lead sentences of criteria with
    points."""
    return [c for c in criteria if c.judged]
