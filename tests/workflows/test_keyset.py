"""Keyset pages (issue #14, dossiers/keyset.py): the dossier list and the inbox read 50
rows after the last one shown, never OFFSET nor a COUNT of the whole list."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.keyset import BAD_CURSOR
from dossiers.models import Dossier, Unit, UnitKind
from tests.factories import CycleFactory, UserFactory, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(tree):
    user = UserFactory(role=Role.REVIEWING_POLICE)
    user_grant_jurisdiction(user=user, target=tree["communes"]["Xã Một"]["area"])
    return user


def add_dossiers(tree, count, cycle):
    """`count` agencies of commune 1 with a dossier each (the same registration time under
    the frozen clock: the pk breaks the tie)."""
    commune = tree["communes"]["Xã Một"]["area"]
    start = Unit.objects.count()
    units = Unit.objects.bulk_create(
        Unit(kind=UnitKind.AGENCY, name=f"Cơ quan {start + i:04d}", identifier=f"K{start + i}",
             area=commune, managing_level=level("province"))
        for i in range(count)
    )  # fmt: skip
    head = UserFactory(role=Role.UNIT_HEAD)
    return Dossier.objects.bulk_create(
        Dossier(cycle=cycle, unit=u, review_area=commune, decide_area=tree["province"],
                registered_by=head)
        for u in units
    )  # fmt: skip


def pages(client, url, **params):
    """Follow the "Trang sau" links from the first page: the rows of every page."""
    seen, response = [], client.get(url, params)
    while True:
        assert response.status_code == 200
        page = response.context["page"]
        seen.append([row.pk for row in page])
        if not page.has_next:
            return seen
        response = client.get(url, {**params, "sau": page.next_cursor})


def test_the_dossier_list_pages_through_every_dossier_once_newest_first(client, tree, reviewer):
    cycle = CycleFactory(province=tree["province"])
    made = add_dossiers(tree, 120, cycle)
    client.force_login(reviewer)
    seen = pages(client, reverse("dossier-list"))
    assert [len(p) for p in seen] == [50, 50, 20]
    flat = [pk for p in seen for pk in p]
    expected = list(
        Dossier.objects.filter(pk__in=[d.pk for d in made])
        .order_by("-registered_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert flat == expected


def test_the_list_filters_stay_on_the_next_pages(client, tree, reviewer):
    add_dossiers(tree, 60, CycleFactory(province=tree["province"], year=2026))
    add_dossiers(tree, 5, CycleFactory(province=tree["province"], year=2025))
    client.force_login(reviewer)
    first = client.get(reverse("dossier-list"), {"nam": "2026"})
    assert 'href="?sau=' in first.content.decode() and "nam=2026" in first.content.decode()
    seen = pages(client, reverse("dossier-list"), nam="2026")
    assert sum(len(p) for p in seen) == 60


def test_a_bad_page_link_shows_the_first_page_with_a_message(client, tree, reviewer):
    add_dossiers(tree, 3, CycleFactory(province=tree["province"]))
    client.force_login(reviewer)
    for bad in ("abc", "2026-13-45T00:00:00~1", "1~2~3", "2026-09-15T00:00:00~x"):
        response = client.get(reverse("dossier-list"), {"sau": bad})
        assert response.status_code == 200
        assert len(response.context["page"]) == 3
        assert BAD_CURSOR in [str(m) for m in get_messages(response.wsgi_request)]


def test_a_page_costs_the_same_queries_at_any_size_and_never_counts(client, tree, reviewer):
    cycle = CycleFactory(province=tree["province"])
    client.force_login(reviewer)

    def read(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        sql = [q["sql"].upper() for q in captured]
        assert not any("OFFSET" in s for s in sql), sql
        if url == reverse("dossier-list"):  # the list is never counted
            assert not any("COUNT(" in s and "DOSSIERS_DOSSIER" in s for s in sql), sql
        return len(sql)

    add_dossiers(tree, 5, cycle)
    few = [read(reverse("dossier-list")), read(reverse("inbox"))]
    add_dossiers(tree, 200, cycle)
    many = [read(reverse("dossier-list")), read(reverse("inbox"))]
    assert few == many
