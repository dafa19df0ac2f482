"""`/healthz` for the load balancer: the database, the broker, the last beat tick (the
deadline sweep's heartbeat) and the oldest e-mail still waiting to be sent. 200 when all
are fine, 503 naming what failed; JSON, no log-in, nothing cached."""

import datetime
import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def check_broker() -> dict:
    from config.celery import app

    timeout = settings.HEALTHZ_BROKER_TIMEOUT
    with app.connection_for_write(connect_timeout=timeout) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
    return {"ok": True}


def check_beat() -> dict:
    from notifications.models import Heartbeat
    from notifications.tasks import SWEEP_HEARTBEAT

    at = Heartbeat.objects.filter(name=SWEEP_HEARTBEAT).values_list("at", flat=True).first()
    if at is None:
        return {"ok": False, "error": "Chưa có lần quét định kỳ nào (Celery beat/worker)."}
    age = (timezone.now() - at).total_seconds()
    ok = age <= settings.HEALTHZ_BEAT_MAX_AGE
    return {"ok": ok, "last_tick": at.isoformat(), "age_seconds": round(age)}


def check_email() -> dict:
    from notifications.models import Notification

    oldest = (
        Notification.objects.filter(email_status=Notification.PENDING)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if oldest is None:
        return {"ok": True, "oldest_unsent": None}
    age = (timezone.now() - oldest).total_seconds()
    return {
        "ok": age <= settings.HEALTHZ_EMAIL_MAX_AGE,
        "oldest_unsent": oldest.isoformat(),
        "age_seconds": round(age),
    }


CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "beat": check_beat,
    "email": check_email,
}


def run_checks() -> dict:
    """Each part's report; a part that raises is failed with the error's class and text.
    Without a database the beat and e-mail parts cannot be read and fail too."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # a health check reports failures, it never raises
            logger.warning("health check %s failed", name, exc_info=True)
            report[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return report


@never_cache
@require_GET
def healthz(request):
    report = run_checks()
    failing = [name for name, part in report.items() if not part["ok"]]
    body = {
        "status": "fail" if failing else "ok",
        "failing": failing,
        "checks": report,
        "time": datetime.datetime.now(datetime.UTC).isoformat(),
    }
    return JsonResponse(body, status=503 if failing else 200)
