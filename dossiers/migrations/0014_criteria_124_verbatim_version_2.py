"""The verbatim Circular 124 criteria as version 2 of each set, and which dossiers move.

A dossier already assessed — an answer given (met or an explanation), an event declared, a
document attached to a criterion, a version submitted, or a police verdict — keeps the set
its answers were given on (version 1) and loses nothing. A dossier not yet assessed, in an
open cycle, moves to version 2: its empty self-assessment rows are replaced by rows of the
new set. Every dossier records its set in `Dossier.criteria_set`."""

from django.db import migrations
from django.db.models import Q

from dossiers.reference.seed import TT124_CODE, seed_criteria_v2

JUDGED_KINDS = ("requirement", "computed", "threshold")  # what the unit ticks


def assessed_dossier_ids(apps) -> set[int]:
    Assessment = apps.get_model("dossiers", "Assessment")
    DossierVersion = apps.get_model("dossiers", "DossierVersion")
    DisqualifyingEvent = apps.get_model("dossiers", "DisqualifyingEvent")
    Document = apps.get_model("dossiers", "Document")
    CriterionVerdict = apps.get_model("dossiers", "CriterionVerdict")
    ids = set(
        Assessment.objects.filter(Q(met__isnull=False) | ~Q(explanation="")).values_list(
            "version__dossier_id", flat=True
        )
    )
    ids |= set(
        DossierVersion.objects.filter(submitted_at__isnull=False).values_list(
            "dossier_id", flat=True
        )
    )
    ids |= set(DisqualifyingEvent.objects.values_list("version__dossier_id", flat=True))
    ids |= set(
        Document.objects.filter(criterion__isnull=False).values_list(
            "version__dossier_id", flat=True
        )
    )
    ids |= set(CriterionVerdict.objects.values_list("review__dossier_id", flat=True))
    return ids


def replace_assessments(apps, dossier, criteria_set):
    """Empty self-assessment rows of the new set on every version of `dossier`."""
    Assessment = apps.get_model("dossiers", "Assessment")
    versions = list(dossier.versions.all())
    Assessment.objects.filter(version_id__in=[v.pk for v in versions]).delete()
    criteria = list(
        criteria_set.criteria.filter(province__isnull=True, kind__in=JUDGED_KINDS).order_by(
            "position"
        )
    )
    Assessment.objects.bulk_create(
        Assessment(version=version, criterion=criterion)
        for version in versions
        for criterion in criteria
    )


def forwards(apps, schema_editor):
    CriteriaSet = apps.get_model("dossiers", "CriteriaSet")
    Dossier = apps.get_model("dossiers", "Dossier")
    Assessment = apps.get_model("dossiers", "Assessment")

    new_sets = seed_criteria_v2(apps)
    answered_on = dict(
        Assessment.objects.values_list("version__dossier_id", "criterion__criteria_set_id")
    )
    assessed = assessed_dossier_ids(apps)
    new_ids = {s.pk for s in new_sets.values()}
    for dossier in Dossier.objects.select_related("cycle", "unit", "cycle__regulation"):
        new_set = new_sets.get(dossier.unit.kind)
        if (
            dossier.pk not in assessed
            and dossier.cycle.is_open
            and dossier.cycle.regulation.code == TT124_CODE
            and new_set is not None
        ):
            replace_assessments(apps, dossier, new_set)
            dossier.criteria_set = new_set
        else:
            old_set = answered_on.get(dossier.pk)
            if old_set is None:
                latest = (
                    CriteriaSet.objects.filter(
                        regulation_id=dossier.cycle.regulation_id, unit_kind=dossier.unit.kind
                    )
                    .exclude(pk__in=new_ids)
                    .order_by("-version")
                    .first()
                )
                old_set = latest.pk if latest else None
            dossier.criteria_set_id = old_set
        dossier.save(update_fields=["criteria_set"])


def backwards(apps, schema_editor):
    """Only while nobody answered on version 2: dossiers go back to version 1 and the
    version 2 rows are removed."""
    CriteriaSet = apps.get_model("dossiers", "CriteriaSet")
    Criterion = apps.get_model("dossiers", "Criterion")
    Dossier = apps.get_model("dossiers", "Dossier")

    new_ids = list(
        CriteriaSet.objects.filter(regulation__code=TT124_CODE, version=2).values_list(
            "pk", flat=True
        )
    )
    assessed = assessed_dossier_ids(apps)
    for dossier in Dossier.objects.filter(criteria_set_id__in=new_ids).select_related("unit"):
        if dossier.pk in assessed:
            raise RuntimeError(
                f"Hồ sơ {dossier.pk} đã được đánh giá theo bộ tiêu chí phiên bản 2: không thể "
                "quay lại phiên bản 1."
            )
        old = CriteriaSet.objects.get(
            regulation__code=TT124_CODE, unit_kind=dossier.unit.kind, version=1
        )
        replace_assessments(apps, dossier, old)
    Dossier.objects.update(criteria_set=None)
    Criterion.objects.filter(criteria_set_id__in=new_ids, refers_to__isnull=False).delete()
    Criterion.objects.filter(criteria_set_id__in=new_ids).delete()
    # Not .delete(): the collector trips over the reverse state's model classes.
    CriteriaSet.objects.filter(pk__in=new_ids)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0013_criteria_versions_and_computed_figures")]

    operations = [migrations.RunPython(forwards, backwards)]
