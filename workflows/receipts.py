"""One-time step tokens (DESIGN.md "A step's HTTP answer must tell the truth"): a retried
POST shows the step's result instead of acting twice or failing.

Every step form carries a fresh token (`{% step_token %}`, a hidden field). The view is
wrapped by `one_time_step`: a POST whose token already has a receipt is redirected to the
recorded result with a message; otherwise the view runs with the token in context, and the
audit trail (workflows/transitions.py) calls `stamp()` in the step's own transaction, so
the receipt exists exactly when the step committed — even when the answer never reached
the browser (a timeout, a connection dropped after the commit). After the view answered
with a redirect, the receipt learns that exact address; that refinement may fail
without harm (the receipt already points at the subject's page).

A POST without a token (the API, older pages) acts as before."""

import contextvars
import logging
import uuid
from functools import wraps

from django.contrib import messages
from django.db import Error as DatabaseError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse

from .models import StepReceipt

logger = logging.getLogger(__name__)

FIELD = "step_token"
ALREADY_DONE = (
    "Thao tác này đã được thực hiện ở lần gửi trước (có thể trang kết quả chưa kịp hiện "
    "ra). Hệ thống không thực hiện lại; dưới đây là kết quả."
)
BAD_TOKEN = "Mã thao tác không hợp lệ. Vui lòng tải lại trang rồi thực hiện lại."

_pending = contextvars.ContextVar("step_receipt", default=None)


def new_token() -> str:
    return uuid.uuid4().hex


def stamp() -> None:
    """Record the receipt of the step in progress, in the caller's transaction (once per
    token: a decision writing many audit rows stamps it once)."""
    pending = _pending.get()
    if pending is None:
        return
    token, user, path, location = pending
    StepReceipt.objects.bulk_create(
        [StepReceipt(token=token, user=user, path=path[:255], location=location[:255])],
        ignore_conflicts=True,
    )


def one_time_step(result_url):
    """Wrap a step view (under `login_required`). `result_url(request, **kwargs)` is where
    a step done by this page is shown when the view's own redirect is not known: the
    dossier's or nomination's page, or the list of decisions."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            raw = request.POST.get(FIELD, "") if request.method == "POST" else ""
            if not raw:
                return view(request, *args, **kwargs)
            try:
                token = uuid.UUID(raw)
            except ValueError:
                return HttpResponseBadRequest(BAD_TOKEN)
            done = StepReceipt.objects.filter(token=token, user=request.user).first()
            if done is not None:
                messages.info(request, ALREADY_DONE)
                return redirect(done.location)
            context = (token, request.user, request.path, result_url(request, **kwargs))
            reset = _pending.set(context)
            try:
                response = view(request, *args, **kwargs)
            finally:
                _pending.reset(reset)
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                _refine(token, response["Location"])
            return response

        wrapper.takes_step_token = True  # copied outwards by login_required's wraps()
        return wrapper

    return decorate


def _refine(token, location: str) -> None:
    """Point the receipt (if the view committed a step) at the exact result page. After
    the commit, so it must not fail the answer."""
    try:
        StepReceipt.objects.filter(token=token).update(location=location[:255])
    except DatabaseError:
        logger.warning("step receipt %s not refined", token, exc_info=True)


def page(name: str):
    """`result_url` for a page of the subject the URL names (`pk`)."""
    return lambda request, **kwargs: reverse(name, kwargs={"pk": kwargs["pk"]})


def fixed(name: str):
    """`result_url` for a fixed page (a list)."""
    return lambda request, **kwargs: reverse(name)
