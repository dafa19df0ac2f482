"""The reward pages as users meet them (Django test client on PostgreSQL): what was typed
is kept on an error, the service's Vietnamese message is shown, lists cost a constant
number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers.models import FlagKind, Nomination, NomineeFlag
from dossiers.models import NominationStatus as N
from tests.journeys import PDF, Journey, Province

from .journeys import CITIZEN_ID, RewardJourney, person, reward_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def individual_post(p, **extra):
    data = {
        "form": reward_form("gk-giam-doc-cat").pk,
        "type": "adhoc",
        "year": 2026,
        "simplified": "on",
        "summary": "Dũng cảm bắt cướp giật trên Quốc lộ 22.",
        "person-0-full_name": "Trần Thị Bình",
        "person-0-citizen_id": CITIZEN_ID,
        "person-0-position": "Công an viên",
        "person-0-workplace": p.agency.pk,
        "person-0-achievement": "Bắt giữ đối tượng cướp giật.",
    }
    data.update(extra)
    return data


def test_nav_links_to_the_reward_list(client, p):
    client.force_login(p.head)
    html = client.get(reverse("inbox")).content.decode()
    assert f'href="{reverse("nomination-list")}">Khen thưởng</a>' in html


def test_police_officer_creates_an_adhoc_individual_nomination(client, p):
    client.force_login(p.reviewer)
    response = client.post(reverse("nomination-create"), individual_post(p))
    nomination = Nomination.objects.get()
    assert response.url == reverse("nomination-detail", args=[nomination.pk])
    assert (nomination.type, nomination.simplified, nomination.proposer) == (
        "adhoc",
        True,
        p.reviewer,
    )
    nominee = nomination.nominees.get()
    assert (nominee.full_name, nominee.citizen_id, nominee.workplace) == (
        "Trần Thị Bình",
        CITIZEN_ID,
        p.agency,
    )
    html = client.get(response.url).content.decode()
    assert "Đang soạn" in html and "Hoàn thiện và trình đề nghị khen thưởng" in html
    assert "Phòng Xây dựng phong trào bảo vệ ANTQ (PV05), Công an tỉnh" in html
    assert "Còn thiếu: Tờ trình kèm danh sách." in html


def test_a_bad_citizen_id_is_refused_and_what_was_typed_is_kept(client, p):
    client.force_login(p.reviewer)
    response = client.post(
        reverse("nomination-create"),
        individual_post(p, **{"person-0-citizen_id": "07920100"}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in html
    assert 'value="07920100"' in html and 'value="Trần Thị Bình"' in html
    assert "Dũng cảm bắt cướp giật trên Quốc lộ 22." in html
    assert "Vui lòng nhập họ và tên." not in html  # the empty rows are not checked
    assert not Nomination.objects.exists()


def test_the_services_refusal_is_shown_and_the_form_kept(client, p):
    NomineeFlag.objects.create(citizen_id=CITIZEN_ID, kind=FlagKind.INVESTIGATION)
    client.force_login(p.reviewer)
    response = client.post(reverse("nomination-create"), individual_post(p))
    html = response.content.decode()
    assert "“Trần Thị Bình” đang bị điều tra; chưa thể đề nghị khen thưởng." in html
    assert 'value="Trần Thị Bình"' in html and f'value="{CITIZEN_ID}"' in html
    assert not Nomination.objects.exists()


def test_the_simplified_procedure_refused_for_a_regular_nomination(client, p):
    client.force_login(p.reviewer)
    response = client.post(reverse("nomination-create"), individual_post(p, type="regular"))
    assert "Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất." in response.content.decode()


def test_no_nominee_is_refused(client, p):
    client.force_login(p.reviewer)
    data = {k: v for k, v in individual_post(p).items() if not k.startswith("person-")}
    response = client.post(reverse("nomination-create"), data)
    assert "Vui lòng nêu ít nhất một tập thể hoặc cá nhân được đề nghị." in (
        response.content.decode()
    )


def test_units_outside_the_jurisdiction_cannot_be_chosen(client, p):
    other = Province.build(name="Xã Khác")
    client.force_login(p.reviewer)
    html = client.get(reverse("nomination-create")).content.decode()
    assert p.agency.name in html and other.agency.name not in html
    response = client.post(
        reverse("nomination-create"), individual_post(p, **{"person-0-workplace": other.agency.pk})
    )
    assert "Đơn vị đã chọn không thuộc thẩm quyền đề nghị của bạn." in response.content.decode()
    assert not Nomination.objects.exists()


def test_committee_staff_cannot_propose(client, p):
    client.force_login(p.committee)
    assert client.get(reverse("nomination-create")).status_code == 403


def test_recognised_dossier_offers_a_nomination_prefilled_with_the_unit_and_its_head(client, p):
    dossier = Journey(p).to("recognised")
    client.force_login(p.head)
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    link = f"{reverse('nomination-create')}?ho-so={dossier.pk}"
    assert f'href="{link}">Đề nghị khen thưởng</a>' in html

    html = client.get(link).content.decode()
    assert f'<option value="{p.unit.pk}" selected>{p.unit.name}</option>' in html
    assert f'value="{p.head.get_full_name()}"' in html
    assert f'value="Người đứng đầu {p.unit.name}"' in html

    response = client.post(
        link,
        {
            "form": reward_form("gk-chu-tich-xa").pk,
            "type": "regular",
            "year": 2026,
            "collective-0-unit": p.unit.pk,
            "person-0-full_name": p.head.get_full_name(),
            "person-0-citizen_id": CITIZEN_ID,
            "person-0-position": f"Người đứng đầu {p.unit.name}",
            "person-0-workplace": p.unit.pk,
            "person-0-user": p.head.pk,
        },
    )
    nomination = Nomination.objects.get()
    assert response.url == reverse("nomination-detail", args=[nomination.pk])
    assert {n.unit_id for n in nomination.nominees.all()} == {p.unit.pk, None}
    assert nomination.nominees.get(unit=None).user == p.head
    assert nomination.decide_area == p.commune


def test_no_nomination_link_before_recognition_nor_for_the_committee(client, p):
    dossier = Journey(p).to("submitted")
    client.force_login(p.head)
    assert (
        "Đề nghị khen thưởng"
        not in client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    )
    response = client.get(f"{reverse('nomination-create')}?ho-so={dossier.pk}")
    assert "Chỉ đề nghị khen thưởng từ hồ sơ đã được công nhận." in response.content.decode()


def test_upload_checks_and_submit_lists_what_is_missing(client, p):
    j = RewardJourney(p, type="regular", nominees=[{"unit": p.agency}], proposer=p.head)
    nomination = j.to("draft")
    client.force_login(p.head)
    upload = reverse("nomination-upload", args=[nomination.pk])
    response = client.post(
        upload, {"kind": "achievement", "file": SimpleUploadedFile("bc.pdf", PDF)}
    )
    assert "Vui lòng chọn người, tập thể của báo cáo thành tích." in response.content.decode()
    response = client.post(
        upload, {"kind": "proposal", "file": SimpleUploadedFile("to-trinh.pdf", b"MZ\x90")}
    )
    assert "không đúng định dạng cho phép" in response.content.decode()

    response = client.post(reverse("nomination-submit", args=[nomination.pk]))
    assert (
        "Còn thiếu: Tờ trình kèm danh sách; Biên bản họp Hội đồng thi đua, khen thưởng; "
        f"Báo cáo thành tích của “{p.agency.name}”." in response.content.decode()
    )
    nominee = nomination.nominees.get()
    for kind, extra in (
        ("proposal", {}),
        ("minutes", {}),
        ("achievement", {"nominee": nominee.pk}),
    ):
        response = client.post(
            upload, {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", PDF), **extra}
        )
        assert response.status_code == 302
    assert nomination.documents.count() == 3
    response = client.post(reverse("nomination-submit", args=[nomination.pk]))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == N.SUBMITTED
    html = client.get(response.url).content.decode()
    assert "Thẩm định hồ sơ khen thưởng" in html and "Trình đề nghị" in html


def test_appraisal_page_keeps_the_input_and_returns_with_the_reason(client, p):
    nomination = RewardJourney(p).to("submitted")
    NomineeFlag.objects.create(citizen_id=CITIZEN_ID, kind=FlagKind.COMPLAINT)
    client.force_login(p.appraiser)
    url = reverse("nomination-appraise", args=[nomination.pk])
    html = client.get(url).content.decode()
    assert "“Trần Thị Bình” đang có khiếu nại, tố cáo" in html  # shown to the appraiser
    response = client.post(url, {"outcome": "return", "comment": "   "})
    assert "Vui lòng ghi rõ lý do hoặc nội dung cần bổ sung." in response.content.decode()
    assert 'value="return" checked' in response.content.decode()
    response = client.post(url, {"outcome": "return", "comment": "Đang có đơn tố cáo."})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.result_reason) == (N.RETURNED, "Đang có đơn tố cáo.")
    html = client.get(response.url).content.decode()
    assert "Trả lại (không đủ điều kiện)" in html and "Lý do: Đang có đơn tố cáo." in html


def test_vote_page_refuses_impossible_counts_and_records_the_vote(client, p):
    nomination = RewardJourney(p).to("appraised")
    client.force_login(p.appraiser)
    url = reverse("nomination-vote", args=[nomination.pk])
    data = {
        "members_total": 9,
        "members_present": 6,
        "votes_for": 5,
        "votes_against": 3,
        "voted_on": "2026-12-01",
    }
    html = client.post(url, data).content.decode()
    assert "Tổng số phiếu vượt quá số thành viên dự họp." in html
    assert 'name="votes_against" value="3"' in html
    response = client.post(url, {**data, "votes_against": 1})
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Hội đồng đã biểu quyết, chờ quyết định" in html
    assert "6/9" in html and "Thông qua" in html


def decision_post(nomination, **extra):
    nominee = nomination.nominees.get()
    return {
        "group": f"{nomination.decide_area_id}-{nomination.form_id}",
        "nomination": [nomination.pk],
        f"result_{nominee.pk}": "1",
        "issued_on": "2026-12-15",
        "signer_name": "Lê Văn Cường",
        "signer_title": "Giám đốc",
        "authority": "tm",
        "summary": "Về việc tặng Giấy khen của Giám đốc Công an tỉnh",
        **extra,
    }


def test_decision_page_issues_a_numbered_police_decision(client, p):
    nomination = RewardJourney(p).to("voted")
    nominee = nomination.nominees.get()
    client.force_login(p.appraiser)
    html = client.get(reverse("reward-decision-create")).content.decode()
    assert "Trần Thị Bình" in html and "Giám đốc" in html
    response = client.post(
        reverse("reward-decision-create"),
        decision_post(nomination, **{f"result_{nominee.pk}": "0", f"reason_{nominee.pk}": ""}),
    )
    html = response.content.decode()
    assert "Vui lòng ghi lý do không khen thưởng “Trần Thị Bình”." in html
    assert '<option value="0" selected>Không khen thưởng</option>' in html

    response = client.post(reverse("reward-decision-create"), decision_post(nomination))
    decision = nomination.nominees.get().decision_items.get().decision
    assert response.url == reverse("reward-decision-detail", args=[decision.pk])
    html = client.get(response.url).content.decode()
    assert "Số: 01/QĐ-CAT" in html and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert f"CÔNG AN {p.province.name.upper()}" in html and "GIÁM ĐỐC" in html
    assert "Tặng Giấy khen của Giám đốc Công an tỉnh cho 1 cá nhân đã có thành tích" in html
    nomination.refresh_from_db()
    assert nomination.status == N.DECIDED


def test_revoke_page_needs_a_reason_and_revokes(client, p):
    nomination = RewardJourney(p).to("decided")
    nominee = nomination.nominees.get()
    client.force_login(p.appraiser)
    data = {
        "group": f"{p.province.pk}-{nomination.form_id}",
        "nominee": [nominee.pk],
        "issued_on": "2026-12-20",
        "signer_name": "Lê Văn Cường",
        "signer_title": "Giám đốc",
        "authority": "tm",
        "summary": "Về việc thu hồi Giấy khen",
    }
    response = client.post(reverse("reward-revoke"), data)
    assert "Vui lòng ghi rõ lý do thu hồi." in response.content.decode()
    response = client.post(reverse("reward-revoke"), {**data, "reason": "Khai man thành tích."})
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Số: 02/QĐ-CAT" in html and "Thu hồi Giấy khen của Giám đốc Công an tỉnh" in html
    assert "Khai man thành tích." in html
    nominee.refresh_from_db()
    assert nominee.result == "revoked"


def test_the_list_costs_a_constant_number_of_queries(client, p):
    client.force_login(p.appraiser)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("nomination-list"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    RewardJourney(p).to("submitted")
    few, html = count()
    assert "Trần Thị Bình" in html and "Thẩm định hồ sơ khen thưởng" in html
    for i in range(4):
        citizen_id = f"07920100{i:04d}"
        RewardJourney(p, nominees=[person(p, citizen_id=citizen_id, full_name=f"Người {i}")]).to(
            "submitted"
        )
    many, html = count()
    assert "Người 3" in html
    assert many == few


def test_reward_tasks_reach_the_inbox_and_admin_lists_stay_sound(client):
    from accounts.models import Role
    from tests.factories import UserFactory

    from .journeys import issue

    p = Province.build()
    RewardJourney(p, nominees=[person(p, citizen_id="079000000009")]).to("submitted")
    client.force_login(p.appraiser)
    html = client.get(reverse("inbox")).content.decode()
    assert "Thẩm định hồ sơ khen thưởng" in html
    journey = RewardJourney(p)
    journey.to("voted")
    decision = issue(journey)
    assert decision.get_kind_display() == "Khen thưởng"
    assert decision.reference.endswith("/QĐ-CAT")
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("decision-list")).status_code == 200
    assert client.get(reverse("decision-detail", args=[decision.pk])).status_code == 404
