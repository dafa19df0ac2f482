"""The edges of the recognition rules, where a changed threshold or comparison would
otherwise pass unseen: exactly 100 % registered (Circular 124 Art. 4 cl. 1, Art. 5 cl. 4),
the last day of the evaluation window (Art. 8 cl. 2), and the issuing committee's own
dossiers only (Art. 10)."""

import datetime
from types import SimpleNamespace

import pytest

from dossiers.models import CriterionKind, CycleRoute, Decision
from dossiers.models import DossierStatus as S
from dossiers.services import DomainError
from tests.factories import AreaFactory, UserFactory
from tests.journeys import Journey, Province, decide
from workflows.recognition import services
from workflows.recognition.computed import CommuneRule, households
from workflows.recognition.criteria import criteria_for
from workflows.recognition.selectors import provisional_result

ONE_DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("total", "registered", "met"),
    [(150, 150, True), (150, 149, False), (1000, 999, False), (10, 9, False), (1, 1, True)],
)
def test_art_4_cl_1_one_household_short_of_100_percent_fails(total, registered, met):
    dossier = SimpleNamespace(households_total=total, households_registered=registered)
    assert households(dossier, None)[0] is met


@pytest.mark.parametrize(
    ("registered", "recognised", "met"),
    [(10, 10, True), (9, 10, False), (10, 7, True), (10, 6, False), (0, 0, False)],
)
def test_art_5_cl_4_every_unit_registered_and_70_percent_recognised(registered, recognised, met):
    assert CommuneRule(total=10, registered=registered, recognised=recognised).met is met


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "fails"),
    [("start", True), ("end", True), ("before start", False), ("after end", False)],
)
def test_art_8_cl_2_the_window_includes_its_first_and_last_day(where, fails):
    p = Province.build()
    dossier = Journey(p).to("filled")
    route = CycleRoute.objects.get(cycle=p.cycle, unit_kind=dossier.unit.kind)
    day = {
        "start": route.window_start,
        "end": route.window_end,
        "before start": route.window_start - ONE_DAY,
        "after end": route.window_end + ONE_DAY,
    }[where]
    disqualifier = next(c for c in criteria_for(dossier) if c.kind == CriterionKind.DISQUALIFIER)
    services.dossier_declare_event(
        acting_user=p.head,
        dossier=dossier,
        criterion=disqualifier,
        occurred_on=day,
        description="Tụ tập gây rối",
    )
    version = dossier.versions.order_by("-number").first()
    result = provisional_result(dossier, version)
    assert (disqualifier in result.failing) is fails
    assert result.met is not fails


@pytest.mark.django_db
def test_art_10_a_committee_decides_only_the_dossiers_routed_to_it():
    """Staff of two communes' committees issue in the name of one of them: a dossier routed
    to the other is refused, nothing is numbered, nothing moves."""
    p = Province.build()
    neighbour = AreaFactory(commune=True, parent=p.province, name="Phường Bên Cạnh")
    staff = UserFactory(role=p.committee.role, jurisdiction=[p.commune, neighbour])
    dossier = Journey(p).to("proposed")
    assert dossier.status == S.PROPOSED and dossier.decide_area == p.commune

    with pytest.raises(DomainError, match="không thuộc thẩm quyền quyết định"):
        decide(p, [dossier], user=staff, issuer=neighbour)
    dossier.refresh_from_db()
    assert dossier.status == S.PROPOSED
    assert not Decision.objects.exists()
