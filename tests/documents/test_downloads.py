"""The PDF downloads of the decision pages (documents/pdf_views.py): the decision and its
certificates, for recognition and rewards, scoped like the decision pages (404 outside the
user's jurisdiction); a revocation has no certificate."""

import pytest
from django.urls import reverse

from tests.journeys import Journey, Province
from tests.rewards.journeys import RewardJourney

from .test_rendering import keep_page_1_png, page_count, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return Province.build()


def _get_pdf(client, name, pk, *args):
    response = client.get(reverse(name, args=[pk, *args]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_recognition_decision_and_certificates_download_from_the_decision_page(client, p):
    dossier = Journey(p).to("recognised")
    decision = dossier.decision_items.get().decision
    client.force_login(p.committee)
    page = client.get(reverse("decision-detail", args=[decision.pk])).content.decode()
    assert reverse("decision-pdf", args=[decision.pk]) in page
    assert reverse("decision-certificates-pdf", args=[decision.pk]) in page
    text = page_text(_get_pdf(client, "decision-pdf", decision.pk), page=None)
    assert f"Số: {decision.number:02d}/QĐ-UBND" in text
    assert "Gò Dầu, ngày 10 tháng 12 năm 2026" in text
    assert p.unit.name in text
    certificates = _get_pdf(client, "decision-certificates-pdf", decision.pk)
    assert page_count(certificates) == 1 and "GIẤY CÔNG NHẬN" in page_text(certificates)
    item = decision.items.get()
    one = _get_pdf(client, "decision-certificate-pdf", decision.pk, item.pk)
    assert p.unit.name in page_text(one)


def test_recognition_pdfs_outside_jurisdiction_are_404(client, p):
    dossier = Journey(p).to("recognised")
    decision = dossier.decision_items.get().decision
    other = Province.build(name="Xã Phước Chỉ")
    client.force_login(other.committee)
    for name in ("decision-pdf", "decision-certificates-pdf"):
        assert client.get(reverse(name, args=[decision.pk])).status_code == 404
    item = decision.items.get()
    url = reverse("decision-certificate-pdf", args=[decision.pk, item.pk])
    assert client.get(url).status_code == 404
    # a recognition decision is not reachable at a reward address, nor the other way
    client.force_login(p.committee)
    assert client.get(reverse("reward-decision-pdf", args=[decision.pk])).status_code == 404


def test_reward_decision_and_giay_khen_download(client, p):
    j = RewardJourney(p)
    j.to("decided")
    client.force_login(j.decider)
    pdf = _get_pdf(client, "reward-decision-pdf", j.decision.pk)
    keep_page_1_png(pdf, "reward-decision-page-1")
    text = page_text(pdf, page=None)
    assert "GIÁM ĐỐC CÔNG AN" in text and "Trần Thị Bình" in text
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    certificate = _get_pdf(client, "reward-decision-certificates-pdf", j.decision.pk)
    keep_page_1_png(certificate, "giay-khen-page-1")
    certificate = page_text(certificate)
    assert "GIẤY KHEN" in certificate and "Trần Thị Bình" in certificate
    other = Province.build(name="Xã Phước Chỉ")
    client.force_login(other.appraiser)
    url = reverse("reward-decision-pdf", args=[j.decision.pk])
    assert client.get(url).status_code == 404


def test_a_revocation_has_no_certificate(client, p):
    from dossiers.models import Decision, DecisionKind

    dossier = Journey(p).to("recognised")
    decision = dossier.decision_items.get().decision
    Decision.objects.filter(pk=decision.pk).update(kind=DecisionKind.REVOKE, reason="Sai sót")
    client.force_login(p.committee)
    url = reverse("decision-certificates-pdf", args=[decision.pk])
    assert client.get(url).status_code == 404
    text = page_text(_get_pdf(client, "decision-pdf", decision.pk), page=None)
    assert "Thu hồi công nhận" in text and "Sai sót" in text
