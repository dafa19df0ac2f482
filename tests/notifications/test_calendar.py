"""The working-day calendar and deadline arithmetic (DOMAIN.md §4; Bộ luật Dân sự 2015
Điều 147–148). Years 2025–2027 are seeded by the data migration."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Role
from notifications import calendar
from notifications.calendar import (
    add_working_days,
    calendar_day_set_kind,
    due_date,
    is_working_day,
    roll_to_working_day,
    seed_year,
    working_days_between,
)
from notifications.models import CalendarDay, CalendarDayKind
from tests.factories import UserFactory

Kind = CalendarDayKind
D = datetime.date

dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))
spans = st.integers(min_value=0, max_value=60)
with_db = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# Arithmetic, property-based


@with_db
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_a_working_day_after_start(db, start, n):
    due = add_working_days(start, n)
    assert due > start
    assert is_working_day(due)
    assert working_days_between(start, due) == n


@with_db
@given(start=dates, n=spans, m=spans)
def test_add_working_days_is_monotonic(db, start, n, m):
    low, high = sorted((n, m))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@with_db
@given(a=dates, b=dates)
def test_working_days_between_counts_each_working_day_in_half_open_range(db, a, b):
    low, high = sorted((a, b))
    days = (low + datetime.timedelta(days=i + 1) for i in range((high - low).days))
    expected = sum(1 for d in days if is_working_day(d))
    assert working_days_between(low, high) == expected
    assert working_days_between(high, low) == -expected


@with_db
@given(d=dates)
def test_roll_to_working_day_is_idempotent_and_never_earlier(db, d):
    rolled = roll_to_working_day(d)
    assert rolled >= d
    assert is_working_day(rolled)
    assert roll_to_working_day(rolled) == rolled
    assert add_working_days(d, 0) == rolled
    if is_working_day(d):
        assert rolled == d


def test_sixty_working_days_need_no_query_per_day(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # one per calendar year touched, when cold
        assert add_working_days(D(2026, 11, 2), 60) > D(2027, 1, 1)
    with django_assert_max_num_queries(0):
        add_working_days(D(2026, 11, 2), 60)
        working_days_between(D(2026, 1, 1), D(2027, 12, 31))


# Tết and the government's arrangements


def test_five_working_days_from_12_02_2026_skip_the_tet_break(db):
    # 13/02 is day 1; 14–22/02/2026 is the Tết break for civil servants.
    assert [is_working_day(D(2026, 2, day)) for day in range(14, 23)] == [False] * 9
    assert add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)
    assert working_days_between(D(2026, 2, 12), D(2026, 2, 26)) == 5


def test_swapped_friday_and_make_up_saturday_of_new_year_2026(db):
    assert CalendarDay.objects.get(day=D(2026, 1, 10)).kind == Kind.MAKEUP_WORKING
    assert not is_working_day(D(2026, 1, 2))
    assert is_working_day(D(2026, 1, 10))
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)


def test_admin_set_make_up_saturday_counts_and_admin_set_holiday_does_not(db):
    calendar_day_set_kind(D(2026, 3, 7), Kind.MAKEUP_WORKING, "Làm bù")
    holiday = calendar_day_set_kind(D(2026, 3, 9), Kind.HOLIDAY, "Nghỉ lễ địa phương")

    assert holiday.is_working is False and holiday.year == 2026
    assert CalendarDay.objects.get(day=D(2026, 3, 7)).is_working is True
    # Friday 06/03 + 2: Saturday 07/03 (1), Monday 09/03 is off, Tuesday 10/03 (2).
    assert add_working_days(D(2026, 3, 6), 2) == D(2026, 3, 10)

    calendar_day_set_kind(D(2026, 3, 9), Kind.WORKING)
    assert CalendarDay.objects.get(day=D(2026, 3, 9)).name == "Nghỉ lễ địa phương"
    assert add_working_days(D(2026, 3, 6), 2) == D(2026, 3, 9)


def test_set_kind_refuses_unknown_kinds(db):
    with pytest.raises(ValueError):
        calendar_day_set_kind(D(2026, 3, 9), "nghi_phep")


# Civil code (Bộ luật Dân sự 2015 Điều 147–148)


def test_first_day_is_not_counted(db):
    assert add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert due_date(start=D(2026, 3, 2), working_days=3) == D(2026, 3, 5)
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_fixed_date_on_a_sunday_rolls_to_monday(db):
    assert due_date(start=D(2026, 3, 2), fixed_date=D(2026, 3, 15)) == D(2026, 3, 16)
    assert due_date(start=D(2026, 3, 2), fixed_date=D(2026, 3, 16)) == D(2026, 3, 16)


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        (D(2026, 4, 30), D(2026, 5, 4)),  # Thu 30/4, Fri 1/5, weekend
        (D(2025, 4, 30), D(2025, 5, 5)),  # Wed 30/4, Thu 1/5, Fri 2/5 swapped, weekend
        (D(2027, 4, 30), D(2027, 5, 4)),  # Fri 30/4, Sat 1/5 compensated on Mon 3/5
    ],
)
def test_deadline_on_30_april_rolls_past_the_holidays(db, fixed, expected):
    assert due_date(start=D(fixed.year, 4, 1), fixed_date=fixed) == expected


def test_due_date_needs_exactly_one_rule(db):
    with pytest.raises(ValueError):
        due_date(start=D(2026, 3, 2))
    with pytest.raises(ValueError):
        due_date(start=D(2026, 3, 2), fixed_date=D(2026, 3, 9), working_days=3)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 2), -1)


def test_overdue_is_negative(db):
    # Due Thursday 26/02/2026, looked at on Tuesday 03/03: three working days late.
    assert working_days_between(D(2026, 3, 3), D(2026, 2, 26)) == -3


# Seeding


def test_seed_year_is_idempotent_and_keeps_admin_edits(db):
    # 24/11 is seeded as a working day (no law makes it a day off as of the sources read);
    # an administrator who receives a decision sets it off, and re-seeding keeps that.
    source = "Văn bản giả định cho phép thử"
    calendar_day_set_kind(D(2026, 11, 24), Kind.HOLIDAY, source=source, provisional=False)
    assert seed_year(2026) == 0
    row = CalendarDay.objects.get(day=D(2026, 11, 24))
    assert (row.is_working, row.source, row.provisional) == (False, source, False)
    assert CalendarDay.objects.filter(year=2026).count() == 365


def test_migration_seeded_vietnamese_names(db):
    holidays = CalendarDay.objects.filter(year=2026, kind=Kind.HOLIDAY)
    names = dict(holidays.values_list("day", "name"))
    assert names[D(2026, 1, 1)] == "Tết Dương lịch"
    assert names[D(2026, 2, 17)] == "Tết Nguyên đán"
    assert names[D(2026, 4, 26)] == "Giỗ Tổ Hùng Vương"
    assert names[D(2026, 4, 30)].startswith("Ngày Giải phóng miền Nam")
    assert names[D(2026, 5, 1)] == "Quốc tế Lao động"
    assert names[D(2026, 9, 2)] == "Quốc khánh"
    assert set(CalendarDay.objects.values_list("year", flat=True).distinct()) >= {2025, 2026, 2027}
    for row in CalendarDay.objects.filter(year=2026):
        assert row.is_working == (row.kind in (Kind.WORKING, Kind.MAKEUP_WORKING))


def test_unseeded_year_is_seeded_on_first_use(db):
    assert not CalendarDay.objects.filter(year=2031).exists()
    assert not is_working_day(D(2031, 1, 1))
    assert CalendarDay.objects.filter(year=2031).count() == 365
    assert seed_year(2031) == 0


def test_missing_day_falls_back_to_monday_to_friday(db):
    CalendarDay.objects.filter(day__in=[D(2026, 4, 30), D(2026, 5, 2)]).delete()
    calendar.clear_cache()
    assert is_working_day(D(2026, 4, 30))  # a Thursday without its row
    assert not is_working_day(D(2026, 5, 2))  # a Saturday without its row
    assert not is_working_day(D(2026, 5, 1))


# Admin


def test_admin_changelist_is_vietnamese(client, db):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    url = reverse("admin:notifications_calendarday_changelist")
    response = client.get(url, {"year": 2026, "kind__exact": Kind.HOLIDAY})
    assert response.status_code == 200
    html = response.content.decode()
    expected = ("lịch ngày làm việc", "Tết Nguyên đán", "Nghỉ lễ, Tết", "Thứ Ba")
    expected += ("Tạo lịch cho năm sau",)
    assert all(text in html for text in expected), [t for t in expected if t not in html]


def test_admin_edit_in_list_keeps_is_working_right(client, db):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    assert is_working_day(D(2026, 3, 9))
    url = reverse("admin:notifications_calendarday_change", args=["2026-03-09"])
    response = client.post(url, {"kind": Kind.HOLIDAY, "name": "Nghỉ lễ địa phương"})
    assert response.status_code == 302
    row = CalendarDay.objects.get(day=D(2026, 3, 9))
    assert (row.kind, row.is_working) == (Kind.HOLIDAY, False)
    assert not is_working_day(D(2026, 3, 9))


@pytest.mark.django_db
def test_dieu_147_a_worked_saturday_as_the_first_day_is_not_counted():
    """Saturday 10/01/2026 is worked (make-up for Friday 02/01, CV 12729/VPCP-KGVX); as the
    day a period starts from it is not counted (Bộ luật Dân sự 2015, Điều 147); as the last
    day it is."""
    from notifications.calendar import working_days_between

    saturday = datetime.date(2026, 1, 10)
    assert working_days_between(saturday, datetime.date(2026, 1, 12)) == 1  # Monday only
    assert working_days_between(datetime.date(2026, 1, 9), saturday) == 1  # the Saturday
