import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's async-safety
# guard would otherwise refuse the ORM calls that set up browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """The working calendar is cached in the process; a test's rolled-back edits must not
    leak into the next test."""
    from notifications import calendar

    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def reference_data(transactional_db):
    """Tests on a transactional database (browsers, concurrent connections) see it emptied
    after each test; put back the reference rows the migrations seeded."""
    from django.apps import apps

    from dossiers.reference.seed import seed_reference_data

    seed_reference_data(apps)


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
