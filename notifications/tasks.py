"""Celery tasks. They take ids, are idempotent, and run with acks_late: a task that dies
with its worker is delivered again, and finds its work done or still to do."""

import logging

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User

from . import registry
from .announcer import announce_transition
from .mail import _message_id, requeue_stale_emails, send_daily_digests, send_digest, send_email
from .models import Event, Heartbeat
from .reminders import sweep
from .services import notify_users

__all__ = [  # the delivery tasks live in notifications.mail, under these names
    "_message_id",
    "requeue_stale_emails",
    "send_daily_digests",
    "send_digest",
    "send_email",
]
log = logging.getLogger(__name__)
SWEEP_HEARTBEAT = "sweep"


@shared_task(acks_late=True)
def sweep_deadlines():
    """Run every minute by beat: reminders and escalations for steps whose notice is due,
    then re-queue e-mails whose task was lost (a worker killed before it ran them). The
    heartbeat it stamps first is what /healthz calls the last beat tick."""
    Heartbeat.beat(SWEEP_HEARTBEAT)
    handled = sweep(pause=getattr(settings, "NOTIFICATIONS_SWEEP_PAUSE", 0.0))
    requeued = requeue_stale_emails()
    return {"steps": handled, "requeued": requeued}


@shared_task(acks_late=True)
def remind_periodic_reports():
    """Results are reported every 6 months and yearly (DOMAIN.md §4): remind police and
    committee staff on the configured days, with a link to the reports page where the
    report is made from the data and sent to the level above."""
    today = timezone.localdate()
    kind = {(6, 10): "6 tháng đầu năm", (12, 10): "năm"}.get((today.month, today.day))
    if kind is None:
        return 0
    users = User.objects.filter(
        role__in=[Role.REVIEWING_POLICE, Role.APPRAISING_POLICE, Role.COMMITTEE_STAFF],
        is_active=True,
    )
    created = notify_users(
        users,
        event=Event.REPORT_DUE,
        key=f"report:{today.year}:{today.month}",
        title=f"Đến kỳ báo cáo kết quả phong trào ({kind} {today.year})",
        body="Đề nghị lập và gửi báo cáo kết quả xây dựng phong trào và công nhận "
        f"“An toàn về an ninh, trật tự” kỳ {kind} năm {today.year} trên trang Báo cáo.",
        link=reverse("report-list"),
    )
    return len(created)


def _announce(flow_name: str, transition_id: int):
    flow = registry.flow(flow_name)
    transition = flow.transition(transition_id)
    if transition is not None:
        announce_transition(flow, transition)


@shared_task(acks_late=True)
def announce(transition_id: int):
    """Tell the people concerned about one dossier transition (idempotent: the
    notifications' keys are derived from the transition and the tasks)."""
    _announce("recognition", transition_id)


@shared_task(acks_late=True)
def announce_nomination(transition_id: int):
    """The same for one nomination transition."""
    _announce("rewards", transition_id)
