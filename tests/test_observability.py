"""What operators see (issue #12 "Observability"): a request id on every answer and log
line with the acting user, /healthz for the load balancer, Sentry only with a DSN, a
Content-Security-Policy with no inline script left, hashed static files in production."""

import datetime
import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from config import health, observability
from notifications.models import Heartbeat, Notification
from notifications.tasks import SWEEP_HEARTBEAT, sweep_deadlines
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- request id and JSON logs ---------------------------------------------------------


def test_every_answer_carries_a_request_id_and_honours_a_well_formed_incoming_one(client):
    fresh = client.get(reverse("login"))
    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])
    given = client.get(reverse("login"), headers={"X-Request-ID": "lb-7f3a.42"})
    assert given["X-Request-ID"] == "lb-7f3a.42"
    forged = client.get(reverse("login"), headers={"X-Request-ID": "x\r\nSet-Cookie: a=b"})
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_log_lines_are_json_with_the_request_id_and_the_acting_user(client):
    stream = io.StringIO()
    config = observability.logging_config("INFO")
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        client.force_login(UserFactory(username="can-bo-7"))
        missing = reverse("nomination-appraise", args=[987654])  # the view reads the user
        client.get(missing, headers={"X-Request-ID": "req-123"})
    finally:
        logging.config.dictConfig(settings.LOGGING)
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line]
    logged = next(line for line in lines if line["logger"] == "django.request")
    assert logged["message"] == f"Not Found: {missing}" and logged["level"] == "WARNING"
    assert (logged["request_id"], logged["user"]) == ("req-123", "can-bo-7")


def test_outside_a_request_the_log_fields_are_empty():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert observability.RequestContextFilter().filter(record)
    assert (record.request_id, record.user) == ("", "")


# --- /healthz ----------------------------------------------------------------------------


def _healthz(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


def test_healthz_is_200_when_every_part_is_well_and_needs_no_login(client):
    Heartbeat.beat(SWEEP_HEARTBEAT)
    status, body = _healthz(client)
    assert status == 200, body
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["checks"]) == {"database", "broker", "beat", "email"}


def test_the_sweep_stamps_the_beat_heartbeat():
    assert not Heartbeat.objects.exists()
    sweep_deadlines()
    assert (timezone.now() - Heartbeat.objects.get(name=SWEEP_HEARTBEAT).at).total_seconds() < 60


def test_healthz_names_a_stale_beat(client):
    status, body = _healthz(client)
    assert (status, body["failing"]) == (503, ["beat"])  # never ticked
    Heartbeat.objects.create(
        name=SWEEP_HEARTBEAT,
        at=timezone.now() - datetime.timedelta(seconds=settings.HEALTHZ_BEAT_MAX_AGE + 5),
    )
    status, body = _healthz(client)
    assert (status, body["failing"]) == (503, ["beat"])
    assert body["checks"]["beat"]["age_seconds"] > settings.HEALTHZ_BEAT_MAX_AGE


def test_healthz_names_an_e_mail_left_unsent(client):
    Heartbeat.beat(SWEEP_HEARTBEAT)
    user = UserFactory()
    old = Notification.objects.create(
        key="k-old", recipient=user, event="submitted", title="t", email_status="pending"
    )
    assert _healthz(client)[0] == 200  # just queued
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=settings.HEALTHZ_EMAIL_MAX_AGE + 5)
    )
    status, body = _healthz(client)
    assert (status, body["failing"]) == (503, ["email"])
    assert body["checks"]["email"]["oldest_unsent"]


def test_healthz_names_a_broker_that_does_not_answer_within_its_timeout(client, monkeypatch):
    from config.celery import app

    Heartbeat.beat(SWEEP_HEARTBEAT)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    started = time.monotonic()
    status, body = _healthz(client)
    assert (status, body["failing"]) == (503, ["broker"])
    assert time.monotonic() - started < 10
    assert body["checks"]["broker"]["error"]


def test_healthz_names_the_database_when_it_fails(client, monkeypatch):
    Heartbeat.beat(SWEEP_HEARTBEAT)

    def down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", down)
    status, body = _healthz(client)
    assert status == 503 and "database" in body["failing"]
    assert "connection refused" in body["checks"]["database"]["error"]


# --- Sentry -------------------------------------------------------------------------------


def test_sentry_starts_only_with_a_dsn():
    import sentry_sdk

    assert observability.init_sentry("") is False
    assert not sentry_sdk.get_client().is_active()
    try:
        assert observability.init_sentry("https://public@o0.ingest.sentry.io/1") is True
        client = sentry_sdk.get_client()
        assert client.is_active() and not client.options["send_default_pii"]
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
    assert not sentry_sdk.get_client().is_active()


# --- Content-Security-Policy and static files ------------------------------------------


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and directives["object-src"] == "'none'"


INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)


def test_no_template_served_to_browsers_has_inline_handlers_scripts_or_styles():
    root = settings.BASE_DIR / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if "email" in path.parts:  # e-mails are read in mail clients, not under our CSP
            continue
        if path.name.endswith("_pdf.html"):  # laid out by WeasyPrint into a PDF, never served
            continue
        text = path.read_text()
        for pattern in (INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE):
            offenders += [f"{path.relative_to(root)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_production_uses_hashed_compressed_static_files_and_passes_the_deploy_check():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60 + "-production-like-secret-key",
        "ALLOWED_HOSTS": "antt.example.gov.vn",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.test import Client; "
        "print(settings.STORAGES['staticfiles']['BACKEND']); "
        "print(Client(HTTP_HOST='antt.example.gov.vn').get('/healthz').status_code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[-2] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert out[-1] in ("200", "503")  # answered over plain HTTP, not redirected to HTTPS
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert check.returncode == 0, check.stderr
    # The tests themselves keep the plain storage (no manifest to build).
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")
    assert "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]
