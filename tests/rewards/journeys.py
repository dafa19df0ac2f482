"""Drive reward nominations through the real services (DOMAIN.md §3), as tests.journeys
does for dossiers: `RewardJourney(p, ...).to("voted")` never sets a status by hand."""

import datetime

from dossiers.models import AuthorityMarker, NominationDocumentKind, RewardForm
from tests.journeys import Province, pdf
from workflows.rewards import awards, services

CITIZEN_ID = "079201001234"


def reward_form(code: str) -> RewardForm:
    return RewardForm.objects.get(code=code)


def person(p: Province, citizen_id=CITIZEN_ID, full_name="Trần Thị Bình", workplace=None):
    return {
        "full_name": full_name,
        "citizen_id": citizen_id,
        "position": "Công an viên",
        "workplace": workplace or p.agency,
        "achievement": "Bắt giữ đối tượng trộm cắp tài sản.",
    }


class RewardJourney:
    """RewardJourney(p).to("appraised"): an ad-hoc individual nomination for the provincial
    police director's Giấy khen, proposed by the commune police on the simplified procedure
    unless told otherwise."""

    ORDER = ["draft", "submitted", "appraised", "voted", "decided"]

    def __init__(
        self,
        p: Province,
        *,
        form="gk-giam-doc-cat",
        type="adhoc",
        nominees=None,
        proposer=None,
        simplified=None,
        year=2026,
    ):
        self.p = p
        self.form = reward_form(form) if isinstance(form, str) else form
        self.type = type
        self.nominees = nominees if nominees is not None else [person(p)]
        self.proposer = proposer or p.reviewer
        self.simplified = (type == "adhoc") if simplified is None else simplified
        self.year = year
        self.nomination = None

    @property
    def office(self):
        """Who appraises and records the vote (and, for these forms, decides)."""
        return self.p.appraiser if self.form.appraising_role == "police" else self.p.committee

    @property
    def decider(self):
        return self.p.appraiser if self.form.deciding_role == "police" else self.p.committee

    def draft(self):
        self.nomination = services.nomination_create(
            acting_user=self.proposer,
            form=self.form,
            type=self.type,
            year=self.year,
            nominees=self.nominees,
            simplified=self.simplified,
            summary="Dũng cảm bắt giữ đối tượng cướp giật tài sản." if self.simplified else "",
        )
        return self

    def documents(self):
        n = self.nomination
        upload = services.nomination_upload
        upload(
            acting_user=self.proposer,
            nomination=n,
            kind=NominationDocumentKind.PROPOSAL,
            upload=pdf("to-trinh.pdf"),
        )
        if not n.simplified:
            upload(
                acting_user=self.proposer,
                nomination=n,
                kind=NominationDocumentKind.MINUTES,
                upload=pdf("bien-ban.pdf"),
            )
            for nominee in n.nominees.all():
                upload(
                    acting_user=self.proposer,
                    nomination=n,
                    kind=NominationDocumentKind.ACHIEVEMENT,
                    upload=pdf(f"thanh-tich-{nominee.pk}.pdf"),
                    nominee=nominee,
                )
        return self

    def submit(self):
        self.documents()
        self.nomination = services.nomination_submit(
            acting_user=self.proposer, nomination=self.nomination
        )
        return self

    def appraise(self, outcome="forward", comment=""):
        self.nomination = services.nomination_appraise(
            acting_user=self.office, nomination=self.nomination, outcome=outcome, comment=comment
        )
        return self

    def vote(self, total=9, present=7, votes_for=6, against=1):
        self.nomination = services.nomination_record_vote(
            acting_user=self.office,
            nomination=self.nomination,
            members_total=total,
            members_present=present,
            votes_for=votes_for,
            votes_against=against,
            voted_on=datetime.date(2026, 12, 1),
        )
        return self

    def decide(self, awarded=True, reason=""):
        self.decision = issue(self, awarded=awarded, reason=reason)
        self.nomination.refresh_from_db()
        return self

    def to(self, step: str):
        steps = {
            "draft": self.draft,
            "submitted": self.submit,
            "appraised": self.appraise,
            "voted": self.vote,
            "decided": self.decide,
        }
        for name in self.ORDER[: self.ORDER.index(step) + 1]:
            steps[name]()
        return self.nomination


DECISION_FIELDS = {
    "issued_on": datetime.date(2026, 12, 15),
    "signer_name": "Lê Văn Cường",
    "signer_title": "Giám đốc",
    "authority": AuthorityMarker.TM,
    "summary": "Về việc tặng Giấy khen",
}


def issue(journey: RewardJourney, awarded=True, reason="", user=None):
    nomination = journey.nomination
    return awards.reward_decision_issue(
        acting_user=user or journey.decider,
        issuer=nomination.decide_area,
        results=[(n, awarded, reason) for n in nomination.nominees.all()],
        **DECISION_FIELDS,
    )
