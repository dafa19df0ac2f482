"""The eligibility rules of a reward nomination (DOMAIN.md §3), the council's vote, the
numbered decision and revocation — each through the services, each with the Vietnamese
message the user sees."""

import pytest
from django.core.exceptions import PermissionDenied

from dossiers.models import FlagKind, NomineeFlag, NomineeResult
from dossiers.models import NominationStatus as N
from dossiers.services import DomainError
from tests.journeys import Journey, Province
from workflows.rewards import awards, services

from .journeys import CITIZEN_ID, DECISION_FIELDS, RewardJourney, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def create(p, **kwargs):
    return RewardJourney(p, **kwargs).to("draft")


# --- eligibility -------------------------------------------------------------------------


def test_collective_needs_the_years_recognition_for_the_commune_chairmans_giay_khen(p):
    nominate = dict(form="gk-chu-tich-xa", type="regular", proposer=p.head)
    with pytest.raises(DomainError) as error:
        create(p, nominees=[{"unit": p.unit}], **nominate)
    assert str(error.value) == (
        f"Tập thể “{p.unit.name}” chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, "
        "trật tự” năm 2026, là điều kiện của hình thức “Giấy khen của Chủ tịch Ủy ban nhân "
        "dân xã, phường, đặc khu”."
    )

    Journey(p, p.unit).to("recognised")
    nomination = create(p, nominees=[{"unit": p.unit}], **nominate)
    assert nomination.status == N.DRAFT
    assert (nomination.appraise_area, nomination.decide_area) == (p.commune, p.commune)


def test_the_police_directors_giay_khen_does_not_need_recognition(p):
    nomination = create(p, type="regular", nominees=[{"unit": p.agency}])
    assert nomination.nominees.get().unit == p.agency
    assert (nomination.appraise_area, nomination.decide_area) == (p.province, p.province)


@pytest.mark.parametrize(
    "kind, label", [(FlagKind.INVESTIGATION, "đang bị điều tra"), (FlagKind.COMPLAINT, "đang")]
)
def test_a_flagged_collective_cannot_be_nominated(p, kind, label):
    NomineeFlag.objects.create(unit=p.agency, kind=kind)
    with pytest.raises(DomainError) as error:
        create(p, nominees=[{"unit": p.agency}])
    assert str(error.value) == (f"“{p.agency.name}” {kind.label}; chưa thể đề nghị khen thưởng.")
    assert label in str(error.value)


def test_a_person_under_disciplinary_review_cannot_be_nominated_until_the_flag_is_lifted(p):
    flag = NomineeFlag.objects.create(citizen_id=CITIZEN_ID, kind=FlagKind.DISCIPLINE)
    with pytest.raises(DomainError) as error:
        create(p)
    assert str(error.value) == (
        "“Trần Thị Bình” đang bị xem xét kỷ luật; chưa thể đề nghị khen thưởng."
    )
    flag.active = False
    flag.save()
    assert create(p).nominees.get().citizen_id == CITIZEN_ID


@pytest.mark.parametrize(
    "basis_type, label", [("adhoc", "đột xuất"), ("thematic", "theo chuyên đề")]
)
def test_an_adhoc_or_thematic_award_is_no_basis_for_a_regular_nomination(p, basis_type, label):
    earlier = RewardJourney(p, type=basis_type)
    earlier.to("decided")
    basis = earlier.nomination.nominees.get()
    assert basis.result == NomineeResult.AWARDED

    regular = {**person(p), "basis": basis}
    with pytest.raises(DomainError) as error:
        create(p, form="bk-chu-tich-tinh", type="regular", nominees=[regular])
    assert str(error.value) == (
        f"Khen thưởng {label} của “Trần Thị Bình” không được dùng làm căn cứ đề nghị khen "
        "thưởng thường xuyên (theo công trạng)."
    )
    # The same award may support another ad-hoc nomination.
    assert create(p, form="bk-chu-tich-tinh", type="adhoc", nominees=[regular]).pk


def test_a_regular_award_is_a_valid_basis_for_a_regular_nomination(p):
    earlier = RewardJourney(p, type="regular")
    earlier.to("decided")
    regular = {**person(p), "basis": earlier.nomination.nominees.get()}
    nomination = create(p, form="bk-chu-tich-tinh", type="regular", nominees=[regular])
    assert nomination.nominees.get().basis == earlier.nomination.nominees.get()


def test_one_nomination_per_person_form_and_year(p):
    create(p)
    with pytest.raises(DomainError) as error:
        create(p)
    assert str(error.value) == (
        "“Trần Thị Bình” đã được đề nghị “Giấy khen của Giám đốc Công an tỉnh” trong năm 2026."
    )
    assert create(p, year=2027).year == 2027
    assert create(p, form="bk-chu-tich-tinh").form.code == "bk-chu-tich-tinh"


def test_one_nomination_per_collective_form_and_year(p):
    create(p, type="regular", nominees=[{"unit": p.agency}])
    with pytest.raises(DomainError) as error:
        create(p, type="thematic", nominees=[{"unit": p.agency}])
    assert str(error.value) == (
        f"“{p.agency.name}” đã được đề nghị “Giấy khen của Giám đốc Công an tỉnh” trong năm 2026."
    )


@pytest.mark.parametrize("type", ["regular", "thematic"])
def test_the_simplified_procedure_is_only_for_adhoc_nominations(p, type):
    with pytest.raises(DomainError) as error:
        create(p, type=type, simplified=True)
    assert str(error.value) == "Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất."
    assert create(p, type="adhoc", simplified=True).simplified


def test_the_full_procedure_needs_the_minutes_and_an_achievement_report_per_nominee(p):
    journey = RewardJourney(p, type="regular", nominees=[{"unit": p.agency}, person(p)])
    nomination = journey.to("draft")
    with pytest.raises(DomainError) as error:
        services.nomination_submit(acting_user=p.reviewer, nomination=nomination)
    assert str(error.value) == (
        "Còn thiếu: Tờ trình kèm danh sách; Biên bản họp Hội đồng thi đua, khen thưởng; "
        f"Báo cáo thành tích của “{p.agency.name}”; Báo cáo thành tích của “Trần Thị Bình”."
    )
    journey.submit()
    assert journey.nomination.status == N.SUBMITTED


# --- the council's vote ------------------------------------------------------------------


@pytest.mark.parametrize(
    "total, present, votes_for, status, reason",
    [
        (9, 5, 5, N.NOT_PASSED, "Hội đồng không đủ số thành viên dự họp."),  # 5/9 < 2/3
        (9, 6, 5, N.VOTED, ""),  # exactly 2/3 present; 5 of 9 members for
        (10, 7, 5, N.NOT_PASSED, "Hội đồng không thông qua."),  # 5 of 7 present, not > 10/2
        (10, 7, 6, N.VOTED, ""),
    ],
)
def test_council_quorum_is_two_thirds_and_a_pass_needs_more_than_half_of_all_members(
    p, total, present, votes_for, status, reason
):
    journey = RewardJourney(p)
    journey.to("appraised")
    journey.vote(total=total, present=present, votes_for=votes_for, against=0)
    nomination = journey.nomination
    assert (nomination.status, nomination.result_reason) == (status, reason)
    assert nomination.vote.passed is (status == N.VOTED)
    assert nomination.vote.quorum_reached is (present * 3 >= total * 2)


def test_more_votes_than_members_present_are_refused(p):
    journey = RewardJourney(p)
    journey.to("appraised")
    with pytest.raises(DomainError) as error:
        journey.vote(total=9, present=6, votes_for=5, against=2)
    assert str(error.value) == "Tổng số phiếu vượt quá số thành viên dự họp."
    journey.nomination.refresh_from_db()
    assert journey.nomination.status == N.APPRAISED


# --- decision and revocation ---------------------------------------------------------------


def test_decisions_are_numbered_per_issuer_with_the_forms_symbol(p):
    first = RewardJourney(p)
    first.to("decided")
    assert first.decision.reference == "01/QĐ-CAT"
    assert first.decision.issuer == p.province
    assert first.nomination.status == N.DECIDED
    assert first.nomination.nominees.get().result == NomineeResult.AWARDED

    second = RewardJourney(p, nominees=[person(p, citizen_id="079201009999", full_name="An")])
    second.to("decided")
    assert second.decision.reference == "02/QĐ-CAT"

    Journey(p, p.unit).to("recognised")  # the commune's 01/QĐ-UBND
    committee = RewardJourney(
        p, form="gk-chu-tich-xa", type="regular", proposer=p.head, nominees=[{"unit": p.unit}]
    )
    committee.to("decided")
    assert committee.decision.reference == "02/QĐ-UBND"
    assert committee.decision.issuer == p.commune


def test_a_decision_needs_a_reason_for_each_nominee_not_awarded(p):
    journey = RewardJourney(p)
    journey.to("voted")
    with pytest.raises(DomainError) as error:
        journey.decide(awarded=False)
    assert str(error.value) == "Vui lòng ghi lý do không khen thưởng “Trần Thị Bình”."
    journey.decide(awarded=False, reason="Thành tích chưa tiêu biểu.")
    nominee = journey.nomination.nominees.get()
    assert (nominee.result, nominee.result_reason) == (
        NomineeResult.NOT_AWARDED,
        "Thành tích chưa tiêu biểu.",
    )


def test_an_award_is_revoked_with_a_reason_by_a_numbered_decision(p):
    journey = RewardJourney(p)
    journey.to("decided")
    nominee = journey.nomination.nominees.get()
    revoke = dict(acting_user=p.appraiser, issuer=p.province, nominees=[nominee], **DECISION_FIELDS)

    with pytest.raises(DomainError) as error:
        awards.award_revoke(reason="  ", **revoke)
    assert str(error.value) == "Vui lòng ghi rõ lý do thu hồi."

    decision = awards.award_revoke(reason="Khai man thành tích.", **revoke)
    assert decision.reference == "02/QĐ-CAT"
    assert decision.kind == "revoke"
    nominee.refresh_from_db()
    assert (nominee.result, nominee.result_reason) == (
        NomineeResult.REVOKED,
        "Khai man thành tích.",
    )
    assert journey.nomination.transitions.filter(step="revoke").exists()

    with pytest.raises(DomainError) as error:
        awards.award_revoke(reason="Lần nữa.", **revoke)
    assert str(error.value) == "“Trần Thị Bình” không có khen thưởng để thu hồi."


def test_only_the_forms_authority_may_revoke(p):
    journey = RewardJourney(p)
    journey.to("decided")
    with pytest.raises(PermissionDenied):
        awards.award_revoke(
            acting_user=p.committee,
            issuer=p.province,
            nominees=list(journey.nomination.nominees.all()),
            reason="Khai man.",
            **DECISION_FIELDS,
        )
    assert journey.nomination.nominees.get().result == NomineeResult.AWARDED


def test_the_office_and_the_proposer_hear_of_the_steps(django_capture_on_commit_callbacks):
    from notifications.models import Event, Notification
    from tests.journeys import Province

    from .journeys import RewardJourney

    p = Province.build()
    journey = RewardJourney(p)
    with django_capture_on_commit_callbacks(execute=True):
        journey.to("submitted")
    assert Notification.objects.filter(recipient=p.appraiser, event=Event.TASK).exists()
    with django_capture_on_commit_callbacks(execute=True):
        journey.appraise()
        journey.vote()
        journey.decide()
    assert Notification.objects.filter(recipient=p.reviewer, event=Event.DECIDED).count() == 1


def test_reward_reminders_reach_the_office_the_form_names():
    import datetime

    from notifications.models import Event, Notification
    from notifications.reminders import sweep
    from tests.journeys import Province
    from workflows.models import TaskDeadline

    from .journeys import RewardJourney

    p = Province.build()
    journey = RewardJourney(p, form="bk-chu-tich-tinh", type="adhoc")
    journey.to("submitted")
    deadline = TaskDeadline.objects.get(task__process=journey.nomination.process, finished_on=None)
    sweep(today=deadline.due_date - datetime.timedelta(days=1))
    near = Notification.objects.filter(event=Event.DEADLINE_NEAR)
    assert set(near.values_list("recipient__username", flat=True)) == {
        p.provincial_committee.username
    }
    assert near.first().link == f"/khen-thuong/{journey.nomination.pk}/"
