"""The register of movement models (mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc) and
the criterion that asks for one (Circular 124, Art. 5 cl. 1, Art. 6 cl. 1, Art. 7 cl. 1:
"ít nhất 01 mô hình … hoạt động hiệu quả"), shown to whoever judges it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dossiers.services import DomainError
from movement import services
from movement.models import ModelKind, ModelResult
from movement.templatetags.movement_tags import asks_for_a_model
from tests.journeys import Journey, Province
from workflows.recognition.criteria import criteria_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 15)


def register(p, units, name="Camera an ninh", established=datetime.date(2024, 3, 1), **kw):
    return services.model_register(
        acting_user=p.reviewer,
        units=units,
        name=name,
        kind=ModelKind.CAMERA,
        established_on=established,
        today=TODAY,
        **kw,
    )


def test_art_6_cl_1_the_units_models_show_beside_the_criterion(client):
    p = Province.build()
    dossier = Journey(p, p.agency).to("submitted")
    effective = register(p, [p.agency, p.unit])
    services.model_assess(
        acting_user=p.reviewer, model=effective, year=2026, result=ModelResult.EFFECTIVE
    )
    register(p, [p.agency], name="Tổ bảo vệ dân phố")
    register(p, [p.other_unit], name="Mô hình của đơn vị khác")
    asking = [c for c in criteria_for(dossier) if asks_for_a_model(c)]
    assert [c.label for c in asking] == ["1"]

    client.force_login(p.reviewer)
    page = client.get(reverse("dossier-review", args=[dossier.pk])).content.decode()
    row = page.split(f'id="tieu-chi-{asking[0].pk}"')[1].split("</tr>")[0]
    assert "Camera an ninh" in row and "Hoạt động hiệu quả" in row
    assert "Tổ bảo vệ dân phố" in row and "chưa đánh giá năm 2026" in row
    assert "1 mô hình hoạt động hiệu quả" in row
    assert "Mô hình của đơn vị khác" not in page
    assert page.count("unit-models") == 1  # only beside that criterion


def test_art_5_cl_1_the_unit_head_sees_the_models_while_self_assessing(client):
    p = Province.build()
    dossier = Journey(p, p.agency).to("filled")
    register(p, [p.agency])
    client.force_login(p.head)
    page = client.get(reverse("dossier-assess", args=[dossier.pk])).content.decode()
    assert "Camera an ninh" in page and "Mô hình phong trào của đơn vị đã đăng ký" in page


def test_art_4_a_residential_area_is_not_asked_for_a_model(client):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    register(p, [p.unit])
    client.force_login(p.reviewer)
    page = client.get(reverse("dossier-review", args=[dossier.pk])).content.decode()
    assert "unit-models" not in page


def test_models_assessed_each_year_and_replicated():
    p = Province.build()
    original = register(p, [p.unit])
    with pytest.raises(DomainError, match="sau mô hình gốc"):
        register(p, [p.other_unit], established=datetime.date(2023, 1, 1), replicated_from=original)
    replica = register(
        p, [p.other_unit], established=datetime.date(2025, 5, 1), replicated_from=original
    )
    assert list(original.replicas.all()) == [replica]
    with pytest.raises(DomainError, match="2024"):
        services.model_assess(
            acting_user=p.reviewer, model=original, year=2023, result=ModelResult.EFFECTIVE
        )
    services.model_assess(
        acting_user=p.reviewer, model=original, year=2025, result=ModelResult.CONSOLIDATE
    )
    services.model_assess(acting_user=p.reviewer, model=original, year=2025, result="ended")
    assert original.assessments.get(year=2025).result == ModelResult.ENDED  # once a year
    with pytest.raises(DomainError, match="chấm dứt"):
        services.model_assess(
            acting_user=p.reviewer, model=original, year=2026, result=ModelResult.EFFECTIVE
        )
    with pytest.raises(PermissionDenied):  # the unit head registers, the police assess
        services.model_assess(
            acting_user=p.head, model=replica, year=2026, result=ModelResult.EFFECTIVE
        )
    with pytest.raises(PermissionDenied):  # not the head's unit
        services.model_register(
            acting_user=p.head,
            units=[p.other_unit],
            name="X",
            kind=ModelKind.OTHER,
            established_on=TODAY,
            today=TODAY,
        )


def test_model_register_page_keeps_what_was_typed(client):
    p = Province.build()
    client.force_login(p.reviewer)
    answer = client.post(
        reverse("model-list"),
        {
            "name": "Tổ an ninh xung kích",
            "kind": "other",
            "unit_identifiers": f"{p.unit.identifier}, KHONG-CO",
            "established_on": "2024-01-01",
        },
    )
    page = answer.content.decode()
    assert answer.status_code == 200 and "KHONG-CO" in page and "Tổ an ninh xung kích" in page
    answer = client.post(
        reverse("model-list"),
        {
            "name": "Tổ an ninh xung kích",
            "kind": "other",
            "unit_identifiers": p.unit.identifier,
            "established_on": "2024-01-01",
        },
    )
    assert answer.status_code == 302
    client.force_login(p.other_head)
    page = client.get(reverse("model-list")).content.decode()
    assert "Tổ an ninh xung kích" not in page.split('id="models"')[1]
