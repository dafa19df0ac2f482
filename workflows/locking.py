"""The flow's row lock, taken by a statement of our own with viewflow's policy.

viewflow's `select_for_update_lock` (viewflow/workflow/lock.py) locks the process row with
`SELECT 1 … FOR UPDATE NOWAIT` and, while the row is busy, starts a new transaction after
a growing random pause, five times. Its locking statement is fixed; a step that must then
read its task and its dossier spends two more statements on them (issue 14: a step's
statements). `ReadingLock` keeps that policy but lets the caller's own read be the locking
statement — the step's task, its process and its subject in one SELECT … FOR UPDATE OF
those rows NOWAIT — and runs under viewflow's `lock_scope`, so callbacks queued with
`after_lock_released` run as they would with the flow's own lock. Only "lock not
available" (SQLSTATE 55P03) is retried; any other database error is a bug and is raised.
"""

import random
import time
from contextlib import contextmanager

from django.db import OperationalError, transaction
from viewflow.workflow import lock
from viewflow.workflow.exceptions import FlowLockFailed

LOCK_NOT_AVAILABLE = "55P03"


def lock_busy(exc: Exception) -> bool:
    """Whether a NOWAIT lock found the row held by another transaction."""
    return getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE


def back_off(attempt: int) -> None:
    """viewflow's pause before the next attempt (SelectForUpdateLock)."""
    time.sleep(((attempt + 1) * random.random() + 2**attempt) / 2.5)


def attempts(flow) -> int:
    return getattr(flow.lock_impl, "attempts", 5)


class ReadingLock:
    """A viewflow lock_impl whose locking statement is `read()`: its result is `found`."""

    def __init__(self, read, attempts: int = 5):
        self.read, self.attempts, self.found = read, attempts, None

    @contextmanager
    def __call__(self, flow_class, process_pk):
        for attempt in range(self.attempts):
            with transaction.atomic():
                try:
                    self.found = self.read()
                except OperationalError as exc:
                    if not lock_busy(exc):
                        raise
                    transaction.set_rollback(True)  # a clean rollback, savepoint or not
                else:
                    yield self.found
                    return
            if attempt != self.attempts - 1:
                back_off(attempt)
        raise FlowLockFailed(f"Lock failed for {flow_class}")


@contextmanager
def locked_read(flow, process_id: int, read):
    """`with locked_read(flow, pk, read) as found:` the flow's lock on process `pk`, taken
    by `read` (which must lock that process row, FOR UPDATE NOWAIT), in one transaction
    that the block's work shares."""
    impl = ReadingLock(read, attempts=attempts(flow))
    with lock.lock_scope(impl, flow, process_id):
        yield impl.found
