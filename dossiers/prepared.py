"""Statements PostgreSQL plans once per connection (issue 14: a step's time).

Django sends every query with its values inlined (psycopg's client-side binding), so
PostgreSQL parses and plans each one anew: about 0.85 ms for the step's locking read (the
task, its process and its subject, FOR UPDATE NOWAIT) and 0.4 ms for the offices a user
acts for, against 0.2–0.3 ms to run either. Inside `prepared()`, the queries the ORM sends
on that connection go with server-side binding and are prepared by psycopg: planned on
their first run, then executed from the plan (psycopg keeps the last 100 per connection).
Used by three reads by key: the step's locking read and a dossier's last submitted
version (both `workflows.compiled.Compiled`) and `dossiers.jurisdiction.granted_area_ids`.

Only for fixed-text reads whose plan does not depend on the values (lookups by key):
after five runs PostgreSQL may keep a generic plan. What it implies:
- a rollback (a failed request, a busy lock retried, a savepoint rolled back) makes
  psycopg deallocate the connection's statements; the next run prepares again;
- a migration that changes the type of a column these reads return makes the statements
  already prepared on other connections fail ("cached plan must not change result
  type") until those connections close: restart the web and worker processes after such
  a migration (a deployment restarts them anyway);
- the query log (DEBUG, CaptureQueriesContext) shows these statements with $1, $2… in
  place of their values.
Off with DB_PREPARE=off, e.g. behind PgBouncer before 1.22 or with its
max_prepared_statements at 0 (it cannot keep a session's statements in transaction mode);
a no-op on SQLite.
"""

import functools
from contextlib import contextmanager

from django.conf import settings
from django.db import connections


@contextmanager
def prepared(using: str = "default"):
    """Queries on `using` within the block are prepared (see the module)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DB_PREPARE:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.cursor_factory
    raw.cursor_factory = _preparing_cursor()
    try:
        yield
    finally:
        raw.cursor_factory = previous


@functools.cache
def _preparing_cursor():
    """Django's server-side binding cursor asking psycopg to prepare each statement;
    imported on first use, as the PostgreSQL backend needs psycopg."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

        def _send_query_prepared(self, name, pgq, *, binary=None):
            # psycopg leaves the cursor's query unset when it runs a prepared statement;
            # Django's query log (CaptureQueriesContext, DEBUG) reads it.
            self._query = pgq
            return super()._send_query_prepared(name, pgq, binary=binary)

    return PreparingCursor
