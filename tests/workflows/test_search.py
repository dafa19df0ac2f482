"""Search by a unit's name or code on every list, accents and case aside (issue 13)."""

import pytest
from django.db import connection
from django.urls import reverse

from dossiers.search import strip_accents
from tests.journeys import Journey, Province, decide
from tests.rewards.journeys import RewardJourney, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def test_unaccent_twin_agrees_with_postgresql():
    """The SQLite function (Python) folds Vietnamese exactly as PostgreSQL's unaccent."""
    words = ["Khu phố 1", "Đường Trần Hưng Đạo", "Ấp Ồ Ạ ỹ Ữ", "Trạm Y tế Phường Gò Dầu"]
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute("SELECT unaccent(%s)", [word])
            assert cursor.fetchone()[0] == strip_accents(word)


def test_unit_list_finds_khu_pho_1_by_khu_pho_1(client, p):
    client.force_login(p.reviewer)
    page = client.get(reverse("unit-list"), {"q": "khu pho 1"}).content.decode()
    assert "Khu phố 1, Phường Gò Dầu" in page
    assert "Khu phố 2" not in page


def test_unit_list_finds_a_unit_by_its_code(client, p):
    client.force_login(p.reviewer)
    page = client.get(reverse("unit-list"), {"q": p.agency.identifier}).content.decode()
    assert p.agency.name in page
    assert "Khu phố 1" not in page


def test_dossier_list_finds_khu_pho_1_by_khu_pho_1(client, p):
    Journey(p).to("registered")
    Journey(p, unit=p.agency).to("registered")
    client.force_login(p.reviewer)
    response = client.get(reverse("dossier-list"), {"q": "KHU PHO 1"})
    assert [d.unit for d in response.context["object_list"]] == [p.unit]
    assert 'value="KHU PHO 1"' in response.content.decode()


def test_search_never_widens_the_list(client, p):
    """A unit head searching for another unit's name finds nothing of it."""
    Journey(p, unit=p.agency).to("registered")
    client.force_login(p.other_head)
    response = client.get(reverse("dossier-list"), {"q": "tram y te"})
    assert list(response.context["object_list"]) == []


def test_decision_list_finds_a_decision_by_a_unit_name(client, p):
    dossier = Journey(p).to("proposed")
    decide(p, [dossier])
    client.force_login(p.committee)
    found = client.get(reverse("decision-list"), {"q": "khu pho 1"}).context["decisions"]
    missed = client.get(reverse("decision-list"), {"q": "khu pho 9"}).context["decisions"]
    assert len(found) == 1
    assert len(missed) == 0


def test_nomination_list_finds_a_nominee_by_name_without_accents(client, p):
    RewardJourney(p, nominees=[person(p, full_name="Trần Thị Bình")]).to("draft")
    client.force_login(p.reviewer)
    found = client.get(reverse("nomination-list"), {"q": "tran thi binh"})
    missed = client.get(reverse("nomination-list"), {"q": "nguyen van"})
    assert len(found.context["object_list"]) == 1
    assert len(missed.context["object_list"]) == 0


def test_reward_decision_list_accepts_the_search(client, p):
    client.force_login(p.committee)
    response = client.get(reverse("reward-decision-list"), {"q": "khu pho 1"})
    assert response.status_code == 200


def test_sqlite_gets_the_same_unaccent_function():
    """`make run` uses SQLite: the receiver gives it UNACCENT() so the same query works."""
    import sqlite3
    from types import SimpleNamespace

    from dossiers.search import register_sqlite_unaccent

    raw = sqlite3.connect(":memory:")
    register_sqlite_unaccent(None, SimpleNamespace(vendor="sqlite", connection=raw))
    row = raw.execute("SELECT lower(unaccent('Khu phố 1, Phường Gò Dầu'))").fetchone()
    assert row[0] == "khu pho 1, phuong go dau"
