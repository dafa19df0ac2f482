"""Per step of a nomination: a user of another jurisdiction can neither see it (404) nor
act on it (403), and nothing changes; the wrong role in the right area gets 403."""

import pytest
from django.urls import reverse

from dossiers.models import Decision, NominationDocument
from tests.journeys import Province

from .journeys import RewardJourney

pytestmark = pytest.mark.django_db

DECISION_POST = {
    "issued_on": "2026-12-15",
    "signer_name": "Lê Văn Cường",
    "signer_title": "Giám đốc",
    "authority": "tm",
    "summary": "Về việc tặng Giấy khen",
}


def step_post(step, nomination):
    nominee = nomination.nominees.get()
    return {
        "submit": ("nomination-submit", {}),
        "appraise": ("nomination-appraise", {"outcome": "forward"}),
        "vote": (
            "nomination-vote",
            {
                "members_total": 9,
                "members_present": 9,
                "votes_for": 9,
                "votes_against": 0,
                "voted_on": "2026-12-01",
            },
        ),
        "decide": (
            "reward-decision-create",
            {
                "group": f"{nomination.decide_area_id}-{nomination.form_id}",
                "nomination": [nomination.pk],
                f"result_{nominee.pk}": "1",
                **DECISION_POST,
            },
        ),
    }[step]


STATE = {"submit": "draft", "appraise": "submitted", "vote": "appraised", "decide": "voted"}


@pytest.fixture
def two():
    return Province.build(name="Phường Một"), Province.build(name="Phường Hai")


def journey(p):
    """A regular nomination of the agency for the police director's Giấy khen, proposed by
    its head: full documents, appraised and decided by the provincial police."""
    return RewardJourney(p, type="regular", nominees=[{"unit": p.agency}], proposer=p.head)


def at(p, state):
    j = journey(p)
    j.to(state)
    if state == "draft":
        j.documents()
    return j.nomination


def snapshot(nomination):
    nomination.refresh_from_db()
    return (
        nomination.status,
        nomination.transitions.count(),
        NominationDocument.objects.filter(nomination=nomination).count(),
        Decision.objects.count(),
        list(nomination.nominees.values_list("result", flat=True)),
    )


def url_of(name, nomination):
    if name == "reward-decision-create":
        return reverse(name)
    return reverse(name, args=[nomination.pk])


def outsiders(other):
    return {
        "unit head": other.head,
        "reviewing police": other.reviewer,
        "appraising police": other.appraiser,
        "committee": other.committee,
    }


@pytest.mark.parametrize("step", list(STATE))
@pytest.mark.parametrize("who", ["unit head", "reviewing police", "appraising police", "committee"])
def test_outsider_gets_404_on_read_and_403_on_action(client, two, step, who):
    mine, other = two
    nomination = at(mine, STATE[step])
    document = nomination.documents.first()
    before = snapshot(nomination)
    client.force_login(outsiders(other)[who])

    assert client.get(reverse("nomination-detail", args=[nomination.pk])).status_code == 404
    assert (
        client.get(reverse("nomination-document-download", args=[document.pk])).status_code == 404
    )
    name, post = step_post(step, nomination)
    if step in ("appraise", "vote"):
        assert client.get(url_of(name, nomination)).status_code == 403
    assert client.post(url_of(name, nomination), post).status_code == 403
    listing = client.get(reverse("nomination-list")).content.decode()
    assert reverse("nomination-detail", args=[nomination.pk]) not in listing
    assert snapshot(nomination) == before


WRONG_ROLES = {
    "submit": ["reviewer", "appraiser", "committee"],
    "appraise": ["reviewer", "committee", "head"],
    "vote": ["reviewer", "committee", "head"],
    "decide": ["reviewer", "committee", "head"],
}


@pytest.mark.parametrize(
    "step, who", [(step, who) for step, roles in WRONG_ROLES.items() for who in roles]
)
def test_insider_with_the_wrong_role_gets_403(client, two, step, who):
    mine, _ = two
    nomination = at(mine, STATE[step])
    before = snapshot(nomination)
    client.force_login(getattr(mine, who))
    assert client.get(reverse("nomination-detail", args=[nomination.pk])).status_code == 200
    name, post = step_post(step, nomination)
    assert client.post(url_of(name, nomination), post).status_code == 403
    assert snapshot(nomination) == before


@pytest.mark.parametrize("step", list(STATE))
def test_the_right_user_completes_each_step_through_the_page(client, two, step):
    """The counterpart of the refusals above: the same POST by the user whose job it is
    moves the nomination on."""
    mine, _ = two
    nomination = at(mine, STATE[step])
    client.force_login(mine.head if step == "submit" else mine.appraiser)
    name, post = step_post(step, nomination)
    response = client.post(url_of(name, nomination), post)
    assert response.status_code == 302
    nomination.refresh_from_db()
    expected = {"submit": "submitted", "appraise": "appraised", "vote": "voted"}
    assert nomination.status == expected.get(step, "decided")


def test_decisions_and_documents_of_another_area_are_invisible(client, two):
    mine, other = two
    j = journey(mine)
    j.to("decided")
    document = j.nomination.documents.first()
    client.force_login(other.appraiser)
    assert client.get(reverse("reward-decision-detail", args=[j.decision.pk])).status_code == 404
    assert (
        client.get(reverse("nomination-document-download", args=[document.pk])).status_code == 404
    )
    client.force_login(mine.head)
    assert client.get(reverse("reward-decision-detail", args=[j.decision.pk])).status_code == 200
    response = client.get(reverse("nomination-document-download", args=[document.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_outsider_cannot_revoke_an_award_of_another_area(client, two):
    mine, other = two
    j = journey(mine)
    j.to("decided")
    nominee = j.nomination.nominees.get()
    client.force_login(other.appraiser)
    response = client.post(
        reverse("reward-revoke"),
        {
            "group": f"{mine.province.pk}-{j.form.pk}",
            "nominee": [nominee.pk],
            "reason": "Khai man.",
            **DECISION_POST,
        },
    )
    assert response.status_code == 403
    nominee.refresh_from_db()
    assert nominee.result == "awarded"
