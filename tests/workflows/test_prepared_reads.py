"""Issue 14: the step's locking read and the offices a user acts for are planned once per
connection (dossiers.prepared), and answer exactly as the unprepared statements do."""

import pytest
from django.db import connection
from django.test import override_settings

from dossiers.jurisdiction import granted_area_ids
from tests.journeys import Journey, Province, all_met
from workflows.recognition import services

pytestmark = pytest.mark.django_db


def prepared_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def fresh_session():
    """No statement left prepared on the connection by an earlier test."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL /* fresh session */")
    yield


def test_issue_14_the_review_steps_locking_read_and_the_officers_offices_are_prepared(
    fresh_session,
):
    p = Province.build()
    dossier = Journey(p).to("submitted")
    offices = granted_area_ids(p.reviewer, act=True)
    services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
    )
    texts = prepared_texts()
    assert any("FOR UPDATE" in t and "NOWAIT" in t and "viewflow_task" in t for t in texts)
    assert any("dossiers_areauserpermission" in t for t in texts)
    assert dossier.review_area_id in offices
    dossier.refresh_from_db()
    assert dossier.status == "forwarded"


def test_issue_14_prepared_and_unprepared_reads_give_the_same_offices(fresh_session):
    p = Province.build()
    users = [p.reviewer, p.appraiser, p.committee, p.head]
    prepared = [sorted(granted_area_ids(u, act=act)) for u in users for act in (False, True)]
    assert any("dossiers_areauserpermission" in t for t in prepared_texts())
    with override_settings(DB_PREPARE=False):
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL /* unprepared reads */")
        plain = [sorted(granted_area_ids(u, act=act)) for u in users for act in (False, True)]
        assert prepared_texts() == []
    assert prepared == plain
    assert any(prepared)


def test_issue_14_a_prepared_statement_is_in_djangos_query_log(fresh_session):
    """CaptureQueriesContext and DEBUG's log read the cursor's query, which psycopg leaves
    unset for a prepared statement unless dossiers.prepared sets it."""
    from django.test.utils import CaptureQueriesContext

    p = Province.build()
    granted_area_ids(p.reviewer, act=True)  # prepared on its first run
    with CaptureQueriesContext(connection) as captured:
        granted_area_ids(p.reviewer, act=True)  # run from the plan
    assert len(captured) == 1
    assert "dossiers_areauserpermission" in captured[0]["sql"]
