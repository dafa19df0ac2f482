"""The idle timeout (8 hours from the last request) without a write on every page (issue
14): the session's expiry moves at most every SESSION_REFRESH_SECONDS
(config.middleware.SessionMiddleware)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("notification-list")).status_code == 200
    return [q["sql"] for q in captured if q["sql"].startswith('UPDATE "django_session"')]


def test_issue_14_the_session_expiry_moves_at_most_every_five_minutes(client, frozen_clock):
    client.force_login(UserFactory())  # the log-in wrote the session: the clock starts
    first = expiry(client)
    assert page(client) == [] and expiry(client) == first
    frozen_clock.shift(datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS - 10))
    assert page(client) == [] and expiry(client) == first  # no write within five minutes
    frozen_clock.shift(datetime.timedelta(seconds=20))
    assert len(page(client)) == 1
    moved = expiry(client) - first
    assert moved >= datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS)


def test_issue_14_an_idle_session_still_ends_after_eight_hours(client, frozen_clock):
    client.force_login(UserFactory())
    page(client)
    frozen_clock.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    response = client.get(reverse("notification-list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
