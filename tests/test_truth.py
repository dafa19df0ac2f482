"""A step's answer tells the truth (issue #12, DESIGN.md): the database connections of a live
server are terminated at random moments while it serves step POSTs, and still every step
answered 5xx did not commit — or, if its commit's acknowledgement was what got lost, shows
its result when the same form is sent again — and every step answered with success did
commit, exactly once."""

import functools
import http.client
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

pytestmark = pytest.mark.usefixtures("reference_data")

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


def test_terminated_connections_never_make_a_step_answer_lie(live_server, failures_by_token):
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
    print(
        f"\nconnection-kill: {figures['posts']} step POSTs, {figures['5xx']} answered 5xx, "
        f"{figures['committed']} committed during the faults "
        f"({figures['committed_5xx']} of them answered 5xx: commit acknowledgement lost), "
        f"{killer.terminated} backends terminated in {killer.rounds} rounds, {elapsed:.1f} s"
    )
