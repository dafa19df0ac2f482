"""The on-time statistics page (issue #11): a reward step is counted under its own
process and its nomination's year — not as a recognition step, and never with "None" as
the year."""

import pytest
from django.urls import reverse

from tests.journeys import Journey, Province
from tests.rewards.journeys import RewardJourney

pytestmark = pytest.mark.django_db


def test_reward_steps_are_not_counted_as_recognition_steps(client):
    p = Province.build()
    Journey(p).to("submitted")
    RewardJourney(p, year=2026).to("submitted")
    client.force_login(p.appraiser)
    response = client.get(reverse("statistics"))
    rows = response.context["rows"]
    reward = [r for r in rows if r["process_kind"] == "reward"]
    recognition = [r for r in rows if r["process_kind"] == "recognition"]
    assert reward and recognition
    assert all(r["year"] == 2026 for r in rows)
    assert {r["process_label"] for r in reward} == {"Khen thưởng"}
    html = response.content.decode()
    assert "None" not in html and "Khen thưởng" in html
    # The year filter reaches reward steps too.
    filtered = client.get(reverse("statistics"), {"nam": 2025}).context["rows"]
    assert list(filtered) == []
