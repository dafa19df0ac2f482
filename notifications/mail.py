"""E-mail delivery (issue 4 §4). Its tasks keep their names under notifications.tasks,
where beat and queued messages know them; notifications.services queues `send_email`."""

import hashlib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification


def _message_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@antt.local>"


@shared_task(
    name="notifications.tasks.send_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def send_email(notification_id: int):
    """Send one notification's e-mail once: the row is locked and marked sent in the
    same transaction as the SMTP hand-over; a duplicate task finds it sent."""
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


def requeue_stale_emails(older_than_seconds: int = 120) -> int:
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    stale = list(
        Notification.objects.filter(
            email_status=Notification.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in stale:
        send_email.delay(pk)
    return len(stale)


@shared_task(name="notifications.tasks.send_daily_digests", acks_late=True)
def send_daily_digests():
    """One e-mail per user with the day's messages they asked to receive as a digest."""
    users = (
        Notification.objects.filter(email_status=Notification.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user_id in list(users):
        send_digest.delay(user_id, timezone.localdate().isoformat())


@shared_task(name="notifications.tasks.send_digest", acks_late=True)
def send_digest(user_id: int, day: str):
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
