import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role, User
from dossiers.demo import DEMO_PASSWORD
from dossiers.models import AdministrativeArea, CycleRoute, RecognitionCycle, Unit

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "areas": AdministrativeArea.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "cycles": RecognitionCycle.objects.count(),
        "routes": CycleRoute.objects.count(),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
    }


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_demo_builds_new_tay_ninh_and_a_historical_district(demo):
    province = AdministrativeArea.objects.get(level__code="province", valid_to=None)
    communes = AdministrativeArea.objects.filter(level__code="commune", parent=province)
    assert communes.count() == 96
    assert AdministrativeArea.objects.filter(level__code="district").count() == 1
    assert {c.year for c in RecognitionCycle.objects.all()} == {2024, 2026}
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_every_demo_user_has_an_email_address(demo):
    """README: e-mails print to the console; nobody without an address receives one."""
    assert User.objects.exists()
    assert not User.objects.filter(email="").exists()


def test_running_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == before


DEMO_USERS = [
    "quantri",
    "truongkhupho",
    "thutruong",
    "caxa.godau",
    "cahuyen.godau",
    "catinh.pv05",
    "ubndxa.godau",
    "ldubnd.godau",
    "ubndtinh",
    "theodoi",
]


@pytest.mark.parametrize("username", DEMO_USERS)
def test_each_demo_user_logs_in_and_sees_only_its_jurisdiction(client, demo, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username=username)
    response = client.get(reverse("unit-list"))
    assert response.status_code == 200
    shown = response.context["paginator"].count
    expected = Unit.objects.visible_to(user).count()
    assert shown == expected
    if user.role == Role.UNIT_HEAD:
        assert shown == 1
    elif user.role == Role.REVIEWING_POLICE:
        assert 1 < shown < Unit.objects.count()


@pytest.mark.parametrize(
    "username, waiting",
    [("caxa.godau", "Khu phố 2"), ("catinh.pv05", "Phường Gò Dầu"), ("ubndxa.godau", "Công ty")],
)
def test_demo_officers_find_work_in_their_inbox(client, demo, username, waiting):
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    tasks = list(client.get(reverse("inbox")).context["tasks"])
    assert len(tasks) == 1
    assert waiting in tasks[0].process.dossier.unit.name
