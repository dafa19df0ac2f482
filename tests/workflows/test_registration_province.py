"""Registration offers only the open cycles of the unit's own province (Circular 124,
Art. 10: a province's committee runs its cycle for the units on its territory), and the
service refuses another province's cycle whatever the form posted (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from dossiers.models import Dossier
from dossiers.services import DomainError
from tests.journeys import Province
from tests.workflows.test_registration import register, register_post
from workflows import deadlines

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 3, 2))
    return Province.build(), Province.build(name="Phường Khác")


def test_registration_form_offers_only_the_units_province_cycles(two, client):
    p, other = two
    client.force_login(p.head)
    form = client.get(reverse("dossier-register")).context["form"]
    assert list(form.fields["cycle"].queryset) == [p.cycle]
    response = client.post(
        reverse("dossier-register"), register_post(p) | {"cycle": other.cycle.pk}
    )
    assert response.status_code == 200
    assert not Dossier.objects.exists()


def test_registration_service_refuses_another_provinces_cycle(two):
    p, other = two
    p.cycle = other.cycle
    with pytest.raises(DomainError, match="không đóng trên địa bàn"):
        register(p)
    assert not Dossier.objects.exists()
