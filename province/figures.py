"""The figures of the movement over a set of units in one cycle (issue #11): eligible,
registered, submitted, in review, recognised, not recognised — per kind of unit and per
commune, against the province's targets, with Circular 124 Art. 5 cl. 4 (the commune's
"100 % … đăng ký, trong đó có từ 70 % trở lên được công nhận") per commune.

Two grouped SQL queries whatever the number of units (one over the units, one over their
dossiers), plus the cycle's targets and the communes' names: the rows grouped are at most
communes × kinds × statuses. A report "as of" a past day reads each dossier's status from
its audit trail (`DossierTransition`) at that day."""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When

from dossiers.filters import ELIGIBLE
from dossiers.models import (
    AdministrativeArea,
    AreaLevel,
    Dossier,
    DossierStatus,
    DossierTransition,
    UnitKind,
)
from workflows.recognition.computed import (
    COMMUNE_RECOGNISED_SHARE,
    COMMUNE_REGISTERED_SHARE,
    COUNTED_KINDS,
    reaches,
)
from workflows.recognition.filters import STATUS_GROUPS

from .models import Target

S = DossierStatus
COLUMNS = [("eligible", "Thuộc diện xét")] + [(k, label) for k, (label, _) in STATUS_GROUPS.items()]


def eligible_units(units):
    """The units the movement counts (`dossiers.filters.ELIGIBLE`: active, and not those
    Circular 124 Art. 1 cl. 2 b leaves out)."""
    return units.filter(ELIGIBLE)


def commune_of(prefix: str = ""):
    """The commune a unit lies in, in SQL: its area when that is a commune, else the area's
    parent when that is one (a residential area, or an organisation's seat in one)."""
    return Case(
        When(**{f"{prefix}area__level__code": AreaLevel.COMMUNE}, then=F(f"{prefix}area_id")),
        When(
            **{f"{prefix}area__parent__level__code": AreaLevel.COMMUNE},
            then=F(f"{prefix}area__parent_id"),
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def in_commune_rule(prefix: str = "") -> Q:
    """Circular 124, Art. 5 cl. 4: the units "thuộc thẩm quyền hoặc được ủy quyền quản lý"
    of the commune they lie in — its residential areas, the organisations the commune
    manages, and those a higher committee delegated to it (Art. 10 cl. 5: one level down,
    on its territory, so the commune the unit lies in). The per-dossier check with merges
    is `workflows.recognition.computed.commune_population`."""
    return Q(**{f"{prefix}kind__in": COUNTED_KINDS}) & (
        Q(**{f"{prefix}kind": UnitKind.RESIDENTIAL_AREA})
        | Q(**{f"{prefix}managing_level__code": AreaLevel.COMMUNE})
        | Q(**{f"{prefix}delegated_to__isnull": False})
    )


@dataclass
class Row:
    """One line of figures (a kind of unit, a commune, or the total)."""

    key: object
    label: str
    eligible: int = 0
    registered: int = 0
    submitted: int = 0
    in_review: int = 0
    recognised: int = 0
    not_recognised: int = 0
    target_registered: int | None = None
    target_recognised: int | None = None
    # Art. 5 cl. 4, over the commune's own population (commune rows only).
    rule_total: int = 0
    rule_registered: int = 0
    rule_recognised: int = 0

    def share(self, part: int) -> float | None:
        return round(100.0 * part / self.eligible, 1) if self.eligible else None

    @property
    def registered_share(self):
        return self.share(self.registered)

    @property
    def recognised_share(self):
        return self.share(self.recognised)

    @property
    def meets_registered_target(self) -> bool | None:
        if self.target_registered is None or not self.eligible:
            return None
        return reaches(self.registered, self.eligible, self.target_registered)

    @property
    def meets_recognised_target(self) -> bool | None:
        if self.target_recognised is None or not self.eligible:
            return None
        return reaches(self.recognised, self.eligible, self.target_recognised)

    @property
    def commune_rule_met(self) -> bool:
        """Circular 124, Art. 5 cl. 4 (thresholds from workflows.recognition.computed)."""
        return reaches(self.rule_registered, self.rule_total, COMMUNE_REGISTERED_SHARE) and (
            reaches(self.rule_recognised, self.rule_total, COMMUNE_RECOGNISED_SHARE)
        )

    def add(self, column: str, n: int):
        setattr(self, column, getattr(self, column) + n)


@dataclass
class Figures:
    cycle: object
    kinds: list[Row]
    communes: list[Row]
    total: Row
    as_of: datetime.datetime | None = None
    targets: dict = field(default_factory=dict)


def status_as_of(as_of: datetime.datetime):
    """A dossier's status at `as_of`: the target of its last transition by then."""
    return Subquery(
        DossierTransition.objects.filter(dossier_id=OuterRef("pk"), at__lte=as_of)
        .order_by("-at", "-pk")
        .values("target")[:1]
    )


def no_jit():
    """PostgreSQL JIT-compiles a query whose estimated cost is high — here the jurisdiction's
    OR-ed subplans over every unit: measured at 100,000 units, 2.5 s of compiling for 0.3 s
    of work. Off for the rest of the transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def movement_figures(units, cycle, *, as_of: datetime.datetime | None = None) -> Figures:
    """The figures of `units` (a scoped queryset: the user's jurisdiction, an issuer's
    area) in `cycle`; with `as_of`, as they stood then (for a report of a past period)."""
    units = eligible_units(units)
    unit_rows = (
        units.annotate(
            commune=commune_of(), in_rule=Case(When(in_commune_rule(), then=True), default=False)
        )
        .values("commune", "kind", "in_rule")
        .annotate(n=Count("pk"))
        .order_by()
    )
    dossiers = Dossier.objects.filter(cycle=cycle, unit__in=units.values("pk"))
    if as_of is not None:
        dossiers = dossiers.filter(registered_at__lte=as_of).annotate(now=status_as_of(as_of))
    else:
        dossiers = dossiers.annotate(now=F("status"))
    dossier_rows = (
        dossiers.annotate(
            commune=commune_of("unit__"),
            kind=F("unit__kind"),
            in_rule=Case(When(in_commune_rule("unit__"), then=True), default=False),
        )
        .values("commune", "kind", "in_rule", "now")
        .annotate(n=Count("pk"))
        .order_by()
    )
    with transaction.atomic():
        no_jit()
        unit_rows, dossier_rows = list(unit_rows), list(dossier_rows)
    targets = {t.unit_kind: t for t in Target.objects.filter(cycle=cycle)}
    kinds = {
        kind: Row(
            key=kind,
            label=label,
            target_registered=getattr(targets.get(kind), "registered_share", None),
            target_recognised=getattr(targets.get(kind), "recognised_share", None),
        )
        for kind, label in UnitKind.choices
    }
    communes: dict[object, Row] = {}
    total = Row(key=None, label="Tổng cộng")

    def rows_for(commune, kind):
        if commune not in communes:
            communes[commune] = Row(key=commune, label="")
        return (kinds[kind], communes[commune], total)

    for r in unit_rows:
        for row in rows_for(r["commune"], r["kind"]):
            row.add("eligible", r["n"])
        if r["in_rule"]:
            communes[r["commune"]].add("rule_total", r["n"])
    for r in dossier_rows:
        status = r["now"] or S.REGISTERED
        columns = [c for c, (_, statuses) in STATUS_GROUPS.items() if status in statuses]
        for row in rows_for(r["commune"], r["kind"]):
            for column in columns:
                row.add(column, r["n"])
        if r["in_rule"]:
            communes[r["commune"]].add("rule_registered", r["n"])
            if status == S.RECOGNISED:
                communes[r["commune"]].add("rule_recognised", r["n"])
    names = dict(
        AdministrativeArea.objects.filter(pk__in=[k for k in communes if k]).values_list(
            "pk", "name"
        )
    )
    for key, row in communes.items():
        row.label = names.get(key, "Trực thuộc tỉnh (không thuộc xã, phường)")
    total.target_registered = _overall_target(targets, "registered_share", kinds)
    total.target_recognised = _overall_target(targets, "recognised_share", kinds)
    return Figures(
        cycle=cycle,
        kinds=[row for row in kinds.values() if row.eligible or row.registered],
        communes=sorted(communes.values(), key=lambda row: (row.key is None, row.label)),
        total=total,
        as_of=as_of,
        targets=targets,
    )


def _overall_target(targets, attribute, kinds) -> int | None:
    """The total's target: the same share for every kind that has units, else none."""
    shares = {getattr(targets.get(k), attribute, None) for k, row in kinds.items() if row.eligible}
    return shares.pop() if len(shares) == 1 else None
