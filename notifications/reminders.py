"""Reminders before a step's due date and escalation after it (issue 4 §3; DOMAIN.md §4:
a late step must be flagged before its deadline). The offsets are data (NoticeRule, in
working days: -3 and -1 before, 0 on the due day, +1 after → escalate)."""

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dossiers.memo import Memo
from notifications.calendar import (
    add_working_days,
    is_working_day,
    working_days_between,
)

from . import registry
from .models import Event, NoticeRule
from .services import notify_users, users_acting_in_area

log = logging.getLogger(__name__)
SWEEP_BATCH = getattr(settings, "NOTIFICATIONS_SWEEP_BATCH", 500)


def _rules():
    return list(NoticeRule.objects.filter(active=True).order_by("offset"))


# The rules a step's first notice is planned with, kept in the process (dossiers.memo), so
# opening a step does not read them (issue 14: a step's statements); read afresh by every
# sweep, which plans each next notice.
_planning = Memo("notice-rules").watch(NoticeRule)


def _planning_rules():
    return _planning.get("active", lambda key: _rules())


def notice_dates(due: datetime.date, rules=None) -> list[tuple[datetime.date, NoticeRule]]:
    """[(date, rule)] for each configured offset, in order."""
    result = []
    for rule in rules if rules is not None else _planning_rules():
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


def _recipients(flow, record, deadline, rule, people):
    """(actors, supervisors): who acts on the step — its owner, or whom the step's flow
    names — and, when the rule escalates, whom the flow names above them."""
    task = deadline.task
    if task.owner_id:
        actors = [task.owner]
    elif flow is not None:
        actors = list(flow.step_actors(record, deadline, people))
    else:
        actors = []
    if rule.action != NoticeRule.ESCALATE or flow is None:
        return actors, []
    return actors, list(flow.step_supervisors(record, deadline, people))


def _notice(deadline, rule, today, people):
    flow, record = registry.flow_of_deadline(deadline)
    if record is not None:
        subject, link = flow.subject(record), flow.link(record)
    else:
        subject, link = str(deadline.task), ""
    left = working_days_between(today, deadline.due_date)
    due = f"{deadline.due_date:%d/%m/%Y}"
    actors, supervisors = _recipients(flow, record, deadline, rule, people)
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
    deadlines = registry.deadline_model().objects  # workflows.models.TaskDeadline
    related = [path for flow in registry.flows() for path in flow.deadline_related]
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
                deadlines.filter(finished_on=None, next_notice_on__lte=today)
                .select_related("task__owner", *related, "area")
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
            deadlines.bulk_update(batch, ["notices_sent", "next_notice_on"])
            handled += len(batch)
        log.info("sweep: %s steps handled", handled)
        if pause:
            time.sleep(pause)
