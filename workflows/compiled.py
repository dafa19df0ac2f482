"""A queryset compiled once and run with new values (issue 14: a step's time).

Django compiles a queryset's SQL on every run; for the step's locking read — the task, its
process and its subject with their relations, FOR UPDATE OF three of them — that is about
1 ms of Python, for a statement PostgreSQL runs in a fraction of it. `Compiled` compiles
the queryset once with stand-in values, notes where they sit among the parameters, and
runs the same SQL text with the caller's values; the rows become model instances exactly
as the queryset's own iterable makes them (select_related included). PostgreSQL plans the
text once per connection too (dossiers.prepared).
"""

import copy

from django.db import connections

from dossiers.prepared import prepared


class Compiled:
    """`Compiled(queryset, stand_ins)`: the queryset, built with `stand_ins` (distinct
    values no real row holds, e.g. negative ids) where the varying values go; then
    `first(*values)` is `queryset.first()` with each stand-in replaced by its value.

    Only stand-ins that reach the SQL as plain parameters may vary (ids, not lists whose
    length changes the text); the constructor refuses a queryset where one is missing."""

    def __init__(self, queryset, stand_ins: tuple):
        queryset = (queryset if queryset.ordered else queryset.order_by("pk"))[:1]
        compiler = queryset.query.get_compiler(queryset.db)
        self.sql, params = compiler.as_sql()
        self.queryset, self.compiler, self.params = queryset, compiler, params
        self.slots = [
            stand_ins.index(p) if isinstance(p, int) and p in stand_ins else None for p in params
        ]
        if {slot for slot in self.slots if slot is not None} != set(range(len(stand_ins))):
            raise ValueError("every stand-in must be a parameter of the compiled SQL")

    def first(self, *values):
        slotted = zip(self.slots, self.params, strict=True)
        params = tuple(p if slot is None else values[slot] for slot, p in slotted)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[compiler.using]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        queryset = self.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        with prepared(compiler.using):
            return next(iter(queryset), None)
