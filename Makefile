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

.PHONY: install run serve worker test lint browser-deps bench clean mutation

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
	$(PY) manage.py seed_targets
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Ứng dụng: http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/quan-tri/)"
	@$(MAKE) --no-print-directory serve

# The web server in the foreground, the Celery worker (with beat) in the background. A
# background job of a script ignores Ctrl-C, so on Ctrl-C (or any exit) the trap stops the
# worker itself: SIGTERM (a warm shutdown, about 10 s), SIGQUIT (cold) if it still runs
# after 15 s, then `wait` for it, so nothing is left running when `make run` returns.
serve:
	@$(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
	    --schedule var/celerybeat-schedule > var/celery.log 2>&1 & worker=$$!; \
	  stop() { trap - INT TERM EXIT; kill -0 $$worker 2>/dev/null || return 0; \
	    echo "Đang dừng Celery worker (PID $$worker)…"; kill -TERM $$worker; \
	    for i in $$(seq 30); do kill -0 $$worker 2>/dev/null || break; sleep 0.5; done; \
	    kill -QUIT $$worker 2>/dev/null; wait $$worker; echo "Đã dừng Celery worker."; }; \
	  trap stop INT TERM EXIT; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Chromium for the browser tests comes from Debian, never from a Playwright download;
# axe-core from npm (package-lock.json); WeasyPrint's Pango, and poppler-utils (pdftoppm,
# pdftotext) for the issued-document tests.
browser-deps:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; }
	@{ command -v pdftoppm >/dev/null && ldconfig -p | grep -q libpangoft2; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q \
	    poppler-utils libpango-1.0-0 libpangoft2-1.0-0; }
	@# axe-core (accessibility checks injected by tests/browser/test_look.py), from package.json.
	@command -v npm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q npm; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund

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
# bench/recognition.py reads pages at 2,000, 20,000, 200,000 and 1,000,000 dossiers; shorter:
#   make bench BENCH_SIZES=2000,20000,200000   (docs/scaling.md)
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_SIZES ?=
bench: install
	for db in antt_bench_import antt_bench antt_bench_sweep antt_bench_http antt_bench_province \
	    antt_bench_history; do \
	  psql "$(BENCH_PG)/postgres" -q -c "DROP DATABASE IF EXISTS $$db" -c "CREATE DATABASE $$db"; done
	DATABASE_URL=$(BENCH_PG)/antt_bench_import $(PY) bench/import_units.py
	DATABASE_URL=$(BENCH_PG)/antt_bench BENCH_SIZES=$(BENCH_SIZES) $(PY) bench/recognition.py
	DATABASE_URL=$(BENCH_PG)/antt_bench_sweep $(PY) bench/sweep.py
	DATABASE_URL=$(BENCH_PG)/antt_bench_http $(PY) bench/review_http.py
	DATABASE_URL=$(BENCH_PG)/antt_bench_province $(PY) bench/province.py
	$(PY) bench/documents.py
	DATABASE_URL=$(BENCH_PG)/antt_bench_history $(PY) bench/history.py

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
