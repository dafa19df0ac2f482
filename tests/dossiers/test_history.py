"""The database keeps the history of dossiers, nominations, decisions and jurisdiction
grants by itself (issue #12, "An audit trail nothing bypasses"; dossiers/models/history.py):
a raw `QuerySet.update()` that skips every service and signal still leaves an event row."""

import pytest
from django.db import connection

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import AreaUserPermission, Decision, Dossier, Nomination
from dossiers.models import DossierStatus as S
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from tests.rewards.journeys import RewardJourney

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def test_a_raw_update_of_a_dossier_leaves_an_event(p):
    dossier = Journey(p).to("submitted")
    before = dossier.history.count()

    Dossier.objects.filter(pk=dossier.pk).update(status=S.RECOGNISED, result_reason="tay")

    event = dossier.history.order_by("pgh_id").last()
    assert dossier.history.count() == before + 1
    assert (event.pgh_label, event.status, event.result_reason) == ("update", S.RECOGNISED, "tay")
    # The domain audit the pages show is untouched: no transition was recorded.
    assert not dossier.transitions.filter(target=S.RECOGNISED).exists()


def test_a_change_made_in_sql_leaves_an_event(p):
    dossier = Journey(p).to("registered")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dossiers_dossier SET households_registered = 1 WHERE id = %s", [dossier.pk]
        )
    assert dossier.history.filter(pgh_label="update", households_registered=1).exists()


def test_every_step_of_a_dossier_and_its_decision_is_in_the_history(p):
    dossier = Journey(p, p.agency).to("recognised")
    statuses = list(dossier.history.order_by("pgh_id").values_list("status", flat=True))
    assert statuses[0] == S.REGISTERED and statuses[-1] == S.RECOGNISED
    assert S.SUBMITTED in statuses and S.PROPOSED in statuses
    decision = Decision.objects.get()
    assert decision.history.filter(pgh_label="insert").count() == 1
    assert decision.items.get().history.filter(pgh_label="insert").exists()

    Decision.objects.filter(pk=decision.pk).update(summary="Sửa lén")
    assert decision.history.filter(pgh_label="update", summary="Sửa lén").exists()


def test_a_nomination_and_its_nominees_are_tracked(p):
    nomination = RewardJourney(p).to("submitted")
    Nomination.objects.filter(pk=nomination.pk).update(result_reason="tay")
    assert nomination.history.filter(pgh_label="update", result_reason="tay").exists()
    nominee = nomination.nominees.get()
    assert nominee.history.filter(pgh_label="insert").exists()


def test_a_grant_given_and_taken_away_is_in_the_history(p):
    officer = UserFactory(role=p.reviewer.role)
    user_grant_jurisdiction(user=officer, target=p.commune)
    grants = list(AreaUserPermission.objects.filter(user=officer).values_list("pk", flat=True))
    assert grants  # one row per permission (guardian)
    AreaUserPermission.objects.filter(user=officer).delete()
    events = AreaUserPermission.history.rel.related_model.objects.filter(pgh_obj_id__in=grants)
    for pk in grants:
        labels = [e.pgh_label for e in events.filter(pgh_obj_id=pk).order_by("pgh_id")]
        assert labels == ["insert", "delete"]
