"""What each day of a year is, with its source (căn cứ), before anything is stored
(DOMAIN.md §4): the `holidays` library's days, checked against the Labour Code and the
government's yearly decisions.

- Bộ luật Lao động 2019, Điều 112 khoản 1 fixes the public holidays: a) 01/01; b) Tết Âm
  lịch, five days; c) 30/4; d) 1/5; đ) 2/9 and one adjacent day; e) 10/3 âm lịch (Giỗ Tổ).
- Điều 112 khoản 3: the Prime Minister decides which five days are Tết and which day goes
  with 2/9; Điều 111 khoản 3: a weekly rest day that falls on a holiday is made up on the
  next working day. Each year a notice for civil servants fixes these and may swap a
  weekday off against a Saturday worked (`ARRANGEMENTS`).

A day is *provisional* when only the library says so: the government's choices (Tết's days,
the day next to 2/9, compensatory days, swaps, make-up Saturdays) in a year without a decision
in `DECISIONS`, and every library day of a year before the 2019 Code took effect (2021).
Library days that no law makes a day off (24/11 "Ngày Văn hóa Việt Nam", see
`NOT_DAYS_OFF`) are seeded as working days with a provisional note, never as holidays.
"""

import datetime
from typing import NamedTuple

import holidays

from .models import CalendarDayKind

Kind = CalendarDayKind
ONE_DAY = datetime.timedelta(days=1)


class Arrangement(NamedTuple):
    day: datetime.date
    kind: str
    name: str
    source: str = ""
    provisional: bool = False


# Sources

LABOUR_CODE = "Bộ luật Lao động 2019"
COMPENSATION = f"{LABOUR_CODE}, Điều 111 khoản 3"
FIRST_YEAR_OF_CODE = 2021  # Bộ luật Lao động 2019, Điều 220 khoản 1
LIBRARY = "thư viện holidays, chưa đối chiếu văn bản"

# Government choices of Điều 112 khoản 3 and Điều 111 khoản 3, one key per kind of choice.
TET, NATIONAL_DAY, MAKE_UP = "tet", "quoc_khanh", "nghi_bu"

N6150 = "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024 (thực hiện Công văn 8726/VPCP-KGVX)"
CV12729 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"

#: The years whose schedule the government has decided, and the source of each choice. A
#: year missing here (or a choice missing from its year) leaves the library's days provisional.
DECISIONS: dict[int, dict[str, str]] = {
    # Thông báo 6150/TB-BLĐTBXH: Tết 25/01–02/02/2025 (five days 27–31/01), Quốc khánh
    # 30/8–02/9/2025 (01/9 with 2/9), 02/5 swapped with 26/4 (kntb.vn, VietnamPlus 30/03/2025).
    2025: {TET: N6150, NATIONAL_DAY: N6150},
    2026: {
        TET: "phương án nghỉ Tết Bính Ngọ 2026 của Thủ tướng (kienthuc.net.vn 13/10/2025; "
        "congan.com.vn “Chính thức chốt phương án Tết Nguyên đán Bính Ngọ 2026 nghỉ 9 ngày”)",
        NATIONAL_DAY: "phương án nghỉ Quốc khánh 2026 (Bộ Nội vụ, thanhnien.vn 02/10/2025; "
        "áp dụng theo thanhnien.vn 13/01/2026, kienthuc.net.vn 13/10/2025)",
        MAKE_UP: "lịch nghỉ lễ năm 2026 (thanhnien.vn 13/01/2026: nghỉ 3 ngày dịp Giỗ Tổ)",
    },
    # 2027: nothing decided yet. Add the Prime Minister's choices here once announced.
}

#: Library days that no law in force makes a day off, as far as the sources read go: seeded
#: as working days with a provisional note (domain-audit.md §5). When a law or decision
#: makes the day off, remove the entry and cite the law in `_occasion`.
NOT_DAYS_OFF = {
    "Ngày Văn hóa Việt Nam": (
        "Ngày Văn hóa Việt Nam — làm việc (chưa là ngày nghỉ lễ)",
        "Chưa có văn bản quy định nghỉ đã đối chiếu: Nghị quyết 80-NQ/TW (07/01/2026) nêu chủ "
        "trương; Nghị quyết 30/NQ-CP giao sửa Điều 112 khoản 1 Bộ luật Lao động 2019 "
        "(vneconomy.vn, dantri.com.vn 26/02/2026). Nghị quyết 28/2026/QH16 (hiệu lực "
        "01/07/2026) được một số nguồn dẫn là quy định nghỉ ngày này: cần đối chiếu văn bản "
        "gốc; nếu đúng, sửa thành ngày nghỉ lễ và ghi căn cứ.",
    ),
}


def _swap(
    off: datetime.date, makeup: datetime.date, occasion: str, source: str
) -> tuple[Arrangement, ...]:
    """A working day swapped off for `occasion` and the Saturday worked in its place."""
    return (
        Arrangement(
            off, Kind.SWAPPED_OFF, f"Nghỉ hoán đổi dịp {occasion} (làm bù {makeup:%d/%m})", source
        ),
        Arrangement(
            makeup, Kind.MAKEUP_WORKING, f"Làm bù cho ngày {off:%d/%m/%Y} ({occasion})", source
        ),
    )


# Government decisions for civil servants (công chức, viên chức) on swapped days and make-up
# Saturdays. They override what the `holidays` library says for the same day.
ARRANGEMENTS: dict[int, tuple[Arrangement, ...]] = {
    # Confirmed. Thông báo 6150/TB-BLĐTBXH: 30/4–1/5 off five days 30/4–04/5/2025, the
    # Friday 02/5 swapped with Saturday 26/4. Tết and Quốc khánh need no swap.
    2025: _swap(datetime.date(2025, 5, 2), datetime.date(2025, 4, 26), "30/4–1/5", N6150),
    2026: (
        # Confirmed. Tết Dương lịch: off Thursday 01/01 to Sunday 04/01/2026, Friday 02/01
        # swapped with Saturday 10/01 — Công văn 12729/VPCP-KGVX (25/12/2025), reported by
        # baohiemxahoi.gov.vn (ItemID=25908, 25/12/2025).
        *_swap(datetime.date(2026, 1, 2), datetime.date(2026, 1, 10), "Tết Dương lịch", CV12729),
        # Confirmed, no swap: Tết Nguyên đán off Saturday 14/02 (27 tháng Chạp) to Sunday
        # 22/02/2026 (mùng 6), i.e. the five statutory days 16–20/02 (from the library)
        # between two weekends (DECISIONS[2026][TET]).
        # Giỗ Tổ Hùng Vương falls on Sunday 26/4, compensated on Monday 27/4; 30/4 and 1/5
        # are Thursday and Friday, no swap (thanhnien.vn, 23/02/2026); both from the library.
        # Quốc khánh: off Saturday 29/8 to Wednesday 02/9/2026, Monday 31/8 swapped with
        # Saturday 22/8 — Bộ Nội vụ's proposal (thanhnien.vn, 02/10/2025), reported as the
        # adopted 2026 plan ("5 ngày dịp Quốc khánh", thanhnien.vn, 13/01/2026).
        *_swap(
            datetime.date(2026, 8, 31),
            datetime.date(2026, 8, 22),
            "Quốc khánh",
            DECISIONS[2026][NATIONAL_DAY],
        ),
        # 24/11 "Ngày Văn hóa Việt Nam": a working day, see NOT_DAYS_OFF.
    ),
    # 2027: nothing decided yet; the library's statutory days and Labor Code compensation
    # rules only, provisional. Add the government's decision here and in DECISIONS.
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


def vietnamese_name(name: str) -> str:
    for old, new in _RENAMES:
        name = name.replace(old, new)
    return name


def _occasion(day: datetime.date, name: str) -> tuple[str | None, str | None]:
    """(statute or None, government choice or None) behind one library name of `day`."""
    if "thay cho" in name:
        return None, "swap"
    if "(nghỉ bù)" in name:
        return COMPENSATION, MAKE_UP
    point = f"{LABOUR_CODE}, Điều 112 khoản 1 điểm"
    if "Tết Dương lịch" in name:
        return f"{point} a", None
    if "Tết" in name:
        return f"{point} b", TET
    if "Chiến thắng" in name:
        return f"{point} c", None
    if "Lao động" in name:
        return f"{point} d", None
    if "Quốc khánh" in name:
        return f"{point} đ", None if (day.month, day.day) == (9, 2) else NATIONAL_DAY
    if "Giỗ Tổ" in name:
        return f"{point} e", None
    return None, "unknown"


def _not_day_off(name: str) -> tuple[str, str] | None:
    return NOT_DAYS_OFF.get(name.removesuffix(" (nghỉ bù)"))


def _library_day(day: datetime.date, names: list[str]) -> Arrangement:
    """A day the library marks off, with its source; provisional unless the law fixes it or
    the year's decision confirms the government's choice."""
    kept = [name for name in names if not _not_day_off(name)]
    if not kept:
        name, source = _not_day_off(names[0])
        kind = Kind.WORKING if day.weekday() < 5 else Kind.WEEKEND
        return Arrangement(day, kind, name, source, provisional=True)
    name = vietnamese_name("; ".join(kept))
    kind = Kind.SWAPPED_OFF if any(m in name for m in _SWAP_MARKERS) else Kind.HOLIDAY
    if day.year < FIRST_YEAR_OF_CODE:
        return Arrangement(day, kind, name, f"{LIBRARY} (trước {LABOUR_CODE})", True)
    decided = DECISIONS.get(day.year, {})
    sources, provisional = [], False
    for library_name in kept:
        statute, choice = _occasion(day, library_name)
        sources.append(statute)
        if choice in decided:
            sources.append(decided[choice])
        elif choice is not None:
            provisional = True
    if provisional:
        sources.append(f"dự kiến (thư viện holidays): chưa có quyết định năm {day.year}")
    source = "; ".join(dict.fromkeys(s for s in sources if s))
    return Arrangement(day, kind, name, source, provisional)


def library_names(year: int) -> dict[datetime.date, str]:
    """The library's days of `year` under the names the calendar stored before sources
    were added (migration 0002): how to tell a row nobody has edited."""
    library = holidays.country_holidays("VN", years=year, language="vi")
    return {d: vietnamese_name("; ".join(library.get_list(d))) for d in library}


def year_plan(year: int) -> list[Arrangement]:
    """Every day of `year` with its kind, name, source and provisional flag, without touching
    the database (DOMAIN.md §4): weekends, the library's holidays, compensatory days off and
    make-up Saturdays, then `ARRANGEMENTS` on top. Ordinary days have no source."""
    library = holidays.country_holidays("VN", years=year, language="vi")
    makeup = {d for d in library.weekend_workdays if d.year == year}
    plan = {}
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day in library:
            plan[day] = _library_day(day, library.get_list(day))
        elif day in makeup:
            name = "Làm bù (hoán đổi ngày làm việc)"
            plan[day] = Arrangement(day, Kind.MAKEUP_WORKING, name, LIBRARY, provisional=True)
        else:
            plan[day] = Arrangement(day, Kind.WORKING if day.weekday() < 5 else Kind.WEEKEND, "")
        day += ONE_DAY
    for arrangement in ARRANGEMENTS.get(year, ()):
        plan[arrangement.day] = arrangement
    return list(plan.values())
