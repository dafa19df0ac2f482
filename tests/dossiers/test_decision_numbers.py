"""Decision numbers (DOMAIN.md §1 "Decision and certificate": "Số: 123/QĐ-UBND", numbers
restart every 1 January per issuer; dossiers/decisions.py): per issuer, symbol and year,
and taken under the counter's row lock so that concurrent issuers get distinct consecutive
numbers. The lock is proved on two real PostgreSQL connections, deterministically: the
first issuer keeps its transaction open until the second is seen waiting on a lock."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from dossiers.decisions import _next_number, clean_reference, decision_create
from dossiers.models import AuthorityMarker, DecisionCounter, DecisionKind
from dossiers.services import DomainError
from tests.factories import AreaFactory, UserFactory

D = datetime.date


def issue(user, issuer, issued_on):
    return decision_create(
        user=user,
        issuer=issuer,
        kind=DecisionKind.RECOGNISE,
        issued_on=issued_on,
        signer_name="Huỳnh Văn Giang",
        signer_title="Chủ tịch",
        authority=AuthorityMarker.TM,
        summary="Công nhận đạt tiêu chuẩn",
    )


@pytest.mark.django_db
def test_numbers_restart_every_1_january_per_issuer():
    commune = AreaFactory(commune=True)
    other = AreaFactory(commune=True)
    user = UserFactory()
    numbers = [
        (d.year, d.number, d.issuer_id)
        for d in (
            issue(user, commune, D(2026, 12, 30)),
            issue(user, commune, D(2027, 1, 2)),
            issue(user, commune, D(2026, 12, 31)),
            issue(user, other, D(2026, 12, 31)),
            issue(user, commune, D(2027, 1, 4)),
        )
    ]
    assert numbers == [
        (2026, 1, commune.pk),
        (2027, 1, commune.pk),
        (2026, 2, commune.pk),
        (2026, 1, other.pk),
        (2027, 2, commune.pk),
    ]


def _waiting_on_a_lock(pid) -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh inside a transaction
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


@pytest.mark.usefixtures("reference_data")
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_get_distinct_consecutive_numbers():
    """The first issuer takes a number and keeps its transaction open; the second asks for a
    number meanwhile. Only when the second is seen waiting on a lock does the first commit.
    Locked, the second reads the committed counter (2); unlocked, it would have read the
    old one and taken 1 again."""
    issuer = AreaFactory(commune=True)
    DecisionCounter.objects.create(issuer=issuer, symbol="QĐ-UBND", year=2026)
    first_has_number = threading.Event()
    second_pid = {}
    numbers = {}

    def second():
        try:
            first_has_number.wait(timeout=10)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    second_pid["pid"] = cursor.fetchone()[0]
                numbers["second"] = _next_number(issuer, "QĐ-UBND", 2026)
        finally:
            connection.close()

    thread = threading.Thread(target=second)
    thread.start()
    with transaction.atomic():
        numbers["first"] = _next_number(issuer, "QĐ-UBND", 2026)
        first_has_number.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (
            "pid" in second_pid and _waiting_on_a_lock(second_pid["pid"])
        ):
            time.sleep(0.02)
        seen_waiting = "pid" in second_pid and _waiting_on_a_lock(second_pid["pid"])
    thread.join(timeout=30)
    assert seen_waiting
    assert (numbers["first"], numbers["second"]) == (1, 2)
    assert DecisionCounter.objects.get(issuer=issuer, year=2026).last_number == 2


SIGNATURE = {
    "issued_on": ("ngày ban hành", D(2026, 12, 10)),
    "signer_name": ("người ký", "Huỳnh Văn Giang"),
    "signer_title": ("chức vụ người ký", "Chủ tịch"),
    "authority": ("thẩm quyền ký", AuthorityMarker.TM),
    "summary": ("trích yếu", "Công nhận đạt tiêu chuẩn"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("missing", [[], *[[f] for f in SIGNATURE], ["signer_name", "summary"]])
def test_a_decision_names_every_missing_part_of_its_signature(missing):
    """Decree 30/2020/NĐ-CP: a decision carries its date, signer, title, authority and
    summary; the message lists exactly what is missing, and nothing is numbered."""
    commune = AreaFactory(commune=True)
    fields = {f: (None if f in missing else value) for f, (_, value) in SIGNATURE.items()}
    user = UserFactory()

    def create():
        return decision_create(user=user, issuer=commune, kind=DecisionKind.RECOGNISE, **fields)

    if not missing:
        assert create().number == 1
        return
    with pytest.raises(DomainError) as error:
        create()
    labels = ", ".join(SIGNATURE[f][0] for f in missing)
    assert str(error.value) == f"Vui lòng nhập {labels}."
    assert not DecisionCounter.objects.filter(issuer=commune).exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("  1234/QĐ-BCA ", "1234/QĐ-BCA"), ("12 / QĐ-BCA", "12 / QĐ-BCA"), ("x" * 64, "x" * 64)],
)
def test_a_recorded_reference_is_kept_as_typed(typed, kept):
    assert clean_reference(typed) == kept


REQUIRED = "Vui lòng nhập số, ký hiệu quyết định như trên văn bản đã ban hành."


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", REQUIRED), (" ", REQUIRED), ("x" * 65, "Số, ký hiệu quyết định không quá 64 ký tự.")],
)
def test_a_recorded_reference_is_required_and_bounded(typed, message):
    with pytest.raises(DomainError) as error:
        clean_reference(typed)
    assert str(error.value) == message


@pytest.mark.django_db
def test_a_decision_keeps_what_was_signed_and_numbers_each_symbol_apart():
    """The committee's "QĐ-UBND" by default; another symbol of the same issuer (its
    chairman's "QĐ-CT") has its own numbering."""
    commune, user = AreaFactory(commune=True), UserFactory()
    decision = issue(user, commune, D(2026, 12, 10))
    decision.refresh_from_db()
    assert (decision.reference, decision.reason) == ("01/QĐ-UBND", "")
    assert (decision.signer_name, decision.signer_title, decision.summary) == (
        "Huỳnh Văn Giang",
        "Chủ tịch",
        "Công nhận đạt tiêu chuẩn",
    )
    other = decision_create(
        user=user,
        issuer=commune,
        kind=DecisionKind.REVOKE,
        issued_on=D(2026, 12, 11),
        signer_name="Lê Thị Hoa",
        signer_title="Phó Chủ tịch",
        authority=AuthorityMarker.KT,
        summary="Thu hồi",
        reason="Che giấu vụ việc",
        symbol="QĐ-CT",
    )
    other.refresh_from_db()
    assert (other.reference, other.reason, other.signer_title) == (
        "01/QĐ-CT",
        "Che giấu vụ việc",
        "Phó Chủ tịch",
    )
    assert issue(user, commune, D(2026, 12, 12)).reference == "02/QĐ-UBND"
