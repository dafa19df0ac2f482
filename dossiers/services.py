"""Services that change the registry. Every state change of the domain goes through a
service here (DESIGN.md); views, admin and commands call these."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .guards import MAX_TEXT
from .models import AdministrativeArea, AreaLevel, CycleRoute, RecognitionCycle, Unit, UnitKind
from .models.areas import PATH_SEPARATOR
from .models.units import ORGANISATION_KINDS


class DomainError(Exception):
    """A business rule refused the action; the message is shown to the user (Vietnamese)."""


def ensure_text_within(text: str, what: str, limit: int = MAX_TEXT) -> None:
    """DomainError when free text typed by a user is longer than its limit (dossiers.guards
    MAX_TEXT unless told): the services check it too, not only the forms."""
    if len(text) > limit:
        raise DomainError(
            f"{what}: tối đa {limit:,} ký tự (đã nhập {len(text):,} ký tự).".replace(",", ".")
        )


def area_set_paths(areas: Iterable[AdministrativeArea]) -> list[AdministrativeArea]:
    """Recompute the materialised path of `areas` and of the descendants of those that moved.

    Areas must have ids; parents outside `areas` are read in one query. Saves in bulk and
    returns every area whose path changed.
    """
    pending = {area.pk: area for area in areas}
    outside = {a.parent_id for a in pending.values() if a.parent_id} - pending.keys()
    paths = dict(AdministrativeArea.objects.filter(pk__in=outside).values_list("pk", "path"))
    changed = []
    while pending:
        ready = [a for a in pending.values() if a.parent_id is None or a.parent_id in paths]
        if not ready:
            raise DomainError("Cây địa bàn có vòng lặp: một địa bàn trực thuộc chính nó.")
        for area in ready:
            del pending[area.pk]
            base = paths[area.parent_id] if area.parent_id else PATH_SEPARATOR
            path = paths[area.pk] = f"{base}{area.pk}{PATH_SEPARATOR}"
            if area.path != path:
                if area.path:  # it moved: its stored descendants move with it
                    for child in area.children.exclude(pk__in=paths.keys()):
                        pending.setdefault(child.pk, child)
                area.path = path
                changed.append(area)
    AdministrativeArea.objects.bulk_update(changed, ["path"], batch_size=1000)
    return changed


@transaction.atomic
def area_create(
    *,
    code: str,
    name: str,
    level: AreaLevel,
    parent: AdministrativeArea | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> AdministrativeArea:
    area = AdministrativeArea.objects.create(
        code=code, name=name, level=level, parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    area_set_paths([area])
    return area


def area_as_of(area: AdministrativeArea, day: datetime.date) -> AdministrativeArea:
    """The area that stood for `area` on `day` (DOMAIN.md §1, 2025 reform): itself while in
    force; else, following merges, the successor (for a later day) or the predecessor (for
    an earlier day) in force on that day. Unchanged when the records stop short."""
    seen = set()
    while not area.is_valid_on(day) and area.pk not in seen:
        seen.add(area.pk)
        later = area.valid_to is not None and area.valid_to < day
        links = area.successors if later else area.predecessors
        nearer = links.valid_on(day).first() or links.exclude(pk__in=seen).first()
        if nearer is None:
            break
        area = nearer
    return area


def area_ancestor_at_level(area: AdministrativeArea, level: AreaLevel) -> AdministrativeArea | None:
    """`area` itself or its ancestor at `level`, if the tree has one."""
    if area.level_id == level.pk:
        return area
    return AdministrativeArea.objects.filter(pk__in=area.ancestor_ids, level=level).first()


def unit_ineligibility_reasons(unit: Unit) -> list[str]:
    """Why a unit cannot be recognised at all (DOMAIN.md §1, kinds that can be recognised):
    small and micro enterprises; primary schools, kindergartens and nurseries; armed forces."""
    reasons = []
    if unit.kind == UnitKind.ENTERPRISE and unit.is_small_enterprise:
        reasons.append("Doanh nghiệp nhỏ và siêu nhỏ không thuộc đối tượng xét công nhận.")
    if unit.kind == UnitKind.SCHOOL and unit.is_excluded_school:
        reasons.append(
            "Trường tiểu học, trường mầm non, nhà trẻ không thuộc đối tượng xét công nhận."
        )
    if unit.is_armed_forces:
        reasons.append("Đơn vị thuộc lực lượng vũ trang không thuộc đối tượng xét công nhận.")
    if not unit.active:
        reasons.append("Đơn vị đã ngừng hoạt động.")
    return reasons


def ministry_area() -> AdministrativeArea:
    """The Ministry of Public Security as an area: the seeded root of level "ministry"
    (dossiers.reference.seed.MINISTRY_AREA), the deciding body of Art. 10 cl. 4."""
    area = (
        AdministrativeArea.objects.filter(level__code=AreaLevel.MINISTRY, parent=None)
        .order_by("pk")
        .first()
    )
    if area is None:
        raise DomainError("Danh mục địa bàn chưa có Bộ Công an (cấp Bộ).")
    return area


@dataclass(frozen=True)
class ResolvedRoute:
    """Who handles one unit's dossier in one cycle. `review_area` is the police office that
    receives the dossier: the deciding level's standing office (Circular 124, Art. 9 cl. 1),
    or — when the province switched on a preliminary review — the police where the unit
    sits, and then `appraise_area` is the standing office that appraises after it.
    `decide_area` is the People's Committee that decides (Art. 10), or the Ministry for a
    unit followed by its departments (Art. 10 cl. 4; see `cycle_route_for`)."""

    route: CycleRoute
    unit_area: AdministrativeArea
    review_area: AdministrativeArea
    appraise_area: AdministrativeArea | None
    decide_area: AdministrativeArea


def cycle_route_for(*, cycle: RecognitionCycle, unit: Unit) -> ResolvedRoute:
    """Resolve the cycle's routing for `unit` (Circular 124, Art. 9 cl. 1 and Art. 10):

    - the deciding committee: the route's level, else the unit's managing level ("thuộc
      thẩm quyền … quản lý", Art. 10 cl. 1–3), else the committee one level down that the
      managing committee delegated it to ("ủy quyền", Art. 10 cl. 5);
    - the standing office of that level's steering committee appraises and proposes
      (Art. 9 cl. 1 a–c), unless the route names another level;
    - optionally, the police where the unit sits review it first (a province's option);
    - a unit followed by the Ministry's departments is appraised by V05 and decided by the
      Minister (Art. 9 cl. 1 d; Art. 10 cl. 4): `decide_area` is the Ministry, and since
      the province's system cannot act for V05, the cycle's provincial police standing
      office receives the dossier, transmits it to the Ministry and records the decision.

    The unit's area is taken as it stood at the end of the cycle's evaluation window, so
    one unit routes through the 3-level tree in a 2024 cycle and the 2-level tree in 2026."""
    route = (
        CycleRoute.objects.select_related(
            "preliminary_review_level", "appraise_level", "decide_level"
        )
        .filter(cycle=cycle, unit_kind=unit.kind)
        .first()
    )
    if route is None:
        raise DomainError(
            f"Đợt “{cycle}” chưa cấu hình tuyến xét duyệt cho loại đơn vị "
            f"“{unit.get_kind_display()}”."
        )
    unit_area = area_as_of(unit.area, route.window_end)
    if unit.followed_by_ministry:
        if unit.kind not in ORGANISATION_KINDS:
            raise DomainError(
                f"“{unit}” không phải cơ quan, doanh nghiệp, cơ sở giáo dục: không thuộc thẩm "
                "quyền công nhận của Bộ trưởng Bộ Công an."
            )
        return ResolvedRoute(
            route=route,
            unit_area=unit_area,
            review_area=cycle.province,
            appraise_area=None,
            decide_area=ministry_area(),
        )

    def at(level, what):
        found = area_ancestor_at_level(unit_area, level)
        if found is None:
            raise DomainError(
                f"Không xác định được {what} cấp “{level}” cho đơn vị “{unit}” "
                f"(địa bàn “{unit_area}”)."
            )
        return found

    if route.decide_level:
        decide_area = at(route.decide_level, "Ủy ban nhân dân quyết định")
    elif unit.delegated_to_id:
        decide_area = area_as_of(unit.delegated_to, route.window_end)
    else:
        decide_area = at(unit.managing_level, "Ủy ban nhân dân quyết định")
    standing = (
        at(route.appraise_level, "Thường trực Ban Chỉ đạo thẩm định")
        if route.appraise_level
        else decide_area
    )
    review_area, appraise_area = standing, None
    if route.preliminary_review_level:
        first = at(route.preliminary_review_level, "Công an xét duyệt trước")
        if first.pk != standing.pk:
            review_area, appraise_area = first, standing
    return ResolvedRoute(
        route=route,
        unit_area=unit_area,
        review_area=review_area,
        appraise_area=appraise_area,
        decide_area=decide_area,
    )
