"""A step's answer tells the truth (issue #12, DESIGN.md): the database connections of a live
server are terminated at random moments while it serves step POSTs, and still every step
answered 5xx did not commit — or, if its commit's acknowledgement was what got lost, shows
its result when the same form is sent again — and every step answered with success did
commit, exactly once."""

import datetime
import functools
import http.client
import importlib
import random
import re
import sys
import threading
import time
import traceback
import urllib.parse
import uuid

import psycopg
import pytest
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client
from django.urls import reverse

from dossiers.models import NominationStatus as N
from dossiers.models import NominationTransition
from tests.journeys import Province
from tests.rewards.journeys import RewardJourney, person
from workflows.models import StepReceipt
from workflows.receipts import ALREADY_DONE

pytestmark = pytest.mark.django_db

POSTS = 24
SEED = 12
CSRF = "a" * 32  # an unmasked CSRF secret: the cookie and the field agree


class LiveClient:
    """Plain HTTP against the live server, no redirects followed, one session cookie."""

    def __init__(self, live_server_url, session_key):
        parsed = urllib.parse.urlsplit(live_server_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies = {"sessionid": session_key, "csrftoken": CSRF}

    def request(self, method, path, data=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=20)
        body = urllib.parse.urlencode(data or {})
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}/"
        try:
            conn.request(method, path, body=body if method == "POST" else None, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", text
        finally:
            conn.close()


class Killer:
    """From its own connection, terminate every other backend of the test database that is
    at work (running a statement or inside a transaction); idle pooled connections are
    left, as psycopg's pool otherwise stalls a request up to its timeout while it regrows."""

    def __init__(self, dsn):
        self.conn = psycopg.connect(dsn, autocommit=True)
        self.rounds = 0
        self.terminated = 0

    def kill(self):
        rows = self.conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state <> 'idle'"
        ).fetchall()
        self.rounds += 1
        self.terminated += sum(1 for (done,) in rows if done)

    def during(self, call, delay):
        """Run `call` in a thread and kill the connections `delay` seconds after it
        started: while it runs, or just after it answered."""
        answer = {}
        thread = threading.Thread(target=lambda: answer.update(value=call()), daemon=True)
        thread.start()
        time.sleep(delay)
        self.kill()
        thread.join(timeout=30)
        return answer["value"]


def _dsn():
    s = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432
    )


def _token(html):
    match = re.search(r'name="step_token" value="([0-9a-f]{32})"', html)
    assert match, "the step form carries a one-time token"
    return match.group(1)


def _reconnect():
    """The test's own connection was terminated too."""
    try:
        connection.close()
    except Exception:
        connection.connection = None


@pytest.fixture
def reward_forms(reference_data):
    """The transactional database is emptied after each test: put back the reward forms
    the migrations seed (as tests/browser/test_reward_journeys.py does)."""
    from django.apps import apps

    importlib.import_module("dossiers.migrations.0006_seed_reward_forms").forwards(apps, None)
    importlib.import_module("dossiers.migrations.0010_minister_bang_khen_recorded").forwards(
        apps, None
    )


@pytest.fixture
def failures_by_token():
    """The traceback files of every exception the live server turned into a 500, by the
    step token of the request."""
    seen = {}

    def record(sender, request=None, **kwargs):
        token = request.POST.get("step_token", "") if request is not None else ""
        files = [frame.filename for frame in traceback.extract_tb(sys.exc_info()[2])]
        seen.setdefault(token, []).append(files)

    got_request_exception.connect(record, weak=False)
    yield seen
    got_request_exception.disconnect(record)


@pytest.mark.usefixtures("reward_forms")
def test_terminated_connections_never_make_a_step_answer_lie(
    live_server, failures_by_token, caplog
):
    p = Province.build()
    nominations = [
        RewardJourney(p, nominees=[person(p, f"0792010{i:05d}", f"Nguyễn Văn {i}")]).to("submitted")
        for i in range(POSTS)
    ]
    login = Client()
    login.force_login(p.appraiser)
    client = LiveClient(live_server.url, login.cookies["sessionid"].value)
    forms = []
    for nomination in nominations:  # each form as the browser got it, before the faults
        url = reverse("nomination-appraise", args=[nomination.pk])
        status, _, html = client.request("GET", url)
        assert status == 200
        forms.append((nomination, url, _token(html)))

    killer = Killer(_dsn())
    rng = random.Random(SEED)
    answers = []
    started = time.monotonic()
    with killer.conn:
        for nomination, url, token in forms:
            data = {
                "csrfmiddlewaretoken": CSRF,
                "step_token": token,
                "outcome": "forward",
                "comment": "Đủ điều kiện.",
            }
            post = functools.partial(client.request, "POST", url, data)
            answer = killer.during(post, delay=rng.uniform(0, 0.08))
            answers.append((nomination, url, data, answer[:2]))
            time.sleep(0.05)
    elapsed = time.monotonic() - started
    _reconnect()

    detail = {n.pk: reverse("nomination-detail", args=[n.pk]) for n in nominations}
    figures = {"posts": len(answers), "5xx": 0, "committed": 0, "committed_5xx": 0}
    for nomination, url, data, (status, location) in answers:
        nomination.refresh_from_db()
        committed = nomination.status == N.APPRAISED
        receipt = StepReceipt.objects.filter(token=uuid.UUID(data["step_token"])).first()
        # The receipt is written in the step's transaction: both or neither.
        assert (receipt is not None) == committed, (nomination.pk, status)
        figures["committed"] += committed
        if status < 500:
            # An answer that is not a failure is the result page (the step done) or the
            # form again (nothing done); never a success without the commit.
            assert (status == 302 and location == detail[nomination.pk]) == committed, (
                nomination.pk,
                status,
                location,
            )
            continue
        figures["5xx"] += 1
        if committed:
            figures["committed_5xx"] += 1
            # Only the commit's own acknowledgement may be lost (raised inside the step),
            # never a failure after it (the session, the messages, the announcement).
            failures = failures_by_token.get(data["step_token"], [])
            assert failures and all(any("/workflows/" in f for f in files) for files in failures), (
                nomination.pk,
                failures,
            )
        # The same form sent again: the result of the step if it committed, else the step
        # done now — and never twice.
        status, location, _ = client.request("POST", url, data)
        assert (status, location) == (302, detail[nomination.pk])
        if committed:
            _, _, html = client.request("GET", location)
            assert ALREADY_DONE in html

    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.status == N.APPRAISED
        assert (
            NominationTransition.objects.filter(nomination=nomination, target=N.APPRAISED).count()
            == 1
        )
    assert killer.terminated > 0 and elapsed < 60
    saved = sum("session refresh failed" in r.getMessage() for r in caplog.records)
    print(
        f"\nconnection-kill: {figures['posts']} step POSTs, {figures['5xx']} answered 5xx, "
        f"{figures['committed']} committed during the faults "
        f"({figures['committed_5xx']} of them answered 5xx: commit acknowledgement lost), "
        f"{killer.terminated} backends terminated in {killer.rounds} rounds, {elapsed:.1f} s; "
        f"{saved} session refresh(es) failed after a commit (each a failed answer before)"
    )


# --- without faults: the same guarantees, one at a time ------------------------------------


@pytest.fixture
def p():
    return Province.build()


def _appraise(client, nomination, token=None, **extra):
    url = reverse("nomination-appraise", args=[nomination.pk])
    token = token or _token(client.get(url).content.decode())
    data = {"step_token": token, "outcome": "forward", "comment": "Đủ điều kiện.", **extra}
    return token, client.post(url, data)


def _appraised(nomination):
    return NominationTransition.objects.filter(nomination=nomination, target=N.APPRAISED).count()


def test_a_retried_step_shows_its_result_and_acts_once(client, p):
    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)
    token, first = _appraise(client, nomination)
    assert first.status_code == 302
    _, again = _appraise(client, nomination, token=token)
    detail = reverse("nomination-detail", args=[nomination.pk])
    assert (again.status_code, again.url) == (302, detail)
    assert ALREADY_DONE in client.get(detail).content.decode()
    assert _appraised(nomination) == 1
    # Someone else's token is not a receipt of theirs: the page acts as without one.
    client.force_login(p.reviewer)
    assert client.post(reverse("nomination-appraise", args=[nomination.pk]), {"step_token": token})
    assert _appraised(nomination) == 1


def test_a_malformed_step_token_is_refused_and_nothing_happens(client, p):
    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)
    _, response = _appraise(client, nomination, token="không-phải-mã")
    assert response.status_code == 400
    assert _appraised(nomination) == 0


def test_a_failing_session_refresh_does_not_fail_a_committed_step(client, p, monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)
    url = reverse("nomination-appraise", args=[nomination.pk])
    token = _token(client.get(url).content.decode())

    def lost(self, must_create=False):
        raise OperationalError("the connection is lost")

    monkeypatch.setattr(SessionStore, "save", lost)
    _, response = _appraise(client, nomination, token=token)
    assert response.status_code == 302
    assert _appraised(nomination) == 1
    assert "messages" in response.cookies  # the message travels in a cookie, not the session


@pytest.mark.usefixtures("reward_forms")  # a real commit runs the real on-commit hooks
def test_a_broker_down_after_the_commit_does_not_fail_the_step(client, monkeypatch):
    from kombu.exceptions import OperationalError

    from notifications.tasks import announce_nomination

    p = Province.build()
    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(announce_nomination, "delay", broker_down)
    _, response = _appraise(client, nomination)
    assert response.status_code == 302
    assert _appraised(nomination) == 1


def _decide(client, p, dossier, token):
    return client.post(
        reverse("decision-create"),
        {
            "step_token": token,
            "issuer": p.commune.pk,
            "dossier": [dossier.pk],
            f"result_{dossier.pk}": "1",
            "signer": p.signer.pk,
            "signer_title": "Chủ tịch",
            "authority": "tm",
            "summary": "Về việc công nhận",
        },
    )


def test_a_retried_decision_shows_the_decision_issued_and_numbers_no_second_one(client, p):
    from documents.models import DecisionDraft
    from dossiers.models import Decision
    from tests.journeys import Journey

    dossier = Journey(p, p.agency).to("proposed")
    client.force_login(p.committee)
    token = _token(client.get(reverse("decision-create")).content.decode())
    first = _decide(client, p, dossier, token)
    draft = DecisionDraft.objects.get()
    assert first.url == reverse("draft-detail", args=[draft.pk])
    again = _decide(client, p, dossier, token)
    assert again.url == first.url
    assert ALREADY_DONE in client.get(again.url).content.decode()
    assert DecisionDraft.objects.count() == 1 and not Decision.objects.exists()


def test_the_receipt_is_written_with_the_step_itself(client, p, monkeypatch):
    """Even when nothing after the commit gets to run (the refinement of the receipt fails
    with the connection), a retry lands on the page of the step's subject, not on a second
    attempt."""
    from documents.models import DecisionDraft
    from tests.journeys import Journey
    from workflows import receipts

    dossier = Journey(p, p.agency).to("proposed")
    client.force_login(p.committee)
    token = _token(client.get(reverse("decision-create")).content.decode())
    monkeypatch.setattr(receipts, "_refine", lambda token, location: None)
    assert _decide(client, p, dossier, token).status_code == 302
    again = _decide(client, p, dossier, token)
    assert again.url == reverse("draft-list")
    assert DecisionDraft.objects.count() == 1


STEP_VIEWS = [
    "dossier-register",
    "dossier-assess",
    "dossier-review",
    "dossier-appraise",
    "registration-acknowledge",
    "decision-create",
    "decision-revoke",
    "minister-decision-record",
    "nomination-create",
    "nomination-submit",
    "nomination-appraise",
    "nomination-vote",
    "reward-decision-create",
    "reward-decision-record",
    "reward-revoke",
]
STEP_TEMPLATES = [
    "recognition/register.html",
    "recognition/assess.html",
    "recognition/step.html",
    "recognition/dossier_detail.html",
    "recognition/decision_form.html",
    "recognition/minister_decision_record.html",
    "rewards/nomination_form.html",
    "rewards/nomination_detail.html",
    "rewards/appraise.html",
    "rewards/vote.html",
    "rewards/decision_form.html",
    "rewards/decision_record.html",
    "rewards/revoke_form.html",
]


@pytest.mark.parametrize("name", STEP_VIEWS)
def test_every_step_view_takes_the_one_time_token(name):
    view = next(p.callback for p in _patterns() if getattr(p, "name", None) == name)
    assert getattr(view, "takes_step_token", False), name


def _patterns():
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            else:
                yield pattern

    return list(walk(get_resolver().url_patterns))


@pytest.mark.parametrize("template", STEP_TEMPLATES)
def test_every_step_form_carries_a_token(template):
    from django.conf import settings

    text = (settings.BASE_DIR / "templates" / template).read_text()
    assert "{% load steps %}" in text and "{% step_token %}" in text


# --- input bounded at the form ---------------------------------------------------------


def test_a_registration_with_2147483648_households_is_a_field_error(client, p, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.models import Dossier
    from tests.journeys import PDF, registration_documents
    from workflows import deadlines

    monkeypatch.setattr(deadlines, "today", lambda: datetime.date(2026, 2, 10))
    client.force_login(p.head)
    data = {
        "unit": p.unit.pk,
        "cycle": p.cycle.pk,
        "households_total": "2147483648",
        "households_registered": "99999999999999999999999",
        "commitment": "Giữ vững\x00 an ninh",
        "has_party_organisation": "1",
    }
    for code in registration_documents(p.unit):
        data[f"file_{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF)
    response = client.post(reverse("dossier-register"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["households_total"] == ["Giá trị không được lớn hơn 1000000."]
    assert errors["households_registered"] == ["Giá trị không được lớn hơn 1000000."]
    assert errors["commitment"]  # the NUL byte
    data.update(households_total="９０", households_registered="90", commitment="Cam kết")
    for code in registration_documents(p.unit):
        data[f"file_{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF)
    errors = client.post(reverse("dossier-register"), data).context["form"].errors
    assert list(errors) == ["households_total"]  # full-width digits are not ASCII digits
    assert not Dossier.objects.exists()


def test_nul_bytes_in_a_step_comment_are_a_field_error(client, p):
    nomination = RewardJourney(p).to("submitted")
    client.force_login(p.appraiser)
    _, response = _appraise(client, nomination, comment="Đủ\x00 điều kiện")
    assert response.status_code == 200
    assert response.context["step_form"].errors["comment"]
    assert _appraised(nomination) == 0
