"""Many `flow.Handle` steps completed at once (issue 14: one decision for 500 dossiers in
a constant number of statements, not 20 per dossier).

viewflow completes a Handle task under the process lock, then walks the graph: the task is
started and done, each gateway after it (If, Switch) is created, evaluated and done, and an
End is created, started and done, finishing the process when nothing else is open
(viewflow/workflow/nodes/handle.py, if_gate.py, switch.py, end.py). `complete_handles`
writes exactly those rows for many processes together: the process rows locked in one
statement (NOWAIT, retried like the flow's own `select_for_update_lock`), the subjects
updated in one statement, each wave of new tasks inserted in one, their links in one, the
finished processes in one. The gateways' conditions run on the same activation objects
viewflow would build, so the branches taken are the flow's own. A node after the Handle of
any other kind (a human step, a join, a terminate end) is refused: this path writes only
rows it knows the flow would write. tests/workflows/test_bulk_decision.py compares every
row with the per-task path of viewflow.
"""

from collections.abc import Callable

from django.db import OperationalError, connection, transaction
from django.utils import timezone
from viewflow.workflow import signals
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.end import EndActivation
from viewflow.workflow.nodes.handle import HandleActivation
from viewflow.workflow.nodes.if_gate import IfActivation
from viewflow.workflow.nodes.switch import SwitchActivation
from viewflow.workflow.status import PROCESS, STATUS

from .deadlines import close_deadlines
from .locking import attempts, back_off, lock_busy
from .steps import CONFLICT_MESSAGE, Conflict

SIGNALS = (signals.task_started, signals.task_finished, signals.flow_finished)


def lock_processes(flow, process_ids) -> None:
    """The flow's lock on many processes in one statement, in the caller's transaction:
    SELECT … FOR UPDATE NOWAIT in a savepoint, retried with the same back-off as
    viewflow's `select_for_update_lock`; `Conflict` when still busy."""
    rows = flow.process_class._default_manager.filter(pk__in=process_ids).order_by("pk")
    tries = attempts(flow)
    for attempt in range(tries):
        try:
            with transaction.atomic():
                rows.select_for_update(nowait=True).exists()
            return
        except OperationalError as exc:
            if not lock_busy(exc):
                raise
            if attempt != tries - 1:
                back_off(attempt)
    raise Conflict(CONFLICT_MESSAGE) from FlowLockFailed(f"Lock failed for {flow}")


def _changed_fields(subject, before: dict) -> set[str]:
    return {name for name, value in before.items() if getattr(subject, name) != value}


def _snapshot(subject) -> dict:
    return {f.attname: getattr(subject, f.attname) for f in subject._meta.concrete_fields}


class _Walk:
    """The tasks, links and finished processes of many Handle completions, gathered
    wave by wave so that each wave is one INSERT."""

    def __init__(self, now):
        self.now = now
        self.waves: list[list[Task]] = []
        self.links: list[tuple[Task, Task]] = []  # (task, its previous task)
        self.ends: list[Task] = []  # End tasks, to finish their processes

    def follow(self, task: Task, node, depth: int = 0) -> None:
        """Create the node `task` leads to, as its activation would, and go on."""
        if node is None:
            return
        new = node.flow_class.task_class(
            process=task.process,
            flow_task=node,
            flow_task_type=node.task_type,
            token=task.token,
            data={},
            seed=None,
            status=STATUS.DONE,
            finished=self.now,
        )
        if len(self.waves) <= depth:
            self.waves.append([])
        self.waves[depth].append(new)
        self.links.append((new, task))
        kind = node.activation_class  # exactly these activations: no subclass
        if getattr(node, "_boundary_events", None):
            raise NotImplementedError(f"{node.name}: boundary events")
        if kind is EndActivation:
            new.started = self.now
            self.ends.append(new)
            return
        activation = node.activation_class(new)
        if kind is IfActivation:
            self._no_data(node._on_true_data, node._on_true_seed)
            self._no_data(node._on_false_data, node._on_false_seed)
            chosen = node._on_true if node._condition(activation) else node._on_false
        elif kind is SwitchActivation:
            chosen = None
            for branch, cond in node._branches:  # as SwitchActivation.activate
                if not cond:
                    chosen = branch
                elif cond(activation):
                    chosen = branch
                    break
            if chosen is None:
                raise NotImplementedError(f"{node.name}: no branch to take")
        else:
            raise NotImplementedError(f"{node.name}: only If, Switch and End follow in bulk")
        self.follow(new, chosen, depth + 1)

    @staticmethod
    def _no_data(data, seed):
        if data is not None or seed is not None:
            raise NotImplementedError("task data or seed on a gateway's branch")


def complete_handles(
    node,
    changes: list[tuple[object, Callable[[object], str]]],
    *,
    record: Callable[[list], None],
) -> list[Task]:
    """Complete the open task of the Handle `node` for each subject of `changes`
    [(subject, change)] in the caller's transaction. Each subject (a model with a
    `process` link, already locked and fresh) goes through `change(subject)`, which calls
    exactly one transition and returns the audit comment; `record([(subject, source,
    comment)])` then writes the audit rows. `Conflict` when a task is not open any more.
    Returns the completed tasks."""
    flow = node.flow_class
    if node.activation_class is not HandleActivation or node._task_data or node._task_seed:
        raise NotImplementedError(f"{node.name}: a plain Handle is completed in bulk")
    if any(signal.has_listeners(flow) for signal in SIGNALS):
        raise NotImplementedError(f"{flow}: a task signal listener expects one task at a time")
    if not changes:
        return []
    subjects = [subject for subject, _ in changes]
    lock_processes(flow, [s.process_id for s in subjects])
    tasks = {
        task.process_id: task
        for task in flow.task_class.objects.filter(
            flow_task=node, status=STATUS.NEW, process_id__in=[s.process_id for s in subjects]
        ).select_related("process")
    }
    if len(tasks) != len({s.process_id for s in subjects}):
        raise Conflict(CONFLICT_MESSAGE)
    model = type(subjects[0])
    link = model._meta.get_field("process").remote_field.get_accessor_name()
    changed, history = set(), []
    for subject, change in changes:
        before = _snapshot(subject)
        source = subject.status
        comment = change(subject)
        changed |= _changed_fields(subject, before)
        history.append((subject, source, comment))
        process = tasks[subject.process_id].process.coerced
        setattr(process, link, subject)  # the gateways read the new state, no query
    if changed:
        update_rows(model, subjects, sorted(changed))
    _write_flow_rows(flow, list(tasks.values()), node)
    close_deadlines([task.pk for task in tasks.values()])
    record(history)
    return list(tasks.values())


def update_rows(model, objects, names) -> None:
    """Write the fields `names` of many `objects` in one UPDATE … FROM (VALUES …): what
    `bulk_update` does, without the CASE expression per row and field it builds (0.7 s of
    a 300-dossier decision, measured)."""
    quote, meta = connection.ops.quote_name, model._meta
    columns = [meta.pk, *(meta.get_field(name) for name in names)]
    row = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in columns) + ")"
    params = [
        field.get_db_prep_save(getattr(obj, field.attname), connection)
        for obj in objects
        for field in columns
    ]
    table, key = quote(meta.db_table), quote(meta.pk.column)
    sets = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in columns[1:])
    names_ = ", ".join(quote(f.column) for f in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM (VALUES {', '.join([row] * len(objects))}) "
            f"AS v({names_}) WHERE {table}.{key} = v.{key}",
            params,
        )


def _write_flow_rows(flow, tasks: list[Task], node) -> None:
    """The rows viewflow leaves after each task: done, its successors created, the
    processes with nothing else open finished."""
    now = timezone.now()
    ids = [task.pk for task in tasks]
    still_open = set(
        flow.task_class.objects.filter(process_id__in=[t.process_id for t in tasks], finished=None)
        .exclude(pk__in=ids)
        .values_list("process_id", flat=True)
    )
    flow.task_class.objects.filter(pk__in=ids).update(status=STATUS.DONE, started=now, finished=now)
    walk = _Walk(now)
    for task in tasks:
        walk.follow(task, node._next)
    for wave in walk.waves:
        flow.task_class.objects.bulk_create(wave)
    flow.task_class.previous.through.objects.bulk_create(
        flow.task_class.previous.through(from_task_id=new.pk, to_task_id=previous.pk)
        for new, previous in walk.links
    )
    finished = {end.process_id for end in walk.ends} - still_open
    if finished:
        flow.process_class._default_manager.filter(pk__in=finished).update(
            status=PROCESS.DONE, finished=now
        )
