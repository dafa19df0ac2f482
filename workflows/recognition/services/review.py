"""Police steps: review by the level the routing names (district police before 03/2025,
commune police since) and appraisal by provincial police (Circular 124/2021/TT-BCA;
DOMAIN.md §1 "Who does what", §4 one-stop practice)."""

from dossiers.inserts import insert_with_children
from dossiers.models import (
    Assessment,
    CriterionVerdict,
    DisqualifyingEvent,
    Document,
    DossierVersion,
    Review,
    ReviewStage,
)
from dossiers.services import DomainError

from ..computed import computed_results, figures_version
from ..criteria import criteria_for, judged
from ..flows import RecognitionFlow
from ..outcomes import failed_labels, with_failures
from ..permissions import ensure_can_act
from .core import complete_step
from .meeting import meeting_copy

REVIEW_OUTCOMES = {
    "forward": "Chuyển tiếp",
    "supplement": "Yêu cầu bổ sung",
    "refuse": "Từ chối",
}
APPRAISAL_OUTCOMES = {
    "propose": "Đạt — đề nghị công nhận",
    "not_met": "Chưa đạt",
    "return": "Trả lại để xét duyệt lại",
}


def _checked_verdicts(dossier, verdicts: dict, *, require_all: bool, version):
    """[(criterion, met, remark)] for the dossier's judged criteria (headings are judged
    through their points); all of them when required.

    A computed criterion (Circular 124 Art. 4 cl. 1, Art. 5 cl. 4, Art. 6 cl. 5, Art. 7
    cl. 6; `computed.computed_results`) cannot be met when its figures fail, whatever the
    officer chose: its row is then met=False, given or not, and the remark starts with the
    figures it was judged on."""
    every = criteria_for(dossier)
    criteria = judged(every)
    figures = computed_results(dossier, version=version, criteria=every)
    failing = {pk for pk, result in figures.items() if not result.met}
    missing = [c for c in criteria if c.pk not in verdicts and c.pk not in failing]
    if require_all and missing:
        labels = ", ".join(c.label for c in missing)
        raise DomainError(f"Chưa cho ý kiến đạt/chưa đạt ở tiêu chí: {labels}.")
    rows = []
    for c in criteria:
        if c.pk not in verdicts and c.pk not in failing:
            continue
        met, remark = verdicts.get(c.pk, (False, ""))
        if c.pk in figures:
            result = figures[c.pk]
            met = met and result.met
            note = f"Số liệu ({result.article}): {result.figures}"
            if not result.met:
                note += " Chưa đạt theo số liệu."
            remark = f"{note} {remark}".strip()
        rows.append((c, met, remark))
    return rows


def _save_review(*, dossier, user, stage, outcome, comment, rows, version):
    """`version`: the one the verdicts judged (`figures_version`), recorded when submitted."""
    if version is not None and version.submitted_at is None:
        version = None
    review = Review(
        dossier=dossier, version=version, stage=stage, actor=user, outcome=outcome, comment=comment
    )
    verdicts = [CriterionVerdict(criterion=c, met=met, remark=remark) for c, met, remark in rows]
    insert_with_children(review, verdicts, "review")  # one statement on PostgreSQL
    return version


def _new_draft_from(version: DossierVersion) -> DossierVersion:
    """A supplement starts a new version holding a copy of the last one; the submitted
    version stays as it was, readable."""
    draft = DossierVersion.objects.create(dossier=version.dossier, number=version.number + 1)
    Assessment.objects.bulk_create(
        Assessment(version=draft, criterion_id=a.criterion_id, met=a.met, explanation=a.explanation)
        for a in version.assessments.all()
    )
    DisqualifyingEvent.objects.bulk_create(
        DisqualifyingEvent(
            version=draft,
            criterion_id=e.criterion_id,
            occurred_on=e.occurred_on,
            description=e.description,
        )
        for e in version.events.all()
    )
    Document.objects.bulk_create(
        Document(
            version=draft,
            kind_id=d.kind_id,
            criterion_id=d.criterion_id,
            file=d.file.name,
            original_name=d.original_name,
            content_type=d.content_type,
            size=d.size,
            sha256=d.sha256,
            uploaded_by_id=d.uploaded_by_id,
        )
        for d in version.documents.all()
    )
    meeting_copy(version, draft)
    return draft


def _ensure_all_met(dossier, rows):
    """Circular 124, Art. 4–7 ("khi đạt đủ các tiêu chí"): with any criterion "chưa đạt"
    the dossier cannot go on; only one supplement or a refusal remains."""
    failing = failed_labels(rows)
    if not failing:
        return
    remaining = (
        "Hồ sơ chỉ có thể bị từ chối (đã yêu cầu bổ sung một lần)."
        if dossier.supplement_requests
        else "Hồ sơ chỉ có thể được yêu cầu bổ sung (một lần) hoặc bị từ chối."
    )
    raise DomainError(
        f"Tiêu chí {', '.join(failing)} được đánh giá chưa đạt: không thể chuyển tiếp hay "
        f"đề nghị công nhận. {remaining}"
    )


def dossier_review(*, acting_user, dossier, outcome: str, comment: str = "", verdicts=None):
    """The first police step, by the office the route names (Circular 124, Art. 9 cl. 1):
    the deciding level's standing office appraising, or the preliminary review a province
    switched on. Forward (to the appraising office, or to the People's Committee as a
    proposal) only when every criterion is met (Art. 4–7); request a supplement — once, in
    writing, listing everything missing, which returns the dossier to the unit head; or
    refuse with a reason, the failed criteria added to it (DOMAIN.md §4)."""
    ensure_can_act(acting_user, dossier, "review")  # before any rule speaks of the dossier
    comment = comment.strip()
    if outcome not in REVIEW_OUTCOMES:
        raise DomainError("Vui lòng chọn kết quả xét duyệt.")
    if outcome == "supplement":
        if dossier.supplement_requests:
            raise DomainError(
                "Hồ sơ đã được yêu cầu bổ sung một lần. Chỉ được yêu cầu bổ sung một lần; "
                "hãy chuyển tiếp hoặc từ chối."
            )
        if not comment:
            raise DomainError(
                "Vui lòng liệt kê đầy đủ các nội dung cần bổ sung (chỉ yêu cầu một lần)."
            )
    if outcome == "refuse" and not comment:
        raise DomainError("Vui lòng ghi rõ lý do từ chối.")
    version = figures_version(dossier)
    rows = _checked_verdicts(
        dossier, verdicts or {}, require_all=outcome == "forward", version=version
    )
    if outcome == "forward":
        _ensure_all_met(dossier, rows)

    def change(fresh):
        if outcome == "forward":
            if fresh.appraise_area_id:
                fresh.forward_to_appraisal()
            else:
                fresh.propose()
        elif outcome == "supplement":
            fresh.request_supplement()
        else:
            fresh.refuse()
            fresh.result_reason = with_failures(comment, rows)
        fresh.last_reviewer = acting_user
        saved = _save_review(
            dossier=fresh,
            user=acting_user,
            stage=ReviewStage.REVIEW,
            outcome=outcome,
            comment=comment,
            rows=rows,
            version=version,
        )
        if outcome == "supplement":
            _new_draft_from(saved)

    return complete_step(
        dossier=dossier,
        nodes=[RecognitionFlow.review_dossier],
        user=acting_user,
        step="review",
        audit_step=f"review_{outcome}",
        change=change,
        comment=comment,
        permission_checked=True,
    )


def dossier_appraise(*, acting_user, dossier, outcome: str, comment: str = "", verdicts=None):
    """Appraisal by the deciding level's standing office after a preliminary review
    (Circular 124, Art. 9 cl. 1): đạt → proposed for recognition, only when every criterion
    is met (Art. 4–7); chưa đạt with reasons, the failed criteria added; or back to the
    preliminary review with a reason."""
    ensure_can_act(acting_user, dossier, "appraise")
    comment = comment.strip()
    if outcome not in APPRAISAL_OUTCOMES:
        raise DomainError("Vui lòng chọn kết quả thẩm định.")
    version = figures_version(dossier)
    rows = _checked_verdicts(
        dossier, verdicts or {}, require_all=outcome != "return", version=version
    )
    if outcome == "propose" and failed_labels(rows):
        raise DomainError(
            f"Tiêu chí {', '.join(failed_labels(rows))} được đánh giá chưa đạt: không thể đề "
            "nghị công nhận. Chỉ có thể kết luận chưa đạt hoặc trả lại để xét duyệt lại."
        )
    if outcome in ("not_met", "return") and not comment:
        raise DomainError("Vui lòng ghi rõ lý do.")

    def change(fresh):
        if outcome == "propose":
            fresh.propose()
        elif outcome == "not_met":
            fresh.not_recognise()
            fresh.result_reason = with_failures(comment, rows)
        else:
            fresh.return_to_review()
        _save_review(
            dossier=fresh,
            user=acting_user,
            stage=ReviewStage.APPRAISE,
            outcome=outcome,
            comment=comment,
            rows=rows,
            version=version,
        )

    return complete_step(
        dossier=dossier,
        nodes=[RecognitionFlow.appraise_dossier],
        user=acting_user,
        step="appraise",
        audit_step=f"appraise_{outcome}",
        change=change,
        comment=comment,
        permission_checked=True,
    )
