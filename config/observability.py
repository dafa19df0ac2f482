"""What operators see: JSON log lines carrying the request id and the acting user, and
Sentry when a DSN is configured. Nothing here reads the database: a log line must never
need it (the database may be the very thing that failed)."""

import contextvars
import logging

from django.core.signals import request_finished

current_request = contextvars.ContextVar("current_request", default=None)


def _forget_request(**kwargs):
    current_request.set(None)


request_finished.connect(_forget_request, dispatch_uid="observability-forget-request")


class RequestContextFilter(logging.Filter):
    """Add `request_id` and `user` to every record (empty outside a request). The user is
    the one the request already loaded (`_cached_user`); the filter never loads it."""

    def filter(self, record):
        request = current_request.get()
        record.request_id = getattr(request, "request_id", "") if request else ""
        user = getattr(request, "_cached_user", None) if request else None
        record.user = user.get_username() if user is not None and user.is_authenticated else ""
        return True


def logging_config(level: str, json: bool = True) -> dict:
    """The LOGGING setting: one console handler, JSON lines unless told otherwise."""
    formatter = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
    if not json:
        formatter = {"format": "%(asctime)s %(levelname)s [%(request_id)s %(user)s] %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "config.observability.RequestContextFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request"],
                "formatter": "main",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint logs every layout step of every PDF at INFO: only its warnings.
        "loggers": {"weasyprint": {"level": "WARNING"}},
    }


def init_sentry(dsn: str, *, environment: str = "", traces_sample_rate: float = 0.0) -> bool:
    """Start the Sentry SDK (Django and Celery integrations) when a DSN is set; without one,
    nothing is imported or started. Personal data (user names, addresses, cookies) stays
    out: Sentry's default, which is left alone."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        traces_sample_rate=traces_sample_rate,
    )
    return True
