"""Issue #13: every free-text field has a sensible length limit (a remark once took 21,000
characters). The browser walk (tests/browser/test_look.py) sees only the pages it opens;
this reads every form class of the project's apps, including the forms of pages it skips."""

import importlib
import inspect
from pathlib import Path

from django import forms

ROOT = Path(__file__).resolve().parents[1]
APPS = ("accounts", "dossiers", "documents", "movement", "notifications", "province", "workflows")


def project_forms():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("forms*.py")):
            module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_free_text_field_of_our_forms_has_a_length_limit():
    found = list(project_forms())
    assert len(found) > 20  # the walk reads the apps' forms, not an empty list
    unlimited = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in found
        for name, field in cls.base_fields.items()
        if type(field) is forms.CharField
        and field.max_length is None
        and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
        and not (cls.__module__ == "accounts.forms" and name == "username")  # set in __init__
    ]
    assert unlimited == []
