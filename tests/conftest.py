import datetime
import os
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's async-safety
# guard would otherwise refuse the ORM calls that set up browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


#: The day every test runs on unless it says otherwise: inside the 2026 cycle. Move it to
#: show the suite does not depend on the machine's date: ANTT_TEST_TODAY=2027-01-02 pytest
TEST_TODAY = datetime.date.fromisoformat(os.environ.get("ANTT_TEST_TODAY", "2026-09-15"))


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """The application's clock (`timezone.now()`, `localdate()`, `date.today()`) starts at
    09:00 Hà Nội time on `TEST_TODAY` and ticks on from there, so sleeps and timeouts still
    work. Tests that share the clock with another process keep the real one: a Celery worker
    (`real_clock`) or a browser (`browser`)."""
    if request.node.get_closest_marker("real_clock") or request.node.get_closest_marker("browser"):
        yield None
        return
    import time_machine

    with time_machine.travel(at_nine(TEST_TODAY), tick=True) as traveller:
        yield traveller


def at_nine(day: datetime.date) -> datetime.datetime:
    """09:00 Hà Nội time on `day`: where `frozen_clock.move_to` puts a test's today."""
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """The working calendar is cached in the process; a test's rolled-back edits must not
    leak into the next test."""
    from dossiers import memo
    from notifications import calendar

    calendar.clear_cache()
    memo.clear_all()
    yield
    calendar.clear_cache()
    memo.clear_all()


@pytest.fixture
def reference_data(transactional_db):
    """Tests on a transactional database (browsers, concurrent connections) see it emptied
    after each test; put back the reference rows the migrations seeded."""
    from django.apps import apps

    from dossiers.reference.seed import seed_reference_data

    seed_reference_data(apps)
    # …and the reminder offsets the notifications migration seeds (data, not schema).
    import_module("notifications.migrations.0004_seed_notice_rules").forwards(apps, None)


@pytest.fixture
def tree(db):
    """A small two-level province: two communes, each with two residential areas."""
    from tests.factories import AreaFactory

    province = AreaFactory(province=True, name="Tỉnh Thử Nghiệm")
    communes = {}
    for name in ("Xã Một", "Xã Hai"):
        commune = AreaFactory(commune=True, name=name, parent=province)
        communes[name] = {
            "area": commune,
            "residential": [
                AreaFactory(residential=True, name=f"Ấp {i}, {name}", parent=commune)
                for i in (1, 2)
            ],
        }
    return {"province": province, "communes": communes}
