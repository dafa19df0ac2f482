"""Every exceptional day of the calendar names its source, and a day no decision confirms is
provisional (DOMAIN.md §4; domain-audit.md §5); the "trước ngày" cut-offs of Thông tư
124/2021/TT-BCA Điều 9 khoản 1. Years 2025–2027 are seeded by the data migrations."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from accounts.models import Role
from notifications import calendar
from notifications.calendar import (
    add_working_days,
    is_working_day,
    last_working_day_before,
    roll_to_working_day,
)
from notifications.calendar_plan import year_plan
from notifications.models import CalendarDay, CalendarDayKind
from tests.factories import UserFactory

Kind = CalendarDayKind
D = datetime.date
pytestmark = pytest.mark.django_db

sources_migration = importlib.import_module(
    "notifications.migrations.0006_calendar_sources_and_culture_day"
)


def _exceptional(row) -> bool:
    """Not an ordinary Monday–Friday working day nor an ordinary weekend day."""
    ordinary = Kind.WORKING if row.day.weekday() < 5 else Kind.WEEKEND
    return row.kind != ordinary or bool(row.name) or row.provisional


def test_every_exceptional_day_of_2025_to_2027_names_its_source():
    rows = [r for r in CalendarDay.objects.filter(year__in=[2025, 2026, 2027]) if _exceptional(r)]
    assert len(rows) > 40
    assert [r.day for r in rows if not r.source.strip()] == []
    ordinary = CalendarDay.objects.filter(year=2026, day=D(2026, 3, 10)).get()
    assert (ordinary.source, ordinary.provisional) == ("", False)


def test_statutory_days_cite_labour_code_art_112_and_swaps_cite_the_decision():
    source = dict(CalendarDay.objects.filter(year=2026).values_list("day", "source"))
    assert source[D(2026, 1, 1)] == "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a"
    assert source[D(2026, 1, 2)] == source[D(2026, 1, 10)]
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025" in source[D(2026, 1, 2)]
    assert source[D(2026, 2, 17)].startswith("Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b; ")
    assert source[D(2026, 4, 27)].startswith("Bộ luật Lao động 2019, Điều 111 khoản 3")
    assert "Thông báo 6150/TB-BLĐTBXH" in CalendarDay.objects.get(day=D(2025, 5, 2)).source


def test_culture_day_24_11_is_a_working_day_in_2026_and_2027():
    for day in (D(2026, 11, 24), D(2027, 11, 24)):
        row = CalendarDay.objects.get(day=day)
        assert (row.kind, row.is_working, row.provisional) == (Kind.WORKING, True, True)
        assert row.source
        assert is_working_day(day)
    assert not any(a.kind == Kind.HOLIDAY and a.day.month == 11 for a in year_plan(2026))


def test_working_days_across_24_11_2026_follow_the_official_calendar():
    # domain-audit.md §5: 23, 24, 25, 26, 27/11 and 17, 18, …, 27, 30/11.
    assert add_working_days(D(2026, 11, 20), 5) == D(2026, 11, 27)
    assert add_working_days(D(2026, 11, 16), 10) == D(2026, 11, 30)


def test_2027_government_choices_are_provisional_and_fixed_days_are_not():
    provisional = dict(CalendarDay.objects.filter(year=2027).values_list("day", "provisional"))
    # Điều 112 khoản 3 and Điều 111 khoản 3: Tết's days, the day next to 2/9 and the
    # compensatory day wait for the Prime Minister's decision.
    chosen = [D(2027, 2, d) for d in range(4, 11)] + [D(2027, 5, 3), D(2027, 9, 3)]
    assert all(provisional[d] for d in chosen)
    # Điều 112 khoản 1 fixes these dates itself.
    fixed = [D(2027, 1, 1), D(2027, 4, 16), D(2027, 4, 30), D(2027, 5, 1), D(2027, 9, 2)]
    assert not any(provisional[d] for d in fixed)


def test_2026_confirmed_days_are_not_provisional():
    rows = [r for r in CalendarDay.objects.filter(year=2026) if _exceptional(r)]
    assert [r.day for r in rows if r.provisional] == [D(2026, 11, 24)]


def test_year_without_a_decision_keeps_the_library_days_provisional():
    plan = {a.day: a for a in year_plan(2028)}
    tet = [a for a in plan.values() if "Tết Nguyên đán" in a.name]
    assert tet and all(a.provisional and a.source for a in tet)
    assert plan[D(2028, 9, 2)].provisional is False


# Admin


@pytest.fixture
def calendar_admin(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def test_admin_changelist_shows_source_and_marks_provisional_days(calendar_admin):
    url = reverse("admin:notifications_calendarday_changelist")
    html = calendar_admin.get(url, {"year": 2027, "kind__exact": Kind.HOLIDAY}).content.decode()
    assert html.count('class="calendar-provisional">Dự kiến<') == 8  # Tết ×7, 03/09
    assert "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b" in html
    assert "căn cứ" in html.lower() and "tình trạng" in html.lower()
    html = calendar_admin.get(url, {"year": 2026, "kind__exact": Kind.HOLIDAY}).content.decode()
    assert "calendar-provisional" not in html
    html = calendar_admin.get(url, {"provisional__exact": "1", "year": 2026}).content.decode()
    assert html.count("calendar-provisional") == 1 and "Ngày Văn hóa Việt Nam" in html


def test_admin_edits_source_and_provisional(calendar_admin):
    url = reverse("admin:notifications_calendarday_change", args=["2027-02-04"])
    form = calendar_admin.get(url).content.decode()
    assert 'name="source"' in form and 'name="provisional"' in form
    source = "Thông báo giả định về nghỉ Tết 2027"
    data = {"kind": Kind.HOLIDAY, "name": "Tết Nguyên đán", "source": source}
    response = calendar_admin.post(url, data)  # the box unticked: confirmed
    assert response.status_code == 302
    row = CalendarDay.objects.get(day=D(2027, 2, 4))
    assert (row.source, row.provisional, row.is_working) == (source, False, False)


# Data migration


def test_data_migration_turns_the_old_24_11_holiday_back_into_a_working_day():
    old = {"kind": Kind.HOLIDAY, "is_working": False, "source": "", "provisional": False}
    CalendarDay.objects.filter(day=D(2026, 11, 24)).update(name="Ngày Văn hóa Việt Nam", **old)
    edited = "Ngày Văn hóa Việt Nam (theo quyết định của tỉnh)"
    CalendarDay.objects.filter(day=D(2027, 11, 24)).update(name=edited, **old)
    CalendarDay.objects.filter(year=2026).update(source="", provisional=False)
    calendar.clear_cache()
    assert not is_working_day(D(2026, 11, 24))

    sources_migration.forwards(django_apps, None)

    row = CalendarDay.objects.get(day=D(2026, 11, 24))
    assert (row.kind, row.is_working, row.provisional) == (Kind.WORKING, True, True)
    assert is_working_day(D(2026, 11, 24))
    assert CalendarDay.objects.get(day=D(2026, 1, 1)).source.startswith("Bộ luật Lao động")
    kept = CalendarDay.objects.get(day=D(2027, 11, 24))  # an administrator's edit stays
    assert (kept.kind, kept.name, kept.is_working, kept.source) == (
        Kind.HOLIDAY,
        edited,
        False,
        "",
    )


# Thông tư 124/2021/TT-BCA, Điều 9 khoản 1: "trước ngày 15/20 tháng 11"


def test_art_9_cut_off_is_last_working_day_before():
    # 15/11/2026 is a Sunday: the cut-off is Friday 13/11, not Monday 16/11 (Điều 148).
    assert last_working_day_before(D(2026, 11, 15)) == D(2026, 11, 13)
    assert roll_to_working_day(D(2026, 11, 15)) == D(2026, 11, 16)
    # 20/11/2026 is a Friday: the day itself is excluded ("trước ngày").
    assert last_working_day_before(D(2026, 11, 20)) == D(2026, 11, 19)
    # Holidays are skipped backwards, make-up Saturdays count.
    assert last_working_day_before(D(2026, 1, 5)) == D(2025, 12, 31)
    assert last_working_day_before(D(2026, 1, 11)) == D(2026, 1, 10)
