"""A review POST over HTTP against a raw SELECT … FOR UPDATE + UPDATE request, both served
by the same gunicorn under the same load (issue 14: the review at least 25 % of the raw
request's throughput, measured in the same run).

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/antt_bench_http
     .venv/bin/python bench/review_http.py)
PostgreSQL only. The script builds a province with submitted dossiers (bench/recognition.py's
World: the rows the real flow leaves), serves this module's `application` with gunicorn
(the project's WSGI application, plus the raw endpoint that lives only here), then runs
CLIENTS concurrent clients for SECONDS against each endpoint in turn. Each review POST is
what the review page sends (every criterion "đạt", outcome forward, a one-time step token)
on its own dossier, as the dossier's reviewing officer; a success is the redirect to the
dossier. The raw request locks one process row and updates it, inside the same Django
request cycle (its signals: the connection pool is used alike), without the framework.
"""

# ruff: noqa: E402  (Django is set up before the project's modules are imported)
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("CELERY_BROKER_URL", "memory://localhost/")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import connection, transaction

django_application = get_wsgi_application()
RAW = "/bench/raw/"


def raw(environ, start_response):
    """SELECT … FOR UPDATE + UPDATE of one process row, in one transaction."""
    signals.request_started.send(sender=None, environ=environ)
    try:
        pk = int(environ["PATH_INFO"][len(RAW) :].strip("/"))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT id FROM viewflow_process WHERE id = %s FOR UPDATE", [pk])
            cursor.execute("UPDATE viewflow_process SET finished = NULL WHERE id = %s", [pk])
    finally:
        signals.request_finished.send(sender=None)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(RAW):
        return raw(environ, start_response)
    return django_application(environ, start_response)


CLIENTS, SECONDS, WORKERS, DOSSIERS = 16, 15, 4, 4_000
if os.environ.get("BENCH_QUICK"):  # as bench/recognition.py: the same measures, smaller
    SECONDS, DOSSIERS = 5, 1_000
TARGET = 0.25  # the review POST's share of the raw request's throughput


def main():  # noqa: C901 (one scenario, read top to bottom)
    import http.client
    import itertools
    import secrets
    import signal
    import socket
    import subprocess
    import threading
    import time
    import urllib.parse
    import uuid
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.urls import reverse

    if connection.vendor != "postgresql":
        sys.exit("bench/review_http.py needs PostgreSQL (DATABASE_URL)")
    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from recognition import World  # noqa: PLC0415 (builds data with the test factories)

    from dossiers.models import Dossier
    from dossiers.models import DossierStatus as S

    world = World()
    world.grow(DOSSIERS)
    dossiers = list(
        Dossier.objects.filter(cycle=world.cycle, status=S.SUBMITTED)
        .select_related("unit")
        .order_by("pk")
    )
    processes = [d.process_id for d in dossiers]
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = {}
    for commune_id, user in world.reviewers.items():
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        secret = secrets.token_hex(16)  # a 32-character CSRF secret, posted as it is
        cookies[commune_id] = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={secret}",
            secret,
        )

    def review_request(dossier):
        cookie, secret = cookies[dossier.review_area_id]
        fields = {"csrfmiddlewaretoken": secret, "outcome": "forward", "comment": "",
                  "step_token": uuid.uuid4().hex}  # fmt: skip
        for pk, (met, remark) in world.verdicts[dossier.unit.kind].items():
            fields[f"verdict_{pk}"], fields[f"remark_{pk}"] = "1" if met else "0", remark
        body = urllib.parse.urlencode(fields)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        path = reverse("dossier-review", kwargs={"pk": dossier.pk})
        # Done: the redirect to the dossier's page (not to the login page, not the form).
        return "POST", path, body, headers, (302, reverse("dossier-detail", args=[dossier.pk]))

    def raw_request(process_id):
        return "GET", f"{RAW}{process_id}/", None, {}, (200, None)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "SECRET_KEY": settings.SECRET_KEY}  # the sessions made here must hold there  # fmt: skip
    server = subprocess.Popen(
        # From the project's folder: bench/ holds modules named like apps (documents.py).
        [sys.executable, "-m", "gunicorn", "bench.review_http:application", "--chdir",
         str(Path(__file__).resolve().parent.parent), "-w", str(WORKERS),
         "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        for _ in range(600):  # up to 60 s for gunicorn to listen
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                probe.request("GET", "/healthz")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)

        def load(label, requests, check=True):
            """CLIENTS threads send `requests` (each used once) for SECONDS."""
            lock, pending, done, failed = threading.Lock(), iter(requests), [0], []

            def client(deadline):
                while time.perf_counter() < deadline:
                    with lock:
                        request = next(pending, None)
                    if request is None:
                        return
                    method, path, body, headers, expected = request
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request(method, path, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    answer = (response.status, response.getheader("Location"))
                    with lock:
                        if answer == expected:
                            done[0] += 1
                        else:
                            failed.append((path, answer))

            started = time.perf_counter()
            threads = [threading.Thread(target=client, args=(started + SECONDS,))
                       for _ in range(CLIENTS)]  # fmt: skip
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            rate = done[0] / elapsed
            print(f"{label}: {done[0]:,} in {elapsed:5.1f} s = {rate:7.1f} requests/s "
                  f"({CLIENTS} clients, {WORKERS} workers), {len(failed)} failed")  # fmt: skip
            if failed and check:
                sys.exit(f"{label}: unexpected answers, e.g. {failed[:3]}")
            return rate

        # Every worker loaded and warm before the clock runs: a few of each request
        # (dossiers of their own, so the measured POSTs are all first ones).
        warm = 4 * WORKERS
        load("warm-up (not measured)", map(raw_request, processes[:warm]), check=False)
        load("warm-up (not measured)", map(review_request, dossiers[:warm]), check=False)
        dossiers, processes = dossiers[warm:], processes[warm:]
        # The raw requests lock processes the review will not touch: the other half.
        half = len(dossiers) // 2
        raw_rate = load(  # its processes over and over: a raw request leaves them as they were
            "raw SELECT … FOR UPDATE + UPDATE", map(raw_request, itertools.cycle(processes[half:]))
        )
        review_rate = load("review POST over HTTP", map(review_request, dossiers[:half]))
        share = review_rate / raw_rate
        print(f"review POST / raw request: {share:.0%} (target >= {TARGET:.0%}) "
              f"{'OK' if share >= TARGET else 'MISSED'}")  # fmt: skip
        forwarded = Dossier.objects.filter(pk__in=[d.pk for d in dossiers], status=S.FORWARDED)
        print(f"dossiers forwarded by the POSTs: {forwarded.count():,}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
