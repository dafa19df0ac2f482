"""The recognition workflow at province scale: review throughput, inbox and list reads at
2,000 and 20,000 dossiers, and one decision for 500 dossiers.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench
     .venv/bin/python bench/recognition.py)
PostgreSQL only (locks, query plans and commit costs are what we measure). The data stays
in the database: point DATABASE_URL at a throw-away one. Most dossiers are written in bulk
in the exact state the real flow leaves them (process, task chain, versions), and a sample
of them is then driven through the real services to prove it.
Targets: read query counts independent of data size; a 500-dossier decision under 10 s.
"""

import datetime
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

HINT = "DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench"
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit(f"bench/recognition.py needs PostgreSQL, e.g. {HINT}")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, OuterRef, Subquery  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from viewflow.workflow.flow import End  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402
from viewflow.workflow.status import PROCESS, STATUS  # noqa: E402
from viewflow.workflow.token import Token  # noqa: E402

from accounts.models import Role  # noqa: E402
from dossiers.models import (  # noqa: E402
    AdministrativeArea,
    Assessment,
    AuthorityMarker,
    CriterionKind,
    Dossier,
    DossierVersion,
    Unit,
    UnitKind,
)
from dossiers.models import DossierStatus as S  # noqa: E402
from dossiers.services import area_set_paths, cycle_route_for  # noqa: E402
from tests.factories import AreaFactory, CycleFactory, UserFactory, level  # noqa: E402
from workflows.models import RecognitionProcess  # noqa: E402
from workflows.recognition.flows import RecognitionFlow as F  # noqa: E402
from workflows.recognition.selectors import criteria_for, inbox_tasks  # noqa: E402
from workflows.recognition.services import (  # noqa: E402
    decision_issue,
    dossier_appraise,
    dossier_review,
)

SIZES = (2_000, 20_000)
COMMUNES = 100
REVIEW_STEPS = 1_000
DECISION_SIZE = 500
RUNS = 20
# Share (%) of each status among the bulk-made dossiers: enough submitted ones for both
# review runs, enough proposed agencies (decided by the province) for the decision.
MIX = {
    S.REGISTERED: 10,
    S.SUBMITTED: 30,
    S.SUPPLEMENT_REQUESTED: 5,
    S.FORWARDED: 15,
    S.PROPOSED: 20,
    S.RECOGNISED: 10,
    S.NOT_RECOGNISED: 5,
    S.REFUSED: 5,
}
# The nodes the real flow has passed for each status; the last is the open task, unless
# it is an End (then the process is finished).
REVIEWED = [F.start, F.prepare_dossier, F.review_dossier, F.check_review]
APPRAISED = [*REVIEWED, F.appraise_dossier, F.check_appraisal]
PATHS = {
    S.REGISTERED: [F.start, F.prepare_dossier],
    S.SUBMITTED: [F.start, F.prepare_dossier, F.review_dossier],
    S.SUPPLEMENT_REQUESTED: [*REVIEWED, F.supplement_dossier],
    S.FORWARDED: [*REVIEWED, F.appraise_dossier],
    S.PROPOSED: [*APPRAISED, F.await_decision],
    S.RECOGNISED: [*APPRAISED, F.await_decision, F.check_decision, F.recognised],
    S.NOT_RECOGNISED: [*APPRAISED, F.not_recognised],
    S.REFUSED: [*REVIEWED, F.refused],
}
REASONS = {S.NOT_RECOGNISED: "Chưa đạt tiêu chí 2.", S.REFUSED: "Hồ sơ không đúng đối tượng."}
GATEWAYS = ("SWITCH", "EXCLUSIVE_GATEWAY")  # viewflow never sets `started` on these
RES, AGENCY = UnitKind.RESIDENTIAL_AREA, UnitKind.AGENCY


def ms(seconds):
    return f"{seconds * 1000:8.1f} ms"


class World:
    """One two-level province, its communes, one officer per role and place."""

    def __init__(self):
        self.province = AreaFactory(province=True, name="Tỉnh Thử Tải")
        self.tag = f"B{self.province.pk}"  # keeps codes unique if the database is reused
        self.communes = AdministrativeArea.objects.bulk_create(
            AdministrativeArea(
                code=f"{self.tag}-X{i}",
                name=f"Xã {i}",
                level=level("commune"),
                parent=self.province,
            )
            for i in range(COMMUNES)
        )
        area_set_paths(self.communes)
        self.cycle = CycleFactory(year=2026, province=self.province)
        self.levels = {code: level(code) for code in ("commune", "province", "residential")}

        def user(role, i, area):  # password=None: unusable, no slow hashing
            name = f"{self.tag}-{role}-{i}"
            return UserFactory(username=name, role=role, password=None, jurisdiction=[area])

        self.heads = {c.pk: user(Role.UNIT_HEAD, c.pk, c) for c in self.communes}
        self.reviewers = {c.pk: user(Role.REVIEWING_POLICE, c.pk, c) for c in self.communes}
        self.appraiser = user(Role.APPRAISING_POLICE, 0, self.province)
        self.committee = user(Role.COMMITTEE_STAFF, 0, self.province)
        self.commune_committee = user(Role.COMMITTEE_STAFF, 1, self.communes[1])
        self.criteria = {
            kind: criteria_for(Dossier(cycle=self.cycle, unit=Unit(kind=kind)))
            for kind in (RES, AGENCY)
        }
        self.verdicts = {k: {c.pk: (True, "Đạt") for c in v} for k, v in self.criteria.items()}
        self.statuses = Counter()

    def owner(self, node, commune):
        return {
            F.prepare_dossier: self.heads[commune.pk],
            F.review_dossier: self.reviewers[commune.pk],
            F.appraise_dossier: self.appraiser,
        }.get(node)

    def grow(self, count):
        """Add `count` dossiers in bulk, each in the state the real flow leaves it."""
        first = sum(self.statuses.values())
        new = range(first, first + count)
        rng = random.Random(first)
        kinds = [AGENCY if n % 5 == 0 else RES for n in new]
        communes = [self.communes[n % COMMUNES] for n in new]
        statuses = rng.choices(list(MIX), weights=list(MIX.values()), k=count)
        # A residential area is both an administrative area and the unit recognised.
        areas = iter(
            area_set_paths(
                AdministrativeArea.objects.bulk_create(
                    AdministrativeArea(
                        code=f"{self.tag}-R{n}",
                        name=f"Khu dân cư {n}",
                        level=self.levels["residential"],
                        parent=commune,
                    )
                    for n, kind, commune in zip(new, kinds, communes)
                    if kind == RES
                )
            )
        )
        units = Unit.objects.bulk_create(
            Unit(
                kind=kind,
                name=f"{'Khu dân cư' if kind == RES else 'Cơ quan'} {n}",
                identifier=f"{self.tag}-U{n}",
                area=next(areas) if kind == RES else commune,
                managing_level=self.levels["commune" if kind == RES else "province"],
            )
            for n, kind, commune in zip(new, kinds, communes)
        )
        # `status` is protected against assignment, not against the constructor.
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                cycle=self.cycle,
                unit=unit,
                status=status,
                review_area=commune,
                appraise_area=self.province,
                decide_area=commune if unit.kind == RES else self.province,
                households_total=120 if unit.kind == RES else None,
                households_registered=120 if unit.kind == RES else None,
                registered_by=self.heads[commune.pk],
                last_reviewer=self.reviewers[commune.pk]
                if F.check_review in PATHS[status]
                else None,
                supplement_requests=int(status == S.SUPPLEMENT_REQUESTED),
                result_reason=REASONS.get(status, ""),
            )
            for unit, status, commune in zip(units, statuses, communes)
        )
        now = timezone.now()
        ended = [isinstance(PATHS[s][-1], End) for s in statuses]
        processes = RecognitionProcess.objects.bulk_create(
            RecognitionProcess(
                flow_class=F,
                status=PROCESS.DONE if done else PROCESS.NEW,
                finished=now if done else None,
                artifact_content_type=ContentType.objects.get_for_model(Dossier),
                artifact_object_id=d.pk,
            )
            for d, done in zip(dossiers, ended)
        )
        Dossier.objects.filter(cycle=self.cycle, process=None).update(
            process=Subquery(
                RecognitionProcess.objects.filter(
                    artifact_content_type=ContentType.objects.get_for_model(Dossier),
                    artifact_object_id=OuterRef("pk"),
                ).values("pk")[:1]
            )
        )
        tasks, links = [], []
        for process, status, commune, done in zip(processes, statuses, communes, ended):
            path, previous = PATHS[status], None
            for node in path:
                is_open = node is path[-1] and not done
                task = Task(
                    process=process,
                    flow_task=node,
                    flow_task_type=node.task_type,  # Task.save() would fill it
                    token=Token("start"),
                    status=STATUS.NEW if is_open else STATUS.DONE,
                    owner=None if is_open else self.owner(node, commune),
                    started=None if is_open or node.task_type in GATEWAYS else now,
                    finished=None if is_open else now,
                )
                tasks.append(task)
                if previous:
                    links.append((task, previous))
                previous = task
        Task.objects.bulk_create(tasks, batch_size=5000)
        Task.previous.through.objects.bulk_create(
            (Task.previous.through(from_task_id=t.pk, to_task_id=p.pk) for t, p in links),
            batch_size=5000,
        )
        # Submitted versions are frozen; a supplement request left a draft copy (v2).
        versions, answered = [], []
        for d, status, commune in zip(dossiers, statuses, communes):
            frozen = status != S.REGISTERED
            head = self.heads[commune.pk] if frozen else None
            versions.append(
                DossierVersion(
                    dossier=d, number=1, submitted_at=now if frozen else None, submitted_by=head
                )
            )
            answered.append(frozen)
            if status == S.SUPPLEMENT_REQUESTED:
                versions.append(DossierVersion(dossier=d, number=2))
                answered.append(True)
        DossierVersion.objects.bulk_create(versions, batch_size=5000)
        # The self-assessment rows dossier_register creates, answered once submitted;
        # a supplement copies them into the new draft.
        Assessment.objects.bulk_create(
            (
                Assessment(
                    version=v,
                    criterion=c,
                    met=True if ok else None,
                    explanation="Đạt" if ok else "",
                )
                for v, ok in zip(versions, answered)
                for c in self.criteria[v.dossier.unit.kind]
                if c.kind != CriterionKind.DISQUALIFIER
            ),
            batch_size=5000,
        )
        self.statuses.update(statuses)
        stored = dict(
            Dossier.objects.filter(cycle=self.cycle).values_list("status").annotate(Count("pk"))
        )
        assert stored == dict(self.statuses), f"bulk status mismatch: {stored}"
        return len(tasks)


def open_nodes(dossier):
    return {
        t.flow_task.name
        for t in Task.objects.filter(
            process_id=dossier.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]
        )
    }


def check_consistency(w):
    """Drive bulk-made dossiers through the real services: every step must succeed."""
    commune = w.communes[1]
    reviewer = w.reviewers[commune.pk]

    def pick(status, n):
        found = Dossier.objects.filter(
            cycle=w.cycle, status=status, review_area=commune, unit__kind=RES
        )
        return list(found.select_related("unit", "cycle").order_by("pk")[:n])

    routed = pick(S.SUBMITTED, 1)[0]
    route = cycle_route_for(cycle=w.cycle, unit=routed.unit)
    assert (route.review_area, route.appraise_area, route.decide_area) == (
        routed.review_area,
        routed.appraise_area,
        routed.decide_area,
    ), "bulk routing differs from cycle_route_for"
    to_supplement, to_refuse = pick(S.SUBMITTED, 2)
    supplemented = dossier_review(
        acting_user=reviewer,
        dossier=to_supplement,
        outcome="supplement",
        comment="Bổ sung biên bản họp.",
    )
    refused = dossier_review(
        acting_user=reviewer, dossier=to_refuse, outcome="refuse", comment="Không đúng đối tượng."
    )
    forwarded = pick(S.FORWARDED, 3)
    returned = dossier_appraise(
        acting_user=w.appraiser, dossier=forwarded.pop(), outcome="return", comment="Xét duyệt lại."
    )
    assert open_nodes(returned) == {"review_dossier"}  # assigned back to the last reviewer
    forwarded.append(
        dossier_review(
            acting_user=reviewer, dossier=returned, outcome="forward", verdicts=w.verdicts[RES]
        )
    )
    proposed = [
        dossier_appraise(
            acting_user=w.appraiser, dossier=d, outcome="propose", verdicts=w.verdicts[RES]
        )
        for d in forwarded
    ] + pick(S.PROPOSED, 2)
    decide(w.commune_committee, commune, proposed)
    assert supplemented.versions.get(number=2).assessments.exists(), "supplement draft is empty"
    for dossier, status, nodes in [
        (supplemented, S.SUPPLEMENT_REQUESTED, {"supplement_dossier"}),
        (refused, S.REFUSED, set()),
    ] + [(d, S.RECOGNISED, set()) for d in proposed]:
        dossier.refresh_from_db(fields=["status"])
        assert (dossier.status, open_nodes(dossier)) == (status, nodes), f"dossier {dossier.pk}"
    print(
        f"consistency: {len(proposed) + 2} bulk-made dossiers driven through review, appraisal and decision: OK"
    )


def decide(user, issuer, dossiers):
    return decision_issue(
        acting_user=user,
        issuer=issuer,
        results=[(d, True, "") for d in dossiers],
        issued_on=datetime.date(2026, 12, 10),
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2026",
    )


def measure(read, runs=RUNS):
    """(queries, median seconds) of one read; the first run also warms caches."""
    with CaptureQueriesContext(connection) as captured:
        read()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        timings.append(time.perf_counter() - started)
    return len(captured), statistics.median(timings)


def page_urls():
    """The inbox and dossier-list pages, when the views define them."""
    try:
        return {"page inbox": reverse("inbox"), "page dossier-list": reverse("dossier-list")}
    except NoReverseMatch:
        return {}


def measure_reads(w, size):
    officers = {
        "reviewing officer": w.reviewers[w.communes[0].pk],
        "provincial officer": w.appraiser,
    }
    results = {}
    for who, user in officers.items():
        reads = {
            "inbox_tasks": lambda user=user: list(inbox_tasks(user)),
            "visible_to[:50]": lambda user=user: list(
                Dossier.objects.visible_to(user).select_related("unit", "cycle")[:50]
            ),
        }
        client = Client(HTTP_HOST="localhost")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for name, url in page_urls().items():

            def get(url=url):
                assert client.get(url).status_code == 200, url

            reads[name] = get
        inbox_size = len(inbox_tasks(user))
        for name, read in reads.items():
            queries, seconds = measure(read)
            results[who, name] = queries
            print(
                f"  {size:>6,} dossiers  {who:18} ({inbox_size:>5,} open tasks)  {name:17} {queries:>3} queries {ms(seconds)}"
            )
    return results


def review_throughput(w):
    submitted = list(
        Dossier.objects.filter(cycle=w.cycle, status=S.SUBMITTED)
        .select_related("unit", "cycle")
        .order_by("pk")[: 2 * REVIEW_STEPS]
    )
    assert len(submitted) == 2 * REVIEW_STEPS, "not enough submitted dossiers"
    figures = {}
    sampled = []
    started = time.perf_counter()
    for i, d in enumerate(submitted[:REVIEW_STEPS]):

        def step(d=d):
            dossier_review(
                acting_user=w.reviewers[d.review_area_id],
                dossier=d,
                outcome="forward",
                verdicts=w.verdicts[d.unit.kind],
            )

        if i % 50 == 0:  # sample: capturing costs a little time
            with CaptureQueriesContext(connection) as captured:
                step()
            sampled.append(len(captured))
        else:
            step()
    figures["service"] = (time.perf_counter() - started, sampled)

    # Baseline: viewflow alone completes the same task (no dossier, audit or permission).
    def bare(d):
        with F.lock(d.process_id):
            task = Task.objects.select_related("process").get(
                process_id=d.process_id, flow_task=F.review_dossier, status=STATUS.NEW
            )
            activation = task.flow_task.activation_class(task)
            activation.assign(w.reviewers[d.review_area_id])
            activation.start(None)
            activation.execute()

    sampled = []
    started = time.perf_counter()
    for i, d in enumerate(submitted[REVIEW_STEPS:]):
        if i % 50 == 0:
            with CaptureQueriesContext(connection) as captured:
                bare(d)
            sampled.append(len(captured))
        else:
            bare(d)
    figures["bare viewflow"] = (time.perf_counter() - started, sampled)
    lines = []
    for name, (seconds, sampled) in figures.items():
        lines.append(
            f"review {name:13} {REVIEW_STEPS:,} steps in {seconds:6.2f} s = {REVIEW_STEPS / seconds:6.1f} steps/s, "
            f"{statistics.median(sampled):.0f} queries/step (median of {len(sampled)}, max {max(sampled)})"
        )
        print(lines[-1])
    return lines


class QueryCounter:
    """Counts every query; the debug log behind CaptureQueriesContext keeps only 9,000."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def decision_for_many(w):
    proposed = list(
        Dossier.objects.filter(cycle=w.cycle, status=S.PROPOSED, decide_area=w.province)
        .select_related("unit")
        .order_by("pk")[:DECISION_SIZE]
    )
    assert len(proposed) == DECISION_SIZE, "not enough proposed agencies"
    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        decision = decide(w.committee, w.province, proposed)
    seconds = time.perf_counter() - started
    recognised = Dossier.objects.filter(
        pk__in=[d.pk for d in proposed], status=S.RECOGNISED
    ).count()
    assert recognised == DECISION_SIZE, f"only {recognised} recognised"
    verdict = "OK" if seconds < 10 else "QUÁ CHẬM"
    line = (
        f"decision {decision.reference}: {DECISION_SIZE} dossiers in {seconds:5.2f} s (target < 10 s) {verdict}, "
        f"{counter.count:,} queries ({counter.count / DECISION_SIZE:.1f}/dossier)"
    )
    print(line)
    return line


def main():
    overall = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Dossier.objects.exists():
        print("note: the database already holds dossiers; this run adds its own province")
    world = World()
    reads, tasks = {}, 0
    for size in SIZES:
        started = time.perf_counter()
        tasks += world.grow(size - sum(world.statuses.values()))
        mix = ", ".join(f"{s} {n:,}" for s, n in world.statuses.items())
        print(
            f"data: 1 province, {COMMUNES} communes, {size:,} dossiers ({mix}), {tasks:,} tasks, built in {time.perf_counter() - started:5.1f} s"
        )
        reads[size] = measure_reads(world, size)
    same = reads[SIZES[0]] == reads[SIZES[-1]]
    print(
        f"read query counts at {SIZES[0]:,} and {SIZES[-1]:,} dossiers: {'EQUAL' if same else 'DIFFERENT'}"
    )
    check_consistency(world)
    review_lines = review_throughput(world)
    decision_line = decision_for_many(world)
    print("\n==== summary ====")
    print(
        f"data        {SIZES[-1]:,} dossiers in {COMMUNES} communes of one province, {tasks:,} tasks"
    )
    for line in review_lines:
        print(line)
    print(
        f"reads       query counts {'equal' if same else 'NOT equal'} at {SIZES[0]:,} and {SIZES[-1]:,} dossiers: "
        + ", ".join(f"{who} {name} {q}" for (who, name), q in reads[SIZES[-1]].items())
    )
    print(decision_line)
    print(f"total       {time.perf_counter() - overall:5.1f} s on {connection.vendor}")
    if not same:
        sys.exit("read query counts grow with the data")


if __name__ == "__main__":
    main()
