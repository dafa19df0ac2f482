"""Real servers for delivery tests: an SMTP server (aiosmtpd) that keeps what it receives,
and a Celery worker started as a separate process on a Redis broker and the test database.

Use them from a test module with `from tests.notifications.live import *` or by naming
the fixtures in a conftest; the worker fixture needs a transactional database.
"""

import ast
import asyncio
import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = BASE_DIR / ".venv" / "bin" / "celery"
REDIS_URL = os.environ.get("ANTT_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

__all__ = ["celery_worker_process", "smtp_server", "wait_until"]


def wait_until(predicate, timeout=30.0, interval=0.05, message="condition"):
    """Poll `predicate` until it returns something truthy; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# SMTP


@dataclass(frozen=True)
class Received:
    """One message as the SMTP server accepted it."""

    mail_from: str
    rcpt_tos: tuple
    message: email.message.EmailMessage

    @property
    def key(self):
        return self.message["X-ANTT-Key"]

    @property
    def message_id(self):
        return self.message["Message-ID"]

    @property
    def subject(self):
        # Folded before its first encoded word, the header unfolds with a leading space.
        return str(self.message["Subject"]).strip()

    def part(self, content_type: str) -> str:
        found = [p for p in self.message.walk() if p.get_content_type() == content_type]
        assert len(found) == 1, f"{len(found)} {content_type} parts in {self.subject!r}"
        return found[0].get_content()


@dataclass
class Hold:
    """Holds the SMTP session that sends the nth RCPT from now before answering it."""

    nth: int
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self):
        self.released.set()


class Inbox:
    """What the SMTP server received, in arrival order; safe to read from any thread."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self._lock = threading.Lock()
        self._messages: list[Received] = []
        self._rcpt_seen = 0
        self._hold: Hold | None = None

    @property
    def messages(self) -> list[Received]:
        with self._lock:
            return list(self._messages)

    def keys(self, prefix="") -> Counter:
        """How many messages arrived per X-ANTT-Key (only keys starting with `prefix`)."""
        return Counter(m.key for m in self.messages if (m.key or "").startswith(prefix))

    def to(self, address) -> list[Received]:
        return [m for m in self.messages if address in m.rcpt_tos]

    def hold_rcpt(self, nth: int) -> Hold:
        """Make the nth RCPT from now wait (before the message's DATA) until released."""
        with self._lock:
            self._hold = Hold(nth=self._rcpt_seen + nth)
            return self._hold

    # Called from the server's event loop thread.

    async def _on_rcpt(self):
        with self._lock:
            self._rcpt_seen += 1
            hold = self._hold if self._hold and self._hold.nth == self._rcpt_seen else None
        if hold is not None:
            hold.reached.set()
            started = time.monotonic()
            while not hold.released.is_set() and time.monotonic() - started < 60:
                await asyncio.sleep(0.01)

    def _on_data(self, envelope):
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        received = Received(envelope.mail_from, tuple(envelope.rcpt_tos), message)
        with self._lock:
            self._messages.append(received)


class _Handler:
    def __init__(self, inbox: Inbox):
        self.inbox = inbox

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self.inbox._on_rcpt()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.inbox._on_data(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 and a free port; yields its `Inbox`."""
    from aiosmtpd.controller import Controller

    inbox = Inbox("127.0.0.1", free_port())
    controller = Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        if inbox._hold:
            inbox._hold.release()
        controller.stop()


# Celery worker


class Worker:
    """A `celery worker` process (prefork, two children) in its own process group."""

    def __init__(self, env: dict, log_path: Path):
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self._log_start = 0
        self.starts = 0

    def start(self, timeout=30.0):
        self.starts += 1
        self._log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "config",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=2",
                    "-Q",
                    "celery",
                    "--loglevel=INFO",
                    "-n",
                    f"delivery-{uuid.uuid4().hex[:8]}@%h",
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited ({self.proc.returncode}):\n{self.log()}")
            return re.search(r"\S+@\S+ ready\.", self.log(since_start=True))

        wait_until(ready, timeout, 0.1, "the Celery worker to be ready")

    def log(self, since_start=False) -> str:
        if not self.log_path.exists():
            return ""
        data = self.log_path.read_bytes()
        return data[self._log_start if since_start else 0 :].decode(errors="replace")

    def kill(self):
        """SIGKILL the worker and its pool children at once, as a crash would."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)

    def stop(self, timeout=10.0):
        """Warm shutdown (SIGTERM), then SIGKILL whatever is left of the group."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=timeout)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # pool children left behind, if any
        except ProcessLookupError:
            pass
        if self.proc.poll() is None:
            self.proc.wait(timeout=10)

    def restart(self):
        self.stop()
        self.start()

    def succeeded(self, task_name: str) -> int:
        """How many `task_name` tasks the worker has logged as done."""
        return len(re.findall(rf"{re.escape(task_name)}\[[\w-]+\] succeeded", self.log()))

    def drained(self) -> bool:
        """The explicit end of delivery: the broker holds no message and every task this
        worker (since its last start) received has finished. Tasks are published only by
        the test and by tasks, so nothing more can be sent until the test acts again."""
        import redis

        text = self.log(since_start=True)
        received = set(re.findall(r"Task [\w.]+\[([\w-]+)\] received", text))
        finished = set(re.findall(r"Task [\w.]+\[([\w-]+)\] (?:succeeded|raised)", text))
        if received - finished:
            return False
        broker = redis.Redis.from_url(self.env["CELERY_BROKER_URL"])
        queued = sum(
            broker.llen(key) for key in broker.keys("celery*") if broker.type(key) == b"list"
        )
        return queued == 0

    def task_result(self, task_id: str, timeout=30.0):
        """Wait until the worker logs the task as done; return its (literal) result."""
        done = re.compile(rf"\[{re.escape(task_id)}\] succeeded in [\d.]+s: (.*)$", re.M)
        failed = re.compile(rf"\[{re.escape(task_id)}\] raised", re.M)

        def finished():
            text = self.log()
            if failed.search(text):
                raise AssertionError(f"task {task_id} failed:\n{text[-5000:]}")
            return done.search(text)

        found = wait_until(finished, timeout, 0.1, f"task {task_id}")
        try:
            return ast.literal_eval(found.group(1))
        except (ValueError, SyntaxError):
            return found.group(1)


def _database_url(settings_dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def celery_worker_process(request, transactional_db, smtp_server, monkeypatch, tmp_path):
    """A real Celery worker (prefork, Redis broker) on the test database, sending through
    `smtp_server`; this process publishes to the same broker instead of running tasks
    eagerly. Extra worker environment: parametrize this fixture indirectly with a dict."""
    import redis
    from django.db import connection

    from config import celery_app

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}",
        "PYTHONUNBUFFERED": "1",
        **getattr(request, "param", {}),
    }
    worker = Worker(env, tmp_path / "celery-worker.log")

    # This process: publish to the worker's broker. Celery's `broker_url` prefers the
    # environment variable over the configuration, and its connection pools are built
    # lazily; drop any built for the previous broker.
    conf = celery_app.conf
    saved = {k: conf[k] for k in ("task_always_eager", "broker_transport_options")}
    monkeypatch.setenv("CELERY_BROKER_URL", REDIS_URL)
    conf.update(task_always_eager=False, broker_transport_options={})
    _drop_connections(celery_app)
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()
        _drop_connections(celery_app)
        redis.Redis.from_url(REDIS_URL).flushdb()
        conf.update(saved)
        if request.session.testsfailed and worker.log_path.exists():
            print(f"--- celery worker log ({worker.log_path}) ---\n{worker.log()[-8000:]}")


def _drop_connections(app):
    """Close the broker connections this process holds; the next publish opens new ones
    for the broker configured then."""
    from kombu import pools

    pools.reset()  # kombu's process-wide pools, keyed by connection
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
