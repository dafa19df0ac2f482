"""Per step: a user of another jurisdiction can neither see (404) nor act (403), and
nothing changes; lists never show another area's dossiers."""

import pytest
from django.urls import reverse

from tests.journeys import Journey, Province, all_met

pytestmark = pytest.mark.django_db

STEPS = {
    # step page, state the dossier is in, the POST that would complete it
    "assess": ("dossier-assess", "filled", {"action": "submit"}),
    "review": ("dossier-review", "submitted", {"outcome": "forward"}),
    "appraise": ("dossier-appraise", "forwarded", {"outcome": "propose"}),
}


@pytest.fixture
def two():
    return Province.build(name="Phường Một"), Province.build(name="Phường Hai")


def outsiders(other):
    return {
        "unit head": other.head,
        "reviewing police": other.reviewer,
        "appraising police": other.appraiser,
        "committee": other.committee,
    }


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("who", ["unit head", "reviewing police", "appraising police", "committee"])
def test_outsider_gets_404_on_read_and_403_on_action(client, two, step, who):
    mine, other = two
    url_name, state, post = STEPS[step]
    dossier = Journey(mine, mine.agency).to(state)
    if step != "assess":
        post = {**post, **{f"verdict_{pk}": "1" for pk in all_met(dossier)}}
    before = (dossier.status, dossier.transitions.count())
    client.force_login(outsiders(other)[who])

    assert client.get(reverse("dossier-detail", args=[dossier.pk])).status_code == 404
    assert client.get(reverse(url_name, args=[dossier.pk])).status_code == 403
    assert client.post(reverse(url_name, args=[dossier.pk]), post).status_code == 403
    assert (
        reverse("dossier-detail", args=[dossier.pk])
        not in client.get(reverse("dossier-list")).content.decode()
    )
    assert len(client.get(reverse("inbox")).context["tasks"]) == 0
    dossier.refresh_from_db()
    assert (dossier.status, dossier.transitions.count()) == before


@pytest.mark.parametrize("step", list(STEPS))
def test_insider_with_the_wrong_role_gets_403(client, two, step):
    mine, _ = two
    url_name, state, post = STEPS[step]
    dossier = Journey(mine, mine.agency).to(state)
    wrong = {"assess": mine.reviewer, "review": mine.head, "appraise": mine.reviewer}[step]
    client.force_login(wrong)
    assert client.get(reverse("dossier-detail", args=[dossier.pk])).status_code == 200
    assert client.post(reverse(url_name, args=[dossier.pk]), post).status_code == 403


def test_outsider_cannot_issue_a_decision_for_another_committee(client, two):
    mine, other = two
    dossier = Journey(mine, mine.agency).to("proposed")
    client.force_login(other.committee)
    response = client.post(
        reverse("decision-create"),
        {
            "issuer": mine.commune.pk,
            "dossier": [dossier.pk],
            "issued_on": "2026-12-10",
            "signer_name": "A",
            "signer_title": "Chủ tịch",
            "authority": "tm",
            "summary": "x",
        },
    )
    assert "Không có hồ sơ nào chờ quyết định" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "proposed"


def test_decisions_of_another_area_are_invisible(client, two):
    mine, other = two
    dossier = Journey(mine, mine.agency).to("recognised")
    decision = dossier.decision_items.get().decision
    client.force_login(other.committee)
    assert client.get(reverse("decision-detail", args=[decision.pk])).status_code == 404
    client.force_login(mine.head)
    assert client.get(reverse("decision-detail", args=[decision.pk])).status_code == 200
