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

.PHONY: install run worker test lint browser-deps bench clean mutation

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Runtime folders are made where they are used: var/ here (SQLite, the Celery log and beat
# schedule), the broker's folders by config/celery.py, media by the storage on first upload.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Ứng dụng: http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/quan-tri/)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
	    --schedule var/celerybeat-schedule > var/celery.log 2>&1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Chromium for the browser tests comes from Debian, never from a Playwright download;
# WeasyPrint's Pango, and poppler-utils (pdftoppm, pdftotext) for the issued-document tests.
browser-deps:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; }
	@{ command -v pdftoppm >/dev/null && ldconfig -p | grep -q libpango-1.0; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q poppler-utils libpango-1.0-0 libpangoft2-1.0-0; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=antt.example.gov.vn $(PY) manage.py check --deploy --fail-level WARNING

test: install browser-deps lint
	$(VENV)/bin/pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

# Each benchmark gets a fresh PostgreSQL database on BENCH_PG (the local server by default).
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench: install
	for db in antt_bench_import antt_bench antt_bench_sweep; do \
	  psql "$(BENCH_PG)/postgres" -q -c "DROP DATABASE IF EXISTS $$db" -c "CREATE DATABASE $$db"; done
	DATABASE_URL=$(BENCH_PG)/antt_bench_import $(PY) bench/import_units.py
	DATABASE_URL=$(BENCH_PG)/antt_bench $(PY) bench/recognition.py
	DATABASE_URL=$(BENCH_PG)/antt_bench_sweep $(PY) bench/sweep.py
	$(PY) bench/documents.py

clean:
	rm -rf var/*.sqlite3* var/broker var/media var/celerybeat-schedule*

# Mutation testing of the rule modules (issue #12), outside CI: it takes long. One module:
#   make mutation MUTANTS='dossiers.decisions*'
# Each mutant's test database is copied from a migrated template (MUTATION_PG). The report:
# `$(VENV)/bin/mutmut results` (survivors) and mutants/ (git-ignored).
MUTANTS ?=
MUTATION_PG ?= postgres://postgres@127.0.0.1:5432
mutation: install
	$(PY) -c "import psycopg; c = psycopg.connect('$(MUTATION_PG)/postgres', autocommit=True); \
	  c.execute('DROP DATABASE IF EXISTS antt_mutation_template'); \
	  c.execute('CREATE DATABASE antt_mutation_template')"
	DATABASE_URL=$(MUTATION_PG)/antt_mutation_template DJANGO_SETTINGS_MODULE=config.settings.test \
	  $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(MUTATION_PG)/antt_mutation ANTT_TEST_DB_TEMPLATE=antt_mutation_template \
	  $(VENV)/bin/mutmut run --max-children 1 $(MUTANTS)
	$(VENV)/bin/mutmut results
