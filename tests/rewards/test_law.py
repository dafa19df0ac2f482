"""Rewards as the law assigns them (DOMAIN.md §3; Decree 152/2025/NĐ-CP Art. 4; the
published procedures' 20 / 5 / 10 working days): the Minister's Bằng khen recorded, never
numbered; the office's 5 days to return; 20 days to appraise; 10 days to send the decision
out; the blocking checks; quorum and majority per form — through the services and the pages
as users meet them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.models import Role
from dossiers.models import (
    Decision,
    DecisionCounter,
    FlagKind,
    NomineeFlag,
    NomineeResult,
    RecordedDecision,
    RewardForm,
)
from dossiers.models import NominationStatus as N
from dossiers.services import DomainError
from notifications.calendar import add_working_days
from tests.factories import UserFactory
from tests.journeys import Province
from workflows import deadlines
from workflows.models import TaskDeadline
from workflows.rewards import awards, services
from workflows.rewards.recorded import external_decision_record

from .journeys import CITIZEN_ID, RewardJourney, issue, person, reward_form

pytestmark = pytest.mark.django_db
MINISTER = "Quyết định của Bộ trưởng Bộ Công an — tỉnh ghi nhận"


@pytest.fixture
def p():
    return Province.build()


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): the services and pages see `date` as today."""

    def set_day(day):
        monkeypatch.setattr(deadlines, "today", lambda: day)

    return set_day


def other_person(p, n=9):
    return person(p, citizen_id=f"07920100999{n}", full_name=f"Nguyễn Văn {n}")


def open_deadline(nomination, step):
    return TaskDeadline.objects.get(task__process=nomination.process, step=step, finished_on=None)


# --- the Minister's Bằng khen: recorded as issued, never numbered here ---------------------


def record_post(nomination, **extra):
    nominee = nomination.nominees.get()
    return {
        "group": f"{nomination.decide_area_id}-{nomination.form_id}",
        "nomination": [nomination.pk],
        f"result_{nominee.pk}": "1",
        "reference": "1234/QĐ-BCA",
        "issued_on": "2026-12-20",
        **extra,
    }


def test_migration_sets_the_ministers_form_to_recorded_and_the_laws_defaults():
    minister = reward_form("bk-bo-truong-bca")
    assert (minister.decided_externally, minister.external_authority) == (
        True,
        "Bộ trưởng Bộ Công an",
    )
    assert minister.external_label == MINISTER
    for form in RewardForm.objects.filter(code__startswith="gk-"):
        assert not form.decided_externally
    rules = RewardForm.objects.values_list(
        "appraise_working_days",
        "return_working_days",
        "send_out_working_days",
        "quorum_numerator",
        "quorum_denominator",
        "majority_numerator",
        "majority_denominator",
    )
    assert set(rules) == {(20, 5, 10, 2, 3, 1, 2)}


def test_minister_bang_khen_is_recorded_not_numbered(client, p):
    minister = RewardJourney(p, form="bk-bo-truong-bca")
    nomination = minister.to("voted")
    nominee = nomination.nominees.get()
    with pytest.raises(DomainError) as error:
        issue(minister)
    assert str(error.value) == (
        "“Bằng khen của Bộ trưởng Bộ Công an” do Bộ trưởng Bộ Công an quyết định; tỉnh chỉ "
        "ghi nhận kết quả, không ban hành, đánh số quyết định."
    )

    client.force_login(p.appraiser)  # the provincial police that handled the form
    assert "Trần Thị Bình" not in client.get(reverse("reward-decision-create")).content.decode()
    url = reverse("reward-decision-record")
    html = client.get(url).content.decode()
    assert MINISTER in html and "Trần Thị Bình" in html
    for reference, message in (
        ("   ", "Vui lòng nhập số, ký hiệu quyết định như trên văn bản đã ban hành."),
        ("1" * 65, "Số, ký hiệu quyết định không quá 64 ký tự."),
    ):
        html = client.post(url, record_post(nomination, reference=reference)).content.decode()
        assert message in html
    assert not RecordedDecision.objects.exists()

    response = client.post(url, record_post(nomination))
    assert response.url == reverse("reward-decision-list")
    recorded = RecordedDecision.objects.get()
    assert (recorded.reference, recorded.issued_on, recorded.authority) == (
        "1234/QĐ-BCA",
        datetime.date(2026, 12, 20),
        "Bộ trưởng Bộ Công an",
    )
    nominee.refresh_from_db()
    nomination.refresh_from_db()
    assert (nominee.result, nominee.recorded_decision) == (NomineeResult.AWARDED, recorded)
    assert nomination.status == N.DECIDED
    assert not Decision.objects.exists() and not DecisionCounter.objects.exists()
    for page in (reverse("nomination-detail", args=[nomination.pk]), response.url):
        html = client.get(page).content.decode()
        assert "1234/QĐ-BCA" in html and "20/12/2026" in html and MINISTER in html
        assert "Số: " not in html  # no decision text is generated for it

    # The province's own series is untouched: its first police decision is 01.
    police = RewardJourney(p, nominees=[other_person(p)])
    police.to("decided")
    assert police.decision.reference == "01/QĐ-CAT"


def test_the_ministers_decision_is_recorded_once_by_the_provincial_police(client, p):
    first = RewardJourney(p, form="bk-bo-truong-bca").to("voted")
    second = RewardJourney(p, form="bk-bo-truong-bca", nominees=[other_person(p)]).to("voted")
    client.force_login(p.head)
    assert client.get(reverse("reward-decision-record")).status_code == 403
    client.force_login(p.provincial_committee)
    html = client.get(reverse("reward-decision-record")).content.decode()
    assert "Không có đề nghị nào chờ ghi nhận kết quả trong thẩm quyền của bạn." in html
    with pytest.raises(PermissionDenied):
        external_decision_record(
            acting_user=p.provincial_committee,
            recorded_in=p.province,
            results=[(n, True, "") for n in first.nominees.all()],
            reference="1234/QĐ-BCA",
            issued_on=datetime.date(2026, 12, 20),
        )
    with pytest.raises(DomainError):  # it waits in the province, not in the commune
        external_decision_record(
            acting_user=p.appraiser,
            recorded_in=p.commune,
            results=[(n, True, "") for n in first.nominees.all()],
            reference="1234/QĐ-BCA",
            issued_on=datetime.date(2026, 12, 20),
        )
    for nomination, awarded in ((first, True), (second, False)):
        external_decision_record(
            acting_user=p.appraiser,
            recorded_in=p.province,
            results=[(n, awarded, "") for n in nomination.nominees.all()],
            reference="1234/QĐ-BCA",
            issued_on=datetime.date(2026, 12, 20),
        )
    recorded = RecordedDecision.objects.get()
    assert sorted(recorded.nominees.values_list("result", flat=True)) == [
        NomineeResult.AWARDED,
        NomineeResult.NOT_AWARDED,
    ]
    with pytest.raises(DomainError) as error:  # nor revoked here
        awards.award_revoke(
            acting_user=p.appraiser,
            issuer=p.province,
            nominees=list(first.nominees.all()),
            reason="Khai man.",
            issued_on=datetime.date(2026, 12, 30),
            signer_name="Lê Văn Cường",
            signer_title="Giám đốc",
            authority="tm",
            summary="Về việc thu hồi",
        )
    assert "do Bộ trưởng Bộ Công an quyết định" in str(error.value)


# --- deadlines: 20 to appraise, 5 to return, 10 to send the decision out --------------------


def test_office_returns_within_5_working_days(client, p, on_day):
    on_day(datetime.date(2026, 2, 12))  # Thursday before Tết (14–22/02 off)
    late = RewardJourney(p).to("submitted")
    on_time = RewardJourney(p, nominees=[other_person(p)]).to("submitted")
    assert (late.received_on, late.return_due_on) == (
        datetime.date(2026, 2, 12),
        datetime.date(2026, 2, 26),
    )
    client.force_login(p.appraiser)

    def page(nomination):
        return client.get(reverse("nomination-detail", args=[nomination.pk])).content.decode()

    assert "26/02/2026 (5 ngày làm việc kể từ ngày nhận hồ sơ 12/02/2026)" in page(late)
    on_day(datetime.date(2026, 2, 26))
    services.nomination_appraise(
        acting_user=p.appraiser, nomination=on_time, outcome="supplement", comment="Bổ sung."
    )
    on_day(datetime.date(2026, 2, 27))
    assert "Quá hạn, chưa thực hiện" in page(late)
    services.nomination_appraise(
        acting_user=p.appraiser, nomination=late, outcome="return", comment="Không đủ điều kiện."
    )
    assert "đã trả lại, yêu cầu bổ sung ngày 27/02/2026: <strong>Quá hạn</strong>" in page(late)
    assert "ngày 26/02/2026: <strong>Đúng hạn</strong>" in page(on_time)
    # The proposer's supplement time is the form's own, not the office's 5 days.
    supplement = open_deadline(on_time, "supplement")
    assert supplement.due_date == add_working_days(datetime.date(2026, 2, 26), 10)


def test_appraisal_within_20_working_days_and_no_deadline_for_deciding(p, on_day):
    form = reward_form("gk-giam-doc-cat")
    form.appraise_working_days = 15  # the form's data, not a constant
    form.save()
    on_day(datetime.date(2026, 10, 1))
    journey = RewardJourney(p, form=form)
    nomination = journey.to("submitted")
    appraisal = open_deadline(nomination, "appraise")
    assert appraisal.due_date == add_working_days(datetime.date(2026, 10, 1), 15)
    on_day(datetime.date(2026, 10, 5))
    journey.appraise()
    # The council's vote closes the same appraisal: due on the appraisal's date.
    assert open_deadline(journey.nomination, "appraise").due_date == appraisal.due_date
    journey.vote()
    assert journey.nomination.status == N.VOTED
    assert not TaskDeadline.objects.filter(
        task__process=nomination.process, finished_on=None
    ).exists()


def test_decision_sent_out_within_10_working_days(client, p, on_day):
    journey = RewardJourney(p)
    journey.to("decided")  # issued 15/12/2026
    decision = journey.decision
    assert decision.dispatch.due_on == datetime.date(2026, 12, 29)
    assert decision.dispatch.due_on == add_working_days(decision.issued_on, 10)
    on_day(datetime.date(2026, 12, 30))
    url = reverse("reward-decision-detail", args=[decision.pk])
    sent = reverse("reward-decision-sent", args=[decision.pk])

    client.force_login(p.reviewer)  # the proposer sees it but does not send it
    assert client.post(sent, {"sent_on": "2026-12-29"}).status_code == 403

    client.force_login(p.appraiser)
    html = client.get(url).content.decode()
    assert (
        "Hạn gửi: <strong>29/12/2026</strong> (10 ngày làm việc kể từ ngày ban hành 15/12/2026)"
        in html
    )
    assert "Quá hạn, chưa thực hiện" in html
    for day, message in (
        ("2026-12-14", "Ngày gửi không được trước ngày ban hành quyết định."),
        ("2026-12-31", "Ngày gửi không được sau ngày hôm nay."),
    ):
        assert message in client.post(sent, {"sent_on": day}, follow=True).content.decode()
    html = client.post(sent, {"sent_on": "2026-12-29"}, follow=True).content.decode()
    assert 'Đã gửi ngày 29/12/2026 — <strong id="dispatch-status">Đúng hạn</strong>' in html
    html = client.post(sent, {"sent_on": "2026-12-30"}, follow=True).content.decode()
    assert "Đã ghi nhận gửi quyết định ngày 29/12/2026." in html
    assert "Hạn 29/12/2026" not in client.get(reverse("reward-decision-list")).content.decode()

    form = journey.form
    form.send_out_working_days = 3
    form.save()
    later = RewardJourney(p, nominees=[other_person(p)])
    later.to("decided")
    assert later.decision.dispatch.due_on == add_working_days(decision.issued_on, 3)


# --- Decree 152/2025 Art. 4 cl. 4: the blocking checks --------------------------------------


def test_nd152_art_4_inspection_flag_blocks(p):
    flag = NomineeFlag.objects.create(unit=p.agency, kind=FlagKind.INSPECTION)
    journey = dict(type="regular", nominees=[{"unit": p.agency}])
    with pytest.raises(DomainError) as error:
        RewardJourney(p, **journey).to("draft")
    assert str(error.value) == (
        f"“{p.agency.name}” đang bị thanh tra, kiểm tra khi có dấu hiệu vi phạm; chưa thể "
        "đề nghị khen thưởng."
    )
    flag.active = False
    flag.save()
    assert RewardJourney(p, **journey).to("draft").status == N.DRAFT


def test_nd152_art_4_press_corruption_flag_blocks(client, p):
    journey = RewardJourney(p)
    nomination = journey.to("draft")
    journey.documents()
    NomineeFlag.objects.create(citizen_id=CITIZEN_ID, kind=FlagKind.PRESS)
    client.force_login(p.reviewer)
    html = client.post(reverse("nomination-submit", args=[nomination.pk])).content.decode()
    assert (
        "“Trần Thị Bình” có vấn đề tham nhũng, tiêu cực được báo chí nêu đang được xác minh "
        "làm rõ; chưa thể đề nghị khen thưởng." in html
    )
    nomination.refresh_from_db()
    assert nomination.status == N.DRAFT


# --- the council's vote: quorum and majority per form ---------------------------------------


@pytest.mark.parametrize(
    "present, votes_for, status, reason",
    [
        (8, 8, N.NOT_PASSED, "Hội đồng không đủ số thành viên dự họp."),  # 8/12 < 3/4
        (9, 8, N.NOT_PASSED, "Hội đồng không thông qua."),  # 8/12 is not more than 2/3
        (9, 9, N.VOTED, ""),
    ],
)
def test_quorum_and_majority_are_per_form(client, p, present, votes_for, status, reason):
    form = reward_form("gk-giam-doc-cat")
    form.quorum_numerator, form.quorum_denominator = 3, 4
    form.majority_numerator, form.majority_denominator = 2, 3
    form.save()
    journey = RewardJourney(p, form=form)
    journey.to("appraised")
    journey.vote(total=12, present=present, votes_for=votes_for, against=0)
    nomination = journey.nomination
    assert (nomination.status, nomination.result_reason) == (status, reason)
    client.force_login(p.appraiser)
    html = client.get(reverse("nomination-detail", args=[nomination.pk])).content.decode()
    assert "(ít nhất 3/4 tổng số thành viên)" in html
    assert "(cần trên 2/3 tổng số thành viên tán thành)" in html


def test_the_admin_edits_the_rules_of_a_reward_form_in_vietnamese(client):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = reward_form("bk-bo-truong-bca")
    url = reverse("admin:dossiers_rewardform_change", args=[form.pk])
    html = client.get(url).content.decode()
    for label in (
        "Cấp trên quyết định; tỉnh ghi nhận kết quả",
        "Thời hạn thẩm định (ngày làm việc, từ khi nhận đủ hồ sơ)",
        "Thời hạn gửi quyết định sau khi ban hành (ngày làm việc)",
        "Số thành viên dự họp tối thiểu — tử số",
        "Số phiếu tán thành phải vượt quá — mẫu số",
    ):
        assert label in html
    data = {k: v for k, v in model_to_dict(form).items() if v is not False and k != "id"}
    response = client.post(url, {**data, "external_authority": ""})
    assert "Vui lòng nêu cơ quan, người quyết định ở cấp trên." in response.content.decode()
    response = client.post(url, {**data, "quorum_numerator": 3, "quorum_denominator": 4})
    assert response.status_code == 302
    form.refresh_from_db()
    assert (form.quorum_numerator, form.quorum_denominator) == (3, 4)
