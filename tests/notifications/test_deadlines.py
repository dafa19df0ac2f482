"""Due dates on the recognition steps, the supplement pause, one extension, the reminder
sweep and the pages that show them (issue 4)."""

import datetime

import pytest
from django.urls import reverse

from dossiers.services import DomainError
from notifications.calendar import add_working_days, working_days_between
from notifications.models import Event, Notification
from notifications.reminders import sweep
from tests.conftest import at_nine
from tests.factories import UserFactory
from tests.journeys import Journey, Province
from workflows import deadlines
from workflows.deadlines import deadline_extend
from workflows.models import TaskDeadline
from workflows.recognition import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    province = Province.build()
    for user in (province.head, province.reviewer, province.appraiser, province.committee):
        user.email = f"{user.username}@example.gov.vn"
        user.save()
    return province


@pytest.fixture
def on_day(monkeypatch, frozen_clock):
    """on_day(date): the services and the pages see `date` as today."""

    def set_day(day):
        monkeypatch.setattr(deadlines, "today", lambda: day)
        frozen_clock.move_to(at_nine(day))

    return set_day


def open_deadline(dossier, step):
    return TaskDeadline.objects.get(task__process=dossier.process, step=step, finished_on=None)


def test_review_is_due_ten_working_days_after_submission_across_tet(p, on_day):
    on_day(datetime.date(2026, 2, 12))
    dossier = Journey(p).to("submitted")
    review = open_deadline(dossier, "review")
    # 13/02 then Tết (14–22/02 off): the tenth working day is 05/03/2026
    assert review.due_date == datetime.date(2026, 3, 5)
    assert review.opened_on == datetime.date(2026, 2, 12)


def test_supplement_pauses_the_review_clock(p, on_day):
    on_day(datetime.date(2026, 10, 1))
    dossier = Journey(p).to("submitted")
    first_due = open_deadline(dossier, "review").due_date
    on_day(datetime.date(2026, 10, 5))
    dossier = services.dossier_review(
        acting_user=p.reviewer, dossier=dossier, outcome="supplement", comment="Bổ sung biên bản"
    )
    supplement = open_deadline(dossier, "supplement")
    assert supplement.due_date == add_working_days(datetime.date(2026, 10, 5), 5)
    on_day(datetime.date(2026, 10, 9))
    dossier = services.dossier_submit(acting_user=p.head, dossier=dossier)
    resumed = open_deadline(dossier, "review")
    paused = working_days_between(datetime.date(2026, 10, 5), datetime.date(2026, 10, 9))
    assert resumed.paused_working_days == paused == 4
    assert resumed.due_date == add_working_days(first_due, paused)


def test_one_extension_with_a_reason(p):
    dossier = Journey(p).to("submitted")
    review = open_deadline(dossier, "review")
    with pytest.raises(DomainError, match="lý do"):
        deadline_extend(
            acting_user=p.reviewer,
            deadline=review,
            new_due=review.due_date + datetime.timedelta(days=7),
            reason=" ",
        )
    later = add_working_days(review.due_date, 5)
    deadline_extend(
        acting_user=p.reviewer,
        deadline=review,
        new_due=later,
        reason="Cần xác minh thực tế tại khu dân cư.",
    )
    review.refresh_from_db()
    assert review.due_date == later and review.extended and review.extended_by == p.reviewer
    with pytest.raises(DomainError, match="một lần"):
        deadline_extend(
            acting_user=p.reviewer,
            deadline=review,
            new_due=add_working_days(later, 1),
            reason="Lần hai",
        )


def test_extension_through_the_dossier_page_is_for_the_handler_only(client, p):
    dossier = Journey(p).to("submitted")
    review = open_deadline(dossier, "review")
    new_due = add_working_days(review.due_date, 3)
    url = reverse("dossier-extend", args=[dossier.pk])
    client.force_login(p.head)
    assert client.post(url, {"new_due": new_due.isoformat(), "reason": "x"}).status_code == 403
    client.force_login(p.reviewer)
    client.post(url, {"new_due": new_due.isoformat(), "reason": "Chờ kết quả xác minh."})
    review.refresh_from_db()
    assert review.due_date == new_due
    html = client.get(reverse("dossier-detail", args=[dossier.pk])).content.decode()
    assert "đã gia hạn" in html


def test_steps_finish_and_record_their_day(p):
    dossier = Journey(p).to("forwarded")
    review = TaskDeadline.objects.get(task__process=dossier.process, step="review")
    assert review.finished_on is not None and review.next_notice_on is None
    assert open_deadline(dossier, "appraise")


def test_sweep_reminds_before_due_once_then_escalates_after(p, django_capture_on_commit_callbacks):
    dossier = Journey(p).to("submitted")
    review = open_deadline(dossier, "review")
    day_before = review.due_date - datetime.timedelta(days=1)

    sweep(today=day_before)
    near = Notification.objects.filter(event=Event.DEADLINE_NEAR, recipient=p.reviewer)
    assert near.count() == 1
    sweep(today=day_before)
    assert near.count() == 1  # the same notice is never recorded twice

    after = add_working_days(review.due_date, 1)
    sweep(today=after)
    assert Notification.objects.filter(event=Event.ESCALATED, recipient=p.appraiser).count() == 1
    assert Notification.objects.filter(event=Event.OVERDUE, recipient=p.reviewer).count() == 1
    review.refresh_from_db()
    assert review.next_notice_on is None  # every notice sent


def test_digest_preference_holds_the_email_for_the_daily_digest(p):
    from notifications.services import notify_users, preference_set

    preference_set(acting_user=p.reviewer, event=Event.TASK, in_app=True, email=True, digest=True)
    notify_users([p.reviewer, p.appraiser], event=Event.TASK, key="t", title="Việc mới", body="")
    statuses = dict(Notification.objects.values_list("recipient__username", "email_status"))
    assert statuses == {p.reviewer.username: "digest", p.appraiser.username: "pending"}


def test_events_reach_the_next_handler_and_the_unit_head(p, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = Journey(p).to("submitted")
    assert Notification.objects.filter(recipient=p.reviewer, event=Event.TASK).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_review(
            acting_user=p.reviewer,
            dossier=dossier,
            outcome="supplement",
            comment="Bổ sung biên bản họp",
        )
    to_head = Notification.objects.get(recipient=p.head, event=Event.SUPPLEMENT)
    assert "Bổ sung biên bản họp" in to_head.body


def test_notification_centre_badge_list_and_mark_read(client, p):
    from notifications.services import notify_users

    notify_users([p.reviewer], event=Event.TASK, key="a", title="Việc A", body="", link="/ho-so/")
    notify_users([p.reviewer], event=Event.TASK, key="b", title="Việc B", body="")
    client.force_login(p.reviewer)
    html = client.get(reverse("inbox")).content.decode()
    assert 'aria-label="2 chưa đọc"' in html
    page = client.get(reverse("notification-list")).content.decode()
    assert "Việc A" in page and "Việc B" in page
    first = Notification.objects.get(title="Việc A")
    response = client.post(reverse("notification-read"), {"id": first.pk, "next": "/ho-so/"})
    assert response.url == "/ho-so/"
    assert 'aria-label="1 chưa đọc"' in client.get(reverse("inbox")).content.decode()
    client.post(reverse("notification-read"))
    assert "chưa đọc" not in client.get(reverse("inbox")).content.decode()
    other = UserFactory()
    client.force_login(other)
    assert "Việc A" not in client.get(reverse("notification-list")).content.decode()


def test_preferences_page_saves_choices(client, p):
    client.force_login(p.reviewer)
    client.post(
        reverse("notification-preferences"),
        {"in_app_task": "on", "mode_task": "digest", "email_task": "on"},
    )
    from notifications.models import Preference

    pref = Preference.objects.get(user=p.reviewer, event=Event.TASK)
    assert pref.digest and pref.email and pref.in_app
    assert not Preference.objects.get(user=p.reviewer, event=Event.REFUSED).email


def test_statistics_split_early_on_time_late_and_open(client, p, on_day):
    on_day(datetime.date(2026, 10, 1))
    late = Journey(p).to("submitted")
    review = open_deadline(late, "review")
    TaskDeadline.objects.filter(pk=review.pk).update(due_date=datetime.date(2026, 9, 1))
    pending = Journey(p, p.agency).to("submitted")
    TaskDeadline.objects.filter(pk=open_deadline(pending, "review").pk).update(
        due_date=datetime.date(2099, 1, 1)
    )
    client.force_login(p.reviewer)
    response = client.get(reverse("statistics"))
    rows = [r for r in response.context["rows"] if r["step"] == "review"]
    assert len(rows) == 1
    assert (rows[0]["overdue"], rows[0]["not_due"]) == (1, 1)
    client.force_login(p.head)
    assert client.get(reverse("statistics")).status_code == 403


def test_inbox_shows_due_date_and_days_left(client, p):
    dossier = Journey(p).to("submitted")
    review = open_deadline(dossier, "review")
    client.force_login(p.reviewer)
    html = client.get(reverse("inbox")).content.decode()
    assert review.due_date.strftime("%d/%m/%Y") in html
    assert "ngày làm việc" in html
