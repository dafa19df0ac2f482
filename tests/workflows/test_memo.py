"""The step rules and criteria kept in the process (dossiers/memo.py; issue 14: a step's
statements): read once, then without a query, and read afresh as soon as one is saved or
deleted — an edit in the admin takes effect on the next step, not five minutes later."""

import pytest

from dossiers.models import Step, StepDeadline, UnitKind
from tests.journeys import Journey, Province
from workflows.deadlines import _rule
from workflows.recognition.criteria import criteria_for

pytestmark = pytest.mark.django_db


def test_issue_14_criteria_are_read_once_and_afresh_after_an_edit(django_assert_num_queries):
    p = Province.build()
    journey = Journey(p)
    journey.register()
    dossier = journey.dossier
    first = criteria_for(dossier)
    with django_assert_num_queries(0):
        again = criteria_for(dossier)
    assert [c.pk for c in again] == [c.pk for c in first]
    again[0].text = "Sửa trên bản sao của trang"  # a caller's copy, never the kept rows
    assert criteria_for(dossier)[0].text == first[0].text
    edited = type(first[0]).objects.get(pk=first[0].pk)
    edited.text = "Nội dung tiêu chí đã sửa"
    edited.save()
    assert criteria_for(dossier)[0].text == "Nội dung tiêu chí đã sửa"


def test_issue_14_step_rules_are_read_once_and_afresh_after_an_edit(django_assert_num_queries):
    p = Province.build()
    kind = UnitKind.RESIDENTIAL_AREA
    assert _rule(p.cycle.pk, Step.REVIEW, kind).working_days == 10
    with django_assert_num_queries(0):
        _rule(p.cycle.pk, Step.APPRAISE, kind)
    rule = StepDeadline.objects.get(cycle=p.cycle, step=Step.REVIEW, unit_kind="")
    rule.working_days = 3
    rule.save()
    assert _rule(p.cycle.pk, Step.REVIEW, kind).working_days == 3
    StepDeadline.objects.create(cycle=p.cycle, step=Step.REVIEW, unit_kind=kind, working_days=7)
    assert _rule(p.cycle.pk, Step.REVIEW, kind).working_days == 7
    rule.delete()
    assert _rule(p.cycle.pk, Step.REVIEW, UnitKind.AGENCY) is None
