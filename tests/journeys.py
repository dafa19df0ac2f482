"""Drive dossiers through the real services to a given step: the lifecycle "traits" of
our test data (`Journey(...).to("proposed")`), so tests never set a status by hand."""

import datetime
from dataclasses import dataclass
from functools import cached_property
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from dossiers.models import AuthorityMarker, CriterionKind, UnitKind
from dossiers.reference.meeting_seats import seats_for
from dossiers.registration import registration_last_day
from tests.factories import AreaFactory, CycleFactory, UnitFactory, UserFactory
from workflows import deadlines
from workflows.recognition import services
from workflows.recognition.criteria import criteria_for, judged
from workflows.recognition.services.registration import registration_documents_required

SUB_UNITS = (10, 8)  # Circular 124 Art. 6 cl. 5 / Art. 7 cl. 6: 80 % of the sub-units rated
ORGANISATION_KINDS = (UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class Province:
    """A two-level province with one commune, two residential areas and one agency, and
    one user per role with jurisdiction over it."""

    province: object
    commune: object
    cycle: object
    head: object
    other_head: object
    reviewer: object
    appraiser: object
    committee: object
    provincial_committee: object
    unit: object
    other_unit: object
    agency: object

    @classmethod
    def build(cls, year=2026, name="Phường Gò Dầu"):
        province = AreaFactory(province=True, name=f"Tỉnh {name}")
        commune = AreaFactory(commune=True, name=name, parent=province)
        unit = UnitFactory(
            kind=UnitKind.RESIDENTIAL_AREA,
            name=f"Khu phố 1, {name}",
            area=AreaFactory(residential=True, parent=commune, name=f"Khu phố 1, {name}"),
        )
        other_unit = UnitFactory(
            kind=UnitKind.RESIDENTIAL_AREA,
            name=f"Khu phố 2, {name}",
            area=AreaFactory(residential=True, parent=commune, name=f"Khu phố 2, {name}"),
        )
        agency = UnitFactory(kind=UnitKind.AGENCY, name=f"Trạm Y tế {name}", area=commune)
        head = UserFactory(role=Role.UNIT_HEAD, jurisdiction=[unit, agency])
        unit.heads.add(head)
        return cls(
            province=province,
            commune=commune,
            cycle=CycleFactory(year=year, province=province),
            head=head,
            other_head=UserFactory(role=Role.UNIT_HEAD, jurisdiction=[other_unit]),
            reviewer=UserFactory(role=Role.REVIEWING_POLICE, jurisdiction=[commune]),
            appraiser=UserFactory(role=Role.APPRAISING_POLICE, jurisdiction=[province]),
            committee=UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[commune]),
            provincial_committee=UserFactory(role=Role.COMMITTEE_STAFF, jurisdiction=[province]),
            unit=unit,
            other_unit=other_unit,
            agency=agency,
        )

    # The committees' signers (documents: staff draft, the signer signs), made when a test
    # first asks: a signer also receives the committee's reminders.
    @cached_property
    def signer(self):
        return UserFactory(
            role=Role.COMMITTEE_SIGNER,
            jurisdiction=[self.commune],
            last_name="Huỳnh Văn",
            first_name="Giang",
        )

    @cached_property
    def provincial_signer(self):
        return UserFactory(role=Role.COMMITTEE_SIGNER, jurisdiction=[self.province])


def registration_documents(unit, has_party_organisation=True) -> dict:
    """A PDF for every document of the registration dossier the unit must send."""
    return {
        code: pdf(f"{code}.pdf")
        for code in registration_documents_required(unit.kind, has_party_organisation)
    }


def full_meeting(unit_kind) -> dict:
    """Someone in every seat of the evaluation meeting (Circular 124, Art. 9 cl. 1)."""
    return {s.code: (f"Người dự họp {i}", s.label[:60]) for i, s in enumerate(seats_for(unit_kind))}


def hold_meeting(user, dossier, held_on=None, attendees=None):
    return services.meeting_save(
        acting_user=user,
        dossier=dossier,
        held_on=held_on or deadlines.today(),
        attendees=full_meeting(dossier.unit.kind) if attendees is None else attendees,
    )


def all_met(dossier):
    """A verdict "đạt" on every judged criterion (headings are judged through their points)."""
    return {c.pk: (True, "Đạt") for c in judged(criteria_for(dossier))}


def ask_supplement(p, dossier, remarks, comment="Bổ sung biên bản họp có chữ ký."):
    """The reviewer asks for a supplement, finding the criteria of `remarks` (pk → remark)
    not met and every other one met."""
    verdicts = {pk: (True, "") for pk in all_met(dossier)}
    verdicts.update({pk: (False, remark) for pk, remark in remarks.items()})
    return services.dossier_review(
        acting_user=p.reviewer,
        dossier=dossier,
        outcome="supplement",
        comment=comment,
        verdicts=verdicts,
    )


class Journey:
    """Journey(p, unit).to("submitted") — each step through the service a user would use."""

    ORDER = ["registered", "filled", "submitted", "forwarded", "proposed", "recognised"]

    def __init__(self, p: Province, unit=None):
        self.p = p
        self.unit = unit or p.unit
        self.dossier = None

    def register(self, on: datetime.date | None = None, households=(120, 120)):
        """Register with the registration dossier (Circular 124, Art. 9 cl. 2 a) on `on`,
        by default the test's today or, when Quarter I is over by then, its last day."""
        cycle = self.p.cycle
        if on is None:
            last_day = registration_last_day(cycle, self.unit.kind)
            on = min(deadlines.today(), last_day) if last_day else deadlines.today()
        with mock.patch.object(deadlines, "today", lambda: on):
            self.dossier = services.dossier_register(
                acting_user=self.p.head,
                unit=self.unit,
                cycle=cycle,
                households_total=households[0],
                households_registered=households[1],
                has_party_organisation=True,
                documents=registration_documents(self.unit),
            )
        return self

    def fill(self):
        d = self.dossier
        answers = {
            c.pk: (True, "Đã thực hiện đầy đủ.")
            for c in criteria_for(d)
            if c.kind != CriterionKind.DISQUALIFIER
        }
        sub_units = SUB_UNITS if d.unit.kind in ORGANISATION_KINDS else None
        services.dossier_save_assessment(
            acting_user=self.p.head, dossier=d, answers=answers, sub_units=sub_units
        )
        for kind in d.cycle.routes.get(unit_kind=d.unit.kind).required_documents.all():
            services.document_upload(
                acting_user=self.p.head, dossier=d, kind=kind, upload=pdf(f"{kind.code}.pdf")
            )
        hold_meeting(self.p.head, d)
        return self

    def submit(self):
        self.dossier = services.dossier_submit(acting_user=self.p.head, dossier=self.dossier)
        return self

    def forward(self):
        self.dossier = services.dossier_review(
            acting_user=self.p.reviewer,
            dossier=self.dossier,
            outcome="forward",
            verdicts=all_met(self.dossier),
        )
        return self

    def propose(self):
        self.dossier = services.dossier_appraise(
            acting_user=self.p.appraiser,
            dossier=self.dossier,
            outcome="propose",
            verdicts=all_met(self.dossier),
        )
        return self

    def recognise(self):
        decide(self.p, [self.dossier])
        self.dossier.refresh_from_db()
        return self

    def to(self, step: str):
        steps = {
            "registered": self.register,
            "filled": self.fill,
            "submitted": self.submit,
            "forwarded": self.forward,
            "proposed": self.propose,
            "recognised": self.recognise,
        }
        for name in self.ORDER[: self.ORDER.index(step) + 1]:
            if name == "proposed" and not self.dossier.appraise_area_id:
                continue
            steps[name]()
        return self.dossier


def decide(p: Province, dossiers, recognised=True, reason="", user=None, issuer=None):
    issuer = issuer or dossiers[0].decide_area
    user = user or (p.committee if issuer == p.commune else p.provincial_committee)
    return services.decision_issue(
        acting_user=user,
        issuer=issuer,
        results=[(d, recognised, reason) for d in dossiers],
        issued_on=datetime.date(2026, 12, 10),
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2026",
    )


def sign_drafted(client, response, *, signer, back_as=None):
    """The draft the committee staff's form just created (`response` redirects to it),
    signed by `signer` through the signing page — the issuer's test certificate uploaded
    first if it has none; the client then signed in as `back_as` again. The decision."""
    from django.urls import resolve, reverse

    from documents.models import DecisionDraft, SigningCertificate
    from documents.services import certificate_upload
    from tests.documents.pki import PASSPHRASE, issuer_pkcs12

    assert response.status_code == 302, response.content.decode()
    draft = DecisionDraft.objects.get(pk=resolve(response.url).kwargs["pk"])
    if not SigningCertificate.objects.filter(area=draft.issuer).exists():
        certificate_upload(area=draft.issuer, data=issuer_pkcs12(), passphrase=PASSPHRASE)
    client.force_login(signer)
    client.post(reverse("draft-sign", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.decision_id is not None, "the draft was not signed"
    if back_as is not None:
        client.force_login(back_as)
    return draft.decision


def recognition_draft(p, *dossiers, **overrides):
    """A draft recognising `dossiers`, prepared by the commune committee's staff for its
    signer (documents.services.draft_create); `overrides` replace any argument."""
    from documents.models import DraftKind
    from documents.services import draft_create

    fields = {
        "acting_user": p.committee,
        "kind": DraftKind.RECOGNISE,
        "issuer": p.commune,
        "results": [(d, True, "") for d in dossiers],
        "signer": p.signer,
        "summary": "Về việc công nhận",
        "signer_title": "Chủ tịch",
        "authority": "tm",
    }
    return draft_create(**{**fields, **overrides})
