"""The evaluation meeting recorded before the dossier is sent (Circular 124, Art. 9 cl. 1
a, b, c): its date and who sat in each seat; a required seat left empty stops the
submission, and nothing typed is lost."""

import datetime

import pytest
from django.urls import reverse

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import DossierStatus as S
from dossiers.models import UnitKind
from dossiers.services import DomainError
from tests.factories import UnitFactory, level
from tests.journeys import Journey, Province, full_meeting, hold_meeting
from workflows import deadlines
from workflows.recognition import services

pytestmark = pytest.mark.django_db
MEETING_DAY = datetime.date(2026, 10, 20)


@pytest.fixture
def p(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 10, 26))
    return Province.build()


def filled_without_meeting(p, unit):
    dossier = Journey(p, unit).to("filled")
    dossier.versions.get().meeting.delete()
    return dossier


def without(unit_kind, *seats):
    attendees = full_meeting(unit_kind)
    for seat in seats:
        attendees[seat] = ("", "")
    return attendees


def test_art_9_cl_1_a_meeting_missing_front_seat_refused(p):
    dossier = filled_without_meeting(p, p.unit)
    with pytest.raises(DomainError, match="Chưa ghi cuộc họp đánh giá"):
        services.dossier_submit(acting_user=p.head, dossier=dossier)

    attendees = without(UnitKind.RESIDENTIAL_AREA, "front_committee", "mass_organisations")
    hold_meeting(p.head, dossier, held_on=MEETING_DAY, attendees=attendees)
    with pytest.raises(DomainError) as refused:
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    assert "Đại diện Ban Công tác Mặt trận" in str(refused.value)
    assert "tổ chức đoàn thể quần chúng" not in str(refused.value)  # "(nếu có)": optional
    dossier.refresh_from_db()
    assert dossier.status == S.REGISTERED
    kept = dossier.versions.get().meeting
    assert kept.held_on == MEETING_DAY
    assert kept.attendees.get(seat="party_cell_secretary").full_name

    hold_meeting(
        p.head,
        dossier,
        held_on=MEETING_DAY,
        attendees={"front_committee": ("Lê Thị Thu", "Trưởng Ban Công tác Mặt trận")},
    )
    assert services.dossier_submit(acting_user=p.head, dossier=dossier).status == S.SUBMITTED


def test_art_9_cl_1_c_organisation_meeting_needs_its_managing_authority(p):
    dossier = filled_without_meeting(p, p.agency)
    attendees = without(UnitKind.AGENCY, "managing_authority", "guard_force")
    hold_meeting(p.head, dossier, held_on=MEETING_DAY, attendees=attendees)
    with pytest.raises(DomainError) as refused:
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    assert "Đại diện cơ quan có thẩm quyền quản lý" in str(refused.value)
    assert "Lực lượng bảo vệ" not in str(refused.value)  # "(nếu có)": optional
    services.meeting_save(
        acting_user=p.head, dossier=dossier, held_on=None, attendees=full_meeting(UnitKind.AGENCY)
    )
    with pytest.raises(DomainError, match="Chưa ghi ngày họp"):
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    hold_meeting(p.head, dossier, held_on=datetime.date(2026, 10, 30), attendees={})
    with pytest.raises(DomainError, match="chưa tới"):
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    hold_meeting(p.head, dossier, held_on=MEETING_DAY, attendees={})
    assert services.dossier_submit(acting_user=p.head, dossier=dossier).status == S.SUBMITTED


def test_art_9_cl_1_b_commune_meeting_is_chaired_by_the_standing_office(p):
    commune = UnitFactory(kind=UnitKind.COMMUNE, area=p.commune, managing_level=level("province"))
    user_grant_jurisdiction(user=p.head, target=commune)
    dossier = filled_without_meeting(p, commune)
    hold_meeting(p.head, dossier, held_on=MEETING_DAY, attendees={"chair": ("", "")})
    with pytest.raises(DomainError, match="Thường trực Ban Chỉ đạo"):
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    hold_meeting(p.head, dossier, held_on=MEETING_DAY, attendees=full_meeting(commune.kind))
    assert services.dossier_submit(acting_user=p.head, dossier=dossier).status == S.SUBMITTED


def test_meeting_page_keeps_what_was_typed_and_names_the_missing_seat(client, p):
    dossier = filled_without_meeting(p, p.unit)
    client.force_login(p.head)
    url = reverse("dossier-assess", args=[dossier.pk])
    data = {"action": "submit", "meeting-held_on": "2026-10-20"}
    for code, (name, position) in without(UnitKind.RESIDENTIAL_AREA, "front_committee").items():
        data[f"meeting-{code}-name"] = name
        data[f"meeting-{code}-position"] = position
    data["meeting-party_cell_secretary-name"] = "Trần Văn Bí Thư"
    response = client.post(url, data, follow=True)  # saved, then refused: Post/Redirect/Get
    html = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "ở vị trí: Đại diện Ban Công tác Mặt trận" in html
    assert 'value="Trần Văn Bí Thư"' in html and 'value="2026-10-20"' in html
    dossier.refresh_from_db()
    assert dossier.status == S.REGISTERED

    response = client.post(url, {**data, "meeting-held_on": "20/10/2026", "action": "save"})
    assert "Ngày họp đánh giá không hợp lệ." in response.content.decode()
    assert 'value="Trần Văn Bí Thư"' in response.content.decode()


def test_meeting_is_shown_to_who_judges_it_and_copied_into_a_supplement(client, p):
    dossier = Journey(p).to("submitted")
    client.force_login(p.reviewer)
    for name in ("dossier-detail", "dossier-review"):
        html = client.get(reverse(name, args=[dossier.pk])).content.decode()
        assert "Cuộc họp đánh giá ngày 26/10/2026" in html
        assert "Đại diện Ban Công tác Mặt trận" in html and "Người dự họp 2" in html
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Bổ sung tờ trình"
    )
    first, draft = dossier.versions.order_by("number")
    assert draft.meeting.held_on == first.meeting.held_on
    copied = list(draft.meeting.attendees.values_list("seat", "full_name", "position"))
    assert copied == list(first.meeting.attendees.values_list("seat", "full_name", "position"))
    assert services.dossier_submit(acting_user=p.head, dossier=dossier).status == S.SUBMITTED
