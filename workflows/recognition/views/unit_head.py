"""The unit head's pages: registration, and the self-assessment that is saved as the user
goes (nothing typed or uploaded is lost on a validation error or an expired session)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from dossiers.jurisdiction import units_in_jurisdiction
from dossiers.models import ComputedRule, CriterionKind, DocumentKind, DossierStatus
from dossiers.reference.meeting_seats import seats_for
from dossiers.reference.seed import OTHER_DOCUMENTS
from dossiers.services import DomainError
from workflows.receipts import fixed, one_time_step, page

from .. import services
from ..assess_forms import AnswerForm, SubUnitsForm, form_errors, meeting_forms
from ..computed import uses_rule
from ..forms import RegisterForm
from ..selectors import criteria_for, provisional_result
from .lists import dossier_for_action


@login_required
@one_time_step(fixed("dossier-list"))
def dossier_register(request):
    units = units_in_jurisdiction(request.user, act=True).filter(active=True)
    form = RegisterForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.dossier_register(
                acting_user=request.user,
                unit=data["unit"],
                cycle=data["cycle"],
                households_total=data.get("households_total"),
                households_registered=data.get("households_registered"),
                commitment=data["commitment"],
                has_party_organisation=data["has_party_organisation"],
                documents=form.documents(),
            )
        except services.RegistrationIncomplete as error:
            for field, message in error.field_errors.items():
                form.add_error(field if field in form.fields else f"file_{field}", message)
        except (DomainError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã đăng ký phấn đấu cho “{dossier.unit}”.")
            return redirect("dossier-assess", pk=dossier.pk)
    return render(request, "recognition/register.html", {"form": form})


def _assessment_forms(data, dossier, criteria):
    """An answer form per criterion the unit answers (not the headings nor the
    disqualifiers, declared as events), the sub-unit figures when the set computes them."""
    answers = {
        c.pk: AnswerForm(data, prefix=str(c.pk))
        for c in criteria
        if c.kind not in (CriterionKind.DISQUALIFIER, CriterionKind.HEADING)
    }
    sub_units = SubUnitsForm(data) if uses_rule(criteria, ComputedRule.SUB_UNITS) else None
    return answers, sub_units, meeting_forms(data, dossier.unit.kind)


def _save(request, dossier, criteria) -> list[str]:
    """Check the typed answers, figures and meeting, then save them through the services;
    the errors, field by field."""
    answers, sub_units, meeting = _assessment_forms(request.POST, dossier, criteria)
    labels = {c.pk: f"Tiêu chí {c.label}" for c in criteria}
    errors = [e for pk, f in answers.items() for e in form_errors(f, labels[pk])]
    if sub_units is not None:
        errors += form_errors(sub_units)
    if meeting is not None:
        held, seats = meeting
        errors += form_errors(held)
        errors += [e for f in seats.values() for e in form_errors(f, "Người dự họp")]
    if errors:
        return errors
    try:
        services.dossier_save_assessment(
            acting_user=request.user,
            dossier=dossier,
            answers={pk: f.answer() for pk, f in answers.items()},
            sub_units=sub_units.figures() if sub_units is not None else None,
        )
        if meeting is not None:
            services.meeting_save(
                acting_user=request.user,
                dossier=dossier,
                held_on=held.cleaned_data["held_on"],
                attendees={
                    code: (f.cleaned_data["name"], f.cleaned_data["position"])
                    for code, f in seats.items()
                },
            )
    except DomainError as error:
        return [str(error)]
    return []


def _store_uploads(request, dossier, errors):
    route = dossier.cycle.routes.get(unit_kind=dossier.unit.kind)
    kinds = {k.code: k for k in route.required_documents.all()}
    kinds.update({k.code: k for k in DocumentKind.objects.filter(code=OTHER_DOCUMENTS)})
    for field, upload in request.FILES.items():
        kind = kinds.get(field.removeprefix("file_"))
        if kind is None:
            continue
        try:
            services.document_upload(
                acting_user=request.user, dossier=dossier, kind=kind, upload=upload
            )
        except DomainError as error:
            errors.append(str(error))


@login_required
@one_time_step(page("dossier-detail"))
def dossier_assess(request, pk):
    dossier = dossier_for_action(request, pk, "prepare")
    criteria = criteria_for(dossier)
    errors, posted = [], None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        refused = _save(request, dossier, criteria)
        errors += refused
        if action == "autosave":
            return _autosaved(dossier, criteria, errors)
        if not errors:
            _store_uploads(request, dossier, errors)
            errors += _other_action(request, dossier, action)
        if not errors and action == "submit":
            try:
                services.dossier_submit(acting_user=request.user, dossier=dossier)
            except DomainError as error:
                errors.append(str(error))
            else:
                messages.success(request, "Đã nộp hồ sơ. Hồ sơ được chuyển tới cơ quan xét duyệt.")
                return redirect("dossier-detail", pk=dossier.pk)
        if not errors:
            messages.success(request, "Đã lưu.")
            return redirect("dossier-assess", pk=dossier.pk)
        # Typed answers refused (so not saved), or an event being declared (saved only
        # when accepted): shown again exactly as typed. Otherwise the answers are saved:
        # Post/Redirect/Get, so that a reload (F5) shows them again, with the errors
        # once, and never posts the form a second time.
        if not refused and not action.startswith("event:"):
            request.session[_errors_key(dossier)] = errors
            return redirect("dossier-assess", pk=dossier.pk)
        posted = request.POST
    else:
        errors = request.session.pop(_errors_key(dossier), [])
    try:
        version = services.draft_version(dossier)
    except DomainError as error:
        messages.info(request, str(error))
        return redirect("dossier-detail", pk=dossier.pk)
    return render(
        request,
        "recognition/assess.html",
        _assess_context(dossier, version, criteria, errors, posted),
    )


def _errors_key(dossier) -> str:
    return f"assess-errors-{dossier.pk}"


def _autosaved(dossier, criteria, errors):
    """The answer to an autosave: the errors, or the time and the provisional result of
    the answers just saved (Circular 124 Art. 4–7, `provisional_result`), rendered by the
    page's own fragment so the rule lives in one place."""
    if errors:
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    version = services.draft_version(dossier)
    result = provisional_result(dossier, version, criteria)
    return JsonResponse(
        {
            "ok": True,
            "saved_at": timezone.localtime().strftime("%H:%M:%S"),
            "provisional": render_to_string("recognition/_provisional.html", {"result": result}),
        }
    )


def _other_action(request, dossier, action):
    """Declare or remove a disqualifying event, or remove a document."""
    kind, _, ident = action.partition(":")
    try:
        if kind == "event":
            return _declare_event(request, dossier, int(ident))
        if kind == "remove_event":
            services.dossier_remove_event(
                acting_user=request.user, dossier=dossier, event_id=int(ident)
            )
        elif kind == "remove_document":
            services.document_remove(
                acting_user=request.user, dossier=dossier, document_id=int(ident)
            )
    except ValueError:
        return ["Yêu cầu không hợp lệ."]
    except DomainError as error:
        return [str(error)]
    return []


def _declare_event(request, dossier, criterion_id):
    criterion = next((c for c in criteria_for(dossier) if c.pk == criterion_id), None)
    raw_date = request.POST.get(f"event-occurred_on-{criterion_id}", "")
    description = request.POST.get(f"event-description-{criterion_id}", "")
    if criterion is None:
        return ["Tiêu chí không hợp lệ."]
    try:
        occurred_on = datetime.date.fromisoformat(raw_date)
    except ValueError:
        return [f"Tiêu chí {criterion.label}: vui lòng nhập ngày xảy ra sự việc hợp lệ."]
    services.dossier_declare_event(
        acting_user=request.user,
        dossier=dossier,
        criterion=criterion,
        occurred_on=occurred_on,
        description=description,
    )
    return []


def _assess_context(dossier, version, criteria, errors, posted=None):
    answers = {a.criterion_id: a for a in version.assessments.all()}
    events = list(version.events.select_related("criterion"))
    documents = list(version.documents.select_related("kind"))
    result = provisional_result(dossier, version, criteria)
    rows = []
    for criterion in criteria:
        answer = answers.get(criterion.pk)
        met = answer.met if answer else None
        explanation = answer.explanation if answer else ""
        if posted is not None:  # show exactly what the user typed
            met = {"1": True, "0": False}.get(posted.get(f"met_{criterion.pk}"), met)
            explanation = posted.get(f"explanation_{criterion.pk}", explanation)
        rows.append(
            {
                "criterion": criterion,
                "met": met,
                "explanation": explanation,
                "events": [e for e in events if e.criterion_id == criterion.pk],
                "event_date": (posted or {}).get(f"event-occurred_on-{criterion.pk}", ""),
                "event_text": (posted or {}).get(f"event-description-{criterion.pk}", ""),
                "computed": result.computed.get(criterion.pk),
            }
        )
    route = dossier.cycle.routes.get(unit_kind=dossier.unit.kind)
    required = list(route.required_documents.all())
    return {
        "dossier": dossier,
        "version": version,
        "rows": rows,
        "errors": errors,
        # Answers already saved (by "Lưu" or as typed) are on the page again: say so.
        "restored": 0 if posted is not None else sum(a.met is not None for a in answers.values()),
        "route": route,
        "result": result,
        "sub_units": _sub_units_context(version, criteria, posted),
        "required": [
            {"kind": k, "documents": [d for d in documents if d.kind_id == k.pk]} for k in required
        ],
        "others": [d for d in documents if d.kind_id not in {k.pk for k in required}],
        "evidence_kind": DocumentKind.objects.filter(code=OTHER_DOCUMENTS).first(),
        "supplement_requests": _supplement_requests(dossier),
        "meeting": _meeting_rows(dossier, version, posted),
    }


def _supplement_requests(dossier):
    """The reviewing office's request to supplement, made once and listing everything
    (DOMAIN.md, one-stop conventions): its remarks and the criteria it found not met,
    each with its text."""
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        return []
    return dossier.reviews.filter(outcome="supplement").prefetch_related(
        "verdicts__criterion__refers_to__criteria_set"
    )


def _meeting_rows(dossier, version, posted):
    """The meeting's date and one row per seat: what was stored, or what was typed."""
    meeting = getattr(version, "meeting", None)
    stored = {a.seat: a for a in meeting.attendees.all()} if meeting else {}
    held_on = meeting.held_on.isoformat() if meeting and meeting.held_on else ""
    rows = []
    for seat in seats_for(dossier.unit.kind):
        row = stored.get(seat.code)
        name, position = (row.full_name, row.position) if row else ("", "")
        if posted is not None:
            name = posted.get(f"meeting-{seat.code}-name", name)
            position = posted.get(f"meeting-{seat.code}-position", position)
        rows.append({"seat": seat, "name": name, "position": position})
    if posted is not None:
        held_on = posted.get("meeting-held_on", held_on)
    return {"held_on": held_on, "rows": rows}


def _sub_units_context(version, criteria, posted):
    if not uses_rule(criteria, ComputedRule.SUB_UNITS):
        return None
    values = {"total": version.sub_units_total, "rated": version.sub_units_rated}
    if posted is not None:
        values = {k: posted.get(f"sub_units_{k}", v) for k, v in values.items()}
    return {k: "" if v is None else v for k, v in values.items()}
