"""Messages to users (issue 4 §4): an in-app notification and, by preference, an e-mail now
or in a daily digest. Each message is recorded under a unique key before anything is sent,
so a retry, a second worker or a restarted sweep never sends it twice."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from dossiers.models import AreaGroupPermission, AreaUserPermission
from dossiers.models.areas import in_force

from .mail import send_email
from .models import Event, Notification, Preference


def users_acting_in_area(area_id, roles):
    """Active users of `roles` who work for the area's own office: a grant on the area itself,
    not on a level above it (a step is taken by the office the routing names, Circular 124
    Art. 9–10; dossiers.jurisdiction.granted_areas), in force today."""
    on_area = {"content_object_id": area_id, "permission__codename": "act_in_area"}
    direct = AreaUserPermission.objects.filter(in_force(), user=OuterRef("pk"), **on_area)
    by_group = AreaGroupPermission.objects.filter(in_force(), group__user=OuterRef("pk"), **on_area)
    return User.objects.filter(Exists(direct) | Exists(by_group), role__in=roles, is_active=True)


def _preferences(users, event):
    found = {p.user_id: p for p in Preference.objects.filter(user__in=users, event=event)}
    return {u.pk: found.get(u.pk) or Preference(user=u, event=event) for u in users}


def notify_users(users, *, event: str, key: str, title: str, body: str, link: str = ""):
    """Record one notification per user (unique key `key:user`) and queue its e-mail after
    the transaction commits. Recording again under the same key does nothing."""
    users = list(users)
    if not users:
        return []
    prefs = _preferences(users, event)
    rows = []
    for user in users:
        pref = prefs[user.pk]
        email = pref.email and bool(user.email)
        rows.append(
            Notification(
                key=f"{key}:{user.pk}"[:200],
                recipient=user,
                event=event,
                title=title[:255],
                body=body,
                link=link,
                in_app=pref.in_app,
                email_status=(
                    Notification.DIGEST
                    if email and pref.digest
                    else Notification.PENDING
                    if email
                    else Notification.NONE
                ),
            )
        )
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [r.key for r in created]
    pending = Notification.objects.filter(key__in=keys, email_status=Notification.PENDING)
    for notification_id in pending.values_list("pk", flat=True):
        # robust: a broker down after the commit is logged (the sweep re-queues the e-mail).
        transaction.on_commit(_email_after_commit(notification_id), robust=True)
    return created


def _email_after_commit(notification_id):
    def send_after_commit():  # named: Django logs a failed robust callback by __qualname__
        send_email.delay(notification_id)

    return send_after_commit


def notification_mark_read(*, acting_user, notification_ids=None):
    unread = Notification.objects.filter(recipient=acting_user, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, acting_user, event, in_app: bool, email: bool, digest: bool):
    if event not in Event.values:
        raise ValueError(event)
    try:
        Preference.objects.update_or_create(
            user=acting_user,
            event=event,
            defaults={"in_app": in_app, "email": email, "digest": digest},
        )
    except IntegrityError:  # a concurrent save of the same row: the last one wins
        pass
