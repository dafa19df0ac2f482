"""The recognition flow through its services, on PostgreSQL: every step, the gateways,
the audit trail and the guards."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from viewflow.workflow.status import STATUS

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import DossierStatus as S
from dossiers.models import DossierTransition, UnitKind
from dossiers.services import DomainError
from tests.factories import UnitFactory
from tests.journeys import Journey, Province, all_met, decide
from workflows.recognition import services
from workflows.recognition.flows import RecognitionFlow

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def open_tasks(dossier):
    return list(
        dossier.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).values_list(
            "flow_task", flat=True
        )
    )


def test_agency_goes_from_registration_to_recognition(p):
    dossier = Journey(p, p.agency).to("recognised")
    assert dossier.status == S.RECOGNISED
    assert [t.target for t in dossier.transitions.all()] == [
        S.REGISTERED,
        S.SUBMITTED,
        S.FORWARDED,
        S.PROPOSED,
        S.RECOGNISED,
    ]
    assert dossier.process.status == "DONE"


def test_residential_area_goes_straight_from_review_to_committee_when_routed_so(p):
    route = p.cycle.routes.get(unit_kind=UnitKind.RESIDENTIAL_AREA)
    route.appraise_level = None
    route.save()
    dossier = Journey(p).to("forwarded")
    assert dossier.status == S.PROPOSED
    assert open_tasks(dossier) == [RecognitionFlow.await_decision]


def test_supplement_once_then_back_to_the_same_reviewer(p):
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="supplement",
        comment="Bổ sung biên bản họp có chữ ký.",
    )
    assert dossier.status == S.SUPPLEMENT_REQUESTED
    assert open_tasks(dossier) == [RecognitionFlow.supplement_dossier]
    assert dossier.versions.count() == 2
    first = dossier.versions.get(number=1)
    assert first.frozen and first.documents.count() == 3  # the registration form is Q1

    dossier = services.dossier_submit(acting_user=p.head, dossier=dossier)
    assert dossier.status == S.SUBMITTED
    review = dossier.process.task_set.get(
        flow_task=RecognitionFlow.review_dossier, status=STATUS.ASSIGNED
    )
    assert review.owner == p.reviewer

    with pytest.raises(DomainError, match="một lần"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Lần hai"
        )


def test_refusal_ends_the_flow_with_the_reason(p):
    dossier = Journey(p).to("submitted")
    with pytest.raises(DomainError, match="lý do từ chối"):
        services.dossier_review(acting_user=p.reviewer, dossier=dossier, outcome="refuse")
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="refuse",
        comment="Xảy ra vụ gây rối trật tự công cộng trong kỳ đánh giá.",
    )
    assert dossier.status == S.REFUSED
    assert dossier.process.status == "DONE"
    assert "gây rối" in dossier.result_reason


def test_submission_needs_every_required_document_and_answer(p):
    dossier = Journey(p).to("registered")
    with pytest.raises(DomainError) as error:
        services.dossier_submit(acting_user=p.head, dossier=dossier)
    assert "Còn thiếu tài liệu" in str(error.value)
    assert "Chưa tự đánh giá tiêu chí" in str(error.value)
    dossier.refresh_from_db()
    assert dossier.status == S.REGISTERED


def test_submitted_version_is_frozen(p):
    dossier = Journey(p).to("submitted")
    with pytest.raises(DomainError, match="không thể sửa"):
        services.dossier_save_assessment(acting_user=p.head, dossier=dossier, answers={})


def test_appraisal_can_send_back_to_review(p):
    dossier = Journey(p).to("forwarded")
    dossier = services.dossier_appraise(
        acting_user=p.appraiser,
        dossier=dossier,
        outcome="return",
        comment="Đề nghị xác minh lại tiêu chí 4.",
    )
    assert dossier.status == S.SUBMITTED
    assert open_tasks(dossier) == [RecognitionFlow.review_dossier]


def test_appraisal_not_met_ends_not_recognised(p):
    dossier = Journey(p).to("forwarded")
    verdicts = all_met(dossier)
    first = next(iter(verdicts))
    verdicts[first] = (False, "Còn 3 hộ chưa ký cam kết.")
    with pytest.raises(DomainError, match="không thể đề nghị"):
        services.dossier_appraise(
            acting_user=p.appraiser, dossier=dossier, outcome="propose", verdicts=verdicts
        )
    dossier = services.dossier_appraise(
        acting_user=p.appraiser,
        dossier=dossier,
        outcome="not_met",
        verdicts=verdicts,
        comment="Chưa đạt tiêu chí 1.",
    )
    assert dossier.status == S.NOT_RECOGNISED


def test_one_decision_for_many_dossiers_numbered_per_issuer_and_year(p):
    extra = [
        UnitFactory(kind=UnitKind.AGENCY, area=p.commune, name=f"Cơ quan {i}") for i in range(3)
    ]
    for unit in extra:
        user_grant_jurisdiction(user=p.head, target=unit)
    dossiers = [Journey(p, u).to("proposed") for u in [p.agency, *extra]]
    first = decide(p, dossiers[:3])
    second = decide(p, dossiers[3:], recognised=False, reason="Có cán bộ bị kỷ luật.")
    assert first.reference == "01/QĐ-UBND"
    assert second.reference == "02/QĐ-UBND"
    assert first.items.count() == 3
    statuses = [
        d.status
        for d in type(dossiers[0]).objects.filter(pk__in=[d.pk for d in dossiers]).order_by("pk")
    ]
    assert statuses.count(S.RECOGNISED) == 3 and statuses.count(S.NOT_RECOGNISED) == 1


def test_revocation_by_a_later_decision(p):
    dossier = Journey(p, p.agency).to("recognised")
    decision = services.decision_revoke(
        acting_user=p.committee,
        issuer=p.commune,
        dossiers=[dossier],
        reason="Phát hiện che giấu vụ việc.",
        issued_on=datetime.date(2026, 12, 20),  # after the recognition of 10/12/2026
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority="tm",
        summary="Thu hồi công nhận",
    )
    dossier.refresh_from_db()
    assert dossier.status == S.REVOKED
    assert decision.reference == "02/QĐ-UBND"
    assert DossierTransition.objects.filter(dossier=dossier, step="revoke").count() == 1


def test_excluded_unit_cannot_register(p):
    small = UnitFactory(kind=UnitKind.ENTERPRISE, area=p.commune, is_small_enterprise=True)
    user_grant_jurisdiction(user=p.head, target=small)
    with pytest.raises(DomainError, match="siêu nhỏ"):
        services.dossier_register(acting_user=p.head, unit=small, cycle=p.cycle)


def test_a_unit_registers_once_per_cycle(p):
    Journey(p).to("registered")
    with pytest.raises(DomainError, match="đã đăng ký"):
        Journey(p).register()


@pytest.mark.parametrize(
    "step, actor",
    [
        ("submit", "other_head"),
        ("review", "appraiser"),
        ("review", "other_reviewer"),
        ("appraise", "reviewer"),
        ("decide", "other_committee"),
    ],
)
def test_wrong_role_or_jurisdiction_is_forbidden_and_changes_nothing(p, step, actor):
    other = Province.build(name="Xã Khác")
    users = {
        "other_head": p.other_head,
        "appraiser": p.appraiser,
        "reviewer": p.reviewer,
        "other_reviewer": other.reviewer,
        "other_committee": other.committee,
    }
    user = users[actor]
    stage = {
        "submit": "filled",
        "review": "submitted",
        "appraise": "forwarded",
        "decide": "proposed",
    }[step]
    dossier = Journey(p, p.agency).to(stage)
    before = (dossier.status, dossier.transitions.count())
    with pytest.raises(PermissionDenied):
        if step == "submit":
            services.dossier_submit(acting_user=user, dossier=dossier)
        elif step == "review":
            services.dossier_review(
                acting_user=user, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
            )
        elif step == "appraise":
            services.dossier_appraise(
                acting_user=user, dossier=dossier, outcome="propose", verdicts=all_met(dossier)
            )
        else:
            decide(p, [dossier], user=user, issuer=p.commune)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.transitions.count()) == before
