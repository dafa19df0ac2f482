"""The proposer's steps on a reward nomination (DOMAIN.md §3; Law 06/2022/QH15 and
Decree 152/2025/NĐ-CP): draft it, attach its documents, submit it to the appraising
office."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import (
    DossierStatus,
    Nomination,
    NominationDocument,
    NominationDocumentKind,
    NominationStatus,
    NominationType,
    Nominee,
)
from dossiers.services import DomainError, area_ancestor_at_level
from notifications.calendar import add_working_days
from workflows import deadlines
from workflows.recognition.documents import save_upload
from workflows.transitions import NOMINATION_TRAIL

from ..flows import RewardFlow
from ..permissions import PROPOSER_ROLES, ensure_can_act
from .core import complete_step, open_deadlines
from .eligibility import eligibility_problems


@transaction.atomic
def nomination_create(
    *,
    acting_user,
    form,
    type: str,
    year: int,
    nominees: list[dict],
    simplified=False,
    summary="",
) -> Nomination:
    """Draft a nomination. `nominees`: dicts with either `unit` (a collective) or
    `full_name`, `citizen_id`, `position`, `workplace` (an individual); optional
    `achievement` and `basis` (an earlier award)."""
    if acting_user.role not in PROPOSER_ROLES:
        raise PermissionDenied("Chỉ người đứng đầu đơn vị hoặc cán bộ công an được đề nghị.")
    if not nominees:
        raise DomainError("Vui lòng nêu ít nhất một tập thể hoặc cá nhân được đề nghị.")
    if simplified and (type != NominationType.ADHOC or not form.allows_simplified):
        raise DomainError("Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất.")
    built = [Nominee(form=form, year=year, **row) for row in nominees]
    for nominee in built:
        if not nominee.unit_id and not (nominee.full_name and nominee.citizen_id):
            raise DomainError("Cá nhân được đề nghị phải có họ tên và số định danh cá nhân.")
    where = next((n.unit or n.workplace for n in built if n.unit_id or n.workplace_id), None)
    if where is None:
        raise DomainError("Vui lòng chọn đơn vị của tập thể hoặc nơi công tác của cá nhân.")
    if not units_in_jurisdiction(acting_user, act=True).filter(pk=where.pk).exists():
        raise PermissionDenied(f"Đơn vị “{where}” không thuộc thẩm quyền đề nghị của bạn.")
    problems = eligibility_problems(type, form, year, built)
    if problems:
        raise DomainError(" ".join(problems))
    appraise_area = area_ancestor_at_level(where.area, form.appraise_level)
    decide_area = area_ancestor_at_level(where.area, form.decide_level)
    if appraise_area is None or decide_area is None:
        raise DomainError(f"Không xác định được cơ quan thẩm định, quyết định cho “{where}”.")
    nomination = Nomination.objects.create(
        form=form,
        type=type,
        year=year,
        simplified=simplified,
        summary=summary.strip(),
        proposer=acting_user,
        proposing_area=where.area,
        appraise_area=appraise_area,
        decide_area=decide_area,
    )
    for nominee in built:
        nominee.nomination = nomination
    try:
        with transaction.atomic():
            Nominee.objects.bulk_create(built)
    except IntegrityError as exc:
        raise DomainError("Có người hoặc tập thể đã được đề nghị hình thức này trong năm.") from exc
    nomination.process = RewardFlow.start.run(nomination=nomination)
    nomination.save(update_fields=["process"])
    NOMINATION_TRAIL.record(nomination, user=acting_user, step="draft", source="")
    open_deadlines(nomination)
    return nomination


def nomination_from_dossier(*, dossier) -> list[dict]:
    """The nominees a recognised unit's dossier suggests: the collective and its head."""
    if dossier.status != DossierStatus.RECOGNISED:
        raise DomainError("Chỉ đề nghị khen thưởng từ hồ sơ đã được công nhận.")
    rows = [{"unit": dossier.unit}]
    head = dossier.unit.heads.first()
    if head is not None:
        rows.append(
            {
                "full_name": head.get_full_name(),
                "position": head.position or f"Người đứng đầu {dossier.unit}",
                "workplace": dossier.unit,
                "user": head,
            }
        )
    return rows


@transaction.atomic
def nomination_upload(*, acting_user, nomination, kind, upload, nominee=None):
    ensure_can_act(acting_user, nomination, "prepare")
    if nomination.status not in (NominationStatus.DRAFT, NominationStatus.SUPPLEMENT_REQUESTED):
        raise DomainError("Hồ sơ đã trình, không thể sửa.")
    document = NominationDocument(
        nomination=nomination, nominee=nominee, kind=kind, uploaded_by=acting_user
    )
    return save_upload(document, upload)


def missing_documents(nomination) -> list[str]:
    """Full procedure: proposal, an achievement report per nominee, council minutes.
    Simplified (ad-hoc, outstanding acts): proposal and a short summary only."""
    documents = list(nomination.documents.all())
    kinds = {d.kind for d in documents}
    missing = []
    if NominationDocumentKind.PROPOSAL not in kinds:
        missing.append(NominationDocumentKind.PROPOSAL.label)
    if nomination.simplified:
        if not nomination.summary.strip():
            missing.append("Tóm tắt thành tích")
        return missing
    if NominationDocumentKind.MINUTES not in kinds:
        missing.append(NominationDocumentKind.MINUTES.label)
    reported = {d.nominee_id for d in documents if d.kind == NominationDocumentKind.ACHIEVEMENT}
    for nominee in nomination.nominees.all():
        if nominee.pk not in reported:
            missing.append(f"{NominationDocumentKind.ACHIEVEMENT.label} của “{nominee}”")
    return missing


def nomination_submit(*, acting_user, nomination):
    """Submit (or resubmit after the supplement) to the appraising office. The office
    receives it today and must return an ineligible or incomplete nomination within the
    form's `return_working_days` (5, DOMAIN.md §3): the date is kept on the nomination."""
    ensure_can_act(acting_user, nomination, "prepare")  # before any rule speaks of it
    missing = missing_documents(nomination)
    if missing:
        raise DomainError("Còn thiếu: " + "; ".join(missing) + ".")
    problems = eligibility_problems(
        nomination.type, nomination.form, nomination.year, list(nomination.nominees.all())
    )
    if problems:
        raise DomainError(" ".join(problems))

    def change(fresh):
        fresh.submit()
        fresh.received_on = deadlines.today()
        fresh.return_due_on = add_working_days(fresh.received_on, fresh.form.return_working_days)
        fresh.returned_on = None

    return complete_step(
        nomination=nomination,
        nodes=[RewardFlow.prepare_nomination, RewardFlow.supplement_nomination],
        user=acting_user,
        step="prepare",
        audit_step="submit",
        change=change,
    )
