"""Demo dossiers in the 2026 cycle, so each demo officer's inbox has work on first login:
driven through the real services, never by setting a status. The records they stand on
(areas, units, cycles, users) come from dossiers.demo."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import Role, User
from dossiers import demo as records
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import CriterionKind, Dossier, RecognitionCycle, Unit
from dossiers.reference.meeting_seats import seats_for
from dossiers.registration import late_registration_open, registration_last_day

from . import deadlines
from .recognition import services
from .recognition.selectors import criteria_for
from .recognition.services.registration import registration_documents_required

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEETING_NAMES = [
    "Mai Văn Tâm",
    "Trần Thị Hoa",
    "Lê Văn Bình",
    "Phạm Thị Lan",
    "Nguyễn Văn Hùng",
    "Võ Thị Mai",
]


def build_demo_dossiers(go_dau, password: str) -> User | None:
    """Khu phố 2 waits for the ward police's appraisal, the ward itself for the provincial
    police's (PV05), the company for the ward's decision (Circular 124, Art. 9 cl. 1, as
    routed in the 2026 cycle). Does nothing once the demo dossiers exist."""
    cycle = RecognitionCycle.objects.get(province=go_dau.parent, year=2026)
    units = [
        Unit.objects.get(identifier=f"KDC-{go_dau.code}02"),
        Unit.objects.get(identifier=f"XA-{go_dau.code}"),
        Unit.objects.filter(area=go_dau, kind="enterprise", is_small_enterprise=False).first(),
    ]
    if Dossier.objects.filter(cycle=cycle, unit__in=units).exists():
        return None
    head, created = User.objects.get_or_create(
        username="truongkhupho2",
        defaults={
            "last_name": "Mai Văn",
            "first_name": "Tâm",
            "email": records.demo_email("truongkhupho2"),
            "role": Role.UNIT_HEAD,
        },
    )
    if created:
        head.set_password(password)
        head.save(update_fields=["password"])
    for unit in units:
        user_grant_jurisdiction(user=head, target=unit)
        unit.heads.add(head)
    ward_police = User.objects.get(username="caxa.godau")
    today = deadlines.today()
    for depth, unit in enumerate(units):
        last_day = registration_last_day(cycle, unit.kind)
        if last_day and today > last_day:  # a demo built after Quarter I shows the exception
            late_registration_open(
                acting_user=User.objects.get(username="quantri"),
                cycle=cycle,
                unit=unit,
                reason="Dữ liệu mẫu được tạo sau Quý I: mở đăng ký muộn để minh họa quy trình.",
            )
        required = registration_documents_required(unit.kind, has_party_organisation=True)
        dossier = services.dossier_register(
            acting_user=head,
            unit=unit,
            cycle=cycle,
            households_total=150 if unit.kind == "residential_area" else None,
            households_registered=150 if unit.kind == "residential_area" else None,
            has_party_organisation=True,
            documents={code: SimpleUploadedFile(f"{code}.pdf", MINIMAL_PDF) for code in required},
        )
        criteria = criteria_for(dossier)
        services.dossier_save_assessment(
            acting_user=head,
            dossier=dossier,
            answers={
                c.pk: (True, "Đã thực hiện đầy đủ.")
                for c in criteria
                if c.kind != CriterionKind.DISQUALIFIER
            },
            # Circular 124 Art. 6 cl. 5: 7 of the company's 8 sub-units rated (87,5 %).
            sub_units=(8, 7) if unit.kind == "enterprise" else None,
        )
        for kind in cycle.routes.get(unit_kind=unit.kind).required_documents.all():
            services.document_upload(
                acting_user=head,
                dossier=dossier,
                kind=kind,
                upload=SimpleUploadedFile(f"{kind.code}.pdf", MINIMAL_PDF),
            )
        services.meeting_save(
            acting_user=head,
            dossier=dossier,
            held_on=today,
            attendees={
                seat.code: (name, seat.label.split(" (")[0])
                for seat, name in zip(seats_for(unit.kind), MEETING_NAMES, strict=False)
            },
        )
        dossier = services.dossier_submit(acting_user=head, dossier=dossier)
        verdicts = {c.pk: (True, "") for c in criteria}
        if depth == 2:
            services.dossier_review(
                acting_user=ward_police, dossier=dossier, outcome="forward", verdicts=verdicts
            )
    return head


@transaction.atomic
def build_demo() -> records.DemoSummary:
    """The demo province (dossiers.demo), then its dossiers in flight."""
    summary = records.build_demo()
    build_demo_dossiers(summary.go_dau, records.DEMO_PASSWORD)
    summary.logins.append(
        ("truongkhupho2", Role.UNIT_HEAD.label, "3 hồ sơ mẫu ở Phường Gò Dầu (đang xử lý)")
    )
    summary.counts["dossiers"] = Dossier.objects.count()
    return summary
