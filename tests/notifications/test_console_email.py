"""E-mails print to the console (EMAIL_URL=consolemail://, the README's promise for
`make run`): after a step, the people it waits for get a readable plain-text e-mail."""

import pytest
from django.template.loader import render_to_string

from notifications.models import Notification
from tests.journeys import Journey, Province

pytestmark = pytest.mark.django_db


def test_an_email_is_printed_by_the_console_backend_after_a_step(
    settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    p = Province.build()
    p.reviewer.email = "caxa@antt.local"
    p.reviewer.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        Journey(p).to("submitted")
    printed = capsys.readouterr().out
    assert "To: caxa@antt.local" in printed
    assert "Khu phố 1, Phường Gò Dầu" in printed
    assert "Hồ sơ Hồ sơ" not in printed


def test_task_notice_names_the_dossier_once(django_capture_on_commit_callbacks):
    """Not "Hồ sơ Hồ sơ Khu phố 1 — 2026 đang chờ…"."""
    p = Province.build()
    with django_capture_on_commit_callbacks(execute=True):
        Journey(p).to("submitted")
    body = Notification.objects.filter(recipient=p.reviewer).first().body
    assert body.startswith("Hồ sơ của Khu phố 1, Phường Gò Dầu năm 2026 đang chờ bạn xử lý.")


def test_plain_text_email_does_not_html_escape_user_text():
    n = Notification(title="Yêu cầu bổ sung", body="Thiếu biên bản họp 'quý I' & <ảnh>")
    text = render_to_string("notifications/email/notification.txt", {"n": n, "site": ""})
    html = render_to_string("notifications/email/notification.html", {"n": n, "site": ""})
    assert "Thiếu biên bản họp 'quý I' & <ảnh>" in text
    assert "&lt;ảnh&gt;" in html
