"""Outcomes follow the verdicts (Circular 124, Art. 4–7: recognised "khi đạt đủ các tiêu
chí"; Art. 8 cl. 1 đạt / chưa đạt): with any "chưa đạt" only one supplement or a refusal /
not recognised remains, with the failed criteria as reasons; nothing changes otherwise."""

import datetime

import pytest
from django.urls import reverse

from dossiers.models import AuthorityMarker, CriterionVerdict, Dossier, DossierStatus, UnitKind
from dossiers.services import DomainError
from tests.factories import UnitFactory
from tests.journeys import Journey, Province, all_met, decide
from workflows.recognition import services
from workflows.recognition.selectors import criteria_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def one_failing(dossier, remark="Có vụ việc phức tạp kéo dài"):
    """Every criterion "đạt" but the first judged one that is not computed from figures."""
    verdicts = all_met(dossier)
    first = next(c for c in criteria_for(dossier) if c.pk in verdicts and c.kind != "computed")
    verdicts[first.pk] = (False, remark)
    return verdicts, first


def test_art_4_forward_refused_when_a_criterion_is_chua_dat(p):
    dossier = Journey(p).to("submitted")
    verdicts, failed = one_failing(dossier)
    with pytest.raises(DomainError, match=f"Tiêu chí {failed.label} được đánh giá chưa đạt"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=verdicts
        )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert not dossier.reviews.exists()


def test_art_4_standing_office_cannot_propose_with_a_chua_dat(p):
    """Without a preliminary review the first police step proposes to the committee: the
    audit's "Khu phố 2" forwarded with every criterion chưa đạt must not end proposed."""
    route = p.cycle.routes.get(unit_kind=UnitKind.RESIDENTIAL_AREA)
    route.preliminary_review_level = None
    route.appraise_level = None
    route.save()
    dossier = Journey(p).to("submitted")
    assert dossier.appraise_area is None
    every_failing = {c.pk: (False, "") for c in criteria_for(dossier)}
    with pytest.raises(DomainError, match="yêu cầu bổ sung \\(một lần\\) hoặc bị từ chối"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=every_failing
        )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_art_8_refusal_carries_the_failed_criteria_as_reasons(p):
    dossier = Journey(p).to("submitted")
    verdicts, failed = one_failing(dossier, remark="Xảy ra vụ trộm nghiêm trọng")
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="refuse",
        comment="Không đủ điều kiện.",
        verdicts=verdicts,
    )
    assert dossier.status == DossierStatus.REFUSED
    assert "Không đủ điều kiện." in dossier.result_reason
    assert f"tiêu chí {failed.label} (Xảy ra vụ trộm nghiêm trọng)" in dossier.result_reason


def test_after_the_one_supplement_only_refusal_remains(p):
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="supplement",
        comment="Bổ sung biên bản họp.",
        verdicts={},
    )
    dossier = services.dossier_submit(acting_user=p.head, dossier=dossier)
    verdicts, _ = one_failing(dossier)
    with pytest.raises(DomainError, match="chỉ có thể bị từ chối"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=verdicts
        )


def test_art_4_appraisal_cannot_propose_with_a_chua_dat_and_not_met_lists_it(p):
    dossier = Journey(p).to("forwarded")
    verdicts, failed = one_failing(dossier)
    with pytest.raises(DomainError, match="không thể đề nghị công nhận"):
        services.dossier_appraise(
            acting_user=p.appraiser, dossier=dossier, outcome="propose", verdicts=verdicts
        )
    dossier = services.dossier_appraise(
        acting_user=p.appraiser,
        dossier=dossier,
        outcome="not_met",
        comment="Chưa đạt.",
        verdicts=verdicts,
    )
    assert dossier.status == DossierStatus.NOT_RECOGNISED
    assert f"tiêu chí {failed.label}" in dossier.result_reason


def test_art_4_committee_cannot_recognise_against_the_police_verdicts(p):
    """A dossier proposed before this rule (or by any other path) with a "chưa đạt" in the
    latest police verdicts cannot be recognised; it can only be not recognised."""
    dossier = Journey(p).to("proposed")
    verdict = CriterionVerdict.objects.filter(review__dossier=dossier).latest("review__created_at")
    CriterionVerdict.objects.filter(pk=verdict.pk).update(met=False)
    with pytest.raises(DomainError, match=f"chưa đạt tiêu chí {verdict.criterion.label}"):
        decide(p, [dossier])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED
    decide(p, [dossier], recognised=False, reason="Công an đánh giá chưa đạt.")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NOT_RECOGNISED


def test_art_5_cl_4_commune_below_70_percent_cannot_go_on_nor_be_recognised(p):
    """Commune criterion 4 is computed: below 70 % recognised the commune cannot be
    forwarded; proposed while it held, it can no longer be recognised once a recognition
    under it is revoked (recomputed on the day of the decision)."""
    from dossiers.jurisdiction import user_grant_jurisdiction

    commune_unit = UnitFactory(
        kind=UnitKind.COMMUNE, area=p.commune, name=p.commune.name, managing_level=p.province.level
    )
    for unit in (commune_unit, p.other_unit):
        user_grant_jurisdiction(user=p.head, target=unit)
    dossier = Journey(p, commune_unit).to("submitted")
    with pytest.raises(DomainError, match="Tiêu chí 4 được đánh giá chưa đạt"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
        )
    children = [Journey(p, u).to("recognised") for u in (p.unit, p.other_unit, p.agency)]
    dossier = Journey(p, commune_unit)
    dossier.dossier = Dossier.objects.get(unit=commune_unit)
    dossier = dossier.forward().propose().dossier
    assert dossier.status == DossierStatus.PROPOSED
    services.decision_revoke(
        acting_user=p.committee,
        issuer=p.commune,
        dossiers=[children[0]],
        reason="Phát hiện sai phạm.",
        issued_on=datetime.date(2026, 12, 1),
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Thu hồi công nhận",
    )
    with pytest.raises(DomainError, match="tiêu chí 4 Điều 5: 3/3 đơn vị đăng ký, 2/3"):
        decide(p, [dossier])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED


def test_review_page_refuses_forward_with_a_chua_dat_and_keeps_the_input(client, p):
    dossier = Journey(p).to("submitted")
    verdicts, failed = one_failing(dossier)
    client.force_login(p.reviewer)
    data = {f"verdict_{pk}": "1" if met else "0" for pk, (met, _) in verdicts.items()}
    data[f"remark_{failed.pk}"] = "Có vụ việc phức tạp kéo dài"
    data["outcome"] = "forward"
    response = client.post(reverse("dossier-review", args=[dossier.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Tiêu chí {failed.label} được đánh giá chưa đạt" in page
    assert "Có vụ việc phức tạp kéo dài" in page
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_art_10_only_the_deciding_committee_itself_issues(client, p):
    """The ward's committee decides the ward's residential area (Art. 10 cl. 1): provincial
    committee staff, whose grant covers the ward, are neither offered the ward as issuer
    nor allowed to issue in its name; nothing is numbered."""
    from django.core.exceptions import PermissionDenied

    from dossiers.models import Decision

    dossier = Journey(p).to("proposed")
    with pytest.raises(PermissionDenied):
        decide(p, [dossier], user=p.provincial_committee, issuer=p.commune)
    client.force_login(p.provincial_committee)
    page = client.get(reverse("decision-create")).content.decode()
    assert p.commune.name not in page
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED and not Decision.objects.exists()
