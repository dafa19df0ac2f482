"""Local development and the demo: DEBUG on, embedded defaults."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
