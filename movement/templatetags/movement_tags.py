"""What the movement app shows on other apps' pages, without their views importing it
(movement sits above workflows): the unit's movement models beside the criterion that asks
for one, the Front's seat and the inspections' referrals on the dossier, the Front's
co-proposal on a nomination."""

from django import template
from django.db.models import Prefetch

from dossiers.models import DossierStatus, EvaluationMeeting, NominationStatus
from dossiers.reference.meeting_seats import seats_for

from .. import permissions
from ..models import CoProposal, ModelAssessment, MovementModel
from ..services import CO_PROPOSABLE

register = template.Library()

MODEL_CRITERION = "mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc"
FRONT_SEAT = "front_committee"


def asks_for_a_model(criterion) -> bool:
    """Circular 124, Art. 5 cl. 1, Art. 6 cl. 1, Art. 7 cl. 1: "… ít nhất 01 mô hình phong
    trào toàn dân bảo vệ an ninh Tổ quốc … hoạt động hiệu quả"."""
    return MODEL_CRITERION in (criterion.wording or "")


@register.inclusion_tag("movement/_unit_models.html")
def unit_models(criterion, dossier):
    """The unit's registered models and their assessment of the dossier's year, beside the
    criterion, for whoever judges it (the unit head, the police): one query, only on that
    criterion's row."""
    if not asks_for_a_model(criterion):
        return {"shown": False}
    year = dossier.cycle.year
    models = MovementModel.objects.filter(units=dossier.unit_id).prefetch_related(
        Prefetch("assessments", queryset=ModelAssessment.objects.filter(year=year))
    )
    rows = [{"model": m, "assessment": next(iter(m.assessments.all()), None)} for m in models]
    return {
        "shown": True,
        "rows": rows,
        "year": year,
        "effective": sum(
            1 for r in rows if r["assessment"] and r["assessment"].result == "effective"
        ),
    }


@register.inclusion_tag("movement/_dossier_panel.html", takes_context=True)
def dossier_movement(context, dossier):
    """The Front's seat at the evaluation meeting of the latest version (Circular 124, Art. 9
    cl. 1 a: "đại diện Ban Công tác Mặt trận"), the inspections of the unit that year and the
    referrals they opened on the dossier."""
    seat = next((s for s in seats_for(dossier.unit.kind) if s.code == FRONT_SEAT), None)
    attendee = None
    if seat is not None:
        meeting = (
            EvaluationMeeting.objects.filter(version__dossier=dossier)
            .order_by("-version__number")
            .first()
        )
        attendee = meeting and meeting.attendees.filter(seat=FRONT_SEAT).first()
    can = context.get("can") or {}
    return {
        "dossier": dossier,
        # The office the referral is for acts through its own step (and only it may).
        "may_review": (context.get("actions") or {}).get("review", False),
        "may_revoke": can.get("decide", False) and dossier.status == DossierStatus.RECOGNISED,
        "seat": seat,
        "attendee": attendee,
        "inspections": dossier.inspections.select_related("plan__office"),
        "referrals": dossier.referrals.select_related("office", "inspection"),
    }


@register.inclusion_tag("movement/_co_proposal.html", takes_context=True)
def nomination_co_proposal(context, nomination):
    user = context["request"].user
    co_proposal = CoProposal.objects.filter(nomination=nomination).select_related("officer")
    co_proposal = co_proposal.first()
    may = (
        co_proposal is None
        and user.role in permissions.FRONT_ROLES
        and nomination.status in CO_PROPOSABLE
        and nomination.proposer.role in permissions.POLICE_ROLES
    )
    return {
        "nomination": nomination,
        "co_proposal": co_proposal,
        "may_co_propose": may,
        "closed": nomination.status == NominationStatus.DECIDED,
        "csrf_token": context.get("csrf_token"),
    }
