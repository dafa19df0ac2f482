"""Every list exports to XLSX with its filters applied, and only what the user may see
(issue #11): a commune officer's export holds only that commune."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from dossiers.exports import XLSX
from dossiers.models import Dossier, DossierStatus, Unit, UnitKind
from tests.factories import UserFactory

from .data import add_units, build_land

pytestmark = pytest.mark.django_db


@pytest.fixture
def land():
    return build_land(communes=3)


@pytest.fixture
def pv05(land):
    user = UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[land.province])
    add_units(land, 300, registered_by=user, seed=21)
    return user


def export(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), {**params, "xuat": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_unit_export_applies_the_filters(client, land, pv05):
    header, rows = export(client, pv05, "unit-list", loai=UnitKind.SCHOOL)
    assert header[:3] == ("Tên đơn vị", "Loại", "Mã định danh")
    want = Unit.objects.filter(area__path__startswith=land.province.path, kind=UnitKind.SCHOOL)
    assert sorted(r[2] for r in rows) == sorted(want.values_list("identifier", flat=True))
    assert {r[1] for r in rows} == {"Cơ sở giáo dục"}


def test_dossier_export_applies_the_dashboard_filters(client, land, pv05):
    commune = land.communes[1]
    header, rows = export(
        client,
        pv05,
        "dossier-list",
        dot=land.cycle.pk,
        nhom="in_review",
        **{"dia-ban": commune.pk, "thuoc-dien": "true"},
    )
    want = Dossier.objects.filter(
        cycle=land.cycle,
        unit__area__path__startswith=commune.path,
        unit__active=True,
        unit__is_small_enterprise=False,
        unit__is_excluded_school=False,
        status__in=[
            DossierStatus.SUBMITTED,
            DossierStatus.SUPPLEMENT_REQUESTED,
            DossierStatus.FORWARDED,
            DossierStatus.PROPOSED,
        ],
    )
    assert want.exists()
    assert sorted(r[1] for r in rows) == sorted(want.values_list("unit__identifier", flat=True))


def test_commune_officer_exports_only_that_commune(client, land, pv05):
    commune = land.communes[0]
    ward = UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[commune])
    _, units = export(client, ward, "unit-list")
    mine = Unit.objects.filter(area__path__startswith=commune.path)
    assert sorted(r[2] for r in units) == sorted(mine.values_list("identifier", flat=True))
    _, dossiers = export(client, ward, "dossier-list")
    assert sorted(r[1] for r in dossiers) == sorted(
        Dossier.objects.filter(unit__in=mine).values_list("unit__identifier", flat=True)
    )
    # Asking for another commune narrows to nothing, never widens.
    _, none = export(client, ward, "unit-list", **{"dia-ban": land.communes[1].pk})
    assert none == []


def test_decision_and_nomination_lists_export(client, land, pv05):
    header, rows = export(client, pv05, "decision-list", nam=2026)
    assert header[0] == "Số, ký hiệu" and rows == []
    header, rows = export(client, pv05, "nomination-list")
    assert header[:2] == ("Năm", "Hình thức")


def test_a_bad_filter_exports_nothing_with_a_message_not_a_500(client, land, pv05):
    _, rows = export(client, pv05, "dossier-list", nam="２０２６")
    assert rows == []
