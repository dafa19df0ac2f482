"""Middleware of the deployment, not of the domain: a request id on every request and its
log lines, and a session that cannot turn a committed step into a failed answer."""

import logging
import re
import uuid

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import Error as DatabaseError

from .observability import current_request

logger = logging.getLogger(__name__)

HEADER = "X-Request-ID"
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


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that refreshing an unchanged session (SESSION_SAVE_EVERY_REQUEST)
    may fail without failing the answer: the view has already done its work — a step has
    committed — and the worst outcome is a session that is not extended. A session the
    request changed (log-in, log-out) must be saved, so its failure still fails."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or session.modified:
            return super().process_response(request, response)
        try:
            return super().process_response(request, response)
        except (DatabaseError, SessionInterrupted):  # Django reports a failed update as the latter
            logger.warning("session refresh failed after the response was ready", exc_info=True)
            return response
