"""Celery tasks. They take ids, are idempotent, and run with acks_late: a task that dies
with its worker is delivered again, and finds its work done or still to do."""

import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

log = logging.getLogger(__name__)


def _message_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@antt.local>"


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_email(notification_id: int):
    """Send one notification's e-mail once: the row is locked and marked sent in the
    same transaction as the SMTP hand-over; a duplicate task finds it sent."""
    from .models import Notification

    with transaction.atomic():
        n = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, email_status=Notification.PENDING)
            .first()
        )
        if n is None:
            return "already sent"
        context = {"n": n, "site": getattr(settings, "SITE_URL", "")}
        message = EmailMultiAlternatives(
            subject=f"[ANTT] {n.title}",
            body=render_to_string("notifications/email/notification.txt", context),
            to=[n.recipient.email],
            headers={"Message-ID": _message_id(n.key), "X-ANTT-Key": n.key},
        )
        message.attach_alternative(
            render_to_string("notifications/email/notification.html", context), "text/html"
        )
        message.send()
        n.email_status = Notification.SENT
        n.emailed_at = timezone.now()
        n.save(update_fields=["email_status", "emailed_at"])
    return "sent"


@shared_task(acks_late=True)
def sweep_deadlines():
    """Run every minute by beat: reminders and escalations for steps whose notice is due,
    then re-queue e-mails whose task was lost (a worker killed before it ran them)."""
    from .reminders import sweep

    handled = sweep(pause=getattr(settings, "NOTIFICATIONS_SWEEP_PAUSE", 0.0))
    requeued = requeue_stale_emails()
    return {"steps": handled, "requeued": requeued}


def requeue_stale_emails(older_than_seconds: int = 120) -> int:
    from .models import Notification

    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    stale = list(
        Notification.objects.filter(
            email_status=Notification.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in stale:
        send_email.delay(pk)
    return len(stale)


@shared_task(acks_late=True)
def send_daily_digests():
    """One e-mail per user with the day's messages they asked to receive as a digest."""
    from .models import Notification

    users = (
        Notification.objects.filter(email_status=Notification.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user_id in list(users):
        send_digest.delay(user_id, timezone.localdate().isoformat())


@shared_task(acks_late=True)
def send_digest(user_id: int, day: str):
    from .models import Notification

    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(recipient_id=user_id, email_status=Notification.DIGEST)
            .order_by("created_at")
        )
        if not rows:
            return 0
        user = rows[0].recipient
        context = {"rows": rows, "user": user, "day": day}
        message = EmailMultiAlternatives(
            subject=f"[ANTT] Tổng hợp thông báo ngày {day}",
            body=render_to_string("notifications/email/digest.txt", context),
            to=[user.email],
            headers={"Message-ID": _message_id(f"digest:{user_id}:{day}")},
        )
        message.attach_alternative(
            render_to_string("notifications/email/digest.html", context), "text/html"
        )
        message.send()
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
            email_status=Notification.SENT, emailed_at=timezone.now()
        )
    return len(rows)


@shared_task(acks_late=True)
def remind_periodic_reports():
    """Results are reported every 6 months and yearly (DOMAIN.md §4): remind police and
    committee staff on the configured days."""
    from accounts.models import Role, User

    from .models import Event
    from .services import notify_users

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
        body="Đề nghị tổng hợp, báo cáo kết quả xây dựng phong trào và công nhận "
        f"“An toàn về an ninh, trật tự” kỳ {kind} năm {today.year}.",
    )
    return len(created)


@shared_task(acks_late=True)
def announce(transition_id: int):
    """Tell the people concerned about one dossier transition (idempotent: the
    notifications' keys are derived from the transition and the tasks)."""
    from dossiers.models import DossierTransition
    from workflows.recognition.events import announce_transition

    transition = (
        DossierTransition.objects.select_related("dossier__unit").filter(pk=transition_id).first()
    )
    if transition is not None:
        announce_transition(transition)


@shared_task(acks_late=True)
def announce_nomination(transition_id: int):
    from dossiers.models import NominationTransition
    from workflows.rewards.events import announce_nomination_transition

    transition = (
        NominationTransition.objects.select_related("nomination__form", "nomination__proposer")
        .filter(pk=transition_id)
        .first()
    )
    if transition is not None:
        announce_nomination_transition(transition)
