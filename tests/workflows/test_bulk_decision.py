"""One decision for many dossiers writes its flow rows in bulk (issue 14, workflows.bulk):
exactly the rows viewflow's own per-task completion leaves, in a number of statements that
does not grow with the dossiers decided."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import AuthorityMarker, Dossier, UnitKind
from notifications.models import Notification
from tests.factories import AreaFactory, UnitFactory
from tests.journeys import Journey, Province
from tests.rewards.journeys import RewardJourney, person
from workflows import decisions
from workflows.deadlines import close_deadlines
from workflows.models import RecognitionProcess, TaskDeadline
from workflows.recognition import services
from workflows.recognition.flows import RecognitionFlow

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "issued_on": datetime.date(2026, 12, 10),
    "signer_name": "Huỳnh Văn Giang",
    "signer_title": "Chủ tịch",
    "authority": AuthorityMarker.TM,
    "summary": "Công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2026",
}


def per_task_decision_steps(subjects, *, acting_user, changes, step):
    """The per-dossier path the bulk one replaces: viewflow's own Handle.run for each
    task, under its own lock (the oracle of the comparison)."""
    tasks = {
        t.process_id: t
        for t in Task.objects.filter(
            flow_task=subjects.decision_node,
            status=STATUS.NEW,
            process_id__in=[s.process_id for s, _ in changes],
        ).select_related("process")
    }
    history = []
    for subject, change in changes:
        task = tasks[subject.process_id]

        def run(fresh, change=change):
            source = fresh.status
            comment = change(fresh)
            fresh.save()
            history.append(
                subjects.trail.build(
                    fresh, user=acting_user, step=step, source=source, comment=comment
                )
            )

        subjects.decision_node.run(task, change=run)
    close_deadlines([t.pk for t in tasks.values()])
    subjects.trail.record_many(history)


def proposed(p, count):
    """`count` residential areas of the commune, each with its dossier proposed through
    the real services."""
    dossiers = []
    for _ in range(count):
        unit = UnitFactory(
            kind=UnitKind.RESIDENTIAL_AREA, area=AreaFactory(residential=True, parent=p.commune)
        )
        user_grant_jurisdiction(user=p.head, target=unit)
        unit.heads.add(p.head)
        dossiers.append(Journey(p, unit).to("proposed"))
    return dossiers


def rows_of(dossier) -> dict:
    """Everything a decision leaves about one dossier, without ids or clock times."""
    dossier.refresh_from_db()
    tasks = list(
        Task.objects.filter(process_id=dossier.process_id)
        .order_by("pk")
        .prefetch_related("previous")
    )
    deadlines = {d.task_id: d for d in TaskDeadline.objects.filter(task__in=tasks)}
    process = RecognitionProcess.objects.get(pk=dossier.process_id)
    return {
        "dossier": (dossier.status, dossier.result_reason),
        "process": (process.status, process.finished is None),
        "tasks": [
            (
                t.flow_task.name,
                t.flow_task_type,
                t.status,
                t.started is None,
                t.finished is None,
                t.assigned is None,
                str(t.token),
                t.data,
                t.seed,
                t.owner_id,
                sorted(p.flow_task.name for p in t.previous.all()),
                t.pk in deadlines
                and (
                    deadlines[t.pk].step,
                    deadlines[t.pk].due_date,
                    deadlines[t.pk].finished_on,
                    deadlines[t.pk].next_notice_on,
                ),
            )
            for t in tasks
        ],
        "transitions": list(
            dossier.transitions.order_by("pk").values_list(
                "step", "source", "target", "comment", "actor", "role"
            )
        ),
        "history": list(
            dossier.history.order_by("pgh_id").values_list("pgh_label", "status", "result_reason")
        ),
        "notifications": sorted(
            Notification.objects.filter(link__endswith=f"/{dossier.pk}/").values_list(
                "recipient", "event", "title", "body", "email_status"
            )
        ),
    }


def decide_mixed(p, dossiers, reference_of):
    """The first dossier not recognised (with its reason), the others recognised."""
    results = [(d, i != 0, "" if i else "Chưa đạt tiêu chí 2.") for i, d in enumerate(dossiers)]
    decision = services.decision_issue(
        acting_user=p.committee, issuer=p.commune, results=results, **SIGNATURE
    )
    reference_of.append(decision.reference)


def test_issue_14_a_bulk_decision_leaves_exactly_the_rows_of_the_per_dossier_path(
    monkeypatch, django_capture_on_commit_callbacks
):
    p = Province.build()
    bulk, per_task = proposed(p, 3), proposed(p, 3)
    references = []

    with django_capture_on_commit_callbacks(execute=True):
        decide_mixed(p, bulk, references)
    with monkeypatch.context() as patched:
        patched.setattr(decisions, "complete_decision_steps", per_task_decision_steps)
        with django_capture_on_commit_callbacks(execute=True):
            decide_mixed(p, per_task, references)

    def same_words(dossier, reference):  # the two differ by the decision's number, the unit
        return repr(rows_of(dossier)).replace(reference, "QĐ").replace(str(dossier.unit), "ĐV")

    for ours, theirs in zip(bulk, per_task, strict=True):
        assert same_words(ours, references[0]) == same_words(theirs, references[1])
    statuses = [rows_of(d)["dossier"][0] for d in bulk]
    assert statuses == ["not_recognised", "recognised", "recognised"]
    assert all(rows_of(d)["process"] == ("DONE", False) for d in bulk)
    assert all(rows_of(d)["notifications"] for d in bulk)


def test_issue_14_a_bulk_reward_decision_leaves_the_rows_of_the_per_nomination_path(
    monkeypatch,
):
    p = Province.build()
    ours = RewardJourney(p)
    theirs = RewardJourney(
        p, nominees=[person(p, citizen_id="079201009999", full_name="Lê Văn An")]
    )
    ours.to("voted")
    theirs.to("voted")

    ours.decide()
    with monkeypatch.context() as patched:
        patched.setattr(decisions, "complete_decision_steps", per_task_decision_steps)
        theirs.decide()

    def rows(journey):
        nomination = journey.nomination
        nomination.refresh_from_db()
        tasks = Task.objects.filter(process_id=nomination.process_id).order_by("pk")
        return (
            nomination.status,
            nomination.process.status,
            [
                (t.flow_task.name, t.status, t.started is None, t.finished is None, t.data)
                for t in tasks
            ],
            list(nomination.transitions.values_list("step", "source", "target")),
        )

    assert rows(ours) == rows(theirs)
    assert rows(ours)[:2] == ("decided", "DONE")


def clone_proposed(dossier, count) -> list[Dossier]:
    """`count` copies of a proposed dossier in the rows the flow left it with, each its
    own residential area, unit and process (their tasks, links and deadlines): enough
    dossiers to count statements without running the whole journey for each."""
    unit, process = dossier.unit, RecognitionProcess.objects.get(pk=dossier.process_id)
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    links = list(Task.previous.through.objects.filter(from_task__in=tasks))
    deadlines = list(TaskDeadline.objects.filter(task__in=tasks))
    copies = []
    for _ in range(count):
        area = AreaFactory(residential=True, parent=unit.area.parent)
        new_unit = UnitFactory(kind=unit.kind, area=area, managing_level=unit.managing_level)
        new_process = RecognitionProcess.objects.get(pk=process.pk)
        new_process.pk = None
        new_process.save()
        new_tasks = {}
        for task in tasks:
            copy = Task.objects.get(pk=task.pk)
            copy.pk, copy.process = None, new_process
            copy.save()
            new_tasks[task.pk] = copy
        Task.previous.through.objects.bulk_create(
            Task.previous.through(
                from_task=new_tasks[link.from_task_id], to_task=new_tasks[link.to_task_id]
            )
            for link in links
        )
        TaskDeadline.objects.bulk_create(
            TaskDeadline(
                **{
                    **{f.attname: getattr(d, f.attname) for f in d._meta.concrete_fields},
                    "id": None,
                    "task_id": new_tasks[d.task_id].pk,
                }
            )
            for d in deadlines
        )
        copy = Dossier.objects.get(pk=dossier.pk)
        copy.pk, copy.unit, copy.process = None, new_unit, new_process
        copy.save()
        new_process.artifact_object_id = copy.pk
        new_process.save()
        copies.append(copy)
    return copies


def test_issue_14_a_decision_for_50_dossiers_takes_the_statements_of_one_for_5():
    p = Province.build()
    dossier = Journey(p).to("proposed")
    few, many = clone_proposed(dossier, 5), clone_proposed(dossier, 50)

    def statements(dossiers):
        with CaptureQueriesContext(connection) as captured:
            services.decision_issue(
                acting_user=p.committee,
                issuer=p.commune,
                results=[(d, True, "") for d in dossiers],
                **SIGNATURE,
            )
        return [q["sql"][:100] for q in captured]

    statements([dossier])  # the first decision of the year starts the issuer's number series
    counted = statements(few), statements(many)

    assert len(counted[0]) == len(counted[1]), "\n".join(counted[0] + ["----"] + counted[1])
    decided = Dossier.objects.filter(pk__in=[d.pk for d in few + many])
    assert set(decided.values_list("status", flat=True)) == {"recognised"}
    open_decisions = Task.objects.filter(
        process_id__in=[d.process_id for d in many], flow_task=RecognitionFlow.await_decision
    ).exclude(status=STATUS.DONE)
    assert not open_decisions.exists()
