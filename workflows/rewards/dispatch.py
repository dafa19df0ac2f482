"""Sending out a signed reward decision (DOMAIN.md §3: "the signed decision is sent out
within 10 working days" — a time after the decision, not a time to decide), and the
early / on time / late split of the one-stop practice (DOMAIN.md §4)."""

import datetime

from django.db import transaction

from dossiers.models import DecisionDispatch, Nomination
from dossiers.services import DomainError
from workflows import deadlines

from .permissions import can_act, ensure_can_act

EARLY, ON_TIME, LATE = "Trước hạn", "Đúng hạn", "Quá hạn"


def timeliness(done_on: datetime.date | None, due_on: datetime.date, today: datetime.date) -> str:
    """ "Trước hạn" / "Đúng hạn" / "Quá hạn" for a step done on `done_on`; for one not done
    yet, "Chưa đến hạn" or "Quá hạn, chưa thực hiện"."""
    if done_on is None:
        return "Chưa đến hạn" if today <= due_on else "Quá hạn, chưa thực hiện"
    if done_on < due_on:
        return EARLY
    return ON_TIME if done_on == due_on else LATE


def _nominations(decision):
    return (
        Nomination.objects.filter(nominees__decision_items__decision=decision)
        .select_related("form")
        .distinct()
    )


def can_mark_sent(user, decision) -> bool:
    nominations = list(_nominations(decision))
    return bool(nominations) and all(can_act(user, n, "decide") for n in nominations)


@transaction.atomic
def decision_mark_sent(*, acting_user, decision, sent_on: datetime.date | None):
    """The issuing office (the "decide" permission over the decision's nominations) records
    the date the signed decision was sent out: once, not before the decision's date, not in
    the future. Whether it was early, on time or late follows from the due date."""
    dispatch = DecisionDispatch.objects.select_for_update().filter(decision=decision).first()
    if dispatch is None:
        raise DomainError("Quyết định này không có hạn gửi.")
    for nomination in _nominations(decision):
        ensure_can_act(acting_user, nomination, "decide")
    if dispatch.sent_on is not None:
        raise DomainError(f"Đã ghi nhận gửi quyết định ngày {dispatch.sent_on:%d/%m/%Y}.")
    if sent_on is None:
        raise DomainError("Vui lòng nhập ngày gửi quyết định.")
    if sent_on < decision.issued_on:
        raise DomainError("Ngày gửi không được trước ngày ban hành quyết định.")
    if sent_on > deadlines.today():
        raise DomainError("Ngày gửi không được sau ngày hôm nay.")
    dispatch.sent_on = sent_on
    dispatch.sent_by = acting_user
    dispatch.save(update_fields=["sent_on", "sent_by"])
    return dispatch
