"""The migration to the verbatim criteria (version 2) on a database holding old answers:
dossiers already assessed keep version 1 and every answer; the others, in open cycles,
move to version 2."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dossiers.models import Dossier
from dossiers.reference.seed import seed_base

FIRST = ("dossiers", "0013_criteria_versions_and_computed_figures")


def state_before_first():
    executor = MigrationExecutor(connection)
    node = executor.loader.graph.node_map[FIRST]
    (parent,) = [p.key for p in node.parents if p.key[0] == "dossiers"]
    return parent


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_assessed_dossiers_keep_version_1_and_the_others_move_to_version_2():
    before = state_before_first()
    apps = migrate([before])
    seed_base(apps)  # an earlier transactional test may have emptied the tables
    get = apps.get_model
    levels = {lv.code: lv for lv in get("dossiers", "AreaLevel").objects.all()}
    Area = get("dossiers", "AdministrativeArea")

    def area(name, level, parent=None):
        a = Area.objects.create(code=name, name=name, level=levels[level], parent=parent)
        a.path = f"{parent.path if parent else '/'}{a.pk}/"
        a.save(update_fields=["path"])
        return a

    province = area("Tỉnh", "province")
    commune = area("Phường", "commune", province)
    regulation = get("dossiers", "Regulation").objects.get(code="124/2021/TT-BCA")
    Cycle = get("dossiers", "RecognitionCycle")
    open_cycle = Cycle.objects.create(
        year=2026, province=province, regulation=regulation, name="Đợt 2026"
    )
    closed_cycle = Cycle.objects.create(
        year=2025, province=province, regulation=regulation, name="Đợt 2025", is_open=False
    )
    user = get("accounts", "User").objects.create(username="truongkhupho", role="unit_head")
    v1 = get("dossiers", "CriteriaSet").objects.get(unit_kind="residential_area", version=1)
    v1_ticked = list(v1.criteria.exclude(kind="disqualifier"))

    def dossier(cycle, name, answers):
        unit = get("dossiers", "Unit").objects.create(
            kind="residential_area",
            name=name,
            identifier=name,
            area=area(name, "residential", commune),
            managing_level=levels["commune"],
        )
        d = get("dossiers", "Dossier").objects.create(
            cycle=cycle, unit=unit, review_area=commune, decide_area=commune, registered_by=user
        )
        version = get("dossiers", "DossierVersion").objects.create(dossier=d, number=1)
        for criterion in v1_ticked:
            met, explanation = answers.get(criterion.number, (None, ""))
            get("dossiers", "Assessment").objects.create(
                version=version, criterion=criterion, met=met, explanation=explanation
            )
        return d.pk

    answered = dossier(open_cycle, "Khu phố 1", {1: (True, "Đã có nghị quyết."), 4: (False, "")})
    explained = dossier(open_cycle, "Khu phố 2", {2: (None, "Đang hoàn thiện.")})
    blank = dossier(open_cycle, "Khu phố 3", {})
    blank_closed = dossier(closed_cycle, "Khu phố 4", {})

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def answers(pk):
        rows = Dossier.objects.get(pk=pk).versions.get().assessments.order_by("criterion__position")
        return [(a.criterion_id, a.met, a.explanation) for a in rows]

    expected = [(c.pk, None, "") for c in v1_ticked]
    kept = Dossier.objects.get(pk=answered)
    assert kept.criteria_set.version == 1
    assert answers(answered) == [
        (pk, *{1: (True, "Đã có nghị quyết."), 4: (False, "")}.get(n, (None, "")))
        for pk, n in ((c.pk, c.number) for c in v1_ticked)
    ]
    assert Dossier.objects.get(pk=explained).criteria_set.version == 1
    assert "Đang hoàn thiện." in [e for _, _, e in answers(explained)]
    assert Dossier.objects.get(pk=blank_closed).criteria_set.version == 1
    assert answers(blank_closed) == expected

    moved = Dossier.objects.get(pk=blank)
    assert moved.criteria_set.version == 2
    labels = [
        a.criterion.label for a in moved.versions.get().assessments.order_by("criterion__position")
    ]
    assert labels == ["1", "2", "4.a", "4.b", "4.c", "4.d", "5"]
    assert moved.versions.get().assessments.filter(criterion__criteria_set__version=1).count() == 0
