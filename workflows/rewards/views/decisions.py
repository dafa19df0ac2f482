"""The deciding authority's pages (the form's authority, in the area it decides for): one
numbered decision per issuer and reward form for many nominees, revocation of awards, and
the decision as issued (Decree 30/2020/NĐ-CP layout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from dossiers.jurisdiction import granted_areas
from dossiers.models import (
    AuthorityMarker,
    DecidingRole,
    DecisionKind,
    Nomination,
    NominationStatus,
    Nominee,
    NomineeResult,
)
from dossiers.services import DomainError
from workflows.recognition.forms import (
    CHECK_FIELDS,
    ChosenForm,
    DecisionFieldsForm,
    ResultForm,
    all_valid,
)

from .. import awards
from ..permissions import ROLES, ensure_can_act
from ..selectors import visible_reward_decisions
from .dispatch import dispatch_context

POLICE_AUTHORITY = {
    AuthorityMarker.TM: ["GIÁM ĐỐC"],
    AuthorityMarker.KT: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    AuthorityMarker.Q: ["Q. GIÁM ĐỐC"],
    AuthorityMarker.TL: ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
    AuthorityMarker.TUQ: ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
}


def _offices(user):
    """The kinds of deciding authority the user's role belongs to (police, committee)."""
    offices = [office for office, roles in ROLES.items() if user.role in roles]
    if not offices:
        raise PermissionDenied(
            "Chỉ cơ quan có thẩm quyền quyết định khen thưởng được ban hành quyết định."
        )
    return offices


def _grouped(rows, issuer_of, form_of):
    """Rows grouped by issuer (the decide area) and reward form — one decision each; the
    group chosen in the request."""
    groups = {}
    for row in rows:
        issuer, form = issuer_of(row), form_of(row)
        key = f"{issuer.pk}-{form.pk}"
        groups.setdefault(key, {"key": key, "issuer": issuer, "form": form, "rows": []})
        groups[key]["rows"].append(row)
    return list(groups.values())


def _chosen(request, groups):
    wanted = request.POST.get("group") or request.GET.get("nhom")
    return next((g for g in groups if g["key"] == wanted), groups[0] if groups else None)


def _refuse_foreign(user, nomination_ids):
    """Rows posted that are not on the page: 403 when the user may not decide their
    nominations, else a message (another step, another issuer or form)."""
    for nomination in Nomination.objects.filter(pk__in=nomination_ids).select_related("form"):
        ensure_can_act(user, nomination, "decide")
    return "Có mục đã chọn không thuộc danh sách chờ xử lý của cơ quan, hình thức này."


def _drafting(group, drafting):
    """The committee's drafting (documents.views) applies to a group decided by a
    committee; a police director's decision is issued by the police office itself."""
    committee = group is not None and group["form"].deciding_role == DecidingRole.COMMITTEE
    return drafting if committee else None


def _decision_form(request, group, summary, drafting=None):
    police = group is not None and group["form"].deciding_role == DecidingRole.POLICE
    initial = {
        "summary": summary.format(form=group["form"].name if group else ""),
        "signer_title": "Giám đốc" if police else "Chủ tịch",
    }
    data = request.POST or None
    if drafting is not None:
        return drafting.fields(data, initial, group["issuer"])
    form = DecisionFieldsForm(data, initial=initial)
    if police:
        form.fields["authority"].choices = [
            (value, " — ".join(POLICE_AUTHORITY[value])) for value in AuthorityMarker.values
        ]
    return form


def authority_name(deciding_role, issuer) -> str:
    """ "Công an tỉnh X" or "UBND xã Y": the deciding authority of a reward form."""
    prefix = "Công an" if deciding_role == DecidingRole.POLICE else "UBND"
    return f"{prefix} {issuer.name}"


def _authority_name(group):
    return authority_name(group["form"].deciding_role, group["issuer"])


def voted_groups(request, *, external: bool):
    """The voted nominations the user's office decides (or, for forms decided by a higher
    authority, records), grouped by issuer and form; the group chosen in the request. The
    issuer is each nomination's decide area, and only an area granted to the user themselves
    (a higher level's staff are never offered a lower committee as issuer)."""
    user = request.user
    nominations = (
        Nomination.objects.filter(
            status=NominationStatus.VOTED,
            form__deciding_role__in=_offices(user),
            form__decided_externally=external,
            decide_area__in=granted_areas(user, act=True).values("pk"),
        )
        .select_related("form", "decide_area", "vote")
        .prefetch_related(
            Prefetch("nominees", queryset=Nominee.objects.select_related("unit", "workplace"))
        )
        .order_by("decide_area__name", "form__name", "created_at", "pk")
    )
    groups = _grouped(nominations, lambda n: n.decide_area, lambda n: n.form)
    return groups, _chosen(request, groups)


def _chosen_form(request, group, name="nomination"):
    data = request.POST if request.method == "POST" else None
    return ChosenForm(data, name=name, listed=[row.pk for row in group["rows"]] if group else [])


def posted_results(request, group):
    """(error, results): the nominees of the nominations ticked, each with its result and
    reason; an error when a ticked nomination is not in the group or a field is bad."""
    chosen = _chosen_form(request, group)
    if not chosen.is_valid():
        if chosen.foreign:
            return _refuse_foreign(request.user, chosen.foreign), []
        return " ".join(chosen.id_errors()) or CHECK_FIELDS, []
    listed = {n.pk: n for n in group["rows"]} if group else {}
    nominees = [nominee for pk in chosen.chosen() for nominee in listed[pk].nominees.all()]
    forms = [ResultForm(request.POST, prefix=str(nominee.pk)) for nominee in nominees]
    if not all_valid(*forms):
        return CHECK_FIELDS, []
    return None, [
        (nominee, form.cleaned_data["result"], form.cleaned_data["reason"])
        for nominee, form in zip(nominees, forms, strict=True)
    ]


def candidate_rows(request, group):
    """The group's nominations and nominees with what was ticked and typed, and the errors."""
    data = request.POST if request.method == "POST" else None
    chosen = _chosen_form(request, group)
    rows = []
    for nomination in group["rows"] if group else []:
        nominees = []
        for nominee in nomination.nominees.all():
            row = ResultForm(data, prefix=str(nominee.pk)).row()
            nominees.append(
                {
                    "nominee": nominee,
                    "awarded": row["result"],
                    "reason": row["reason"],
                    "errors": row["errors"],
                }
            )
        rows.append(
            {
                "nomination": nomination,
                "checked": chosen.ticked(nomination.pk),
                "nominees": nominees,
            }
        )
    return rows


def _issued(request, decision):
    messages.success(request, f"Đã ban hành Quyết định số {decision.reference}.")
    return redirect("reward-decision-detail", pk=decision.pk)


def reward_decision_page(request, drafting=None):
    """One decision for the ticked nominations of a group. `drafting` (documents.views)
    turns a committee's into a draft for its signer: `fields(data, initial, issuer)` its
    form, `create(request, issuer, form, results)` the draft, `done(request, draft)`."""
    user = request.user
    groups, group = voted_groups(request, external=False)
    drafting = _drafting(group, drafting)
    form = _decision_form(request, group, "Về việc tặng {form}", drafting)
    error = None
    if request.method == "POST":
        error, results = posted_results(request, group)
        if error is None and group is not None and form.is_valid():
            try:
                if drafting is not None:
                    draft = drafting.create(request, group["issuer"], form, results)
                else:
                    decision = awards.reward_decision_issue(
                        acting_user=user,
                        issuer=group["issuer"],
                        results=results,
                        **form.cleaned_data,
                    )
            except DomainError as exc:
                error = str(exc)
            else:
                return drafting.done(request, draft) if drafting else _issued(request, decision)
    return render(
        request,
        "rewards/decision_form.html",
        {
            "form": form,
            "groups": groups,
            "group": group,
            "rows": candidate_rows(request, group),
            "authority_name": _authority_name(group) if group else "",
            "error": error,
            "button": drafting.button if drafting else "Ban hành quyết định",
        },
    )


def reward_revoke_page(request, drafting=None):
    """Revocation of awards by a later decision (or, for a committee, a draft: see
    `reward_decision_page`)."""
    user = request.user
    offices = _offices(user)
    nominees = (
        Nominee.objects.filter(
            result=NomineeResult.AWARDED,
            nomination__form__deciding_role__in=offices,
            nomination__form__decided_externally=False,
            nomination__decide_area__in=granted_areas(user, act=True).values("pk"),
        )
        .select_related("form", "unit", "workplace", "nomination__form", "nomination__decide_area")
        .order_by("nomination__decide_area__name", "form__name", "year", "pk")
    )
    groups = _grouped(nominees, lambda n: n.nomination.decide_area, lambda n: n.nomination.form)
    group = _chosen(request, groups)
    drafting = _drafting(group, drafting)
    form = _decision_form(request, group, "Về việc thu hồi {form}", drafting)
    error = None
    chosen = _chosen_form(request, group, name="nominee")
    if request.method == "POST":
        if not chosen.is_valid() and chosen.foreign:
            nominations = Nominee.objects.filter(pk__in=chosen.foreign).values("nomination_id")
            error = _refuse_foreign(user, nominations)
        elif not chosen.is_valid():
            error = " ".join(chosen.id_errors()) or CHECK_FIELDS
        if error is None and group is not None and form.is_valid():
            listed = {n.pk: n for n in group["rows"]}
            nominees = [listed[pk] for pk in chosen.chosen()]
            reason = chosen.cleaned_data["reason"]
            try:
                if drafting is not None:
                    draft = drafting.revoke(request, group["issuer"], form, nominees, reason)
                else:
                    decision = awards.award_revoke(
                        acting_user=user,
                        issuer=group["issuer"],
                        nominees=nominees,
                        reason=reason,
                        **form.cleaned_data,
                    )
            except DomainError as exc:
                error = str(exc)
            else:
                return drafting.done(request, draft) if drafting else _issued(request, decision)
    return render(
        request,
        "rewards/revoke_form.html",
        {
            "form": form,
            "chosen": chosen,
            "groups": groups,
            "group": group,
            "selected": set(chosen.data.getlist("nominee")) if chosen.is_bound else set(),
            "reason": chosen["reason"].value() or "",
            "authority_name": _authority_name(group) if group else "",
            "error": error,
            "button": drafting.button if drafting else "Ban hành quyết định thu hồi",
        },
    )


def _recipients(items) -> str:
    """ "2 tập thể và 1 cá nhân", "1 cá nhân"."""
    collectives = sum(1 for i in items if i.nominee.unit_id)
    people = len(items) - collectives
    parts = [f"{collectives} tập thể" if collectives else "", f"{people} cá nhân" if people else ""]
    return " và ".join(part for part in parts if part)


@login_required
def reward_decision_detail(request, pk):
    decision = get_object_or_404(
        visible_reward_decisions(request.user).select_related("issuer"), pk=pk
    )
    items = list(
        decision.items.filter(nominee__isnull=False).select_related(
            "nominee__unit", "nominee__workplace", "nominee__nomination__form"
        )
    )
    form = items[0].nominee.nomination.form
    police = form.deciding_role == DecidingRole.POLICE
    awarded = [i for i in items if i.recognised]
    not_awarded = [i for i in items if not i.recognised]
    listed = items if decision.kind == DecisionKind.REVOKE else awarded
    return render(
        request,
        "rewards/decision_detail.html",
        {
            "decision": decision,
            "form": form,
            "police": police,
            "items": items,
            "awarded": awarded,
            "not_awarded": not_awarded,
            "recipients": _recipients(listed),
            # A reward is the chairman's own power: no "TM. ỦY BAN NHÂN DÂN" line.
            "authority_lines": POLICE_AUTHORITY[decision.authority]
            if police
            else [line for line in decision.authority_lines if not line.startswith("TM.")],
            **dispatch_context(request, decision),
        },
    )
