"""Who sees which units: role × jurisdiction, through the pages users open."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm

from accounts.models import Role
from dossiers.jurisdiction import (
    areas_in_jurisdiction,
    granted_area_ids,
    granted_areas,
    units_in_jurisdiction,
    user_grant_jurisdiction,
)
from dossiers.models import Unit, UnitKind
from tests.conftest import TEST_TODAY
from tests.factories import AreaFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(tree):
    """One residential-area unit per residential area, plus an agency per commune."""
    made = {}
    for name, commune in tree["communes"].items():
        for area in commune["residential"]:
            made[area.name] = UnitFactory(name=area.name, area=area)
        made[f"Cơ quan {name}"] = UnitFactory(
            name=f"Cơ quan {name}", kind=UnitKind.AGENCY, area=commune["area"]
        )
    return made


def listed(client, user):
    client.force_login(user)
    response = client.get(reverse("unit-list"))
    assert response.status_code == 200
    return {unit.name for unit in response.context["object_list"]}


def scope_of(tree, units, scope):
    return {
        "unit A": [units["Ấp 1, Xã Một"]],
        "commune 1": [tree["communes"]["Xã Một"]["area"]],
        "province": [tree["province"]],
        "nothing": [],
    }[scope]


@pytest.mark.parametrize(
    "role, scope, expected",
    [
        (Role.UNIT_HEAD, "unit A", {"Ấp 1, Xã Một"}),
        (
            Role.REVIEWING_POLICE,
            "commune 1",
            {"Ấp 1, Xã Một", "Ấp 2, Xã Một", "Cơ quan Xã Một"},
        ),
        (Role.COMMITTEE_STAFF, "commune 1", {"Ấp 1, Xã Một", "Ấp 2, Xã Một", "Cơ quan Xã Một"}),
        (Role.APPRAISING_POLICE, "province", "all"),
        (Role.OBSERVER, "province", "all"),
        (Role.REVIEWING_POLICE, "nothing", set()),
    ],
)
def test_unit_list_shows_exactly_the_jurisdiction(client, tree, units, role, scope, expected):
    user = UserFactory(role=role, jurisdiction=scope_of(tree, units, scope))
    if expected == "all":
        expected = set(units)
    assert listed(client, user) == expected


def test_unit_head_cannot_open_another_unit(client, tree, units):
    own, other = units["Ấp 1, Xã Một"], units["Ấp 2, Xã Một"]
    head = UserFactory(role=Role.UNIT_HEAD, jurisdiction=[own])
    client.force_login(head)
    assert client.get(reverse("unit-detail", args=[own.pk])).status_code == 200
    response = client.get(reverse("unit-detail", args=[other.pk]))
    assert response.status_code == 404


def test_officer_of_another_commune_gets_404(client, tree, units):
    officer = UserFactory(jurisdiction=[tree["communes"]["Xã Hai"]["area"]])
    client.force_login(officer)
    target = units["Ấp 1, Xã Một"]
    assert client.get(reverse("unit-detail", args=[target.pk])).status_code == 404


def test_administrator_sees_everything(client, tree, units):
    admin = UserFactory(role=Role.ADMIN)
    assert listed(client, admin) == set(units)


def test_anonymous_user_is_sent_to_login(client, units):
    response = client.get(reverse("unit-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_observer_sees_but_may_not_act(tree, units):
    observer = UserFactory(role=Role.OBSERVER, jurisdiction=[tree["province"]])
    assert units_in_jurisdiction(observer).count() == len(units)
    assert units_in_jurisdiction(observer, act=True).count() == 0
    assert areas_in_jurisdiction(observer, act=True).count() == 0


def test_grant_through_a_group_counts(tree, units):
    user = UserFactory(role=Role.REVIEWING_POLICE)
    group = Group.objects.create(name="Công an Xã Hai")
    group.user_set.add(user)
    assign_perm("dossiers.act_in_area", group, tree["communes"]["Xã Hai"]["area"])
    assert {u.name for u in Unit.objects.actionable_by(user)} == {
        "Ấp 1, Xã Hai",
        "Ấp 2, Xã Hai",
        "Cơ quan Xã Hai",
    }


def test_areas_cover_the_subtree_only(tree):
    officer = UserFactory(jurisdiction=[tree["communes"]["Xã Một"]["area"]])
    names = set(areas_in_jurisdiction(officer).values_list("name", flat=True))
    assert names == {"Xã Một", "Ấp 1, Xã Một", "Ấp 2, Xã Một"}


def test_a_prefix_of_digits_is_not_a_subtree(db):
    """Area 1's path "/1/" must not cover area 12's "/12/"."""
    first = AreaFactory(province=True)
    others = [AreaFactory(province=True) for _ in range(12)]
    officer = UserFactory(jurisdiction=[first])
    assert list(areas_in_jurisdiction(officer)) == [first]
    assert all(o.path != first.path for o in others)


def test_unit_list_costs_the_same_queries_at_any_size(client, tree):
    officer = UserFactory(jurisdiction=[tree["province"]])
    client.force_login(officer)
    commune = tree["communes"]["Xã Một"]["area"]

    def queries_for_list():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("unit-list")).status_code == 200
        return len(ctx.captured_queries)

    UnitFactory.create_batch(3, area=commune)
    small = queries_for_list()
    UnitFactory.create_batch(60, area=commune)
    assert queries_for_list() == small


def test_issue_14_granted_area_ids_agree_with_granted_areas(tree, frozen_clock):
    """The fixed SQL text of `granted_area_ids` (asked on every inbox and step) reads the
    same grants as the ORM's `granted_areas`: direct and through a group, view and act,
    with act=True only those in force today."""
    today = TEST_TODAY  # the frozen clock's day (tests/conftest.py)
    areas = [tree["communes"][name]["area"] for name in ("Xã Một", "Xã Hai")]
    user = UserFactory(role=Role.REVIEWING_POLICE)
    user_grant_jurisdiction(user=user, target=areas[0])
    user_grant_jurisdiction(user=user, target=tree["province"], act=False)
    expired = AreaFactory(commune=True, parent=tree["province"])
    user_grant_jurisdiction(user=user, target=expired, valid_to=today - datetime.timedelta(days=1))
    future = AreaFactory(commune=True, parent=tree["province"])
    user_grant_jurisdiction(user=user, target=future, valid_from=today + datetime.timedelta(days=1))
    group = Group.objects.create(name="Công an Xã Hai")
    group.user_set.add(user)
    assign_perm("dossiers.act_in_area", group, areas[1])
    for act in (True, False):
        expected = set(granted_areas(user, act=act).values_list("pk", flat=True))
        assert set(granted_area_ids(user, act=act)) == expected
    assert set(granted_area_ids(user, act=True)) == {areas[0].pk, areas[1].pk}
    assert set(granted_area_ids(user, act=False)) == {
        areas[0].pk, areas[1].pk, tree["province"].pk, expired.pk, future.pk
    }  # fmt: skip
    user.is_active = False
    assert granted_area_ids(user, act=True) == []
