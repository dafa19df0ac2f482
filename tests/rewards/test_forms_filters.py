"""Bad input on the reward pages and lists: non-ASCII digits, huge and duplicate ids,
overlong text, NUL bytes → a message, no 500, nothing changed."""

import pytest
from django.urls import reverse

from dossiers.models import Decision
from dossiers.models import NominationStatus as N
from tests.journeys import Province

from .journeys import RewardJourney
from .test_pages import decision_post

pytestmark = pytest.mark.django_db

BAD_FILTER = "Điều kiện lọc không hợp lệ"
HUGE = str(2**63)


@pytest.fixture
def p():
    return Province.build()


@pytest.mark.parametrize(
    "query",
    [{"nam": "２０２６"}, {"nam": "٢٠٢٦"}, {"nam": HUGE}, {"nam": "2026\x00"}, {"trang-thai": "x"}],
)
@pytest.mark.parametrize("name", ["nomination-list", "reward-decision-list"])
def test_a_bad_filter_gives_an_empty_list_and_a_message(client, p, name, query):
    if name == "reward-decision-list" and "trang-thai" in query:
        query = {"nam": "\x002026"}  # the decision list filters by year only
    RewardJourney(p).to("decided")
    client.force_login(p.appraiser)
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert BAD_FILTER in html
    assert "Trần Thị Bình" not in html.split("</h1>", 1)[1].split("</table>")[-2]


def test_the_nomination_list_filters_by_year_and_status(client, p):
    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)
    url = reverse("nomination-list")
    listed = client.get(url, {"nam": nomination.year, "trang-thai": N.SUBMITTED})
    assert [n.pk for n in listed.context["object_list"]] == [nomination.pk]
    assert list(client.get(url, {"nam": nomination.year + 1}).context["object_list"]) == []


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("twice", "Mỗi mục chỉ được chọn một lần."),
        ([HUGE], "Mục đã chọn không tồn tại."),
        (["２"], "Mục đã chọn không hợp lệ."),
        (["1\x00"], "Mục đã chọn không hợp lệ."),
    ],
)
def test_bad_ids_on_the_reward_decision_page_are_refused(client, p, ids, message):
    nomination = RewardJourney(p).to("voted")
    client.force_login(p.appraiser)
    if ids == "twice":
        ids = [nomination.pk, nomination.pk]
    response = client.post(
        reverse("reward-decision-create"), {**decision_post(nomination), "nomination": ids}
    )
    assert response.status_code == 200 and message in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == N.VOTED and not Decision.objects.exists()


def test_an_overlong_reason_on_a_nominee_is_an_error_on_its_row(client, p):
    nomination = RewardJourney(p).to("voted")
    nominee = nomination.nominees.get()
    client.force_login(p.appraiser)
    post = decision_post(
        nomination, **{f"result_{nominee.pk}": "0", f"reason_{nominee.pk}": "x" * 21_000}
    )
    response = client.post(reverse("reward-decision-create"), post)
    row = response.context["rows"][0]["nominees"][0]
    assert any("Tối đa 2000 ký tự" in e for e in row["errors"])
    assert not row["awarded"] and row["reason"] == "x" * 21_000
    nomination.refresh_from_db()
    assert nomination.status == N.VOTED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nominee", [HUGE], "Mục đã chọn không tồn tại."),
        ("nominee", ["٣"], "Mục đã chọn không hợp lệ."),
        ("reason", "x" * 21_000, "Tối đa 2000 ký tự"),
    ],
)
def test_bad_input_on_the_revoke_page_is_refused(client, p, field, value, message):
    nomination = RewardJourney(p).to("decided")
    nominee = nomination.nominees.get()
    client.force_login(p.appraiser)
    data = {
        "group": f"{p.province.pk}-{nomination.form_id}",
        "nominee": [nominee.pk],
        "reason": "Khai man thành tích",
        "issued_on": "2026-12-20",
        "signer_name": "Lê Văn Cường",
        "signer_title": "Giám đốc",
        "authority": "tm",
        "summary": "Về việc thu hồi Giấy khen",
        field: value,
    }
    response = client.post(reverse("reward-revoke"), data)
    assert response.status_code == 200 and message in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == N.DECIDED
