"""Messages delivered end to end, with every server real: a Celery worker started as its
own process (prefork, two children) consuming from Redis, the PostgreSQL test database
shared by this process and the worker, and an SMTP server (aiosmtpd) that keeps each
message it accepts. Dossiers move through the real services (tests.journeys); nothing is
mocked. The e-mails are counted by their `X-ANTT-Key` header: a message recorded twice,
sent twice or lost shows up as a count other than one.

The one window no sender can close — the SMTP server has accepted a message and the worker
dies before it commits "sent" — is kept out of the kill test on purpose: the worker is
killed while a send is held *before* its DATA. (The deterministic Message-ID lets the
receiving side drop a duplicate from that window.)
"""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from accounts.models import User
from dossiers.jurisdiction import user_grant_jurisdiction
from dossiers.models import Step, UnitKind
from notifications import tasks
from notifications.models import Event, NoticeRule, Notification
from tests.factories import AreaFactory, UnitFactory
from tests.journeys import Journey, Province
from tests.notifications.live import celery_worker_process, smtp_server, wait_until
from workflows.models import TaskDeadline

__all__ = ["celery_worker_process", "smtp_server"]  # fixtures used below

# The worker is another process on the machine's clock: these tests keep it too, and
# compare only dates they read from it.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_clock]

NOTICE_RULES = [(-3, NoticeRule.REMIND), (-1, NoticeRule.REMIND), (0, NoticeRule.REMIND)]
NOTICE_RULES += [(1, NoticeRule.ESCALATE)]


def give_emails():
    User.objects.update(email=Concat(F("username"), Value("@antt.test")))


def email_of(user):
    return f"{user.username}@antt.test"


@pytest.fixture
def due_steps(request, reference_data):
    """`request.param` dossiers submitted for review (through the services, while this
    process still runs tasks eagerly), each review step then due today, so the sweep owes
    its reviewer one "due today" reminder. Returns (province, expected keys)."""
    for offset, action in NOTICE_RULES:  # seeded by a migration; a flush removes them
        NoticeRule.objects.get_or_create(offset=offset, defaults={"action": action})
    p = Province.build()
    for i in range(request.param):
        unit = UnitFactory(
            kind=UnitKind.RESIDENTIAL_AREA,
            name=f"Tổ dân phố {i + 1}",
            area=AreaFactory(residential=True, parent=p.commune, name=f"Tổ dân phố {i + 1}"),
        )
        user_grant_jurisdiction(user=p.head, target=unit)
        unit.heads.add(p.head)
        Journey(p, unit).to("submitted")
    give_emails()
    today = timezone.localdate()
    open_reviews = TaskDeadline.objects.filter(finished_on=None, step=Step.REVIEW)
    assert open_reviews.update(due_date=today, next_notice_on=today, notices_sent=0) == (
        request.param
    )
    expected = {
        f"deadline:{pk}:{today.isoformat()}:0:{p.reviewer.pk}"
        for pk in open_reviews.values_list("pk", flat=True)
    }
    return p, expected


def sent_keys(prefix):
    return set(
        Notification.objects.filter(
            key__startswith=prefix, email_status=Notification.SENT
        ).values_list("key", flat=True)
    )


def pending_count():
    return Notification.objects.filter(email_status=Notification.PENDING).count()


def settle(worker):
    """Wait for the explicit end of delivery (`Worker.drained`): no message queued and no
    task in hand, so a late duplicate could no longer arrive."""
    wait_until(worker.drained, 30, 0.05, "the worker to finish every task it was given")


def test_step_announced_by_email(reference_data, smtp_server, celery_worker_process):
    """Submitting a dossier queues `announce` on commit; the worker records the messages
    and the reviewer receives exactly one "task" e-mail, in Vietnamese, text and HTML."""
    p = Province.build()
    give_emails()
    dossier = Journey(p).to("submitted")
    reviewer = email_of(p.reviewer)
    review_task_id = TaskDeadline.objects.get(finished_on=None, step=Step.REVIEW).task_id
    announced = dossier.transitions.count()  # registered, submitted: one task each

    def delivered():
        return (
            celery_worker_process.succeeded("notifications.tasks.announce") == announced
            and pending_count() == 0
            and smtp_server.to(reviewer)
        )

    wait_until(delivered, 30, message="the announcements and their e-mails")
    settle(celery_worker_process)

    # Both announcements name the open review task when the second follows quickly: its
    # key lets the reviewer hear of it once.
    mails = [m for m in smtp_server.to(reviewer) if m.key.startswith("task:")]
    assert len(mails) == 1, [m.subject for m in smtp_server.to(reviewer)]
    mail = mails[0]
    assert mail.key == f"task:{review_task_id}:{p.reviewer.pk}"
    row = Notification.objects.get(key=mail.key)
    assert (row.recipient, row.event, row.email_status) == (
        p.reviewer,
        Event.TASK,
        Notification.SENT,
    )
    assert mail.message_id == tasks._message_id(row.key)
    assert mail.rcpt_tos == (reviewer,)
    assert str(dossier.unit) in mail.subject
    assert mail.subject.startswith("[ANTT] Xét duyệt hồ sơ")
    assert mail.message.get_content_type() == "multipart/alternative"
    text, html = mail.part("text/plain"), mail.part("text/html")
    assert "Kính gửi" in text and "đang chờ bạn xử lý" in text
    assert f"/ho-so/{dossier.pk}/" in text
    assert '<html lang="vi">' in html and str(dossier.unit) in html
    assert max(smtp_server.keys().values()) == 1  # nobody received anything twice
    assert set(smtp_server.keys()) == sent_keys("")


@pytest.mark.parametrize("due_steps", [30], indirect=True)
def test_reminders_sent_once(due_steps, smtp_server, celery_worker_process):
    """One sweep sends every due reminder exactly once; sweeping again sends nothing, even
    when the steps are rewound so that the sweep records the same messages again."""
    p, expected = due_steps
    worker = celery_worker_process

    first = worker.task_result(tasks.sweep_deadlines.delay().id)
    assert first["steps"] == len(expected)
    wait_until(lambda: set(smtp_server.keys("deadline:")) == expected, 30, message="all reminders")

    second = worker.task_result(tasks.sweep_deadlines.delay().id)
    assert second["steps"] == 0  # the next notice of each step is on a later day

    today = timezone.localdate()
    TaskDeadline.objects.filter(finished_on=None).update(notices_sent=0, next_notice_on=today)
    third = worker.task_result(tasks.sweep_deadlines.delay().id)
    assert third["steps"] == len(expected)  # the same messages recorded again: no-ops
    settle(worker)

    received = smtp_server.keys("deadline:")
    assert set(received) == expected == sent_keys("deadline:")
    assert [k for k, n in received.items() if n != 1] == []
    assert pending_count() == 0
    mail = smtp_server.to(email_of(p.reviewer))[0]
    assert mail.subject.startswith("[ANTT] Sắp đến hạn (hôm nay): ")


@pytest.mark.parametrize("due_steps", [40], indirect=True)
@pytest.mark.parametrize(
    "celery_worker_process",
    [{"NOTIFICATIONS_SWEEP_BATCH": "5", "NOTIFICATIONS_SWEEP_PAUSE": "1.0"}],
    indirect=True,
)
def test_worker_killed_mid_sweep(due_steps, smtp_server, celery_worker_process):
    """SIGKILL the worker while the sweep is part way and a send is in flight; after a
    restart, a new sweep and a re-queue of stale sends, every reminder arrived once."""
    p, expected = due_steps
    worker = celery_worker_process

    hold = smtp_server.hold_rcpt(8)  # the 8th reminder: in the sweep's second batch
    tasks.sweep_deadlines.delay()
    assert hold.reached.wait(30), worker.log()[-5000:]
    worker.kill()
    hold.release()

    before = smtp_server.keys("deadline:")
    advanced = TaskDeadline.objects.filter(finished_on=None, notices_sent__gt=0).count()
    assert 0 < len(before) < len(expected), before
    assert 0 < advanced < len(expected), advanced
    assert max(before.values()) == 1
    assert pending_count() > 0  # the held send died with its worker: recorded, not sent

    worker.restart()
    tasks.requeue_stale_emails(older_than_seconds=0)
    result = worker.task_result(tasks.sweep_deadlines.delay().id, timeout=40)
    assert 0 < result["steps"] < len(expected)
    tasks.requeue_stale_emails(older_than_seconds=0)  # after the sweep: anything it left
    wait_until(
        lambda: set(smtp_server.keys("deadline:")) == expected and pending_count() == 0,
        30,
        message="every reminder",
    )
    settle(worker)

    received = smtp_server.keys("deadline:")
    assert [k for k, n in received.items() if n != 1] == []
    assert set(received) == expected == sent_keys("deadline:")
    assert not TaskDeadline.objects.filter(finished_on=None, notices_sent=0).exists()
