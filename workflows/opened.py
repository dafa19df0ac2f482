"""The tasks a step opens, noted as viewflow saves them (issue 14: a step's statements).

After a human step viewflow creates the next tasks itself (gateways, the next human step,
an End). Their deadlines are opened in the same transaction; rather than read the
process's open tasks back, the step runner notes every task created while it completes
its task (Django's `post_save`, `created=True`). Outside `opened_tasks()` nothing is noted.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_save
from viewflow.workflow.models import Task

_opened: ContextVar[list | None] = ContextVar("opened_tasks", default=None)


@contextmanager
def opened_tasks():
    """`with opened_tasks() as opened:` the tasks created inside the block, in order."""
    token = _opened.set([])
    try:
        yield _opened.get()
    finally:
        _opened.reset(token)


def _note(sender, instance, created, **kwargs):
    noted = _opened.get()
    if created and noted is not None:
        noted.append(instance)


post_save.connect(_note, sender=Task, dispatch_uid="workflows.opened")
