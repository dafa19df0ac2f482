"""Issue #13: the admin an administrator opens speaks Vietnamese — every change list and
add form of every registered model, ours and the libraries' (axes, django-celery-beat):
section names, column and filter titles, field labels and help texts, actions."""

import re

import pytest
from django.contrib import admin

from tests.browser.test_look import ENGLISH

# Labels the libraries print in English when the project's catalogue lacks them.
LIBRARY_ENGLISH = [
    "Show counts", "Model name", "Add link", "Attempt Time", "Logout Time", "IP Address",
    "User Agent", "Failed Logins", "Task Name", "Enabled", "One-off Task", "Start Datetime",
    "Interval Schedule", "Crontab Schedule", "Human readable", "Crontab translation",
    "Number of Periods", "Solar Event", "Clock Time", "Execution Options",
    "Run selected tasks", "Last Run Datetime", "Positional Arguments", "Short Description",
]  # fmt: skip
HIDDEN = re.compile(r"<(script|style|select)\b.*?</\1>", re.S)  # code; time zone names


def admin_lists():
    return sorted(
        f"/quan-tri/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    )


def english(html):
    text = re.sub(r"<[^>]+>", " ", HIDDEN.sub(" ", html))
    found = [label for label in LIBRARY_ENGLISH if label in html]
    return found + sorted({m.group(0) for m in ENGLISH.finditer(text)})


def test_the_admin_index_names_its_sections_in_vietnamese(admin_client):
    html = admin_client.get("/quan-tri/").content.decode()
    assert "Tác vụ định kỳ" in html and "Khóa đăng nhập sai nhiều lần" in html
    assert english(html) == []


@pytest.mark.parametrize("url", admin_lists())
def test_every_admin_list_and_add_form_speaks_vietnamese(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert english(response.content.decode()) == []
    form = admin_client.get(url + "add/")
    if form.status_code != 403:  # records only the application writes (a log, a task)
        assert english(form.content.decode()) == []
