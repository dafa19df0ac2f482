"""Scoped reads of the province's view: the cycles, communes and units a user may
count, and the reports they issued or received. All through dossiers.jurisdiction."""

from django.db.models import Q

from dossiers.jurisdiction import areas_in_jurisdiction, granted_areas, units_in_jurisdiction
from dossiers.models import AdministrativeArea, AreaLevel, RecognitionCycle

from .models import Report, ReportStatus


def cycles_for(user):
    """The cycles of the provinces the user works in or under (two small queries)."""
    cycles = RecognitionCycle.objects.select_related("province").order_by("-year", "province")
    if user.sees_everything:
        return cycles
    ancestors = set()
    for area in granted_areas(user).only("path"):
        ancestors.update(area.ancestor_ids)
    return cycles.filter(province_id__in=ancestors)


def communes_for(user, cycle):
    """The communes of the cycle's province inside the user's jurisdiction."""
    return (
        areas_in_jurisdiction(user)
        .filter(level__code=AreaLevel.COMMUNE, path__startswith=cycle.province.path)
        .order_by("name")
    )


def units_for(user, cycle, *, kind: str = "", area: AdministrativeArea | None = None):
    """The units the user may count in `cycle`: in their jurisdiction, under the cycle's
    province, narrowed to a kind and an area."""
    units = units_in_jurisdiction(user).filter(area__path__startswith=cycle.province.path)
    if kind:
        units = units.filter(kind=kind)
    if area is not None:
        units = units.filter(area__path__startswith=area.path)
    return units


def reports_for(user):
    """Reports the user's own offices (the areas granted to them) issued, drafts included,
    or received: sent to them by the level below. A draft stays with its office."""
    reports = Report.objects.select_related("issuer", "recipient", "cycle")
    if user.sees_everything:
        return reports
    offices = granted_areas(user).values("pk")
    return reports.filter(
        Q(issuer__in=offices) | Q(recipient__in=offices, status=ReportStatus.SENT)
    )
