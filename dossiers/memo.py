"""Reference rows kept in the process (issue 14: a step's statements): the rules and
criteria a step reads on every action, which change a few times a year. Like the working
calendar (notifications.calendar), an entry is dropped on every save or delete of its
models through the ORM (`watch`) and expires after `SECONDS`, so that other processes —
and writes that send no signal (bulk_create, update) — are seen within five minutes.

Django's cache framework would pickle the rows on every read (as costly as the query for
a list of model instances) and its in-process backend drops nothing in other processes
either; a dict of plain values in the process is what the calendar already does."""

import time

from django.db.models.signals import post_delete, post_save

SECONDS = 300
_memos: list["Memo"] = []


class Memo:
    """`memo.get(key, load)`: load(key) once per key until dropped or expired."""

    def __init__(self, name: str):
        self.name = name
        self._entries: dict = {}
        _memos.append(self)

    def get(self, key, load):
        entry = self._entries.get(key)
        if entry is not None and time.monotonic() - entry[0] < SECONDS:
            return entry[1]
        value = load(key)
        self._entries[key] = (time.monotonic(), value)
        return value

    def clear(self, **kwargs) -> None:
        self._entries.clear()

    def watch(self, *models) -> "Memo":
        for model in models:
            uid = f"memo-{self.name}-{model._meta.label}"
            post_save.connect(self.clear, sender=model, dispatch_uid=f"{uid}-saved", weak=False)
            post_delete.connect(self.clear, sender=model, dispatch_uid=f"{uid}-deleted", weak=False)
        return self


def clear_all() -> None:
    """Drop every memo (tests: a rolled-back write must not leak into the next test)."""
    for memo in _memos:
        memo.clear()
