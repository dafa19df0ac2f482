"""Figures computed, not ticked (Circular 124/2021/TT-BCA; DOMAIN.md §1 "Criteria": where
the system holds the figures, the criterion is computed).

A `computed` criterion is met only when its figures are. A tick — the unit's self-assessment
or a police verdict — judges the rest of the criterion (a Party resolution, nobody
disciplined …) and can make it not met, never met when the figures fail. Everything is
recomputed on every read, so it is never stale. The thresholds live here and nowhere else.
"""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import Q

from dossiers.models import (
    AdministrativeArea,
    ComputedRule,
    CriterionKind,
    CycleRoute,
    Dossier,
    DossierStatus,
    DossierVersion,
    Unit,
    UnitKind,
)
from dossiers.services import DomainError, area_as_of

from ..compiled import Compiled
from .criteria import criteria_for

HOUSEHOLDS_SHARE = 100  # Art. 4 cl. 1: "100% hộ gia đình … đăng ký tham gia"
COMMUNE_REGISTERED_SHARE = 100  # Art. 5 cl. 4: "100% … đăng ký"
COMMUNE_RECOGNISED_SHARE = 70  # Art. 5 cl. 4: "từ 70% trở lên được công nhận"
SUB_UNITS_RATED_SHARE = 70  # Art. 6 cl. 5, Art. 7 cl. 6: "70% trở lên số đầu mối trực thuộc"
MAX_SUB_UNITS = 10_000  # a sanity bound on what a unit may enter


@dataclass(frozen=True)
class Computed:
    """The verdict of the figures on one criterion, and the figures, in Vietnamese."""

    met: bool
    figures: str
    article: str = ""


def percent(part: int, whole: int) -> str:
    """ "66,7 %" (Vietnamese decimal comma; "100 %", not "100,0 %")."""
    if not whole:
        return "—"
    value = f"{100 * part / whole:.1f}".replace(".", ",").removesuffix(",0")
    return f"{value} %"


def reaches(part: int, whole: int, share: int) -> bool:
    """`part` is at least `share` per cent of `whole` (exact integer arithmetic)."""
    return whole > 0 and part * 100 >= share * whole


# --- Art. 4 cl. 1: households --------------------------------------------------------


def households(dossier, version) -> tuple[bool, str]:
    """Circular 124, Art. 4 cl. 1: "100% hộ gia đình đang cư trú trên địa bàn đăng ký tham
    gia xây dựng khu dân cư “An toàn về an ninh, trật tự”", from the figures entered at
    registration (`Dossier.households_total`, `households_registered`)."""
    total, registered = dossier.households_total, dossier.households_registered
    if total is None or registered is None:
        return False, "Chưa có số liệu số hộ gia đình đăng ký."
    met = reaches(registered, total, HOUSEHOLDS_SHARE)
    return met, (
        f"{registered}/{total} hộ ({percent(registered, total)}) đăng ký tham gia, "
        f"yêu cầu {HOUSEHOLDS_SHARE} %."
    )


# --- Art. 6 cl. 5, Art. 7 cl. 6: sub-units -------------------------------------------


def sub_units(dossier, version) -> tuple[bool, str]:
    """Circular 124, Art. 6 cl. 5 (agencies, enterprises) and Art. 7 cl. 6 (schools): "70%
    trở lên số đầu mối trực thuộc … đạt danh hiệu “Tập thể lao động tiên tiến” hoặc được
    đánh giá “Hoàn thành tốt nhiệm vụ” trở lên", from the counts the unit reports on its
    self-assessment (`DossierVersion.sub_units_*`). A unit with no sub-unit to rate has
    nothing to reach ("đối với những nơi đủ điều kiện bình xét danh hiệu thi đua")."""
    total = version.sub_units_total if version else None
    rated = version.sub_units_rated if version else None
    if total is None or rated is None:
        return False, "Đơn vị chưa nhập số đầu mối trực thuộc và số đầu mối đạt danh hiệu."
    if total == 0:
        return True, "Không có đầu mối trực thuộc để bình xét: không áp dụng tỷ lệ."
    met = reaches(rated, total, SUB_UNITS_RATED_SHARE)
    return met, (
        f"{rated}/{total} đầu mối trực thuộc ({percent(rated, total)}) đạt “Tập thể lao động "
        f"tiên tiến” hoặc “Hoàn thành tốt nhiệm vụ” trở lên, yêu cầu từ {SUB_UNITS_RATED_SHARE} %."
    )


def validate_sub_units(total: int | None, rated: int | None) -> None:
    """What a unit may enter for Art. 6 cl. 5 / Art. 7 cl. 6: whole numbers, not negative,
    no more rated sub-units than sub-units, within a sane bound."""
    for value in (total, rated):
        if value is not None and not 0 <= value <= MAX_SUB_UNITS:
            raise DomainError(f"Số đầu mối phải là số nguyên từ 0 đến {MAX_SUB_UNITS}.")
    if total is not None and rated is not None and rated > total:
        raise DomainError("Số đầu mối đạt danh hiệu không được lớn hơn tổng số đầu mối trực thuộc.")


# --- Art. 5 cl. 4: the commune's residential areas and organisations -------------------


@dataclass
class CommuneRule:
    """Circular 124, Art. 5 cl. 4 over the units counted by `commune_population`."""

    total: int
    registered: int
    recognised: int

    @property
    def required_registered(self) -> int:
        return COMMUNE_REGISTERED_SHARE

    @property
    def required_recognised(self) -> int:
        return COMMUNE_RECOGNISED_SHARE

    @property
    def registered_share(self) -> float:
        return 100.0 * self.registered / self.total if self.total else 0.0

    @property
    def recognised_share(self) -> float:
        return 100.0 * self.recognised / self.total if self.total else 0.0

    @property
    def met(self) -> bool:
        return reaches(self.registered, self.total, COMMUNE_REGISTERED_SHARE) and reaches(
            self.recognised, self.total, COMMUNE_RECOGNISED_SHARE
        )

    @property
    def figures(self) -> str:
        if not self.total:
            return (
                "Chưa có khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục nào thuộc thẩm quyền "
                "hoặc được ủy quyền quản lý trên địa bàn."
            )
        return (
            f"{self.registered}/{self.total} khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục "
            f"thuộc thẩm quyền hoặc được ủy quyền quản lý đăng ký "
            f"({percent(self.registered, self.total)}, yêu cầu {COMMUNE_REGISTERED_SHARE} %); "
            f"{self.recognised}/{self.total} được công nhận "
            f"({percent(self.recognised, self.total)}, yêu cầu từ {COMMUNE_RECOGNISED_SHARE} %)."
        )


COUNTED_KINDS = (UnitKind.RESIDENTIAL_AREA, UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL)


def _window_end(dossier) -> datetime.date:
    route = CycleRoute.objects.filter(
        cycle_id=dossier.cycle_id, unit_kind=dossier.unit.kind
    ).first()
    return route.window_end if route else datetime.date(dossier.cycle.year, 11, 15)


def _with_merges(area_ids: set[int]) -> set[int]:
    """`area_ids` and the areas merged into or out of them (2025 reform), transitively."""
    links = AdministrativeArea.successors.through.objects
    seen, frontier = set(area_ids), set(area_ids)
    while frontier:
        pairs = links.filter(
            Q(from_administrativearea_id__in=frontier) | Q(to_administrativearea_id__in=frontier)
        ).values_list("from_administrativearea_id", "to_administrativearea_id")
        frontier = {pk for pair in pairs for pk in pair} - seen
        seen |= frontier
    return seen


def commune_population(dossier) -> list[Unit]:
    """Circular 124, Art. 5 cl. 4: the residential areas, agencies, enterprises and schools
    "thuộc thẩm quyền hoặc được ủy quyền quản lý trên địa bàn" of the commune: its residential
    areas; the organisations located in it that the commune manages (`Unit.managing_level`);
    and those a higher committee delegated to the commune's committee (`Unit.delegated_to`,
    Art. 10 cl. 5). Not a province-managed unit merely located there; not the kinds Art. 1
    cl. 2 b excludes, nor inactive units, nor units the Ministry follows (Art. 10 cl. 4).

    Areas are taken as they stood at the end of the commune's evaluation window (the 2024
    three-level tree for a 2024 cycle), following merges both ways (`area_as_of`)."""
    day = _window_end(dossier)
    commune = area_as_of(dossier.unit.area, day)
    commune_ids = _with_merges({commune.pk})
    under = set(
        AdministrativeArea.objects.filter(path__startswith=commune.path).values_list(
            "pk", flat=True
        )
    )
    candidates = Unit.objects.filter(
        Q(area_id__in=_with_merges(under)) | Q(delegated_to_id__in=commune_ids),
        kind__in=COUNTED_KINDS,
        active=True,
        is_small_enterprise=False,
        is_excluded_school=False,
        is_armed_forces=False,
        followed_by_ministry=False,
    ).select_related("area", "delegated_to")
    counted = []
    for unit in candidates:
        if unit.kind != UnitKind.RESIDENTIAL_AREA and unit.delegated_to_id:
            if area_as_of(unit.delegated_to, day).pk == commune.pk:
                counted.append(unit)
            continue
        if not area_as_of(unit.area, day).path.startswith(commune.path):
            continue
        if unit.kind == UnitKind.RESIDENTIAL_AREA or unit.managing_level_id == commune.level_id:
            counted.append(unit)
    return counted


def commune_rule(dossier) -> CommuneRule | None:
    """Circular 124, Art. 5 cl. 4: "100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục
    thuộc thẩm quyền hoặc được ủy quyền quản lý trên địa bàn đăng ký, trong đó có từ 70% trở
    lên được công nhận", counted over `commune_population` in the commune's own cycle."""
    if dossier.unit.kind != UnitKind.COMMUNE:
        return None
    units = commune_population(dossier)
    their_dossiers = Dossier.objects.filter(cycle_id=dossier.cycle_id, unit__in=units)
    return CommuneRule(
        total=len(units),
        registered=their_dossiers.count(),
        recognised=their_dossiers.filter(status=DossierStatus.RECOGNISED).count(),
    )


def commune_units(dossier, version) -> tuple[bool, str]:
    """Circular 124, Art. 5 cl. 4 (see `commune_rule`)."""
    rule = commune_rule(dossier)
    if rule is None:
        return False, "Chỉ áp dụng cho xã, phường, đặc khu."
    return rule.met, rule.figures


# --- all computed criteria of a dossier ------------------------------------------------

RULES = {
    ComputedRule.HOUSEHOLDS: households,
    ComputedRule.COMMUNE_UNITS: commune_units,
    ComputedRule.SUB_UNITS: sub_units,
}


# Stand-in for the dossier's id in the compiled read (no dossier has it).
_DOSSIER = -914_000_003


@functools.cache
def _last_submitted() -> Compiled:
    """The dossier's last submitted version, compiled once (workflows.compiled): every
    review and appraisal step reads it."""
    return Compiled(
        DossierVersion.objects.filter(dossier_id=_DOSSIER, submitted_at__isnull=False).order_by(
            "-number"
        ),
        (_DOSSIER,),
    )


def figures_version(dossier):
    """The version the figures are read from: the last one submitted, else the draft."""
    version = _last_submitted().first(dossier.pk)
    if version is None:
        return dossier.versions.order_by("-number").first()
    version.dossier = dossier  # as `dossier.versions` sets it
    return version


def computed_results(dossier, version=None, criteria=None) -> dict[int, Computed]:
    """{criterion id: Computed} for every computed criterion of the dossier's set."""
    criteria = criteria if criteria is not None else criteria_for(dossier)
    computed = [c for c in criteria if c.kind == CriterionKind.COMPUTED and c.rule in RULES]
    if not computed:
        return {}
    version = version if version is not None else figures_version(dossier)
    results = {}
    for criterion in computed:
        met, figures = RULES[criterion.rule](dossier, version)
        article = criterion.criteria_set.article
        where = f"Điều {article} khoản {criterion.number}" if article else criterion.label
        results[criterion.pk] = Computed(met=met, figures=figures, article=where)
    return results


def uses_rule(criteria, rule: str) -> bool:
    return any(c.kind == CriterionKind.COMPUTED and c.rule == rule for c in criteria)
