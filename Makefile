# Two commands do all the set-up (README):
#   make run   — install, migrate, load the demo province and serve it with a Celery
#                worker and scheduler, on embedded defaults (SQLite, filesystem broker).
#   make test  — install everything and run the whole suite on PostgreSQL.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run worker test lint browser-deps bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Ứng dụng: http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/quan-tri/)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
	    --schedule var/celerybeat-schedule > var/celery.log 2>&1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Chromium for the browser tests comes from Debian, never from a Playwright download.
browser-deps:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=antt.example.gov.vn $(PY) manage.py check --deploy --fail-level WARNING

test: install browser-deps lint
	$(VENV)/bin/pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

bench: install
	$(PY) bench/import_units.py
	$(PY) bench/sweep.py

clean:
	rm -rf var/*.sqlite3* var/broker var/media var/celerybeat-schedule*
