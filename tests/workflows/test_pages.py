"""The recognition pages as users meet them (Django test client on PostgreSQL)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossiers.models import CriterionKind, Dossier
from dossiers.models import DossierStatus as S
from tests.journeys import PDF, Journey, Province, all_met, full_meeting, sign_drafted
from workflows import deadlines
from workflows.recognition.selectors import criteria_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def login(client, user):
    client.force_login(user)
    return client


def assessment_post(dossier, **extra):
    data = {"action": "save"}
    for c in criteria_for(dossier):
        if c.kind != CriterionKind.DISQUALIFIER:
            data[f"met_{c.pk}"] = "1"
            data[f"explanation_{c.pk}"] = f"Giải trình tiêu chí {c.label}"
    data.update(extra)
    return data


def meeting_post(unit_kind, held_on="2026-10-20"):
    data = {"meeting-held_on": held_on}
    for code, (name, position) in full_meeting(unit_kind).items():
        data[f"meeting-{code}-name"] = name
        data[f"meeting-{code}-position"] = position
    return data


def test_unit_head_registers_fills_uploads_and_submits_through_the_pages(client, p, monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 3, 2))
    login(client, p.head)
    response = client.post(
        reverse("dossier-register"),
        {
            "unit": p.unit.pk,
            "cycle": p.cycle.pk,
            "households_total": 80,
            "households_registered": 80,
            "commitment": "Giữ vững an ninh trật tự",
            "has_party_organisation": "1",
            "file_party_resolution": SimpleUploadedFile("nghi-quyet.pdf", PDF),
            "file_registration": SimpleUploadedFile("dang-ky.pdf", PDF),
        },
    )
    dossier = Dossier.objects.get(unit=p.unit)
    assert response.url == reverse("dossier-assess", args=[dossier.pk])
    assert dossier.registration.documents.count() == 2

    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 10, 26))
    url = reverse("dossier-assess", args=[dossier.pk])
    required = p.cycle.routes.get(unit_kind=p.unit.kind).required_documents.all()
    files = {f"file_{k.code}": SimpleUploadedFile(f"{k.code}.pdf", PDF) for k in required}
    response = client.post(url, {**assessment_post(dossier), **meeting_post(p.unit.kind), **files})
    assert response.status_code == 302
    assert dossier.versions.get().documents.count() == 3

    response = client.post(url, assessment_post(dossier, action="submit"))
    assert response.url == reverse("dossier-detail", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED
    page = client.get(response.url).content.decode()
    assert "Đã nộp, chờ xét duyệt" in page and "Xét duyệt hồ sơ" in page
    assert "Cuộc họp đánh giá ngày 20/10/2026" in page


def test_bad_upload_is_refused_and_what_was_typed_is_kept(client, p):
    dossier = Journey(p).to("registered")
    login(client, p.head)
    url = reverse("dossier-assess", args=[dossier.pk])
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    data = assessment_post(dossier, file_minutes=fake)
    first = next(k for k in data if k.startswith("explanation_"))
    data[first] = "Nội dung rất dài tôi vừa gõ"
    response = client.post(url, data, follow=True)  # the answers saved: Post/Redirect/Get
    html = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "không đúng định dạng cho phép" in html
    assert "Nội dung rất dài tôi vừa gõ" in html
    assert dossier.versions.get().documents.count() == 0
    # and the answers were saved anyway
    assert (
        dossier.versions.get()
        .assessments.filter(explanation="Nội dung rất dài tôi vừa gõ")
        .exists()
    )


def test_autosave_answers_json_and_saves(client, p):
    dossier = Journey(p).to("registered")
    login(client, p.head)
    response = client.post(
        reverse("dossier-assess", args=[dossier.pk]), assessment_post(dossier, action="autosave")
    )
    assert response.json()["ok"] is True
    assert not dossier.versions.get().assessments.filter(met__isnull=True).exists()


def test_submit_without_documents_lists_what_is_missing(client, p):
    dossier = Journey(p).to("registered")
    login(client, p.head)
    response = client.post(
        reverse("dossier-assess", args=[dossier.pk]),
        assessment_post(dossier, action="submit"),
        follow=True,
    )
    assert "Còn thiếu tài liệu" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.REGISTERED


def test_disqualifying_event_in_window_fails_the_provisional_result(client, p):
    dossier = Journey(p).to("registered")
    login(client, p.head)
    disq = next(c for c in criteria_for(dossier) if c.kind == CriterionKind.DISQUALIFIER)
    url = reverse("dossier-assess", args=[dossier.pk])
    client.post(
        url,
        assessment_post(
            dossier,
            **{
                "action": f"event:{disq.pk}",
                f"event-occurred_on-{disq.pk}": "2026-03-05",
                f"event-description-{disq.pk}": "Tụ tập gây rối",
            },
        ),
    )
    html = client.get(url).content.decode()
    assert "Kết quả tạm tính: Chưa đạt" in html
    assert disq.label in html.split("Tiêu chí chưa đạt:")[1].split("</div>")[0]


def test_review_page_keeps_input_on_error_and_records_verdicts(client, p):
    dossier = Journey(p).to("submitted")
    login(client, p.reviewer)
    url = reverse("dossier-review", args=[dossier.pk])
    response = client.post(url, {"outcome": "refuse", "comment": ""})
    assert "Vui lòng ghi rõ lý do từ chối." in response.content.decode()
    verdicts = {f"verdict_{pk}": "1" for pk in all_met(dossier)}
    response = client.post(url, {"outcome": "forward", **verdicts})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.FORWARDED
    assert dossier.reviews.get().verdicts.count() == len(verdicts)


def test_decision_page_issues_one_numbered_decision(client, p):
    first = Journey(p, p.agency).to("proposed")
    login(client, p.committee)
    response = client.post(
        reverse("decision-create"),
        {
            "issuer": p.commune.pk,
            "dossier": [first.pk],
            f"result_{first.pk}": "1",
            "signer": p.signer.pk,
            "signer_title": "Chủ tịch",
            "authority": "tm",
            "summary": "Về việc công nhận",
        },
    )
    assert response.status_code == 302
    decision = sign_drafted(client, response, signer=p.signer, back_as=p.committee)
    html = client.get(reverse("decision-detail", args=[decision.pk])).content.decode()
    assert "Số: 01/QĐ-UBND" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "TM. ỦY BAN NHÂN DÂN" in html
    first.refresh_from_db()
    assert first.status == S.RECOGNISED


def test_dossier_page_shows_history_step_and_assignee(client, p):
    dossier = Journey(p).to("submitted")
    login(client, p.head)
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert "Lịch sử xử lý" in html
    assert "Đăng ký phấn đấu" in html and "Nộp hồ sơ" in html
    assert "Xét duyệt hồ sơ" in html and "Chưa có người nhận" in html


def test_document_download_is_scoped(client, p):
    dossier = Journey(p).to("submitted")
    document = dossier.versions.get().documents.first()
    login(client, p.head)
    response = client.get(reverse("document-download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    login(client, p.other_head)
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 404


def test_inbox_lists_the_tasks_of_my_role_and_area(client, p):
    Journey(p).to("submitted")
    other = Province.build(name="Xã Khác")
    Journey(other).to("submitted")
    login(client, p.reviewer)
    tasks = list(client.get(reverse("inbox")).context["tasks"])
    assert [t.process.dossier.unit for t in tasks] == [p.unit]


def test_process_chart_is_scoped_and_highlights_the_path(client, p):
    dossier = Journey(p).to("submitted")
    client.force_login(p.head)
    response = client.get(reverse("dossier-chart", args=[dossier.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    client.force_login(p.other_head)
    assert client.get(reverse("dossier-chart", args=[dossier.pk])).status_code == 404


def test_committee_revokes_a_recognition_with_a_reason(client, p):
    dossier = Journey(p, p.agency).to("recognised")
    client.force_login(p.committee)
    form = {
        "issuer": p.commune.pk,
        "dossier": [dossier.pk],
        "signer": p.signer.pk,
        "signer_title": "Chủ tịch",
        "authority": "tm",
        "summary": "Về việc thu hồi công nhận",
    }
    response = client.post(reverse("decision-revoke"), form)
    assert "Vui lòng ghi rõ lý do thu hồi." in response.content.decode()
    response = client.post(reverse("decision-revoke"), {**form, "reason": "Che giấu vụ việc."})
    assert response.status_code == 302
    decision = sign_drafted(client, response, signer=p.signer, back_as=p.committee)
    dossier.refresh_from_db()
    assert dossier.status == S.REVOKED
    url = reverse("decision-detail", args=[decision.pk])
    assert "Thu hồi công nhận" in client.get(url).content.decode()


def test_inbox_title_is_only_the_title(client, p):
    client.force_login(p.reviewer)
    html = client.get(reverse("inbox")).content.decode()
    assert "<title>Việc của tôi</title>" in html


def test_a_bad_event_date_keeps_what_was_typed(client, p):
    from workflows.recognition.selectors import criteria_for as criteria

    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    disq = next(c for c in criteria(dossier) if c.kind == CriterionKind.DISQUALIFIER)
    response = client.post(
        reverse("dossier-assess", args=[dossier.pk]),
        assessment_post(
            dossier,
            **{
                "action": f"event:{disq.pk}",
                f"event-occurred_on-{disq.pk}": "không phải ngày",
                f"event-description-{disq.pk}": "Mô tả tôi đã gõ",
            },
        ),
    )
    html = response.content.decode()
    assert "vui lòng nhập ngày xảy ra sự việc hợp lệ" in html
    assert 'value="Mô tả tôi đã gõ"' in html


def test_non_ascii_digits_in_filters_do_not_crash(client, p):
    client.force_login(p.reviewer)
    assert client.get(reverse("dossier-list") + "?nam=²").status_code == 200
    assert client.get(reverse("statistics") + "?nam=²").status_code == 200
    assert client.post(reverse("notification-read"), {"id": "abc"}).status_code == 302


def test_decision_form_keeps_every_choice_after_an_error(client, p):
    first = Journey(p, p.agency).to("proposed")
    second = Journey(p).to("proposed")
    client.force_login(p.committee)
    response = client.post(
        reverse("decision-create"),
        {
            "issuer": p.commune.pk,
            "dossier": [first.pk, second.pk],
            f"result_{second.pk}": "0",
            f"reason_{second.pk}": "Có cán bộ bị kỷ luật",
            "signer": "",
            "signer_title": "Chủ tịch",
            "authority": "tm",
            "summary": "Về việc công nhận",
        },
    )
    rows = {row["dossier"].pk: row for row in response.context["rows"]}
    assert rows[first.pk]["checked"] and rows[second.pk]["checked"]
    assert rows[second.pk]["recognised"] is False
    assert 'value="Có cán bộ bị kỷ luật"' in response.content.decode()
    assert "Vui lòng chọn người ký." in response.content.decode()
