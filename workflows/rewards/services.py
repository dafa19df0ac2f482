"""Every change to a reward nomination (DOMAIN.md §3; Law 06/2022/QH15 and Decree
152/2025/NĐ-CP). As for dossiers, each step takes the flow lock and the open task, calls
exactly one Nomination transition and writes the audit row in one transaction. Decisions
and revocation: workflows.rewards.awards; a higher authority's decision recorded:
workflows.rewards.recorded; sending a decision out: workflows.rewards.dispatch."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q

from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import (
    CouncilVote,
    Dossier,
    DossierStatus,
    Nomination,
    NominationDocument,
    NominationDocumentKind,
    NominationStatus,
    NominationTransition,
    NominationType,
    Nominee,
    NomineeFlag,
)
from dossiers.services import DomainError, area_ancestor_at_level
from notifications.calendar import add_working_days
from notifications.tasks import announce_nomination
from workflows import deadlines
from workflows.deadlines import open_task_deadlines
from workflows.models import TaskDeadline
from workflows.recognition.documents import save_upload
from workflows.steps import complete_human_task

from .flows import RewardFlow
from .permissions import PROPOSER_ROLES, ensure_can_act


def record_transition(nomination, user, step, source, comment=""):
    """The audit row; the people concerned hear of it after the commit."""
    transition = NominationTransition.objects.create(
        nomination=nomination,
        actor=user,
        role=getattr(user, "role", ""),
        step=step,
        source=source,
        target=nomination.status,
        comment=comment,
    )
    announce_nomination.delay_on_commit(transition.pk)
    return transition


def eligibility_problems(nomination_type, form, year, nominees) -> list[str]:
    """The rules a nomination must meet (DOMAIN.md §3), each with its message:
    - the form may require the collective's ANTT recognition for the year;
    - no nominee while the competent body is considering discipline, investigating,
      inspecting or examining on signs of violation, or verifying a complaint, a
      denunciation or corruption raised by the press (Decree 152/2025 Art. 4 cl. 4: an
      active NomineeFlag of any FlagKind);
    - an ad-hoc or thematic award cannot be the basis of a regular merit nomination;
    - one nomination per nominee, form and year."""
    problems = []
    for nominee in nominees:
        who = str(nominee)
        if form.requires_recognition and nominee.unit_id:
            recognised = Dossier.objects.filter(
                unit_id=nominee.unit_id, cycle__year=year, status=DossierStatus.RECOGNISED
            ).exists()
            if not recognised:
                problems.append(
                    f"Tập thể “{who}” chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, "
                    f"trật tự” năm {year}, là điều kiện của hình thức “{form}”."
                )
        flags = NomineeFlag.objects.filter(active=True).filter(
            (Q(unit_id=nominee.unit_id) if nominee.unit_id else Q(pk__in=[]))
            | (Q(citizen_id=nominee.citizen_id) if nominee.citizen_id else Q(pk__in=[]))
        )
        for flag in flags:
            problems.append(f"“{who}” {flag.get_kind_display()}; chưa thể đề nghị khen thưởng.")
        basis = nominee.basis
        if (
            basis is not None
            and nomination_type == NominationType.REGULAR
            and basis.nomination.type in (NominationType.ADHOC, NominationType.THEMATIC)
        ):
            problems.append(
                f"Khen thưởng {basis.nomination.get_type_display().lower()} của “{basis}” không "
                "được dùng làm căn cứ đề nghị khen thưởng thường xuyên (theo công trạng)."
            )
        taken = Nominee.objects.filter(form=form, year=year).filter(
            Q(unit_id=nominee.unit_id) if nominee.unit_id else Q(citizen_id=nominee.citizen_id)
        )
        if nominee.pk:
            taken = taken.exclude(pk=nominee.pk)
        if taken.exists():
            problems.append(f"“{who}” đã được đề nghị “{form}” trong năm {year}.")
    return problems


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
    record_transition(nomination, acting_user, "draft", "")
    _open_deadlines(nomination)
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


def _step(*, nomination, nodes, user, step, audit_step, change, comment=""):
    ensure_can_act(user, nomination, step)

    def after(fresh, source):
        record_transition(fresh, user, audit_step, source, comment)
        _open_deadlines(fresh)

    return complete_human_task(
        flow=RewardFlow,
        process_id=nomination.process_id,
        nodes=nodes,
        user=user,
        load=lambda: Nomination.objects.select_related("form").get(pk=nomination.pk),
        link="nomination",
        change=change,
        after=after,
    )


def nomination_submit(*, acting_user, nomination):
    """Submit (or resubmit after the supplement) to the appraising office. The office
    receives it today and must return an ineligible or incomplete nomination within the
    form's `return_working_days` (5, DOMAIN.md §3): the date is kept on the nomination."""
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

    return _step(
        nomination=nomination,
        nodes=[RewardFlow.prepare_nomination, RewardFlow.supplement_nomination],
        user=acting_user,
        step="prepare",
        audit_step="submit",
        change=change,
    )


APPRAISAL_OUTCOMES = {
    "forward": "Đủ điều kiện — trình Hội đồng",
    "supplement": "Yêu cầu bổ sung (một lần)",
    "return": "Trả lại: không đủ điều kiện",
}


def nomination_appraise(*, acting_user, nomination, outcome: str, comment: str = ""):
    """Appraisal by the office the form names (DOMAIN.md §3): forward to the council (within
    the form's `appraise_working_days`, 20, from the complete dossier), or — within its
    `return_working_days`, 5, from receipt — ask once for a supplement or return an
    ineligible nomination with its reason. The date of that return is kept, so the page
    can tell early, on time or late (the return is never refused for being late)."""
    comment = comment.strip()
    if outcome not in APPRAISAL_OUTCOMES:
        raise DomainError("Vui lòng chọn kết quả thẩm định.")
    if outcome == "supplement" and nomination.supplement_requests:
        raise DomainError("Chỉ được yêu cầu bổ sung một lần.")
    if outcome in ("supplement", "return") and not comment:
        raise DomainError("Vui lòng ghi rõ lý do hoặc nội dung cần bổ sung.")

    def change(fresh):
        if outcome == "forward":
            fresh.appraise()
            return
        if outcome == "supplement":
            fresh.request_supplement()
        else:
            fresh.return_ineligible()
            fresh.result_reason = comment
        fresh.returned_on = deadlines.today()

    return _step(
        nomination=nomination,
        nodes=[RewardFlow.appraise_nomination],
        user=acting_user,
        step="appraise",
        audit_step=f"appraise_{outcome}",
        change=change,
        comment=comment,
    )


def nomination_record_vote(
    *,
    acting_user,
    nomination,
    members_total: int,
    members_present: int,
    votes_for: int,
    votes_against: int,
    voted_on: datetime.date,
):
    """The council's vote, by the form's rule (DOMAIN.md §3: quorum and majority are data
    per form; Decree 152/2025's own figures were not found): valid when the members present
    reach the form's quorum fraction of all members (default at least 2/3); passed when the
    votes for exceed its majority fraction of ALL members (default more than 1/2)."""
    if not (0 < members_total and 0 <= members_present <= members_total):
        raise DomainError("Số thành viên dự họp không hợp lệ.")
    if votes_for + votes_against > members_present:
        raise DomainError("Tổng số phiếu vượt quá số thành viên dự họp.")
    form = nomination.form
    quorum = members_present * form.quorum_denominator >= members_total * form.quorum_numerator
    passed = quorum and (
        votes_for * form.majority_denominator > members_total * form.majority_numerator
    )

    def change(fresh):
        CouncilVote.objects.create(
            nomination=fresh,
            members_total=members_total,
            members_present=members_present,
            votes_for=votes_for,
            votes_against=votes_against,
            quorum_reached=quorum,
            quorum_rule=form.quorum_label,
            majority_rule=form.majority_label,
            passed=passed,
            voted_on=voted_on,
            recorded_by=acting_user,
        )
        if passed:
            fresh.pass_vote()
        else:
            fresh.fail_vote()
            fresh.result_reason = (
                "Hội đồng không đủ số thành viên dự họp."
                if not quorum
                else "Hội đồng không thông qua."
            )

    return _step(
        nomination=nomination,
        nodes=[RewardFlow.record_vote],
        user=acting_user,
        step="appraise",
        audit_step="vote",
        change=change,
        comment=f"{votes_for}/{members_total} tán thành, {members_present} dự họp",
    )


def _open_deadlines(nomination):
    """The reward steps' due dates, from the form's durations (DOMAIN.md §3):
    - appraisal: `appraise_working_days` (20) from the receipt of the complete dossier;
    - the council's vote belongs to that appraisal, so it is due on the appraisal's date;
    - the proposer's supplement: `supplement_working_days` (the province's choice, 10);
    - deciding has no time limit of its own: the 10 working days run after the decision is
      issued, to send it out (DecisionDispatch, reward_decision_issue).
    The office's 5 days to return a nomination are kept on it (nomination_submit)."""
    form = nomination.form

    def plan(task, start):
        name = task.flow_task.name
        if name == "appraise_nomination":
            step, due = "appraise", add_working_days(start, form.appraise_working_days)
        elif name == "record_vote":
            appraisal = (
                TaskDeadline.objects.filter(task__process_id=nomination.process_id, step="appraise")
                .order_by("-pk")
                .first()
            )
            step = "appraise"
            due = (
                appraisal.due_date
                if appraisal is not None
                else add_working_days(start, form.appraise_working_days)
            )
        elif name == "supplement_nomination":
            step, due = "supplement", add_working_days(start, form.supplement_working_days)
        else:
            return None
        return {"step": step, "area_id": nomination.appraise_area_id, "due_date": due}

    open_task_deadlines(nomination.process_id, plan)
