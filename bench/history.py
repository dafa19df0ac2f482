"""What the database history triggers (issue #12, django-pghistory) cost the review step:
the same review step through the service, in alternating blocks with the triggers enabled
and disabled, in one run on one database. Alternating cancels the drift of a busy host
(other processes, caches warming) that separate before/after runs cannot.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench_history
     .venv/bin/python bench/history.py)
Prints per state: statements per step (every step captured) and the median step time;
the triggers add no statements (they run inside the UPDATE/INSERT the step already makes).
"""

# ruff: noqa: E402  (Django is set up before the project's modules are imported)
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("BENCH_QUICK", "1")  # the world builder's small sizes


import pgtrigger
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from recognition import World

from dossiers.models import Dossier
from dossiers.models import DossierStatus as S
from workflows.recognition.services import dossier_review

SIZE, BLOCK, BLOCKS = 2_000, 20, 10  # 200 steps with the triggers, 200 without


def review(world, dossier):
    verdicts = world.verdicts[dossier.unit.kind]
    reviewer = world.reviewers[dossier.review_area_id]
    dossier_review(acting_user=reviewer, dossier=dossier, outcome="forward", verdicts=verdicts)


def run_block(world, dossiers):
    times, statements = [], []
    for dossier in dossiers:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            review(world, dossier)
            times.append(time.perf_counter() - started)
        statements.append(len(captured))
    return times, statements


@override_settings(DEBUG=False)
def main():
    warnings.filterwarnings("ignore", "Limit for query logging exceeded")
    call_command("migrate", verbosity=0)
    world = World()
    world.grow(SIZE)
    submitted = list(
        Dossier.objects.filter(cycle=world.cycle, status=S.SUBMITTED)
        .select_related("unit", "cycle")
        .order_by("pk")[: 2 * BLOCK * BLOCKS]
    )
    assert len(submitted) == 2 * BLOCK * BLOCKS, "not enough submitted dossiers"
    results = {"on": ([], []), "off": ([], [])}
    for b in range(2 * BLOCKS):
        state = "on" if b % 2 == 0 else "off"
        (pgtrigger.enable if state == "on" else pgtrigger.disable)()
        times, statements = run_block(world, submitted[b * BLOCK : (b + 1) * BLOCK])
        results[state][0].extend(times)
        results[state][1].extend(statements)
    pgtrigger.enable()
    print(f"data: {SIZE:,} dossiers; {BLOCKS} alternating blocks of {BLOCK} steps per state")
    medians = {}
    for state, (times, statements) in results.items():
        medians[state] = statistics.median(times)
        print(
            f"review step, history triggers {state:3}: {statistics.median(statements):.0f} "
            f"statements/step (max {max(statements)}), median {medians[state] * 1000:.1f} ms, "
            f"{len(times) / sum(times):.1f} steps/s"
        )
    print(f"history triggers cost: {medians['on'] / medians['off']:.2f}× the median step time")


if __name__ == "__main__":
    main()
