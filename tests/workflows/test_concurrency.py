"""Two officers completing the same review at once, on two real PostgreSQL connections:
one succeeds, the other gets a clear conflict, and the dossier moves once."""

import threading

import pytest
from django.db import connection

from dossiers.models import DossierStatus as S
from tests.factories import UserFactory
from tests.journeys import Journey, Province, all_met
from workflows.recognition import services

pytestmark = pytest.mark.usefixtures("reference_data")


def run_concurrently(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(i, call):
        try:
            barrier.wait()
            call()
            outcomes[i] = "ok"
        except services.Conflict as conflict:
            outcomes[i] = str(conflict)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("outcomes", [("forward", "forward"), ("forward", "refuse")])
def test_two_officers_review_at_once(outcomes):
    p = Province.build()
    colleague = UserFactory(role=p.reviewer.role, jurisdiction=[p.commune])
    dossier = Journey(p).to("submitted")
    verdicts = all_met(dossier)

    def review(user, outcome):
        return lambda: services.dossier_review(
            acting_user=user,
            dossier=dossier,
            outcome=outcome,
            verdicts=verdicts,
            comment="Ý kiến của cán bộ",
        )

    results = run_concurrently(review(p.reviewer, outcomes[0]), review(colleague, outcomes[1]))

    assert sorted(r == "ok" for r in results) == [False, True]
    conflict = next(r for r in results if r != "ok")
    assert "vừa được người khác xử lý" in conflict
    dossier.refresh_from_db()
    assert dossier.status in (S.FORWARDED, S.REFUSED)
    assert dossier.transitions.filter(step__startswith="review").count() == 1
    assert dossier.reviews.count() == 1
