"""Figures computed, not ticked (Circular 124 Art. 4 cl. 1, Art. 5 cl. 4, Art. 6 cl. 5,
Art. 7 cl. 6): a failing figure fails its criterion whatever the unit or the police ticked,
and everyone who judges the criterion sees the figures."""

import datetime

import pytest
from django.urls import reverse

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import AreaLevel, Dossier, UnitKind
from dossiers.services import DomainError
from tests.factories import AreaFactory, CycleFactory, UnitFactory
from tests.journeys import Journey, Province, all_met, decide
from workflows.recognition import computed, services
from workflows.recognition.computed import commune_population, computed_results
from workflows.recognition.criteria import criteria_for
from workflows.recognition.selectors import provisional_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def criterion(dossier, number):
    return next(c for c in criteria_for(dossier) if c.number == number and not c.letter)


def submitted(p, unit=None, households=(120, 120), sub_units=None):
    """Registered, every criterion ticked "đạt", submitted."""
    journey = Journey(p, unit).register(households=households)
    journey.fill()
    if sub_units is not None:
        services.dossier_save_assessment(
            acting_user=p.head, dossier=journey.dossier, answers={}, sub_units=sub_units
        )
    return journey.submit().dossier


def last_version(dossier):
    return dossier.versions.order_by("-number").first()


# --- Art. 4 cl. 1 ------------------------------------------------------------------------


def test_art_4_cl_1_households_below_100_percent_fail_criterion_1(p):
    dossier = submitted(p, households=(150, 140))
    first = criterion(dossier, 1)
    result = provisional_result(dossier, last_version(dossier))
    assert first in result.failing and not result.met
    figures = result.computed[first.pk]
    assert not figures.met
    assert figures.figures.startswith("140/150 hộ (93,3 %)")
    assert figures.article == "Điều 4 khoản 1"


def test_art_4_cl_1_all_households_registered_meet_the_figures(p):
    dossier = submitted(p, households=(150, 150))
    result = provisional_result(dossier, last_version(dossier))
    assert result.met
    assert result.computed[criterion(dossier, 1).pk].figures.startswith("150/150 hộ (100 %)")


def test_computed_criterion_cannot_be_ticked_met(p):
    """The unit ticked criterion 1 "đạt", the police too: 140 of 150 households is still
    "chưa đạt", so the dossier cannot go on (only refusal or one supplement), and the
    verdict records it with the figures in its remark."""
    dossier = submitted(p, households=(150, 140))
    first = criterion(dossier, 1)
    assert last_version(dossier).assessments.get(criterion=first).met is True
    with pytest.raises(DomainError, match="Tiêu chí 1 được đánh giá chưa đạt"):
        services.dossier_review(
            acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
        )
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="refuse",
        comment="Chưa đủ 100 % hộ đăng ký.",
        verdicts=all_met(dossier),
    )
    verdict = dossier.reviews.get().verdicts.get(criterion=first)
    assert verdict.met is False
    assert "140/150 hộ" in verdict.remark and "Chưa đạt theo số liệu" in verdict.remark
    assert dossier.reviews.get().verdicts.filter(met=False).count() == 1


def test_a_failing_computed_criterion_needs_no_tick_and_is_recorded_not_met(p):
    dossier = submitted(p, households=(150, 140))
    first = criterion(dossier, 1)
    verdicts = {pk: v for pk, v in all_met(dossier).items() if pk != first.pk}
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="refuse",
        comment="Lý do.",
        verdicts=verdicts,
    )
    assert dossier.reviews.get().verdicts.get(criterion=first).met is False


def test_art_4_cl_1_figures_on_every_page_that_judges_it(client, p):
    dossier = submitted(p, households=(150, 140))
    client.force_login(p.reviewer)
    html = client.get(reverse("dossier-review", args=[dossier.pk])).content.decode()
    assert "140/150 hộ (93,3 %)" in html and "Số liệu (Điều 4 khoản 1): chưa đạt" in html
    client.force_login(p.committee)
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert "Tiêu chí tính từ số liệu" in html and "140/150 hộ" in html


def test_art_4_cl_1_figures_on_the_assessment_page(client, p):
    dossier = Journey(p).register(households=(80, 79)).dossier
    client.force_login(p.head)
    html = client.get(reverse("dossier-assess", args=[dossier.pk])).content.decode()
    assert "79/80 hộ (98,8 %)" in html and "Tiêu chí không thể đạt khi số liệu chưa đạt" in html


# --- Art. 6 cl. 5, Art. 7 cl. 6 --------------------------------------------------------


@pytest.mark.parametrize(
    "rated, met, shown",
    [(6, False, "6/10 đầu mối trực thuộc (60 %)"), (7, True, "7/10 đầu mối trực thuộc (70 %)")],
)
def test_art_6_cl_5_sub_units_below_70_percent(p, rated, met, shown):
    dossier = submitted(p, p.agency, sub_units=(10, rated))
    fifth = criterion(dossier, 5)
    result = provisional_result(dossier, last_version(dossier))
    assert result.computed[fifth.pk].met is met and (fifth in result.failing) is not met
    assert result.computed[fifth.pk].figures.startswith(shown)
    outcome = "forward" if met else "refuse"  # with a "chưa đạt" only refusal remains
    dossier = services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome=outcome,
        comment="Lý do.",
        verdicts=all_met(dossier),
    )
    assert dossier.reviews.get().verdicts.get(criterion=fifth).met is met


def test_art_7_cl_6_school_sub_units_below_70_percent(client, p):
    school = UnitFactory(kind=UnitKind.SCHOOL, area=p.commune, name="Trường THCS Gò Dầu")
    user_grant_jurisdiction(user=p.head, target=school)
    dossier = submitted(p, school, sub_units=(9, 6))
    sixth = criterion(dossier, 6)
    result = computed_results(dossier)[sixth.pk]
    assert not result.met and result.article == "Điều 7 khoản 6"
    assert result.figures.startswith("6/9 đầu mối trực thuộc (66,7 %)")
    client.force_login(p.reviewer)
    html = client.get(reverse("dossier-review", args=[dossier.pk])).content.decode()
    assert "6/9 đầu mối trực thuộc (66,7 %)" in html


def test_sub_unit_counts_are_checked(p):
    dossier = Journey(p, p.agency).to("registered")
    for counts, message in [
        ((5, 6), "không được lớn hơn"),
        ((-1, 0), "từ 0 đến"),
        ((computed.MAX_SUB_UNITS + 1, 0), "từ 0 đến"),
    ]:
        with pytest.raises(DomainError, match=message):
            services.dossier_save_assessment(
                acting_user=p.head, dossier=dossier, answers={}, sub_units=counts
            )


def test_sub_unit_counts_are_asked_for_before_submission(p):
    journey = Journey(p, p.agency).register()
    services.dossier_save_assessment(
        acting_user=p.head,
        dossier=journey.dossier,
        answers={c.pk: (True, "") for c in criteria_for(journey.dossier)},
    )
    with pytest.raises(DomainError, match="Chưa nhập số đầu mối trực thuộc"):
        services.dossier_submit(acting_user=p.head, dossier=journey.dossier)


def test_sub_unit_counts_are_entered_on_the_assessment_page(client, p):
    dossier = Journey(p, p.agency).to("registered")
    client.force_login(p.head)
    url = reverse("dossier-assess", args=[dossier.pk])
    response = client.post(url, {"action": "save", "sub_units_total": "1O", "sub_units_rated": ""})
    html = response.content.decode()
    assert "Số đầu mối phải là số nguyên không âm." in html and 'value="1O"' in html
    client.post(url, {"action": "save", "sub_units_total": "12", "sub_units_rated": "9"})
    version = last_version(dossier)
    assert (version.sub_units_total, version.sub_units_rated) == (12, 9)


def test_a_supplement_version_starts_with_the_sub_unit_counts(p):
    dossier = submitted(p, p.agency, sub_units=(10, 8))
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Bổ sung biên bản."
    )
    draft = last_version(dossier)
    assert draft.number == 2 and (draft.sub_units_total, draft.sub_units_rated) == (10, 8)


# --- Art. 5 cl. 4 ------------------------------------------------------------------------


def test_art_5_cl_4_counts_only_units_under_commune_authority_or_delegated(p):
    province_level = AreaLevel.objects.get(code="province")
    other_commune = AreaFactory(commune=True, parent=p.province, name="Xã Khác")
    commune_unit = UnitFactory(kind=UnitKind.COMMUNE, area=p.commune, managing_level=province_level)

    def org(kind, area=p.commune, **kwargs):
        return UnitFactory(kind=kind, area=area, **kwargs)

    counted = {
        p.unit,  # residential areas of the commune
        p.other_unit,
        p.agency,  # located in it, managed by the commune
        org(UnitKind.SCHOOL, managing_level=province_level, delegated_to=p.commune),
    }
    not_counted = [
        org(UnitKind.ENTERPRISE, managing_level=province_level),  # only located there
        org(UnitKind.ENTERPRISE, is_small_enterprise=True),  # Art. 1 cl. 2 b
        org(UnitKind.SCHOOL, is_excluded_school=True),
        org(UnitKind.AGENCY, is_armed_forces=True),
        org(UnitKind.AGENCY, active=False),
        org(UnitKind.AGENCY, area=other_commune),  # another commune's
        org(UnitKind.AGENCY, managing_level=province_level, delegated_to=other_commune),
        UnitFactory(kind=UnitKind.RESIDENTIAL_AREA, area=AreaFactory(parent=other_commune)),
    ]
    dossier = Dossier(cycle=p.cycle, unit=commune_unit)
    population = set(commune_population(dossier))
    assert population == counted
    assert not population & set(not_counted)
    rule = computed.commune_rule(dossier)
    assert (rule.total, rule.registered, rule.met) == (4, 0, False)
    assert rule.figures.startswith("0/4 khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục")


def test_art_5_cl_4_takes_the_commune_as_it_stood_in_the_cycle():
    """Two old communes (2024, three levels) merged into one new commune (2026)."""
    old_end, reform = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    old_province = AreaFactory(province=True, valid_to=old_end)
    district = AreaFactory(district=True, parent=old_province, valid_to=old_end)
    old_x = AreaFactory(commune=True, parent=district, name="Thị trấn X", valid_to=old_end)
    old_y = AreaFactory(commune=True, parent=district, name="Xã Y", valid_to=old_end)
    new_province = AreaFactory(province=True, valid_from=reform)
    new_commune = AreaFactory(commune=True, parent=new_province, valid_from=reform)
    units = {}
    for name, old_commune in (("x", old_x), ("y", old_y)):
        old_commune.successors.add(new_commune)
        old_area = AreaFactory(residential=True, parent=old_commune, valid_to=old_end)
        new_area = AreaFactory(residential=True, parent=new_commune, valid_from=reform)
        old_area.successors.add(new_area)
        units[name] = UnitFactory(kind=UnitKind.RESIDENTIAL_AREA, area=new_area)
    commune_x = UnitFactory(kind=UnitKind.COMMUNE, area=old_x)

    def population(year, province):
        cycle = CycleFactory(year=year, province=province)
        return set(commune_population(Dossier(cycle=cycle, unit=commune_x)))

    assert population(2024, old_province) == {units["x"]}
    assert population(2026, new_province) == {units["x"], units["y"]}


def test_art_5_cl_4_fails_the_commune_criterion_until_70_percent_are_recognised(p, monkeypatch):
    province_level = AreaLevel.objects.get(code="province")
    commune_unit = UnitFactory(
        kind=UnitKind.COMMUNE, area=p.commune, name=p.commune.name, managing_level=province_level
    )
    user_grant_jurisdiction(user=p.head, target=commune_unit)
    user_grant_jurisdiction(user=p.head, target=p.other_unit)
    commune = Journey(p, commune_unit).to("submitted")
    fourth = criterion(commune, 4)
    children = [Journey(p, u).to("proposed") for u in (p.unit, p.other_unit, p.agency)]
    assert not computed_results(commune)[fourth.pk].met
    decide(p, children[:2])  # 2 of 3 recognised: 66,7 %
    assert not computed_results(commune)[fourth.pk].met
    monkeypatch.setattr(computed, "COMMUNE_RECOGNISED_SHARE", 60)  # the one place it lives
    assert computed_results(commune)[fourth.pk].met
    monkeypatch.undo()
    decide(p, children[2:])
    assert computed_results(commune)[fourth.pk].met


def test_art_5_cl_4_threshold_on_the_page_comes_from_the_rule(client, p, monkeypatch):
    commune_unit = UnitFactory(kind=UnitKind.COMMUNE, area=p.commune, name=p.commune.name)
    user_grant_jurisdiction(user=p.head, target=commune_unit)
    commune = Journey(p, commune_unit).to("submitted")
    monkeypatch.setattr(computed, "COMMUNE_RECOGNISED_SHARE", 65)
    client.force_login(p.reviewer)
    html = client.get(reverse("dossier-review", args=[commune.pk])).content.decode()
    assert "yêu cầu từ 65 %" in html and "yêu cầu từ 70 %" not in html
