"""Tests: PostgreSQL from DATABASE_URL (default: the local server, trust auth)."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/antt")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405

# `make mutation` creates each run's test database from a migrated template (one CREATE
# DATABASE … TEMPLATE instead of every migration, once per mutant).
if os.environ.get("ANTT_TEST_DB_TEMPLATE"):
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["ANTT_TEST_DB_TEMPLATE"]}  # noqa: F405

# The documents' renderer in tests: small WeasyPrint PDFs with the same interface
# (tests/documents/rendering_stub.py); documents.rendering renders the real Decree 30 ones.
DOCUMENTS_RENDERING = "tests.documents.rendering_stub"
