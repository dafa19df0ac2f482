"""The registration form asks for households only of a residential area (Circular 124,
Art. 4 cl. 1: "đăng ký ... hộ gia đình" is a residential area's criterion), never of an
agency (issue 13)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from dossiers.models import Dossier
from tests.factories import UserFactory
from tests.journeys import PDF, Province
from workflows import deadlines

pytestmark = pytest.mark.django_db

p = pytest.fixture(Province.build, name="p")


@pytest.fixture
def agency_head(p, monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 3, 2))
    head = UserFactory(role=Role.UNIT_HEAD, jurisdiction=[p.agency])
    p.agency.heads.add(head)
    return head


def test_art_4_an_agency_head_is_not_asked_for_households(client, p, agency_head):
    client.force_login(agency_head)
    html = client.get(reverse("dossier-register")).content.decode()
    assert "households_total" not in html
    assert "Tổng số hộ gia đình" not in html


def test_art_4_a_head_of_both_kinds_sees_the_fields_marked_for_residential_areas(client, p):
    client.force_login(p.head)  # heads a residential area and an agency
    html = client.get(reverse("dossier-register")).content.decode()
    assert 'class="households-field"' in html
    assert f'data-residential="{p.unit.pk}"' in html


def test_art_4_households_typed_for_an_agency_are_ignored(client, p, agency_head):
    client.force_login(agency_head)
    response = client.post(
        reverse("dossier-register"),
        {
            "unit": p.agency.pk,
            "cycle": p.cycle.pk,
            "households_total": 80,
            "has_party_organisation": "1",
            "file_party_resolution": SimpleUploadedFile("nghi-quyet.pdf", PDF),
            "file_security_plan": SimpleUploadedFile("phuong-an.pdf", PDF),
            "file_registration": SimpleUploadedFile("dang-ky.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Dossier.objects.get(unit=p.agency).households_total is None
