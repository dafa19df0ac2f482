from django import template

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


@register.inclusion_tag("recognition/_due.html")
def due(deadline):
    """The due date and the working days left, or how late (a negative count)."""
    if not deadline:  # a step without a rule, or no open step
        return {"deadline": None}
    from workflows.deadlines import days_left

    left = days_left(deadline) if deadline.finished_on is None else None
    return {
        "deadline": deadline,
        "left": left,
        "late": left is not None and left < 0,
        "late_by": -left if left is not None and left < 0 else 0,
    }
