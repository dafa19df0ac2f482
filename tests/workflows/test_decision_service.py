"""The one decision service and the one transition recorder (issue 9): a recognition and a
reward decision go through the same steps, and every audit row they write is announced
once, after the commit."""

import pytest

from tests.journeys import Journey, Province, decide
from tests.rewards.journeys import RewardJourney
from workflows import transitions

pytestmark = pytest.mark.django_db


class Announcer:
    def __init__(self):
        self.announced = []

    def delay(self, pk):
        self.announced.append(pk)


@pytest.fixture
def announced(monkeypatch):
    fake = Announcer()
    monkeypatch.setattr(transitions.DOSSIER_TRAIL, "announcer", fake)
    monkeypatch.setattr(transitions.NOMINATION_TRAIL, "announcer", fake)
    # The test's transaction never commits: run the after-commit announcements at once.
    monkeypatch.setattr(transitions.transaction, "on_commit", lambda call, robust=False: call())
    return fake.announced


def test_a_recognition_decision_writes_and_announces_one_row_per_dossier(announced):
    p = Province.build()
    dossier = Journey(p, p.unit).to("proposed")
    announced.clear()

    decision = decide(p, [dossier])

    row = dossier.transitions.get(step="decide")
    assert (row.source, row.target, row.actor) == ("proposed", "recognised", p.committee)
    assert row.comment == f"Quyết định số {decision.reference}"
    assert announced == [row.pk]


def test_a_reward_decision_writes_and_announces_one_row_per_nomination(announced):
    p = Province.build()
    journey = RewardJourney(p)
    journey.to("voted")
    announced.clear()

    journey.decide()

    row = journey.nomination.transitions.get(step="decide")
    assert (row.source, row.target) == ("voted", "decided")
    assert row.comment == f"Quyết định số {journey.decision.reference}"
    assert announced == [row.pk]
