"""Authority as one rule (issue 12; DESIGN.md "Permissions"; Circular 124, Art. 9–10): a step
or decision is taken only by staff of the office the routing (or the reward form) names for
it, by a grant in force today. A higher level's staff read it but never act or issue; a lower
level's office may not act; an expired grant neither acts nor reads today's cycle; another
role at the very office may not act. Every refusal is a PermissionDenied (403 through the
views) and leaves the dossier or nomination, its history, decisions and deadlines unchanged;
the inbox offers the step exactly to those allowed to take it; a read outside the
jurisdiction is a 404.

One parametrised table: every step × role × {own office, a higher level's, a lower level's,
an expired grant}. The world is built once per case with factories, driven through the real
services (tests.journeys, tests.rewards.journeys)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import (
    AdministrativeArea,
    AreaLevel,
    CouncilVote,
    Decision,
    Dossier,
    DossierTransition,
    Nomination,
    NominationTransition,
    RecordedRecognition,
    UnitKind,
)
from tests.factories import UnitFactory, UserFactory
from tests.journeys import Journey, Province, all_met, decide
from tests.rewards.journeys import DECISION_FIELDS, RewardJourney, issue
from workflows.deadlines import deadline_extend
from workflows.models import TaskDeadline
from workflows.recognition import services
from workflows.recognition.selectors import inbox_tasks
from workflows.rewards import awards
from workflows.rewards import services as reward_services
from workflows.rewards.selectors import reward_inbox_tasks

pytestmark = pytest.mark.django_db

# The 2024 district officer's kind of grant: valid until 30/06/2025, before today's cycle.
EXPIRED = (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
SIGNATURE = {
    "issued_on": datetime.date(2026, 12, 20),
    "signer_name": "Huỳnh Văn Giang",
    "signer_title": "Chủ tịch",
    "authority": "TM",
    "summary": "Về việc thu hồi",
}


def ministry():
    return AdministrativeArea.objects.get(level__code=AreaLevel.MINISTRY, parent=None)


@dataclass
class Step:
    """One step: how to reach its state, take it as `user`, and which areas are the own
    office, a higher level's and a lower level's."""

    prepare: Callable  # (p) -> subject (a dossier or a nomination)
    act: Callable  # (p, subject, user) -> None
    role: str  # the role the step needs
    wrong_role: str  # another office's role
    own: Callable  # (p, subject) -> area
    higher: Callable
    lower: Callable
    in_inbox: bool = False  # a flow task the user's inbox offers
    reads_below: bool = True  # the lower office's grant covers the subject (read 200)
    reads_above: bool = True  # the higher office's grant covers the subject (read 200)
    head_reads: bool = True  # the unit's head sees the subject


# --- recognition ----------------------------------------------------------------------


def _ministry_unit_forwarded(p):
    """An agency a Ministry department follows: the provincial police receive, review and
    transmit it; the Minister decides, the province records (Art. 9 cl. 1 d, Art. 10 cl. 4)."""
    unit = UnitFactory(kind=UnitKind.AGENCY, area=p.commune, followed_by_ministry=True)
    user_grant_jurisdiction(user=p.head, target=unit)
    dossier = Journey(p, unit).to("submitted")
    return services.dossier_review(
        acting_user=p.appraiser, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
    )


def _extend(p, dossier, user):
    deadline = TaskDeadline.objects.get(task__process_id=dossier.process_id, finished_on=None)
    deadline_extend(
        acting_user=user,
        deadline=deadline,
        new_due=deadline.due_date + datetime.timedelta(days=14),
        reason="Cần xác minh thực tế.",
    )


def _revoke(p, dossier, user):
    services.decision_revoke(
        acting_user=user,
        issuer=dossier.decide_area,
        dossiers=[dossier],
        reason="Phát hiện vụ việc trong kỳ đánh giá.",
        **SIGNATURE,
    )


COMMUNE = lambda p, s: p.commune  # noqa: E731
PROVINCE = lambda p, s: p.province  # noqa: E731
RESIDENTIAL = lambda p, s: p.unit.area  # noqa: E731
MINISTRY = lambda p, s: ministry()  # noqa: E731
POLICE, COMMITTEE = Role.REVIEWING_POLICE, Role.COMMITTEE_STAFF

RECOGNITION = {
    "review": Step(
        prepare=lambda p: Journey(p).to("submitted"),
        act=lambda p, d, u: services.dossier_review(
            acting_user=u, dossier=d, outcome="forward", verdicts=all_met(d)
        ),
        role=POLICE,
        wrong_role=COMMITTEE,
        own=COMMUNE,
        higher=PROVINCE,
        lower=RESIDENTIAL,
        in_inbox=True,
    ),
    "appraise": Step(
        prepare=lambda p: Journey(p).to("forwarded"),
        act=lambda p, d, u: services.dossier_appraise(
            acting_user=u, dossier=d, outcome="propose", verdicts=all_met(d)
        ),
        role=Role.APPRAISING_POLICE,
        wrong_role=COMMITTEE,
        own=PROVINCE,
        higher=MINISTRY,
        lower=COMMUNE,
        in_inbox=True,
        reads_above=False,  # the Ministry's own area is a root of its own, not above a province
    ),
    "decide": Step(
        prepare=lambda p: Journey(p).to("proposed"),
        act=lambda p, d, u: decide(p, [d], user=u, issuer=d.decide_area),
        role=COMMITTEE,
        wrong_role=POLICE,
        own=COMMUNE,
        higher=PROVINCE,
        lower=RESIDENTIAL,
        in_inbox=True,
    ),
    "record": Step(
        prepare=_ministry_unit_forwarded,
        act=lambda p, d, u: services.minister_decision_record(
            acting_user=u,
            results=[(d, True, "")],
            reference="123/QĐ-BCA",
            issued_on=datetime.date(2026, 11, 18),
        ),
        role=Role.APPRAISING_POLICE,
        wrong_role=COMMITTEE,
        own=PROVINCE,
        higher=MINISTRY,
        lower=COMMUNE,
    ),
    "revoke": Step(
        prepare=lambda p: Journey(p).to("recognised"),
        act=_revoke,
        role=COMMITTEE,
        wrong_role=POLICE,
        own=COMMUNE,
        higher=PROVINCE,
        lower=RESIDENTIAL,
    ),
    "extend": Step(
        prepare=lambda p: Journey(p).to("submitted"),
        act=_extend,
        role=POLICE,
        wrong_role=COMMITTEE,
        own=COMMUNE,
        higher=PROVINCE,
        lower=RESIDENTIAL,
    ),
}

# --- rewards: the commune chairman's Giấy khen, appraised and decided by the commune's office


def _reward(to):
    def prepare(p):
        journey = RewardJourney(p, form="gk-chu-tich-xa")
        journey.to(to)
        journey.nomination.journey = journey
        return journey.nomination

    return prepare


def _award_revoke(p, nomination, user):
    awards.award_revoke(
        acting_user=user,
        issuer=nomination.decide_area,
        nominees=list(nomination.nominees.all()),
        reason="Thành tích không đúng sự thật.",
        **DECISION_FIELDS,
    )


REWARD = dict(
    role=COMMITTEE,
    wrong_role=POLICE,
    own=COMMUNE,
    higher=PROVINCE,
    lower=RESIDENTIAL,
    reads_below=False,  # the nominee works for the commune's agency, not in Khu phố 1
    head_reads=False,  # a person working at the head's agency is not the unit's nomination
)
REWARDS = {
    "reward-appraise": Step(
        prepare=_reward("submitted"),
        act=lambda p, n, u: reward_services.nomination_appraise(
            acting_user=u, nomination=n, outcome="forward"
        ),
        in_inbox=True,
        **REWARD,
    ),
    "reward-vote": Step(
        prepare=_reward("appraised"),
        act=lambda p, n, u: reward_services.nomination_record_vote(
            acting_user=u,
            nomination=n,
            members_total=9,
            members_present=7,
            votes_for=6,
            votes_against=1,
            voted_on=datetime.date(2026, 12, 1),
        ),
        in_inbox=True,
        **REWARD,
    ),
    "reward-decide": Step(
        prepare=_reward("voted"),
        act=lambda p, n, u: issue(n.journey, user=u),
        **REWARD,
    ),
    "reward-revoke": Step(prepare=_reward("decided"), act=_award_revoke, **REWARD),
}
STEPS = {**RECOGNITION, **REWARDS}

# (who, scope) -> the actor: the step's role at an office, or another role at the own office.
ACTORS = ["own", "higher", "lower", "expired", "other-role", "observer", "unit-head"]


def actor(p, step: Step, subject, who: str):
    if who == "unit-head":
        return p.head
    role = {"other-role": step.wrong_role, "observer": Role.OBSERVER}.get(who, step.role)
    area = {"higher": step.higher, "lower": step.lower}.get(who, step.own)(p, subject)
    user = UserFactory(role=role)
    valid_from, valid_to = EXPIRED if who == "expired" else (None, None)
    user_grant_jurisdiction(user=user, target=area, valid_from=valid_from, valid_to=valid_to)
    return user


def expected(step: Step, who: str) -> tuple[bool, int]:
    """(may act, read status)."""
    if who == "own":
        return True, 200
    if who == "expired":  # acts no more; reads 2024–2025 cycles, not today's 2026 one
        return False, 404
    if who == "higher":
        return False, 200 if step.reads_above else 404
    if who == "lower":
        return False, 200 if step.reads_below else 404
    if who == "unit-head":
        return False, 200 if step.head_reads else 404
    return False, 200  # another role, an observer: the same office, not their step


def snapshot(subject):
    """Everything a step or decision could change."""
    decisions = Decision.objects.count()
    if isinstance(subject, Dossier):
        d = Dossier.objects.get(pk=subject.pk)
        return (
            d.status,
            d.result_reason,
            DossierTransition.objects.filter(dossier=d).count(),
            decisions,
            RecordedRecognition.objects.count(),
            list(
                TaskDeadline.objects.filter(task__process_id=d.process_id)
                .order_by("pk")
                .values_list("due_date", "extended", "finished_on")
            ),
        )
    n = Nomination.objects.get(pk=subject.pk)
    return (
        n.status,
        list(n.nominees.order_by("pk").values_list("result", "result_reason")),
        NominationTransition.objects.filter(nomination=n).count(),
        CouncilVote.objects.filter(nomination=n).count(),
        decisions,
    )


def in_inbox(user, subject) -> bool:
    if isinstance(subject, Dossier):
        return inbox_tasks(user).filter(process_id=subject.process_id).exists()
    return reward_inbox_tasks(user).filter(process_id=subject.process_id).exists()


def read_status(client, user, subject) -> int:
    client.force_login(user)
    name = "dossier-detail" if isinstance(subject, Dossier) else "nomination-detail"
    return client.get(reverse(name, args=[subject.pk])).status_code


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("step_name", list(STEPS))
def test_authority_matrix(step_name, who, client):
    step = STEPS[step_name]
    p = Province.build()
    subject = step.prepare(p)
    user = actor(p, step, subject, who)
    may_act, read = expected(step, who)

    assert read_status(client, user, subject) == read
    if step.in_inbox:
        assert in_inbox(user, subject) is may_act
    before = snapshot(subject)
    if may_act:
        step.act(p, subject, user)
        assert snapshot(subject) != before
    else:
        with pytest.raises(PermissionDenied):
            step.act(p, subject, user)
        assert snapshot(subject) == before


def _outsider(p, role):
    user = UserFactory(role=role)
    user_grant_jurisdiction(user=user, target=p.province)
    return user


REFUSED_FIRST = {
    # A dossier not yet filled: its rules would list what is missing.
    "dossier_submit": (
        lambda p: Journey(p).to("registered"),
        lambda p, d: services.dossier_submit(acting_user=p.other_head, dossier=d),
    ),
    "nomination_submit": (
        lambda p: RewardJourney(p, form="gk-chu-tich-xa").draft().nomination,
        lambda p, n: reward_services.nomination_submit(
            acting_user=_outsider(p, Role.REVIEWING_POLICE), nomination=n
        ),
    ),
    "nomination_appraise": (
        _reward("submitted"),
        lambda p, n: reward_services.nomination_appraise(
            acting_user=p.provincial_committee, nomination=n, outcome="supplement"
        ),
    ),
    "nomination_record_vote": (
        _reward("appraised"),
        lambda p, n: reward_services.nomination_record_vote(
            acting_user=p.provincial_committee,
            nomination=n,
            members_total=0,
            members_present=0,
            votes_for=0,
            votes_against=0,
            voted_on=datetime.date(2026, 12, 1),
        ),
    ),
}


@pytest.mark.parametrize("service", list(REFUSED_FIRST))
def test_services_check_their_own_permission_before_any_rule_speaks(service):
    """Defence in depth: a service refuses someone who may not take the step with a
    PermissionDenied before any rule describes the dossier or nomination to them."""
    prepare, call = REFUSED_FIRST[service]
    p = Province.build()
    subject = prepare(p)
    before = snapshot(subject)
    with pytest.raises(PermissionDenied):
        call(p, subject)
    assert snapshot(subject) == before
