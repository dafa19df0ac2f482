"""The proposing office and its tờ trình (Decree 30/2020/NĐ-CP, Appendix I: "Theo đề nghị
của …"), typed on the decision form, kept on the decision, printed on the decision page and
in its PDF; a bad date is refused with what was typed kept."""

import pytest
from django.urls import reverse

from tests.journeys import Province
from tests.rewards.journeys import RewardJourney
from tests.rewards.test_pages import decision_post

from .test_rendering import page_text

pytestmark = pytest.mark.django_db
PROPOSED = (
    "Theo đề nghị của Trưởng phòng PV05 Công an tỉnh tại Tờ trình số 45/TTr-PV05 "
    "ngày 01 tháng 12 năm 2026."
)


def test_appendix_i_proposal_typed_on_the_form_is_printed_on_page_and_pdf(client):
    p = Province.build()
    nomination = RewardJourney(p).to("voted")
    client.force_login(p.appraiser)
    typed = {
        "proposal_office": "Trưởng phòng PV05 Công an tỉnh",
        "proposal_number": "45/TTr-PV05",
        "proposal_date": "2026-02-31",
    }
    html = client.post(reverse("reward-decision-create"), decision_post(nomination, **typed))
    html = html.content.decode()
    assert "Ngày không hợp lệ." in html
    assert 'value="45/TTr-PV05"' in html and "Trưởng phòng PV05 Công an tỉnh" in html

    typed["proposal_date"] = "2026-12-01"
    response = client.post(reverse("reward-decision-create"), decision_post(nomination, **typed))
    decision = nomination.nominees.get().decision_items.get().decision
    assert (decision.proposal_number, str(decision.proposal_date)) == ("45/TTr-PV05", "2026-12-01")
    assert PROPOSED in client.get(response.url).content.decode()
    pdf = client.get(reverse("reward-decision-pdf", args=[decision.pk])).content
    assert PROPOSED in page_text(pdf, page=None)
