"""A load run for bench/recognition.py (issue #14): gunicorn with 4 workers serves the
bench database; 50 clients, each logged in as an officer, read the inbox, the dossier list
and a dossier page in turn over keep-alive HTTP/1.1 for a fixed time. Prints requests/s and
the median and 95th-percentile latency. Standard library only (threads + http.client): the
server, not the client, is what is measured."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
CLIENTS, WORKERS, SECONDS = 50, 4, float(os.environ.get("BENCH_LOAD_SECONDS", 20))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _serve(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions made here must verify there
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "CELERY_BROKER_URL": "memory://localhost/",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-w", str(WORKERS),
         "-b", f"127.0.0.1:{port}", "--log-level", "error"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not start: " + server.stderr.read().decode()[-2000:])


def _client(port, cookie, urls, stop, latencies, errors):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Host": "localhost"}
    i = 0
    while not stop.is_set():
        url = urls[i % len(urls)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", url, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ok = False
        if stop.is_set():
            break
        latencies.append(time.perf_counter() - started)
        if not ok:
            errors.append(url)
    conn.close()


def load_run(users_and_urls, label: str) -> dict:
    """`users_and_urls`: [(user, [url, ...]), ...], spread over the 50 clients."""
    port = _free_port()
    cookies = [(_session_cookie(user), urls) for user, urls in users_and_urls]
    server = _serve(port)
    try:
        # Warm every worker (imports, connection pool, caches) before timing: until each
        # has had a few requests, or two minutes on a saturated host.
        warm_stop, warmed = threading.Event(), []
        warm = [threading.Thread(target=_client, args=(port, c, u, warm_stop, warmed, []))
                for c, u in cookies[:WORKERS * 2]]  # fmt: skip
        for t in warm:
            t.start()
        until = time.monotonic() + 120
        while len(warmed) < 6 * WORKERS and time.monotonic() < until:
            time.sleep(0.5)
        warm_stop.set()
        for t in warm:
            t.join()
        stop, latencies, errors = threading.Event(), [], []
        threads = [
            threading.Thread(
                target=_client,
                args=(port, *cookies[n % len(cookies)], stop, latencies, errors),
            )
            for n in range(CLIENTS)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(SECONDS)
        stop.set()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)
    result = {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(ordered) if ordered else float("nan"),
        "p95": ordered[int(len(ordered) * 0.95)] if ordered else float("nan"),
        "errors": len(errors),
        "requests": len(latencies),
    }
    print(f"  load {label}: {CLIENTS} clients, gunicorn {WORKERS} workers, {seconds:.0f} s: "
          f"{result['rps']:.1f} req/s, p50 {result['p50'] * 1000:.0f} ms, "
          f"p95 {result['p95'] * 1000:.0f} ms, {result['errors']} errors "
          f"of {result['requests']:,}")  # fmt: skip
    return result
