"""`make run` and local development: served like production (DEBUG off, so a newcomer sees
the product's own 404 and 500 pages; WhiteNoise serves the files `collectstatic` gathered in
var/static), on the embedded defaults (SQLite, filesystem broker, console e-mail). Set
DEBUG=true in the environment for Django's debug pages."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")

from .base import *  # noqa: E402,F403
