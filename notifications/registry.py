"""What a workflow lends the notifications, so that notifications never import a workflow
(issue #9: layers point down). Each workflow registers one `Flow` — how to announce its
transitions and who acts on or supervises one of its steps — and the model of its steps'
due dates, in its AppConfig.ready (workflows/apps.py). The Celery tasks (notifications.tasks)
and the deadline sweep (notifications.reminders) look them up here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

People = Callable[[int, Iterable[str]], list]  # (area id, roles) → users acting there


@dataclass(frozen=True, kw_only=True)
class Flow:
    """One workflow's answers. `record` is its dossier or nomination; `task` a viewflow task
    of the record's process; `deadline` one of its steps' due dates."""

    name: str
    # Announcing a transition (notifications.announcer).
    transition: Callable[[int], object | None]  # the transition by id, or None
    record: Callable[[object], object]  # the transition's dossier or nomination
    link: Callable[[object], str]
    key_prefix: str  # the notifications' keys: f"{key_prefix}task:…", f"{key_prefix}transition:…"
    noun: str  # the record's name in the message bodies ("Hồ sơ", "Đề nghị")
    actors: Callable[[object, object], Iterable]  # (record, task) → who acts on the task
    task_title: Callable[[object, object], str]  # (record, task)
    task_body: Callable[[object, object], str]  # (record, task)
    status_events: dict[str, str]  # transition step → notifications.models.Event
    watchers: Callable[[object], Iterable]  # told when the record's status changes
    task_related: tuple[str, ...] = ()  # select_related paths from a task
    # Reminding of a step's due date (notifications.reminders).
    deadline_record: Callable[[object], object | None]  # the deadline's record, if this flow's
    subject: Callable[[object], str]  # how a reminder names the record
    step_actors: Callable[[object, object, People], list]  # (record, deadline, people)
    step_supervisors: Callable[[object, object, People], list]  # told when a step is overdue
    deadline_related: tuple[str, ...] = ()  # select_related paths from a deadline


_flows: dict[str, Flow] = {}
_deadline_models: list = []


_fallback: list[Flow] = []


def register(flow: Flow, *, fallback: bool = False):
    """Register a workflow; the `fallback` one also answers for step deadlines whose record
    is gone or was never linked (its step roles depend on the step and area only)."""
    _flows[flow.name] = flow
    if fallback:
        _fallback[:] = [flow]


def flow(name: str) -> Flow:
    return _flows[name]


def flows() -> list[Flow]:
    return list(_flows.values())


def register_deadlines(model):
    """The model of the steps' due dates the sweep walks (fields `task`, `area`, `step`,
    `due_date`, `finished_on`, `next_notice_on`, `notices_sent`)."""
    if model not in _deadline_models:
        _deadline_models.append(model)


def deadline_model():
    (model,) = _deadline_models
    return model


def flow_of_deadline(deadline) -> tuple[Flow | None, object | None]:
    """The flow a step's deadline belongs to and its record; for a deadline no flow claims,
    the fallback flow (if any) without a record."""
    for candidate in _flows.values():
        record = candidate.deadline_record(deadline)
        if record is not None:
            return candidate, record
    return (_fallback[0] if _fallback else None), None
