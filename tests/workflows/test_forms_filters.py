"""Bad input on the recognition pages and lists (dossiers.guards, the forms of
workflows.recognition): non-ASCII digits, huge and duplicate ids, overlong text, NUL bytes →
a message per field, the page again with what was typed, no 500 and nothing changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers.models import Assessment, Decision, MeetingAttendee
from dossiers.models import DossierStatus as S
from tests.journeys import Journey, Province, all_met

from .test_pages import assessment_post, meeting_post

pytestmark = pytest.mark.django_db

BAD_FILTER = "Điều kiện lọc không hợp lệ"
HUGE = str(2**63)
OVERLONG = "x" * 21_000
BAD_YEARS = ["２０２６", "٢٠٢٦", HUGE, "9" * 5000, "2026\x00", "-1", "²"]


@pytest.fixture
def p():
    return Province.build()


@pytest.mark.parametrize("year", BAD_YEARS)
@pytest.mark.parametrize("name", ["dossier-list", "decision-list", "statistics"])
def test_a_bad_year_gives_an_empty_list_and_a_message(client, p, name, year):
    Journey(p).to("submitted")
    client.force_login(p.reviewer)
    response = client.get(reverse(name), {"nam": year})
    assert response.status_code == 200
    assert BAD_FILTER in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"q": "2026\x00"}, {"q": "x" * 201}, {"loai": "nope"}, {"loai": "\x00"}]
)
def test_the_unit_list_refuses_nul_bytes_and_unknown_kinds(client, p, query):
    client.force_login(p.reviewer)
    response = client.get(reverse("unit-list"), query)
    assert response.status_code == 200
    assert BAD_FILTER in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_the_unit_list_filters_within_the_jurisdiction(client, p):
    client.force_login(p.reviewer)
    response = client.get(reverse("unit-list"), {"q": "Khu phố 2"})
    assert [u.pk for u in response.context["object_list"]] == [p.other_unit.pk]
    client.force_login(p.head)  # the head's jurisdiction: his unit and the agency
    response = client.get(reverse("unit-list"), {"q": "Khu phố"})
    assert [u.pk for u in response.context["object_list"]] == [p.unit.pk]


def test_the_dossier_list_filters_narrow_and_bad_ones_empty_it(client, p):
    dossier = Journey(p).to("submitted")
    client.force_login(p.reviewer)
    url = reverse("dossier-list")
    listed = client.get(url, {"nam": "2026", "trang-thai": S.SUBMITTED}).context["object_list"]
    assert [d.pk for d in listed] == [dossier.pk]
    assert list(client.get(url, {"nam": "2025"}).context["object_list"]) == []
    for bad in ({"nam": "２０２６"}, {"trang-thai": "submitted\x00"}, {"trang-thai": "x"}):
        response = client.get(url, bad)
        assert response.status_code == 200 and BAD_FILTER in response.content.decode()
        assert list(response.context["object_list"]) == []
    client.force_login(p.other_head)  # filtering never widens: not his unit
    assert list(client.get(url, {"nam": "2026"}).context["object_list"]) == []


def test_the_dossier_list_costs_a_constant_number_of_queries(client, p):
    client.force_login(p.reviewer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dossier-list"), {"nam": "2026"})
        assert response.status_code == 200
        return len(queries), response.content.decode()

    Journey(p).to("submitted")
    few, html = count()
    assert p.unit.name in html
    Journey(p, p.agency).to("submitted")
    many, html = count()
    assert p.agency.name in html
    assert many == few


def review_post(dossier, **extra):
    return {"outcome": "forward", **{f"verdict_{pk}": "1" for pk in all_met(dossier)}, **extra}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("remark", OVERLONG, "Tối đa 2000 ký tự"),
        ("remark", "có\x00NUL", "ký tự không hợp lệ (NUL)"),
        ("verdict", "２", "Vui lòng chọn “Đạt” hoặc “Chưa đạt”."),
    ],
)
def test_a_bad_verdict_is_an_error_on_its_criterion_and_nothing_changes(
    client, p, field, value, message
):
    dossier = Journey(p).to("submitted")
    pk = next(iter(all_met(dossier)))
    client.force_login(p.reviewer)
    response = client.post(
        reverse("dossier-review", args=[dossier.pk]),
        review_post(dossier, **{f"{field}_{pk}": value}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    row = html.split(f'id="tieu-chi-{pk}"')[1].split("</tr>")[0]
    assert message in row
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED and not dossier.reviews.exists()


def test_an_overlong_comment_is_refused_and_shown_again(client, p):
    dossier = Journey(p).to("submitted")
    client.force_login(p.reviewer)
    comment = "Ý kiến " + "y" * 10_001
    response = client.post(
        reverse("dossier-review", args=[dossier.pk]), review_post(dossier, comment=comment)
    )
    html = response.content.decode()
    assert "Tối đa 10000 ký tự" in html and comment in html
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED


@pytest.mark.parametrize("action", ["save", "autosave"])
def test_an_overlong_explanation_is_refused_and_nothing_is_saved(client, p, action):
    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    pk = next(iter(all_met(dossier)))
    post = assessment_post(dossier, action=action, **{f"explanation_{pk}": OVERLONG})
    response = client.post(reverse("dossier-assess", args=[dossier.pk]), post)
    assert not Assessment.objects.filter(version__dossier=dossier, met=True).exists()
    if action == "autosave":
        assert response.status_code == 400
        assert any("Tối đa 5000 ký tự" in e for e in response.json()["errors"])
    else:
        html = response.content.decode()
        assert response.status_code == 200 and "Tối đa 5000 ký tự" in html
        assert OVERLONG in html  # what was typed, shown again


def test_a_non_ascii_answer_and_a_nul_in_a_seat_are_errors(client, p):
    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    pk = next(iter(all_met(dossier)))
    meeting = meeting_post(p.unit.kind)
    seat = next(k for k in meeting if k.endswith("-name"))
    post = {**assessment_post(dossier, **{f"met_{pk}": "١"}), **meeting, seat: "Tên\x00"}
    response = client.post(reverse("dossier-assess", args=[dossier.pk]), post)
    html = response.content.decode()
    assert "Vui lòng chọn “Đạt” hoặc “Chưa đạt”." in html
    assert "Người dự họp: Nội dung có ký tự không hợp lệ (NUL)." in html
    assert not MeetingAttendee.objects.filter(meeting__version__dossier=dossier).exists()
    assert not Assessment.objects.filter(version__dossier=dossier, met=True).exists()


def decision_post(p, *dossiers, **extra):
    return {
        "issuer": p.commune.pk,
        "dossier": [d.pk for d in dossiers],
        "signer": p.signer.pk,
        "signer_title": "Chủ tịch",
        "authority": "tm",
        "summary": "Về việc công nhận",
        **extra,
    }


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("twice", "Mỗi mục chỉ được chọn một lần."),
        ([HUGE], "Mục đã chọn không tồn tại."),
        (["9" * 5000], "Mục đã chọn không tồn tại."),
        (["２"], "Mục đã chọn không hợp lệ."),
        (["1\x00"], "Mục đã chọn không hợp lệ."),
        ("other", "Có mục đã chọn không thuộc danh sách chờ xử lý."),
    ],
)
def test_bad_ids_on_the_decision_page_are_a_field_error(client, p, ids, message):
    dossier = Journey(p, p.agency).to("proposed")
    client.force_login(p.committee)
    if ids == "twice":
        ids = [dossier.pk, dossier.pk]
    elif ids == "other":
        ids = [dossier.pk, Journey(p).to("submitted").pk]
    response = client.post(reverse("decision-create"), {**decision_post(p), "dossier": ids})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Decision.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == S.PROPOSED


def test_an_overlong_reason_on_a_decision_row_is_an_error_on_that_row(client, p):
    dossier = Journey(p, p.agency).to("proposed")
    client.force_login(p.committee)
    post = decision_post(
        p, dossier, **{f"result_{dossier.pk}": "0", f"reason_{dossier.pk}": OVERLONG}
    )
    response = client.post(reverse("decision-create"), post)
    rows = {row["dossier"].pk: row for row in response.context["rows"]}
    assert any("Tối đa 2000 ký tự" in e for e in rows[dossier.pk]["errors"])
    assert not rows[dossier.pk]["recognised"] and rows[dossier.pk]["reason"] == OVERLONG
    assert not Decision.objects.exists()


def test_an_overlong_revocation_reason_is_refused(client, p):
    dossier = Journey(p, p.agency).to("recognised")
    client.force_login(p.committee)
    post = decision_post(p, dossier, reason=OVERLONG, summary="Về việc thu hồi công nhận")
    response = client.post(reverse("decision-revoke"), post)
    assert response.status_code == 200 and "Tối đa 2000 ký tự" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.RECOGNISED
