"""The Vietnamese working-day calendar and deadline arithmetic (DOMAIN.md §4, DESIGN.md
"Deadlines"; Bộ luật Dân sự 2015 Điều 147–148).

Rules implemented here:
- Điều 147: when a period is counted in days, the first day is not counted; counting starts
  on the next day.
- Điều 148: a period that ends on a weekly rest day or a holiday ends at the end of the next
  working day.
- Working days skip Saturdays, Sundays, public holidays and the days the government swaps
  off, and include the make-up Saturdays it sets (DOMAIN.md §4).

The calendar is the `CalendarDay` table: seeded per year from the `holidays` library plus
`ARRANGEMENTS` below, then editable in the admin. Reads go through a per-process cache that
holds, per year, only the exceptions to "Monday–Friday working"; it is loaded with one
query, dropped by `clear_cache()` on every write here and in the admin, and expires after
`CACHE_SECONDS` so that other processes see admin edits too.
"""

import datetime
import time
from typing import NamedTuple

import holidays
from django.db import transaction

from .models import WORKING_KINDS, CalendarDay, CalendarDayKind

Kind = CalendarDayKind
ONE_DAY = datetime.timedelta(days=1)

#: How long a process trusts its cached year before reading the table again.
CACHE_SECONDS = 300
#: Years seeded automatically on first use (the lunar calendar of `holidays` covers them).
AUTO_SEED_YEARS = range(1990, 2100)


class Arrangement(NamedTuple):
    day: datetime.date
    kind: str
    name: str


def _swap(off: datetime.date, makeup: datetime.date, occasion: str) -> tuple[Arrangement, ...]:
    """A working day swapped off for `occasion` and the Saturday worked in its place."""
    return (
        Arrangement(off, Kind.SWAPPED_OFF, f"Nghỉ hoán đổi dịp {occasion} (làm bù {makeup:%d/%m})"),
        Arrangement(makeup, Kind.MAKEUP_WORKING, f"Làm bù cho ngày {off:%d/%m/%Y} ({occasion})"),
    )


# Government decisions for civil servants (công chức, viên chức) on swapped days and make-up
# Saturdays. They override what the `holidays` library says for the same day.
ARRANGEMENTS: dict[int, tuple[Arrangement, ...]] = {
    # Confirmed. Thông báo 6150/TB-BLĐTBXH (12/11/2024) implementing Công văn
    # 8726/VPCP-KGVX: 30/4–1/5 off five days 30/4–04/5/2025, the Friday 02/5 swapped with
    # Saturday 26/4 (kntb.vn, VietnamPlus 30/03/2025). Tết 25/01–02/02/2025 and Quốc khánh
    # 01–02/9/2025 need no swap: the library already has those days.
    2025: _swap(datetime.date(2025, 5, 2), datetime.date(2025, 4, 26), "30/4–1/5"),
    2026: (
        # Confirmed. Tết Dương lịch: off Thursday 01/01 to Sunday 04/01/2026, Friday 02/01
        # swapped with Saturday 10/01 — Công văn 12729/VPCP-KGVX (25/12/2025), reported by
        # baohiemxahoi.gov.vn (ItemID=25908, 25/12/2025).
        *_swap(datetime.date(2026, 1, 2), datetime.date(2026, 1, 10), "Tết Dương lịch"),
        # Confirmed, no swap: Tết Nguyên đán off Saturday 14/02 (27 tháng Chạp) to Sunday
        # 22/02/2026 (mùng 6), i.e. the five statutory days 16–20/02 (from the library)
        # between two weekends; no make-up Saturday (congan.com.vn, "Chính thức chốt phương
        # án Tết Nguyên đán Bính Ngọ 2026 nghỉ 9 ngày").
        # Giỗ Tổ Hùng Vương falls on Sunday 26/4, compensated on Monday 27/4; 30/4 and 1/5
        # are Thursday and Friday, no swap (thanhnien.vn, 23/02/2026); both from the library.
        # Quốc khánh: off Saturday 29/8 to Wednesday 02/9/2026, Monday 31/8 swapped with
        # Saturday 22/8 — Bộ Nội vụ's proposal (thanhnien.vn, 02/10/2025), reported as the
        # adopted 2026 plan ("5 ngày dịp Quốc khánh", thanhnien.vn, 13/01/2026). The library
        # (VietnamStaticHolidays 2026) has the same swap.
        *_swap(datetime.date(2026, 8, 31), datetime.date(2026, 8, 22), "Quốc khánh"),
        # Not confirmed here: 24/11 "Ngày Văn hóa Việt Nam" comes from the library (Nghị quyết
        # 80-NQ/TW; as of 01/2026 the Labor Code amendment was still pending). An admin can
        # set it back to a working day.
    ),
    # 2027: nothing decided yet; the library's statutory days and Labor Code compensation
    # rules only. Add the government's decision here (or edit the rows in the admin).
    2027: (),
}

# The library's Vietnamese names, in the wording used on official notices.
_RENAMES = (
    ("Ngày Giỗ Tổ Hùng Vương", "Giỗ Tổ Hùng Vương"),
    ("Ngày Chiến thắng", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("Ngày Quốc tế Lao động", "Quốc tế Lao động"),
    ("Nguyên Đán", "Nguyên đán"),
    ("29 Tết", "Tết Nguyên đán (29 Tết)"),
)
# Markers of a compensatory or swapped day off in the library's names.
_SWAP_MARKERS = ("nghỉ bù", "thay cho")


def _vietnamese_name(name: str) -> str:
    for old, new in _RENAMES:
        name = name.replace(old, new)
    return name


def year_plan(year: int) -> list[Arrangement]:
    """Every day of `year` with its kind and name, without touching the database
    (DOMAIN.md §4): weekends, the library's holidays, compensatory days off and make-up
    Saturdays, then `ARRANGEMENTS` on top."""
    library = holidays.country_holidays("VN", years=year, language="vi")
    makeup = {d for d in library.weekend_workdays if d.year == year}
    plan = {}
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day in library:
            name = _vietnamese_name("; ".join(library.get_list(day)))
            swapped = any(marker in name for marker in _SWAP_MARKERS)
            kind = Kind.SWAPPED_OFF if swapped else Kind.HOLIDAY
        elif day in makeup:
            kind, name = Kind.MAKEUP_WORKING, "Làm bù (hoán đổi ngày làm việc)"
        else:
            kind, name = (Kind.WORKING if day.weekday() < 5 else Kind.WEEKEND), ""
        plan[day] = Arrangement(day, kind, name)
        day += ONE_DAY
    for arrangement in ARRANGEMENTS.get(year, ()):
        plan[arrangement.day] = arrangement
    return list(plan.values())


@transaction.atomic
def seed_year(year: int, model=None) -> int:
    """Create the calendar rows of `year` that do not exist yet and return how many were
    created (DOMAIN.md §4: seeded from a holiday library, then editable). Rows that exist are
    never overwritten: an administrator may have edited them.

    `model` is the historical `CalendarDay` in data migrations (`apps.get_model`)."""
    model = model or CalendarDay
    existing = set(model.objects.filter(year=year).values_list("day", flat=True))
    rows = [
        model(day=a.day, year=year, kind=a.kind, name=a.name, is_working=a.kind in WORKING_KINDS)
        for a in year_plan(year)
        if a.day not in existing
    ]
    model.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    clear_cache()
    return len(rows)


@transaction.atomic
def calendar_day_set_kind(day: datetime.date, kind: str, name: str | None = None) -> CalendarDay:
    """Set what `day` is — e.g. an administrator adds a make-up Saturday or a holiday the
    government decided (DOMAIN.md §4) — keeping `is_working` consistent with `kind`.

    Seeds the day's year first if it has no rows, so that one edit does not leave the rest
    of the year without its holidays. `name=None` keeps the current name."""
    if kind not in Kind.values:
        raise ValueError(f"Loại ngày không hợp lệ: {kind!r}")
    if not CalendarDay.objects.filter(year=day.year).exists():
        seed_year(day.year)
    defaults = {"year": day.year, "kind": kind, "is_working": kind in WORKING_KINDS}
    if name is not None:
        defaults["name"] = name
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
    """The last working day strictly before `day`: the due date of a cut-off written
    "trước ngày …" (Circular 124/2021, Art. 9 cl. 1: decisions "trước ngày 15 tháng 11",
    "trước ngày 20 tháng 11"), which never rolls forward to the next working day."""
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
