"""Every change to a recognition dossier (Circular 124/2021/TT-BCA; DOMAIN.md §1).

Each human step is one service: it checks role and jurisdiction, takes the flow lock, takes
the open task, calls exactly one Dossier transition, writes the audit row and completes the
task — all in one transaction (DESIGN.md "one writer"). Two officers acting at once get one
success and one `Conflict`.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import (
    AreaLevel,
    Assessment,
    ComputedRule,
    CriterionKind,
    DisqualifyingEvent,
    Document,
    Dossier,
    DossierStatus,
    DossierVersion,
    UnitKind,
)
from dossiers.registration import cycle_province_check, registration_window_check
from dossiers.services import (
    DomainError,
    cycle_route_for,
    ensure_text_within,
    unit_ineligibility_reasons,
)
from workflows import deadlines
from workflows.deadlines import open_deadlines

from ..computed import uses_rule, validate_sub_units
from ..criteria import criteria_for, judged, latest_criteria_set
from ..documents import save_upload
from ..flows import RecognitionFlow
from ..permissions import ensure_can_act
from .core import complete_step, draft_version, record_transition
from .meeting import meeting_problems
from .registration import RegistrationIncomplete, registration_problems, registration_store

# --- unit head -----------------------------------------------------------------------


@transaction.atomic
def dossier_register(
    *,
    acting_user,
    unit,
    cycle,
    households_total: int | None = None,
    households_registered: int | None = None,
    commitment: str = "",
    has_party_organisation: bool | None = None,
    documents: dict | None = None,
) -> Dossier:
    """Register a unit for the cycle's movement (đăng ký phấn đấu) in Quarter I, or later
    only where the cycle's administrator opened a late registration for the unit
    (Circular 124, Art. 4–7 cl. 1), with the registration dossier (Art. 9 cl. 2 a;
    `documents` maps a document kind's code to its upload) and, for a residential area,
    its households (Art. 4 cl. 1). Excluded kinds are refused with the reason; whatever is
    missing is raised together, per field (RegistrationIncomplete). The dossier is
    assessed on the latest version of the criteria set, recorded on it."""
    if acting_user.role != Role.UNIT_HEAD or not (
        units_in_jurisdiction(acting_user, act=True).filter(pk=unit.pk).exists()
    ):
        raise PermissionDenied("Chỉ người đứng đầu đơn vị được đăng ký cho đơn vị.")
    reasons = unit_ineligibility_reasons(unit)
    if reasons:
        raise DomainError(" ".join(reasons))
    if not cycle.is_open:
        raise DomainError(f"Đợt “{cycle}” đã đóng, không nhận đăng ký.")
    registered_on = deadlines.today()
    cycle_province_check(cycle=cycle, unit=unit, on=registered_on)
    late = registration_window_check(cycle=cycle, unit=unit, on=registered_on)
    if Dossier.objects.filter(cycle=cycle, unit=unit).exists():
        raise DomainError(f"Đơn vị “{unit}” đã đăng ký trong đợt này.")
    documents = documents or {}
    problems = registration_problems(
        unit=unit,
        households_total=households_total,
        households_registered=households_registered,
        has_party_organisation=has_party_organisation,
        documents=documents,
    )
    if problems:
        raise RegistrationIncomplete(problems)
    if unit.kind != UnitKind.RESIDENTIAL_AREA:  # households are asked of residential areas
        households_total = households_registered = None
    route = cycle_route_for(cycle=cycle, unit=unit)
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                cycle=cycle,
                unit=unit,
                review_area=route.review_area,
                appraise_area=route.appraise_area,
                decide_area=route.decide_area,
                decided_by_minister=route.decide_area.level.code == AreaLevel.MINISTRY,
                households_total=households_total,
                households_registered=households_registered,
                commitment=commitment,
                registered_by=acting_user,
                criteria_set=latest_criteria_set(cycle.regulation_id, unit.kind),
            )
    except IntegrityError as exc:
        raise DomainError(f"Đơn vị “{unit}” đã đăng ký trong đợt này.") from exc
    registration_store(
        dossier=dossier,
        user=acting_user,
        on=registered_on,
        has_party_organisation=has_party_organisation,
        documents=documents,
        late=late,
    )
    version = DossierVersion.objects.create(dossier=dossier, number=1)
    Assessment.objects.bulk_create(
        Assessment(version=version, criterion=c)
        for c in judged(criteria_for(dossier))
        if c.kind != CriterionKind.DISQUALIFIER
    )
    dossier.process = RecognitionFlow.start.run(dossier=dossier)
    dossier.save(update_fields=["process"])
    open_deadlines(dossier)
    note = f"Đăng ký sau Quý I, được mở đăng ký muộn: {late.reason}" if late else ""
    record_transition(dossier=dossier, user=acting_user, step="register", source="", comment=note)
    return dossier


@transaction.atomic
def dossier_save_assessment(
    *, acting_user, dossier, answers: dict, sub_units: tuple | None = None
) -> DossierVersion:
    """Save the self-assessment as the user goes: {criterion_id: (met, explanation)}, and
    `sub_units` = (sub-units, sub-units rated), the figures of Circular 124 Art. 6 cl. 5 /
    Art. 7 cl. 6 (`computed.validate_sub_units`)."""
    ensure_can_act(acting_user, dossier, "prepare")
    version = draft_version(dossier)
    if sub_units is not None:
        validate_sub_units(*sub_units)
        version.sub_units_total, version.sub_units_rated = sub_units
        version.save(update_fields=["sub_units_total", "sub_units_rated"])
    rows = {a.criterion_id: a for a in version.assessments.all()}
    for criterion_id, (met, explanation) in answers.items():
        row = rows.get(int(criterion_id))
        if row is None:
            continue
        row.met, row.explanation = met, explanation
    Assessment.objects.bulk_update(rows.values(), ["met", "explanation"])
    return version


@transaction.atomic
def dossier_declare_event(
    *, acting_user, dossier, criterion, occurred_on: datetime.date, description: str
) -> DisqualifyingEvent:
    ensure_can_act(acting_user, dossier, "prepare")
    if criterion.kind != CriterionKind.DISQUALIFIER:
        raise DomainError("Chỉ khai báo sự việc cho tiêu chí về sự việc làm mất tiêu chuẩn.")
    if not description.strip():
        raise DomainError("Vui lòng mô tả sự việc.")
    ensure_text_within(description.strip(), "Mô tả sự việc")
    return DisqualifyingEvent.objects.create(
        version=draft_version(dossier),
        criterion=criterion,
        occurred_on=occurred_on,
        description=description.strip(),
    )


@transaction.atomic
def dossier_remove_event(*, acting_user, dossier, event_id: int):
    ensure_can_act(acting_user, dossier, "prepare")
    draft_version(dossier).events.filter(pk=event_id).delete()


@transaction.atomic
def document_upload(*, acting_user, dossier, kind, upload, criterion=None) -> Document:
    """Attach a file to the draft version; kind checked from content, SHA-256 stored."""
    ensure_can_act(acting_user, dossier, "prepare")
    document = Document(
        version=draft_version(dossier), kind=kind, criterion=criterion, uploaded_by=acting_user
    )
    return save_upload(document, upload)


@transaction.atomic
def document_remove(*, acting_user, dossier, document_id: int):
    ensure_can_act(acting_user, dossier, "prepare")
    draft_version(dossier).documents.filter(pk=document_id).delete()


def missing_documents(dossier, version) -> list:
    required = list(dossier.cycle.routes.get(unit_kind=dossier.unit.kind).required_documents.all())
    present = set(version.documents.values_list("kind_id", flat=True))
    return [kind for kind in required if kind.pk not in present]


def dossier_submit(*, acting_user, dossier, comment: str = "") -> Dossier:
    """Submit (or resubmit after a supplement) the draft: every required document kind
    attached, every criterion answered and the evaluation meeting recorded with every
    seat Circular 124, Art. 9 cl. 1 a, c requires; the version is then frozen."""
    ensure_can_act(acting_user, dossier, "prepare")  # before any rule speaks of the dossier
    version = draft_version(dossier)
    missing = missing_documents(dossier, version)
    problems = []
    if missing:
        problems.append("Còn thiếu tài liệu: " + "; ".join(k.name for k in missing) + ".")
    unanswered = version.assessments.filter(met__isnull=True).select_related(
        "criterion__refers_to__criteria_set"
    )
    if unanswered:
        labels = ", ".join(a.criterion.label for a in unanswered)
        problems.append(f"Chưa tự đánh giá tiêu chí: {labels}.")
    problems += meeting_problems(version, dossier.unit.kind, deadlines.today())
    if uses_rule(criteria_for(dossier), ComputedRule.SUB_UNITS) and (
        version.sub_units_total is None or version.sub_units_rated is None
    ):
        problems.append("Chưa nhập số đầu mối trực thuộc và số đầu mối đạt danh hiệu.")
    if problems:
        raise DomainError(" ".join(problems))

    def change(fresh):
        fresh.submit()
        DossierVersion.objects.filter(pk=version.pk, submitted_at__isnull=True).update(
            submitted_at=timezone.now(), submitted_by=acting_user
        )

    resubmission = dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    return complete_step(
        dossier=dossier,
        nodes=[RecognitionFlow.prepare_dossier, RecognitionFlow.supplement_dossier],
        user=acting_user,
        step="prepare",
        audit_step="resubmit" if resubmission else "submit",
        change=change,
        comment=comment,
    )
