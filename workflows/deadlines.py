"""Due dates of human steps (DOMAIN.md §4; DESIGN.md "Deadlines"; issue 4).

When a step opens, its due date comes from the cycle's rule for that step (a fixed date,
or N working days counted per the civil code). A request for supplement pauses the review
clock: on resubmission the new review step is due on the old date moved by the working
days the dossier spent with the unit. One extension with a reason is allowed per step.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.memo import Memo
from dossiers.models import Dossier, Nomination, Step, StepDeadline
from dossiers.services import DomainError, ensure_text_within
from notifications.calendar import add_working_days, due_date, working_days_between
from notifications.reminders import notice_dates

from .models import TaskDeadline
from .recognition import permissions as recognition_permissions
from .rewards import permissions as reward_permissions

NODE_STEPS = {
    "prepare_dossier": Step.SUBMIT,
    "supplement_dossier": Step.SUPPLEMENT,
    "review_dossier": Step.REVIEW,
    "appraise_dossier": Step.APPRAISE,
    "await_decision": Step.DECIDE,
}


def today() -> datetime.date:
    return timezone.localdate()


def _cycle_rules(cycle_id) -> dict:
    return {(r.step, r.unit_kind): r for r in StepDeadline.objects.filter(cycle_id=cycle_id)}


# A cycle's step rules, kept in the process (dossiers.memo): every step that opens reads them.
_rules = Memo("step-rules").watch(StepDeadline)


def _rule(cycle, step, unit_kind):
    """The cycle's rule for the step: the unit kind's own, else the one for every kind."""
    rules = _rules.get(getattr(cycle, "pk", cycle), _cycle_rules)
    return rules.get((step, unit_kind)) or rules.get((step, ""))


def _area_for(dossier, step):
    return {
        Step.REVIEW: dossier.review_area_id,
        Step.APPRAISE: dossier.appraise_area_id,
        Step.DECIDE: dossier.decide_area_id,
    }.get(step, dossier.unit.area_id)


def open_task_deadlines(process_id, plan, opened=None, *, write=True) -> list[TaskDeadline]:
    """Give every open step of a process that has none its due date. `plan(task, start)`
    returns the step's fields (step, area_id, due_date — None when no rule sets one —, and
    optionally cycle_id and paused_working_days), or None for a step that waits at no
    office. `opened`: the tasks the
    step just created (workflows.opened), when known — then they are not read back; new
    tasks have no deadline yet. `write=False`: the rows unsaved, for the caller to write
    with its own (dossiers.inserts.insert_rows). Shared by every flow."""
    start = today()
    if opened is None:
        tasks = Task.objects.filter(
            process_id=process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED], deadline__isnull=True
        )
    else:
        tasks = [t for t in opened if t.status in (STATUS.NEW, STATUS.ASSIGNED)]
    created = []
    for task in tasks:
        fields = plan(task, start)
        if fields is not None:
            created.append(
                TaskDeadline(
                    task=task,
                    opened_on=start,
                    next_notice_on=fields["due_date"] and first_notice_on(fields["due_date"]),
                    **fields,
                )
            )
    return TaskDeadline.objects.bulk_create(created) if write else created


def open_deadlines(
    dossier, *, resumed_after_supplement: bool = False, opened=None, write=True
) -> list[TaskDeadline]:
    """The recognition steps at their offices with their due dates, from the cycle's
    rules; a review resumed after a supplement keeps its old date moved by the working days
    the dossier was away. A step the cycle sets no rule for still gets its row, undated:
    the office's inbox lists it. `opened`, `write`: as for `open_task_deadlines`."""

    def plan(task, start):
        step = NODE_STEPS.get(task.flow_task.name)
        if not step:
            return None
        office = {"step": step, "area_id": _area_for(dossier, step), "cycle_id": dossier.cycle_id}
        rule = _rule(dossier.cycle_id, step, dossier.unit.kind)
        if not rule:
            return {**office, "due_date": None}
        due = due_date(
            start=start,
            fixed_date=rule.fixed_date,
            working_days=rule.working_days,
            before=rule.before,
        )
        if step == Step.SUBMIT and due < start:
            # A dossier registered in time (or under a late registration) is never born
            # overdue: a submission date already past when it registers becomes that day.
            due = start
        paused = 0
        if step == Step.REVIEW and resumed_after_supplement:
            previous = (
                TaskDeadline.objects.filter(task__process_id=dossier.process_id, step=Step.REVIEW)
                .exclude(finished_on=None)
                .order_by("-finished_on", "-pk")
                .first()
            )
            if previous is not None and previous.due_date is not None:
                paused = max(working_days_between(previous.finished_on, start), 0)
                due = add_working_days(previous.due_date, paused)
        return {**office, "due_date": due, "paused_working_days": paused}

    return open_task_deadlines(dossier.process_id, plan, opened, write=write)


def decision_cut_off(dossier) -> str:
    """The decision's cut-off as the cycle words it, e.g. "Quyết định công nhận trước ngày
    15/11/2026 (hạn: 13/11/2026)" (Circular 124, Art. 9 cl. 1), or "" without a rule."""
    rule = _rule(dossier.cycle_id, Step.DECIDE, dossier.unit.kind)
    if rule is None or rule.fixed_date is None:
        return ""
    due = due_date(start=rule.fixed_date, fixed_date=rule.fixed_date, before=rule.before)
    word = "trước ngày" if rule.before else "hạn"
    return f"Quyết định công nhận {word} {rule.fixed_date:%d/%m/%Y} (hạn xử lý: {due:%d/%m/%Y})"


def close_deadlines(task_ids) -> int:
    """Finish today the open deadlines of `task_ids` (no more notices). One fixed SQL text:
    every step closes its deadline, and the ORM spent longer building this UPDATE than
    PostgreSQL runs it (issue 14: a step's time); what
    `TaskDeadline.objects.filter(task_id__in=…, finished_on=None).update(…)` wrote."""
    table = TaskDeadline._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET finished_on = %s, next_notice_on = NULL"
            " WHERE finished_on IS NULL AND task_id = ANY(%s)",
            [today(), list(task_ids)],
        )
        return cursor.rowcount


def first_notice_on(due: datetime.date) -> datetime.date:
    dates = notice_dates(due)
    return dates[0][0] if dates else None


@transaction.atomic
def deadline_extend(*, acting_user, deadline: TaskDeadline, new_due: datetime.date, reason: str):
    """One extension per step, with a reason, to a later date (DOMAIN.md §4: a late step
    notifies before its deadline with one new date), by whoever handles the step — for
    the unit's own steps, the reviewing office (recognition: PERMISSION_STEP; rewards: the
    appraising office) — checked here, not only by the view."""
    deadline = TaskDeadline.objects.select_for_update().select_related("task").get(pk=deadline.pk)
    ensure_may_extend(acting_user, deadline)
    if deadline.finished_on is not None:
        raise DomainError("Bước này đã hoàn thành, không thể gia hạn.")
    if deadline.extended:
        raise DomainError("Bước này đã được gia hạn một lần; không thể gia hạn thêm.")
    if not reason.strip():
        raise DomainError("Vui lòng ghi rõ lý do gia hạn.")
    ensure_text_within(reason.strip(), "Lý do gia hạn")
    if deadline.due_date is None:
        raise DomainError("Bước này không có hạn xử lý theo quy định của đợt; không cần gia hạn.")
    if new_due <= deadline.due_date:
        raise DomainError("Hạn mới phải sau hạn hiện tại.")
    deadline.due_date = new_due
    deadline.extended = True
    deadline.extension_reason = reason.strip()
    deadline.extended_by = acting_user
    deadline.notices_sent = 0
    deadline.next_notice_on = first_notice_on(new_due)
    deadline.save()
    return deadline


def ensure_may_extend(user, deadline: TaskDeadline):
    """PermissionDenied unless `user` handles the deadline's step on its dossier or
    nomination (the office of that very area, by a grant in force)."""
    process_id = deadline.task.process_id
    dossier = Dossier.objects.filter(process_id=process_id).first()
    if dossier is not None:
        step = recognition_permissions.PERMISSION_STEP[deadline.step]
        recognition_permissions.ensure_can_act(user, dossier, step)
        return
    nomination = Nomination.objects.select_related("form").filter(process_id=process_id).first()
    if nomination is None:
        raise PermissionDenied("Bạn không có thẩm quyền gia hạn bước này.")
    reward_permissions.ensure_can_act(user, nomination, "appraise")


def days_left(deadline: TaskDeadline, on: datetime.date | None = None) -> int | None:
    """Working days left until the due date (negative: overdue by that many); None for a
    step without one."""
    if deadline.due_date is None:
        return None
    return working_days_between(on or today(), deadline.due_date)
