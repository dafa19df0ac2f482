"""The routes and cut-offs of Circular 124/2021/TT-BCA as seeded data for a cycle
(Art. 8 cl. 2 evaluation windows; Art. 9 cl. 1 who appraises and the decision cut-offs;
Art. 10 who decides). A province edits them per cycle in the admin; the 2024 cycle keeps
the three-level tree, the 2026 cycle has no district (DOMAIN.md §1, 2025 reform)."""

import datetime

from .models import AreaLevel, CycleRoute, StepDeadline, UnitKind

RESIDENTIAL = UnitKind.RESIDENTIAL_AREA


def evaluation_window(kind: str, year: int) -> tuple[datetime.date, datetime.date]:
    """Art. 8 cl. 2: residential areas 01/11 of the previous year to 31/10; communes,
    agencies, enterprises and schools 16/11 of the previous year to 15/11."""
    if kind == RESIDENTIAL:
        return datetime.date(year - 1, 11, 1), datetime.date(year, 10, 31)
    return datetime.date(year - 1, 11, 16), datetime.date(year, 11, 15)


def route_levels_as_written(kind: str, *, three_levels: bool) -> dict:
    """Art. 9 cl. 1 and Art. 10: the deciding level's standing office (that level's police)
    appraises and its People's Committee decides —
    - residential area: commune police → commune chairman (Art. 9 cl. 1 a; Art. 10 cl. 1);
    - commune: district police → district committee (Art. 9 cl. 1 b; Art. 10 cl. 2) in a
      three-level cycle; with no district since 07/2025, provincial police (PV05) →
      provincial committee;
    - agency, enterprise, school: the police and committee of its managing level, or of the
      committee it was delegated to (Art. 9 cl. 1 c; Art. 10 cl. 1–3 and 5): no level on
      the route, the unit says."""
    levels = {level.code: level for level in AreaLevel.objects.all()}
    if kind == RESIDENTIAL:
        return {"decide_level": levels[AreaLevel.COMMUNE]}
    if kind == UnitKind.COMMUNE:
        top = AreaLevel.DISTRICT if three_levels else AreaLevel.PROVINCE
        return {"decide_level": levels[top]}
    return {}


def cut_off_deadlines(cycle) -> list[StepDeadline]:
    """Registration in Quarter I (Art. 4–7 cl. 1: "Quý I hằng năm … đăng ký phấn đấu");
    the decision "trước ngày 15 tháng 11" for residential areas and "trước ngày 20 tháng
    11" for every other kind (Art. 9 cl. 1 a–d), cut-offs that never roll forward. The
    submission dates and step durations are the province's own (DOMAIN.md §1)."""
    year = cycle.year
    return [
        StepDeadline(cycle=cycle, step="register", fixed_date=datetime.date(year, 3, 31)),
        StepDeadline(
            cycle=cycle, step="submit", unit_kind=RESIDENTIAL, fixed_date=datetime.date(year, 11, 3)
        ),
        StepDeadline(cycle=cycle, step="submit", fixed_date=datetime.date(year, 11, 16)),
        StepDeadline(cycle=cycle, step="review", working_days=2),
        StepDeadline(cycle=cycle, step="supplement", working_days=2),
        StepDeadline(cycle=cycle, step="appraise", working_days=2),
        StepDeadline(
            cycle=cycle,
            step="decide",
            unit_kind=RESIDENTIAL,
            fixed_date=datetime.date(year, 11, 15),
            before=True,
        ),
        StepDeadline(
            cycle=cycle, step="decide", fixed_date=datetime.date(year, 11, 20), before=True
        ),
    ]


def cycle_set_routes_as_written(*, cycle, three_levels: bool, documents) -> list[CycleRoute]:
    """Give a new cycle the routes, windows and cut-offs of Circular 124 (see above), with
    `documents` as the year-end dossier's required kinds."""
    routes = []
    for kind in UnitKind.values:
        start, end = evaluation_window(kind, cycle.year)
        route = CycleRoute.objects.create(
            cycle=cycle,
            unit_kind=kind,
            window_start=start,
            window_end=end,
            **route_levels_as_written(kind, three_levels=three_levels),
        )
        route.required_documents.set(documents)
        routes.append(route)
    StepDeadline.objects.bulk_create(cut_off_deadlines(cycle))
    return routes
