"""What the step runner itself guarantees (workflows/steps.py; DESIGN.md "State: one
writer"), each shown so that removing the guard turns the test red: the flow's lock is
taken (proved on two real PostgreSQL connections: the FSM's optimistic check would hide a
missing lock from a plain "two at once" test), a step assigned to one officer is refused
to another, and the status field cannot be assigned by hand."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from dossiers.models import Dossier
from dossiers.models import DossierStatus as S
from tests.factories import UserFactory
from tests.journeys import Journey, Province, all_met
from workflows.recognition import services
from workflows.recognition.flows import RecognitionFlow


def review(user, dossier):
    return services.dossier_review(
        acting_user=user, dossier=dossier, outcome="forward", verdicts=all_met(dossier)
    )


def _hold_key_share(table, pk):
    """FOR KEY SHARE conflicts only with FOR UPDATE: it blocks the step runner's locks but
    not the plain UPDATEs a step makes, so only a step that locks is held back."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR KEY SHARE", [pk])


@pytest.mark.usefixtures("reference_data")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", ["process", "task"])
def test_a_step_waits_for_the_lock_on_the_flow_and_its_task(row):
    """While another connection holds the process row (viewflow's `select_for_update_lock`)
    or the open task (`select_for_update` in the runner), the review cannot commit; once
    it is released, the review goes through."""
    p = Province.build()
    dossier = Journey(p).to("submitted")
    task = dossier.process.task_set.get(flow_task=RecognitionFlow.review_dossier)
    target = dossier.process if row == "process" else task
    outcome = {}

    def officer():
        try:
            review(p.reviewer, dossier)
            outcome["result"] = "ok"
        except Exception as exc:  # noqa: BLE001 — reported in the assertion below
            outcome["result"] = repr(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=officer)
    with transaction.atomic():
        _hold_key_share(target._meta.db_table, target.pk)
        thread.start()
        thread.join(timeout=2.0)  # the flow lock's retries wait longer (0.4 s, 0.8 s, 1.6 s…)
        blocked = thread.is_alive() and "result" not in outcome
        status_while_locked = Dossier.objects.values_list("status", flat=True).get(pk=dossier.pk)
    thread.join(timeout=30)
    assert blocked, f"the step ran under another connection's lock: {outcome}"
    assert status_while_locked == S.SUBMITTED
    assert outcome["result"] == "ok"
    dossier.refresh_from_db()
    assert dossier.status == S.FORWARDED


@pytest.mark.django_db
def test_a_step_assigned_to_one_officer_is_refused_to_another():
    """After a supplement the review comes back assigned to the officer who asked for it;
    a colleague of the same commune is refused and nothing moves."""
    p = Province.build()
    colleague = UserFactory(role=p.reviewer.role, jurisdiction=[p.commune])
    dossier = Journey(p).to("submitted")
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Bổ sung."
    )
    dossier = services.dossier_submit(acting_user=p.head, dossier=dossier)

    with pytest.raises(PermissionDenied, match="đã được giao"):
        review(colleague, dossier)
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED
    assert not dossier.reviews.filter(actor=colleague).exists()
    assert review(p.reviewer, dossier).status == S.FORWARDED


@pytest.mark.django_db
def test_the_status_of_a_dossier_cannot_be_assigned_by_hand():
    """`status` is a protected FSM field: only the flow's transitions change it."""
    dossier = Journey(Province.build()).to("registered")
    with pytest.raises(AttributeError):
        dossier.status = S.RECOGNISED
    fresh = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(AttributeError):
        fresh.status = S.RECOGNISED


@pytest.mark.django_db
def test_the_status_of_a_nomination_cannot_be_assigned_by_hand():
    from dossiers.models import Nomination, NominationStatus
    from tests.rewards.journeys import RewardJourney

    nomination = RewardJourney(Province.build()).to("draft")
    with pytest.raises(AttributeError):
        nomination.status = NominationStatus.DECIDED
    with pytest.raises(AttributeError):
        Nomination.objects.get(pk=nomination.pk).status = NominationStatus.DECIDED


@pytest.mark.django_db
def test_a_step_completes_the_task_of_its_own_dossier_only():
    """Two dossiers wait for review in the same commune; reviewing the first one closes its
    task, not the newer one's."""
    p = Province.build()
    first = Journey(p).to("submitted")
    second = Journey(p, p.agency).to("submitted")

    review(p.reviewer, first)

    def open_review(dossier):
        return dossier.process.task_set.filter(
            flow_task=RecognitionFlow.review_dossier, finished__isnull=True
        ).exists()

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.FORWARDED, S.SUBMITTED)
    assert open_review(second) and not open_review(first)
