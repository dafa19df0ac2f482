"""Reminders before a step's due date and escalation after it (issue 4 §3; DOMAIN.md §4:
a late step must be flagged before its deadline). The offsets are data (NoticeRule, in
working days: -3 and -1 before, 0 on the due day, +1 after → escalate)."""

import datetime
import logging
import time

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from notifications.calendar import add_working_days, is_working_day, working_days_between

from .models import Event, NoticeRule
from .services import notify_users, users_acting_in_area

log = logging.getLogger(__name__)
SWEEP_BATCH = getattr(settings, "NOTIFICATIONS_SWEEP_BATCH", 500)


def _rules():
    return list(NoticeRule.objects.filter(active=True).order_by("offset"))


def notice_dates(due: datetime.date, rules=None) -> list[tuple[datetime.date, NoticeRule]]:
    """[(date, rule)] for each configured offset, in order."""
    result = []
    for rule in rules if rules is not None else _rules():
        if rule.offset < 0:
            day = _subtract_working_days(due, -rule.offset)
        else:
            day = add_working_days(due, rule.offset) if rule.offset else due
        result.append((day, rule))
    return sorted(result, key=lambda pair: (pair[0], pair[1].offset))


def _subtract_working_days(due: datetime.date, n: int) -> datetime.date:
    """The working day n working days before `due`."""
    day = due
    while n > 0:
        day -= datetime.timedelta(days=1)
        n -= is_working_day(day)
    return day


SUPERVISOR_ROLE = {
    "review": Role.APPRAISING_POLICE,
    "appraise": Role.APPRAISING_POLICE,
    "decide": Role.COMMITTEE_SIGNER,
    "submit": Role.REVIEWING_POLICE,
    "supplement": Role.REVIEWING_POLICE,
}


def _nomination(deadline):
    try:
        return deadline.task.process.nomination
    except ObjectDoesNotExist:
        return None


def _recipients(deadline, rule, people):
    task = deadline.task
    nomination = _nomination(deadline)
    if nomination is not None:
        # A reward step: the proposer, or the office / authority the form names; overdue
        # steps are reported to the same body's level above.
        from workflows.rewards.events import actors_of
        from workflows.rewards.permissions import step_roles

        actors = [task.owner] if task.owner_id else list(actors_of(nomination, task))
        if rule.action != NoticeRule.ESCALATE:
            return actors, []
        step = "decide" if deadline.step == "decide" else "appraise"
        parent_id = deadline.area.parent_id or deadline.area_id
        return actors, people(parent_id, step_roles(nomination, step))
    if task.owner_id:
        actors = [task.owner]
    else:
        from workflows.recognition.permissions import STEP_ROLES

        roles = STEP_ROLES[
            "prepare" if deadline.step in ("submit", "supplement") else deadline.step
        ]
        actors = people(deadline.area_id, roles)
    if rule.action == NoticeRule.ESCALATE:
        parent_id = deadline.area.parent_id or deadline.area_id
        supervisors = people(parent_id, [SUPERVISOR_ROLE[deadline.step]])
        return actors, supervisors
    return actors, []


def _notice(deadline, rule, today, people):
    nomination = _nomination(deadline)
    if nomination is not None:
        subject, link = str(nomination), f"/khen-thuong/{nomination.pk}/"
    else:
        dossier = getattr(deadline.task.process, "dossier", None)
        subject = str(dossier.unit) if dossier else str(deadline.task)
        link = f"/ho-so/{dossier.pk}/" if dossier else ""
    left = working_days_between(today, deadline.due_date)
    due = f"{deadline.due_date:%d/%m/%Y}"
    actors, supervisors = _recipients(deadline, rule, people)
    base = f"deadline:{deadline.pk}:{deadline.due_date.isoformat()}:{rule.offset}"
    if rule.action == NoticeRule.ESCALATE:
        notify_users(
            supervisors,
            event=Event.ESCALATED,
            key=f"{base}:escalate",
            title=f"Quá hạn: {deadline.get_step_display()} — {subject}",
            body=f"Bước “{deadline.get_step_display()}” của {subject} đã quá hạn {due} "
            f"({-left} ngày làm việc). Đề nghị đôn đốc xử lý.",
            link=link,
        )
        notify_users(
            actors,
            event=Event.OVERDUE,
            key=f"{base}:overdue",
            title=f"Đã quá hạn: {deadline.get_step_display()} — {subject}",
            body=f"Hạn xử lý là {due}; việc đã được báo cáo cấp trên.",
            link=link,
        )
    elif left < 0:
        notify_users(
            actors,
            event=Event.OVERDUE,
            key=base,
            title=f"Quá hạn: {deadline.get_step_display()} — {subject}",
            body=f"Hạn xử lý là {due}, đã quá {-left} ngày làm việc.",
            link=link,
        )
    else:
        when = "hôm nay" if left == 0 else f"còn {left} ngày làm việc"
        notify_users(
            actors,
            event=Event.DEADLINE_NEAR,
            key=base,
            title=f"Sắp đến hạn ({when}): {deadline.get_step_display()} — {subject}",
            body=f"Hạn xử lý: {due} ({when}).",
            link=link,
        )


def sweep(today: datetime.date | None = None, *, pause: float = 0.0) -> int:
    """One pass over the steps whose next notice is due: in batches, each in its own
    transaction, rows locked with SKIP LOCKED so two workers never take the same one.
    Every message is recorded with a unique key before it is sent, so a pass that dies
    half way is simply run again. Returns the number of steps handled."""
    from workflows.models import TaskDeadline

    today = today or timezone.localdate()
    rules = _rules()
    handled = 0
    known = {}

    def people(area_id, roles):
        """Who acts in an area, looked up once per area and roles in a sweep."""
        key = (area_id, tuple(sorted(roles)))
        if key not in known:
            known[key] = list(users_acting_in_area(area_id, roles))
        return known[key]

    while True:
        with transaction.atomic():
            batch = list(
                TaskDeadline.objects.filter(finished_on=None, next_notice_on__lte=today)
                .select_related(
                    "task__owner",
                    "task__process__dossier__unit",
                    "task__process__nomination__form",
                    "task__process__nomination__proposer",
                    "area",
                )
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("next_notice_on", "pk")[:SWEEP_BATCH]
            )
            if not batch:
                return handled
            for deadline in batch:
                schedule = notice_dates(deadline.due_date, rules)
                due_now = [
                    (i, rule)
                    for i, (day, rule) in enumerate(schedule)
                    if i >= deadline.notices_sent and day <= today
                ]
                if due_now:  # only the latest one is sent: no flood after a long outage
                    _notice(deadline, due_now[-1][1], today, people)
                    deadline.notices_sent = due_now[-1][0] + 1
                upcoming = [
                    day for i, (day, _) in enumerate(schedule) if i >= deadline.notices_sent
                ]
                deadline.next_notice_on = upcoming[0] if upcoming else None
            TaskDeadline.objects.bulk_update(batch, ["notices_sent", "next_notice_on"])
            handled += len(batch)
        log.info("sweep: %s steps handled", handled)
        if pause:
            time.sleep(pause)
