"""The province's dashboard (issue #11): figures per kind and per commune against the
targets, Circular 124 Art. 5 cl. 4 per commune, scoped to the user's jurisdiction, in a
constant number of queries whatever the data size."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from dossiers.models import DossierStatus, UnitKind
from province.models import Target
from province.targets import seed_targets
from tests.factories import UnitFactory, UserFactory, level

from .data import add_units, build_land, expected, expected_rule, figures_of, register

pytestmark = pytest.mark.django_db
S = DossierStatus


@pytest.fixture
def land():
    return build_land()


@pytest.fixture
def officer(land):
    return UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[land.province])


def dashboard(client, user, **params):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("province-dashboard"), params)
    assert response.status_code == 200
    return response, len(queries)


def check_figures(figures, land):
    rows = land.made.rows
    assert figures_of(figures.total) == expected(rows)
    for row in figures.kinds:
        assert figures_of(row) == expected(rows, kind=row.key), row.label
    shown = {row.key: row for row in figures.communes}
    for commune in land.communes:
        row = shown[commune.pk]
        assert figures_of(row) == expected(rows, commune=commune.pk), commune.name
        assert (row.rule_total, row.rule_registered, row.rule_recognised) == expected_rule(
            rows, commune.pk
        )


def test_dashboard_figures_and_query_count_at_2000_and_200000_units(client, land, officer):
    seed_targets(land.cycle)
    narrowed = {"dot": land.cycle.pk, "loai": UnitKind.SCHOOL, "dia-ban": land.communes[0].pk}
    add_units(land, 2_000, registered_by=officer, seed=1)
    small, small_queries = dashboard(client, officer)
    check_figures(small.context["figures"], land)
    _, small_narrowed = dashboard(client, officer, **narrowed)

    add_units(land, 198_000, registered_by=officer, seed=2)
    started = time.perf_counter()
    large, large_queries = dashboard(client, officer)
    elapsed = time.perf_counter() - started
    assert large.context["figures"].total.eligible > 180_000
    check_figures(large.context["figures"], land)
    assert small_queries == large_queries, (small_queries, large_queries)
    # Filtered (cycle, kind, commune) the count stays the same too.
    filtered, large_narrowed = dashboard(client, officer, **narrowed)
    assert figures_of(filtered.context["figures"].total) == expected(
        land.made.rows, commune=land.communes[0].pk, kind=UnitKind.SCHOOL
    )
    assert small_narrowed == large_narrowed
    print(f"dashboard: {large_queries} queries, 200,000 units in {elapsed:.2f} s")


def test_dashboard_filters_by_kind_and_area(client, land, officer):
    add_units(land, 400, registered_by=officer, seed=3)
    commune = land.communes[2]
    response, _ = dashboard(
        client, officer, dot=land.cycle.pk, loai=UnitKind.AGENCY, **{"dia-ban": commune.pk}
    )
    figures = response.context["figures"]
    assert figures_of(figures.total) == expected(
        land.made.rows, commune=commune.pk, kind=UnitKind.AGENCY
    )
    assert [row.key for row in figures.communes] == [commune.pk]
    assert response.context["level"] == "xã, phường"


def test_commune_officer_sees_only_that_commune(client, land, officer):
    add_units(land, 600, registered_by=officer, seed=4)
    commune = land.communes[5]
    ward_police = UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[commune])
    response, _ = dashboard(client, ward_police)
    figures = response.context["figures"]
    assert [row.key for row in figures.communes] == [commune.pk]
    assert figures_of(figures.total) == expected(land.made.rows, commune=commune.pk)
    assert response.context["level"] == "xã, phường"
    # Another commune in the URL is not a choice: an empty page and a message, no leak.
    other = land.communes[6]
    response, _ = dashboard(client, ward_police, **{"dia-ban": other.pk})
    assert response.context["figures"] is None
    assert "Lựa chọn không hợp lệ" in response.content.decode()


def test_art_5_4_commune_rule_per_commune_counts_only_its_own_units(client, land, officer):
    """Circular 124, Art. 5 cl. 4: 100 % registered and ≥ 70 % recognised, over the units
    "thuộc thẩm quyền hoặc được ủy quyền quản lý" — a unit the province manages located in
    the commune does not count; one delegated to it does."""
    commune = land.communes[0]
    areas = land.residential[commune.pk]

    def unit(kind=UnitKind.RESIDENTIAL_AREA, status=S.RECOGNISED, **extra):
        u = UnitFactory(kind=kind, area=extra.pop("area", areas[0]), **extra)
        if status:
            register(land, u, status, by=officer)
        return u

    for _ in range(7):
        unit()
    for _ in range(3):
        unit(status=S.NOT_RECOGNISED)
    # Managed by the province, located in the commune, not recognised: outside the rule.
    unit(UnitKind.AGENCY, status=S.NOT_RECOGNISED, area=commune, managing_level=level("province"))
    row = _commune_row(client, officer, commune)
    assert (row.rule_total, row.rule_registered, row.rule_recognised) == (10, 10, 7)
    assert row.commune_rule_met
    # Delegated to the commune (Art. 10 cl. 5): counted; 7/11 < 70 %.
    unit(
        UnitKind.SCHOOL,
        status=S.NOT_RECOGNISED,
        area=commune,
        managing_level=level("province"),
        delegated_to=commune,
    )
    row = _commune_row(client, officer, commune)
    assert (row.rule_total, row.rule_recognised) == (11, 7)
    assert not row.commune_rule_met


def test_art_5_4_commune_rule_needs_every_unit_registered(client, land, officer):
    commune = land.communes[1]
    UnitFactory(kind=UnitKind.RESIDENTIAL_AREA, area=land.residential[commune.pk][0])
    row = _commune_row(client, officer, commune)
    assert (row.rule_total, row.rule_registered) == (1, 0)
    assert not row.commune_rule_met


def _commune_row(client, officer, commune):
    response, _ = dashboard(client, officer)
    return next(r for r in response.context["figures"].communes if r.key == commune.pk)


def test_targets_from_the_seed_plans_are_data_and_judge_each_kind(client, land, officer):
    """SEED-07 I.3 (≥ 90 % of agencies, enterprises and schools recognised) and SEED-MT
    III.1.3 (100 % registered), as rows the province edits."""
    assert seed_targets(land.cycle) == len(UnitKind.values)
    assert seed_targets(land.cycle) == 0  # never twice, never overwritten
    agency = Target.objects.get(cycle=land.cycle, unit_kind=UnitKind.AGENCY)
    assert (agency.registered_share, agency.recognised_share) == (100, 90)
    assert (
        Target.objects.get(cycle=land.cycle, unit_kind=UnitKind.RESIDENTIAL_AREA).recognised_share
        is None
    )
    for i in range(10):
        u = UnitFactory(kind=UnitKind.AGENCY, area=land.communes[0])
        register(land, u, S.RECOGNISED if i < 9 else S.PROPOSED, by=officer)
    response, _ = dashboard(client, officer)
    row = next(r for r in response.context["figures"].kinds if r.key == UnitKind.AGENCY)
    assert (row.recognised, row.eligible) == (9, 10)
    assert row.meets_recognised_target and row.meets_registered_target
    agency.recognised_share = 95
    agency.save()
    response, _ = dashboard(client, officer)
    row = next(r for r in response.context["figures"].kinds if r.key == UnitKind.AGENCY)
    assert row.meets_recognised_target is False


def test_every_number_links_to_the_list_behind_it(client, land, officer):
    add_units(land, 300, registered_by=officer, seed=5)
    response, _ = dashboard(client, officer)
    figures = response.context["figures"]
    school = next(r for r in figures.kinds if r.key == UnitKind.SCHOOL)
    units = client.get(school.links["eligible"])
    assert units.context["paginator"].count == school.eligible
    dossiers = client.get(school.links["in_review"])
    page = dossiers.context["page"]  # the dossier list pages by keyset: no total count
    assert not page.has_next and len(list(page)) == school.in_review
    commune = next(r for r in figures.communes if r.key == land.communes[3].pk)
    recognised = client.get(commune.links["recognised"]).context["page"]
    assert not recognised.has_next and len(list(recognised)) == commune.recognised
    html = response.content.decode()
    assert "<svg" in html and school.links["eligible"].replace("&", "&amp;") in html


def test_who_reads_the_dashboard(client, land):
    observer = UserFactory(role=Role.OBSERVER, jurisdiction=[land.province])
    dashboard(client, observer)
    staff = UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[land.province])
    dashboard(client, staff)
    head = UserFactory(role=Role.UNIT_HEAD, jurisdiction=[UnitFactory(area=land.communes[0])])
    client.force_login(head)
    assert client.get(reverse("province-dashboard")).status_code == 403


@pytest.mark.parametrize("bad", ["x", "²", "9" * 30, "-1"])
def test_bad_filters_give_a_message_not_a_500(client, land, officer, bad):
    for name in ("dot", "loai", "dia-ban"):
        response, _ = dashboard(client, officer, **{name: bad})
        assert response.status_code == 200


def test_a_province_outside_the_jurisdiction_is_not_counted(client, land, officer):
    add_units(land, 100, registered_by=officer, seed=6)
    elsewhere = build_land(name="Tỉnh Khác", communes=2)
    other_officer = UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[elsewhere.province])
    add_units(elsewhere, 50, registered_by=other_officer, seed=7)
    response, _ = dashboard(client, officer)
    assert response.context["cycle"] == land.cycle
    assert figures_of(response.context["figures"].total) == expected(land.made.rows)
    # The other province's cycle is not even a choice.
    response, _ = dashboard(client, officer, dot=elsewhere.cycle.pk)
    assert response.context["figures"] is None


def test_targets_are_edited_in_the_admin_in_vietnamese(admin_client, land):
    seed_targets(land.cycle)
    page = admin_client.get(reverse("admin:province_target_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chỉ tiêu công nhận" in html or "chỉ tiêu được công nhận" in html.lower()
    target = Target.objects.get(cycle=land.cycle, unit_kind=UnitKind.SCHOOL)
    response = admin_client.post(
        reverse("admin:province_target_change", args=[target.pk]),
        {
            "cycle": land.cycle.pk,
            "unit_kind": UnitKind.SCHOOL,
            "registered_share": 100,
            "recognised_share": 150,
            "source": "",
        },
    )
    assert response.status_code == 200  # refused, shown again
    target.refresh_from_db()
    assert target.recognised_share == 90
