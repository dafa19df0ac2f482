"""Every change in the movement app: one service per action, keyword-only, with the acting
user, its own permission check, a guard raising a DomainError, in one transaction
(DESIGN.md "Style to follow"). Each docstring names the rule it implements."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from accounts.models import Role
from dossiers.guards import NUL_MESSAGE
from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import AdministrativeArea, AreaLevel, CriteriaSet, Dossier, DossierStatus
from dossiers.models import NominationStatus as N
from dossiers.services import DomainError
from workflows.recognition.criteria import criteria_for, judged
from workflows.recognition.permissions import POLICE_ROLES
from workflows.rewards.selectors import nominations_visible_to

from . import permissions
from .models import (
    CoProposal,
    Finding,
    Inspection,
    InspectionPlan,
    ModelAssessment,
    ModelResult,
    MonthlyCheck,
    MovementModel,
    Referral,
    ReferralKind,
)

# The seed plans: "Công an tỉnh kiểm tra ít nhất 10 đơn vị mỗi năm" (DOMAIN.md §4). The
# plan's own target is the data; this is the floor a provincial plan may not go below.
MINIMUM_TARGET = {AreaLevel.PROVINCE: 10}
MAX_TEXT = 4000


def _clean(text: str, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    text = (text or "").strip()
    if "\x00" in text:
        raise DomainError(NUL_MESSAGE)
    if required and not text:
        raise DomainError(f"Vui lòng nhập {label}.")
    if len(text) > limit:
        raise DomainError(f"{label.capitalize()} tối đa {limit} ký tự.")
    return text


def _not_future(day: datetime.date | None, label: str, today: datetime.date):
    if day is None:
        raise DomainError(f"Vui lòng nhập {label}.")
    if day > today:
        raise DomainError(f"{label.capitalize()} ({day:%d/%m/%Y}) chưa tới.")


# --- inspections ------------------------------------------------------------------------


def inspection_plan_create(
    *, acting_user, office: AdministrativeArea, year: int, target: int, note: str = ""
) -> InspectionPlan:
    """An office's yearly inspection plan. Seed plans (DOMAIN.md §4, "Periodic reporting"):
    the provincial police inspect at least 10 units a year — a provincial plan's target may
    not be lower; the target itself is the plan's data."""
    permissions.ensure_can_inspect(acting_user, office)
    floor = MINIMUM_TARGET.get(office.level.code, 1)
    if target is None or target < floor:
        raise DomainError(
            f"Kế hoạch kiểm tra của {office} phải có ít nhất {floor} đơn vị mỗi năm"
            + (" (Công an tỉnh kiểm tra ít nhất 10 đơn vị/năm)." if floor > 1 else ".")
        )
    try:
        with transaction.atomic():
            return InspectionPlan.objects.create(
                office=office,
                year=year,
                target=target,
                note=_clean(note, "ghi chú", required=False, limit=500),
                created_by=acting_user,
            )
    except IntegrityError:
        raise DomainError(f"{office} đã có kế hoạch kiểm tra năm {year}.") from None


@transaction.atomic
def inspection_create(
    *, acting_user, plan: InspectionPlan, unit, inspected_on: datetime.date, team: str, today
) -> Inspection:
    """An inspection of a unit the inspecting office covers, under its yearly plan, in the
    plan's year; linked to the unit's dossier of that year when there is one."""
    permissions.ensure_can_inspect(acting_user, plan.office)
    if not units_in_jurisdiction(acting_user, act=True).filter(pk=unit.pk).exists():
        raise PermissionDenied(f"{unit} không thuộc địa bàn của {plan.office}.")
    _not_future(inspected_on, "ngày kiểm tra", today)
    if inspected_on.year != plan.year:
        raise DomainError(f"Ngày kiểm tra phải trong năm {plan.year} của kế hoạch.")
    return Inspection.objects.create(
        plan=plan,
        unit=unit,
        dossier=Dossier.objects.filter(unit=unit, cycle__year=plan.year).first(),
        inspected_on=inspected_on,
        team=_clean(team, "thành phần đoàn kiểm tra", limit=500),
        created_by=acting_user,
    )


def inspection_criteria(inspection: Inspection) -> list:
    """The criteria the team judges: those of the unit's dossier of the year (Circular 124,
    Art. 4–7, with the province's additions), else the newest set for the unit's kind."""
    if inspection.dossier_id:
        return judged(criteria_for(inspection.dossier))
    criteria_set = (
        CriteriaSet.objects.filter(unit_kind=inspection.unit.kind)
        .order_by("-regulation__effective_from", "-version")
        .first()
    )
    if criteria_set is None:
        return []
    return [c for c in criteria_set.criteria.filter(province__isnull=True) if c.judged]


@transaction.atomic
def inspection_record_findings(
    *, acting_user, inspection: Inspection, findings: dict, conclusion: str, follow_up: str
) -> Inspection:
    """Findings per criterion of the unit's set ({criterion pk: (met, note)}); a criterion
    found "chưa đạt" needs what was found; the conclusion and follow-up as typed."""
    permissions.ensure_can_inspect(acting_user, inspection.plan.office)
    criteria = {c.pk: c for c in inspection_criteria(inspection)}
    unknown = set(findings) - set(criteria)
    if unknown:
        raise DomainError("Tiêu chí không thuộc bộ tiêu chí của đơn vị.")
    unexplained = [
        criteria[pk].label
        for pk, (met, note) in findings.items()
        if not met and not (note or "").strip()
    ]
    if unexplained:
        raise DomainError(
            "Vui lòng ghi nội dung phát hiện ở tiêu chí chưa đạt: " + ", ".join(unexplained) + "."
        )
    for pk, (met, note) in findings.items():
        Finding.objects.update_or_create(
            inspection=inspection,
            criterion_id=pk,
            defaults={"met": met, "note": _clean(note, "nội dung", required=False, limit=1000)},
        )
    inspection.conclusion = _clean(conclusion, "kết luận", required=False)
    inspection.follow_up = _clean(follow_up, "kiến nghị", required=False)
    inspection.save(update_fields=["conclusion", "follow_up"])
    return inspection


@transaction.atomic
def inspection_refer(*, acting_user, inspection: Inspection, kind: str, content: str) -> Referral:
    """A finding "chưa đạt" opens, on the unit's dossier of the year, a request to the
    office that acts on it (DOMAIN.md §1, §4):
    - a supplement — only while the dossier waits for its review and has not had its one
      supplement (Circular 124 Art. 9; one-stop practice: once, in writing): addressed to
      the reviewing office, which requests it through its review step;
    - a revocation — only of a recognition (DOMAIN.md §1 "Recognition can be revoked"):
      addressed to the committee that decided, which revokes through its revocation
      decision; a recognition the Minister decided is revoked by the Ministry, not here."""
    permissions.ensure_can_inspect(acting_user, inspection.plan.office)
    if kind not in ReferralKind.values:
        raise DomainError("Vui lòng chọn loại kiến nghị.")
    failed = list(inspection.findings.filter(met=False).select_related("criterion"))
    if not failed:
        raise DomainError("Chỉ kiến nghị khi có tiêu chí được kiểm tra là chưa đạt.")
    dossier = (
        Dossier.objects.select_for_update().filter(pk=inspection.dossier_id).first()
        if inspection.dossier_id
        else None
    )
    if dossier is None:
        raise DomainError(f"{inspection.unit} chưa có hồ sơ năm {inspection.plan.year}.")
    if kind == ReferralKind.SUPPLEMENT:
        if dossier.status != DossierStatus.SUBMITTED or dossier.supplement_requests:
            raise DomainError(
                "Chỉ đề nghị yêu cầu bổ sung khi hồ sơ đang chờ xét duyệt và chưa được yêu "
                "cầu bổ sung lần nào (chỉ bổ sung một lần)."
            )
        office_id = dossier.review_area_id
    else:
        if dossier.status != DossierStatus.RECOGNISED or dossier.decided_by_minister:
            raise DomainError("Chỉ đề nghị thu hồi khi đơn vị đã được Ủy ban nhân dân công nhận.")
        office_id = dossier.decide_area_id
    lines = [f"Tiêu chí {f.criterion.label}: {f.note}" for f in failed]
    return Referral.objects.create(
        inspection=inspection,
        dossier=dossier,
        kind=kind,
        office_id=office_id,
        content=_clean(content, "nội dung kiến nghị") + "\n" + "\n".join(lines),
        created_by=acting_user,
    )


# --- movement models --------------------------------------------------------------------


@transaction.atomic
def model_register(
    *,
    acting_user,
    units: list,
    name: str,
    kind: str,
    established_on: datetime.date,
    today: datetime.date,
    replicated_from: MovementModel | None = None,
    description: str = "",
) -> MovementModel:
    """Register a movement model of one or more units (Circular 124, Art. 5 cl. 1, Art. 6
    cl. 1, Art. 7 cl. 1: "ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc")."""
    if not units:
        raise DomainError("Vui lòng chọn ít nhất một đơn vị.")
    for unit in units:
        permissions.ensure_can_register_model(acting_user, unit)
    _not_future(established_on, "ngày thành lập", today)
    if replicated_from is not None and replicated_from.established_on > established_on:
        raise DomainError("Mô hình nhân rộng phải thành lập sau mô hình gốc.")
    model = MovementModel.objects.create(
        name=_clean(name, "tên mô hình", limit=255),
        kind=kind,
        established_on=established_on,
        replicated_from=replicated_from,
        description=_clean(description, "nội dung hoạt động", required=False, limit=2000),
        created_by=acting_user,
    )
    model.units.set(units)
    return model


@transaction.atomic
def model_assess(*, acting_user, model: MovementModel, year: int, result: str, note: str = ""):
    """The yearly assessment of a model (hiệu quả / cần củng cố / chấm dứt); once a year,
    re-assessing the same year replaces it. A model established after the year cannot be
    assessed for it, and an ended model is not assessed again in a later year."""
    permissions.ensure_can_assess_model(acting_user, model)
    if result not in ModelResult.values:
        raise DomainError("Vui lòng chọn kết quả đánh giá.")
    if year < model.established_on.year:
        raise DomainError(f"Mô hình thành lập năm {model.established_on.year}.")
    if model.assessments.filter(year__lt=year, result=ModelResult.ENDED).exists():
        raise DomainError("Mô hình đã chấm dứt hoạt động ở năm trước.")
    assessment, _ = ModelAssessment.objects.update_or_create(
        model=model,
        year=year,
        defaults={
            "result": result,
            "note": _clean(note, "nhận xét", required=False, limit=500),
            "assessed_by": acting_user,
        },
    )
    return assessment


# --- the Fatherland Front ---------------------------------------------------------------


def monthly_check_record(
    *, acting_user, area, checked_on: datetime.date, content: str, findings: str, today
) -> MonthlyCheck:
    """The Front's monthly check in its area (the 2023 coordination plan: "Mặt trận kiểm
    tra hằng tháng"; DOMAIN.md §4)."""
    permissions.ensure_can_check(acting_user, area)
    _not_future(checked_on, "ngày kiểm tra", today)
    return MonthlyCheck.objects.create(
        area=area,
        checked_on=checked_on,
        content=_clean(content, "nội dung kiểm tra"),
        findings=_clean(findings, "kết quả", required=False),
        created_by=acting_user,
    )


CO_PROPOSABLE = (N.DRAFT, N.SUBMITTED, N.SUPPLEMENT_REQUESTED, N.APPRAISED)


@transaction.atomic
def nomination_co_propose(*, acting_user, nomination, note: str = "") -> CoProposal:
    """The Front proposes rewards jointly with the police (the 2023 coordination plan):
    a Front officer whose area the nomination concerns adds a "đồng đề nghị" to a police
    nomination, once, before the council votes."""
    if acting_user.role != Role.FRONT_OFFICER or not (
        nominations_visible_to(acting_user).filter(pk=nomination.pk).exists()
    ):
        raise PermissionDenied("Chỉ cán bộ Mặt trận Tổ quốc của địa bàn được đồng đề nghị.")
    if nomination.proposer.role not in POLICE_ROLES:
        raise DomainError("Mặt trận đồng đề nghị khen thưởng với lực lượng Công an.")
    if nomination.status not in CO_PROPOSABLE:
        raise DomainError("Chỉ đồng đề nghị trước khi Hội đồng thi đua, khen thưởng biểu quyết.")
    try:
        with transaction.atomic():
            return CoProposal.objects.create(
                nomination=nomination,
                officer=acting_user,
                note=_clean(note, "ý kiến", required=False, limit=1000),
            )
    except IntegrityError:
        raise DomainError("Mặt trận đã đồng đề nghị khen thưởng này.") from None
