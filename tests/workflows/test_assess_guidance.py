"""The self-assessment page guides (issue 13): a failed "Nộp hồ sơ" keeps the answers and
a reload shows them again with a notice; every autosave answers with the provisional
result of the answers just saved (Circular 124, Art. 4–7: met only if every criterion is)."""

import pytest
from django.urls import reverse

from dossiers.models import CriterionKind
from tests.journeys import Journey, Province, ask_supplement
from tests.workflows.test_pages import assessment_post
from workflows.recognition.selectors import criteria_for

pytestmark = pytest.mark.django_db

p = pytest.fixture(Province.build, name="p")


def answered(dossier):
    """A criterion the unit answers itself (not a heading, not a disqualifier)."""
    skipped = (CriterionKind.DISQUALIFIER, CriterionKind.HEADING)
    return next(c for c in criteria_for(dossier) if c.kind not in skipped)


def test_a_failed_submit_redirects_and_a_reload_restores_the_saved_answers(client, p):
    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    url = reverse("dossier-assess", args=[dossier.pk])
    response = client.post(url, assessment_post(dossier, action="submit"))
    assert response.status_code == 302 and response.url == url  # Post/Redirect/Get
    first = client.get(url).content.decode()
    assert "Còn thiếu tài liệu" in first  # the reason, once
    reloaded = client.get(url).content.decode()  # F5
    assert "Còn thiếu tài liệu" not in reloaded
    assert 'id="recovered"' in reloaded and "Đã khôi phục" in reloaded
    assert f"Giải trình tiêu chí {answered(dossier).label}" in reloaded


def test_refused_answers_are_shown_as_typed_without_a_redirect(client, p):
    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    post = assessment_post(dossier, action="submit", **{f"met_{answered(dossier).pk}": "x"})
    response = client.post(reverse("dossier-assess", args=[dossier.pk]), post)
    assert response.status_code == 200
    assert 'id="recovered"' not in response.content.decode()


def test_art_4_to_7_autosave_answers_with_the_live_provisional_result(client, p):
    dossier = Journey(p).to("registered")
    client.force_login(p.head)
    url = reverse("dossier-assess", args=[dossier.pk])
    met = client.post(url, assessment_post(dossier, action="autosave")).json()
    assert "Kết quả tạm tính: Đạt tất cả tiêu chí" in met["provisional"]
    criterion = answered(dossier)
    one_failing = assessment_post(dossier, action="autosave", **{f"met_{criterion.pk}": "0"})
    failed = client.post(url, one_failing).json()["provisional"]
    assert "Kết quả tạm tính: Chưa đạt" in failed
    assert criterion.label in failed.split("Tiêu chí chưa đạt:")[1]


def supplement_with_one_failed_criterion(p):
    """The reviewer asks once for a supplement, finding one criterion not met."""
    dossier = Journey(p).to("submitted")
    criterion = answered(dossier)
    ask_supplement(p, dossier, {criterion.pk: "Chưa có biên bản họp tổ tự quản"})
    return dossier, criterion


def test_the_supplement_form_lists_the_failed_criteria_with_text_and_remark(client, p):
    dossier, criterion = supplement_with_one_failed_criterion(p)
    client.force_login(p.head)
    html = client.get(reverse("dossier-assess", args=[dossier.pk])).content.decode()
    request = html[html.index('id="supplement-request"') :].split("</div>")[0]
    assert "Bổ sung biên bản họp có chữ ký." in request
    assert criterion.wording in request
    assert "Chưa có biên bản họp tổ tự quản" in request
    assert request.count("<tr><td>") == 1  # only the criterion found not met


def test_verdicts_show_the_criterion_text_beside_the_label(client, p):
    dossier, criterion = supplement_with_one_failed_criterion(p)
    client.force_login(p.head)
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    verdicts = html[html.index('class="verdicts"') :]
    assert f"<strong>{criterion.label}</strong> {criterion.wording}" in verdicts
