from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from dossiers.reference.meeting_seats import seats_for
from workflows.deadlines import days_left
from workflows.recognition.outcomes import step_title as route_step_title

register = template.Library()


@register.filter
def step_title(task):
    """A recognition task's name as the dossier's route makes it (Circular 124, Art. 9)."""
    dossier = getattr(task.process, "dossier", None)
    if dossier is None:
        return task.flow_task.task_title
    return route_step_title(dossier, task.flow_task.name)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def due(deadline):
    """The due date and the working days left, or how late (a negative count); "—" for
    no open step or a step the cycle sets no date for. Written in Python, not a template:
    an inbox shows fifty (issue 14: an included template per row was a tenth of the page)."""
    if not deadline or deadline.due_date is None:
        return "—"
    text = f"{deadline.due_date:%d/%m/%Y}"
    left = days_left(deadline) if deadline.finished_on is None else None
    if left is not None:
        if left < 0:
            text += f" (quá hạn {-left} ngày làm việc)"
        else:
            text += " (hạn là hôm nay)" if left == 0 else f" (còn {left} ngày làm việc)"
    if deadline.extended:
        text += " — đã gia hạn"
    if deadline.paused_working_days:
        text += f" — đã cộng {deadline.paused_working_days} ngày chờ bổ sung"
    late = left is not None and left < 0
    return format_html('<span class="{}">{}</span>', "due overdue" if late else "due", text)


OWNERLESS = mark_safe('<span class="muted">Chưa nhận</span>')


@register.simple_tag
def inbox_rows(rows):
    """The rows of Việc của tôi's table: for each (task, its action, its dossier's URL) the
    unit, the step, the cycle's year, who has taken it, the due date and the button.
    Written in Python, not as template nodes: fifty rows of those were most of the page's
    rendering (issue 14)."""
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td><a class="button" href="{}">{}</a></td></tr>',
        (
            (
                url,
                task.process.dossier.unit.name,
                step_title(task),
                task.process.dossier.cycle.year,
                task.owner or OWNERLESS,
                due(task.deadline),
                action.url,
                action.label,
            )
            for task, action, url in rows
        ),
    )


@register.inclusion_tag("recognition/_meeting.html")
def meeting(version, unit_kind):
    """The evaluation meeting of a version, seat by seat in the circular's order
    (Circular 124, Art. 9 cl. 1 a, c)."""
    record = getattr(version, "meeting", None)
    seats = seats_for(unit_kind)
    attendees = {a.seat: a for a in record.attendees.all()} if record else {}
    return {
        "meeting": record,
        "has_seats": bool(seats),
        "rows": [{"seat": s, "attendee": attendees.get(s.code)} for s in seats],
    }
