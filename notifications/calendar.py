"""The Vietnamese working-day calendar and deadline arithmetic (DOMAIN.md §4, DESIGN.md
"Deadlines"; Bộ luật Dân sự 2015 Điều 147–148).

Rules implemented here:
- Điều 147: when a period is counted in days, the first day is not counted; counting starts
  on the next day.
- Điều 148: a period that ends on a weekly rest day or a holiday ends at the end of the next
  working day.
- Working days skip Saturdays, Sundays, public holidays and the days the government swaps
  off, and include the make-up Saturdays it sets (DOMAIN.md §4).

The calendar is the `CalendarDay` table: seeded per year by `calendar_plan.year_plan` (the
`holidays` library checked against the Labour Code, plus the government's `ARRANGEMENTS`),
each exceptional day with its source and a provisional flag, then editable in the admin.
Reads go through a per-process cache that holds, per year, only the exceptions to
"Monday–Friday working"; it is loaded with one query, dropped by `clear_cache()` on every
write here and in the admin, and expires after `CACHE_SECONDS` so that other processes see
admin edits too.
"""

import datetime
import time

from django.db import transaction

from .calendar_plan import ARRANGEMENTS, DECISIONS, Arrangement, year_plan  # noqa: F401
from .models import WORKING_KINDS, CalendarDay, CalendarDayKind

Kind = CalendarDayKind
ONE_DAY = datetime.timedelta(days=1)

#: How long a process trusts its cached year before reading the table again.
CACHE_SECONDS = 300
#: Years seeded automatically on first use (the lunar calendar of `holidays` covers them).
AUTO_SEED_YEARS = range(1990, 2100)


@transaction.atomic
def seed_year(year: int, model=None) -> int:
    """Create the calendar rows of `year` that do not exist yet and return how many were
    created (DOMAIN.md §4: seeded from a holiday library, then editable). Rows that exist are
    never overwritten: an administrator may have edited them.

    `model` is the historical `CalendarDay` in data migrations (`apps.get_model`)."""
    model = model or CalendarDay
    # The historical model of migration 0002 predates `source` and `provisional`.
    with_source = any(field.name == "source" for field in model._meta.get_fields())
    existing = set(model.objects.filter(year=year).values_list("day", flat=True))
    rows = [
        model(
            day=a.day,
            year=year,
            kind=a.kind,
            name=a.name,
            is_working=a.kind in WORKING_KINDS,
            **({"source": a.source, "provisional": a.provisional} if with_source else {}),
        )
        for a in year_plan(year)
        if a.day not in existing
    ]
    model.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    clear_cache()
    return len(rows)


@transaction.atomic
def calendar_day_set_kind(
    day: datetime.date,
    kind: str,
    name: str | None = None,
    *,
    source: str | None = None,
    provisional: bool | None = None,
) -> CalendarDay:
    """Set what `day` is — e.g. an administrator adds a make-up Saturday or a holiday the
    government decided, citing its source (DOMAIN.md §4) — keeping `is_working` consistent
    with `kind`.

    Seeds the day's year first if it has no rows, so that one edit does not leave the rest
    of the year without its holidays. `None` keeps the current name, source or flag."""
    if kind not in Kind.values:
        raise ValueError(f"Loại ngày không hợp lệ: {kind!r}")
    if not CalendarDay.objects.filter(year=day.year).exists():
        seed_year(day.year)
    defaults = {"year": day.year, "kind": kind, "is_working": kind in WORKING_KINDS}
    for field, value in (("name", name), ("source", source), ("provisional", provisional)):
        if value is not None:
            defaults[field] = value
    calendar_day, _ = CalendarDay.objects.update_or_create(day=day, defaults=defaults)
    clear_cache()
    return calendar_day


# Reads

_cache: dict[int, tuple[float, frozenset[datetime.date], frozenset[datetime.date]]] = {}


def clear_cache() -> None:
    """Forget the cached calendar; call after any change to `CalendarDay` rows."""
    _cache.clear()


def _exceptions(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """(weekdays off, weekend days worked) of `year`, read with one query and cached.
    A year without rows is seeded on first use; a day without a row is Monday–Friday
    working (DOMAIN.md §4)."""
    entry = _cache.get(year)
    if entry is not None and time.monotonic() - entry[0] < CACHE_SECONDS:
        return entry[1], entry[2]
    rows = CalendarDay.objects.filter(year=year).values_list("day", "is_working")
    rows = list(rows)
    if not rows and year in AUTO_SEED_YEARS:
        seed_year(year)
        rows = list(CalendarDay.objects.filter(year=year).values_list("day", "is_working"))
    off = frozenset(d for d, working in rows if not working and d.weekday() < 5)
    worked = frozenset(d for d, working in rows if working and d.weekday() >= 5)
    _cache[year] = (time.monotonic(), off, worked)
    return off, worked


def is_working_day(d: datetime.date) -> bool:
    """Whether offices work on `d`: Monday–Friday except holidays and swapped days off, plus
    make-up Saturdays (DOMAIN.md §4)."""
    off, worked = _exceptions(d.year)
    return d in worked if d.weekday() >= 5 else d not in off


def roll_to_working_day(d: datetime.date) -> datetime.date:
    """`d` if it is a working day, else the next working day: a period ending on a rest day
    or holiday ends at the end of the next working day (Bộ luật Dân sự 2015 Điều 148)."""
    while not is_working_day(d):
        d += ONE_DAY
    return d


def last_working_day_before(day: datetime.date) -> datetime.date:
    """The last working day strictly before `day`. A cut-off written "trước ngày 15 tháng
    11" or "trước ngày 20 tháng 11" (Thông tư 124/2021/TT-BCA, Điều 9 khoản 1) must be met
    before that date, so it moves back to the previous working day, never forward: rolling a
    fixed date forward (Bộ luật Dân sự 2015 Điều 148) would let the act fall on or after the
    date the circular excludes."""
    d = day - ONE_DAY
    while not is_working_day(d):
        d -= ONE_DAY
    return d


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day strictly after `start`: the first day of a period is not counted
    (Bộ luật Dân sự 2015 Điều 147; DOMAIN.md §4). `n=0` gives `start` rolled to a working
    day (Điều 148)."""
    if n < 0:
        raise ValueError("Số ngày làm việc phải không âm.")
    if n == 0:
        return roll_to_working_day(start)
    d = start
    while n:
        d += ONE_DAY
        if is_working_day(d):
            n -= 1
    return d


def _weekdays_through(d: datetime.date) -> int:
    """Monday–Friday days from 01/01/0001 (a Monday) through `d`."""
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Working days in (a, b] — the first day not counted (Bộ luật Dân sự 2015 Điều 147) —
    negative when b < a: "N ngày làm việc còn lại" or "quá hạn N ngày" (DOMAIN.md §4)."""
    if b < a:
        return -working_days_between(b, a)
    count = _weekdays_through(b) - _weekdays_through(a)
    for year in range(a.year, b.year + 1):
        off, worked = _exceptions(year)
        count -= sum(1 for d in off if a < d <= b)
        count += sum(1 for d in worked if a < d <= b)
    return count


def due_date(
    *,
    start: datetime.date,
    fixed_date: datetime.date | None = None,
    working_days: int | None = None,
    before: bool = False,
) -> datetime.date:
    """A step's due date from its configuration (DESIGN.md "Deadlines"): a fixed calendar
    date rolled to a working day (Bộ luật Dân sự 2015 Điều 148) — or, for a cut-off written
    "trước ngày …" (`before`), the last working day before it (Circular 124, Art. 9 cl. 1) —
    or `working_days` working days after `start`, the first day not counted (Điều 147)."""
    if (fixed_date is None) == (working_days is None):
        raise ValueError("Cần đúng một trong hai: ngày cố định hoặc số ngày làm việc.")
    if fixed_date is not None:
        return last_working_day_before(fixed_date) if before else roll_to_working_day(fixed_date)
    return add_working_days(start, working_days)
