"""Review (reviewing police) and appraisal (provincial police) pages: a verdict and a
remark per criterion, then one outcome. What the officer typed is kept on an error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dossiers.models import DossierStatus
from dossiers.services import DomainError
from workflows.receipts import one_time_step, page

from .. import services
from ..forms import CHECK_FIELDS, StepForm, verdict_forms, verdicts_of
from ..outcomes import review_outcomes, step_title
from ..selectors import commune_rule, criteria_for, provisional_result
from ..services.review import APPRAISAL_OUTCOMES
from .lists import dossier_for_action

WAITING_STATUS = {"review": DossierStatus.SUBMITTED, "appraise": DossierStatus.FORWARDED}


def _step_page(request, pk, *, step, outcomes, service, template_title):
    dossier = dossier_for_action(request, pk, step)
    if step == "review":  # the route names this step and its outcomes (Art. 9 cl. 1)
        outcomes = review_outcomes(dossier)
        template_title = step_title(dossier, "review_dossier")
    if dossier.status != WAITING_STATUS[step]:
        messages.info(request, f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”.")
        return redirect("dossier-detail", pk=dossier.pk)
    criteria = criteria_for(dossier)
    data = request.POST if request.method == "POST" else None
    step_form, verdicts = StepForm(data), verdict_forms(data, criteria)
    error = None
    if data is not None:
        if not all([step_form.is_valid(), *(f.is_valid() for f in verdicts)]):
            error = CHECK_FIELDS
        else:
            try:
                service(
                    acting_user=request.user,
                    dossier=dossier,
                    outcome=step_form.cleaned_data["outcome"],
                    comment=step_form.cleaned_data["comment"],
                    verdicts=verdicts_of(verdicts),
                )
            except DomainError as exc:
                error = str(exc)
            else:
                messages.success(request, f"Đã ghi nhận kết quả {template_title.lower()}.")
                return redirect("dossier-detail", pk=dossier.pk)
    version = dossier.versions.filter(submitted_at__isnull=False).order_by("-number").first()
    answers = {a.criterion_id: a for a in version.assessments.all()}
    events = list(version.events.all())
    result = provisional_result(dossier, version, criteria)
    rows = [
        {
            "criterion": c,
            "answer": answers.get(c.pk),
            "events": [e for e in events if e.criterion_id == c.pk],
            "verdict": form["verdict"].value() or "",
            "remark": form["remark"].value() or "",
            "errors": [*form.errors.get("verdict", []), *form.errors.get("remark", [])],
            "computed": result.computed.get(c.pk),
        }
        for c, form in zip(criteria, verdicts, strict=True)
    ]
    return render(
        request,
        "recognition/step.html",
        {
            "dossier": dossier,
            "version": version,
            "documents": version.documents.select_related("kind"),
            "rows": rows,
            "outcomes": outcomes,
            "title": template_title,
            "error": error,
            "posted_outcome": step_form["outcome"].value() or "",
            "posted_comment": step_form["comment"].value() or "",
            "comment_errors": step_form.errors.get("comment", []),
            "result": result,
            "rule": commune_rule(dossier),
            "earlier": dossier.reviews.select_related("actor").prefetch_related(
                "verdicts__criterion__refers_to__criteria_set"
            ),
            "supplement_used": dossier.supplement_requests > 0,
        },
    )


@login_required
@one_time_step(page("dossier-detail"))
def dossier_review(request, pk):
    return _step_page(
        request,
        pk,
        step="review",
        outcomes=None,
        service=services.dossier_review,
        template_title="",
    )


@login_required
@one_time_step(page("dossier-detail"))
def dossier_appraise(request, pk):
    return _step_page(
        request,
        pk,
        step="appraise",
        outcomes=APPRAISAL_OUTCOMES,
        service=services.dossier_appraise,
        template_title="Thẩm định",
    )
