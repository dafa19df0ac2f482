"""The step runner every reward service uses (DESIGN.md "one writer"), and the reward
steps' due dates."""

from notifications.calendar import add_working_days
from workflows.deadlines import open_task_deadlines
from workflows.models import TaskDeadline
from workflows.steps import Subject, complete_human_task
from workflows.transitions import NOMINATION_TRAIL

from ..flows import RewardFlow
from ..permissions import ensure_can_act


def complete_step(*, nomination, nodes, user, step, audit_step, change, comment=""):
    """Complete the open task of `nodes` on `nomination` as `user`, applying `change`
    (exactly one transition); `step` names the permission, `audit_step` what the history
    shows."""
    ensure_can_act(user, nomination, step)

    def after(fresh, source, opened):
        NOMINATION_TRAIL.record(fresh, user=user, step=audit_step, source=source, comment=comment)
        open_deadlines(fresh, opened)

    return complete_human_task(
        flow=RewardFlow,
        process_id=nomination.process_id,
        nodes=nodes,
        user=user,
        subject=Subject("nomination", nomination.pk, ("form",)),
        change=change,
        after=after,
    )


def open_deadlines(nomination, opened=None):
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

    open_task_deadlines(nomination.process_id, plan, opened)
