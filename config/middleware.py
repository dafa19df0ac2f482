"""Middleware of the deployment, not of the domain: a request id on every request and its
log lines, and a session that cannot turn a committed step into a failed answer."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import Error as DatabaseError

from .observability import current_request

logger = logging.getLogger(__name__)

HEADER = "X-Request-ID"
REFRESHED = "_refreshed"  # when the session's expiry was last moved (epoch seconds)
# What the load balancer or a client may send: short, printable, no spaces (it ends up in
# every log line and in the answer's header).
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Give the request an id (the incoming X-Request-ID when well-formed, else a new one),
    keep the request where the logging filter finds it, and answer with the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.request_id = incoming if ACCEPTED_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Kept until the response is closed (request_finished): Django logs a 4xx/5xx
        # answer after the middleware has returned, and that line needs the id too.
        current_request.set(request)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def _stamp_login(sender, request, user, **kwargs):
    """A log-in writes the session: its expiry starts there, not at the next page."""
    if getattr(request, "session", None) is not None:
        request.session[REFRESHED] = int(time.time())


user_logged_in.connect(_stamp_login, dispatch_uid="session-refreshed-at-login")


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, with a sliding expiry written at most every SESSION_REFRESH_SECONDS rather
    than on every request (SESSION_SAVE_EVERY_REQUEST would be one UPDATE per page: issue
    14), and a refresh that may fail without failing the answer: the view has already done
    its work — a step has committed — and the worst outcome is a session that is not
    extended. A session the request changed (log-in, log-out) must be saved, so its
    failure still fails."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or session.modified:
            return super().process_response(request, response)
        now = int(time.time())
        if session.accessed and not session.is_empty():
            if now - session.get(REFRESHED, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED] = now  # saved below: the idle timeout starts again
        try:
            return super().process_response(request, response)
        except (DatabaseError, SessionInterrupted):  # Django reports a failed update as the latter
            logger.warning("session refresh failed after the response was ready", exc_info=True)
            return response
