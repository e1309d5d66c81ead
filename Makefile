# DiploTrack: `make run` to serve the site, `make test` to run the tests. Nothing else is needed.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup data lint format bench serve backup restore loadtest clean evaluate poll lock

# Exactly what the lock names, every file checked against its hash (requirements-dev.txt holds the runtime's locked
# versions too); `make lock` writes the locks from requirements*.in.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# The locks: requirements*.in (the direct dependencies) resolved with every dependency of theirs, exact versions and
# the hashes of their files. `make lock` keeps the versions already locked where it can; UPGRADE=1 takes the newest
# each .in file allows, UPGRADE=name the newest of one package. pip-tools lives in a venv of its own.
LOCK_VENV := .venv-lock
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  $(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE),))
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2; }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.txt requirements-dev.in

# axe-core for the accessibility checks of the browser tests, when npm is there (they skip, saying why, without it).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

setup: $(VENV)/.installed node_modules/.installed

data: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_reference
	$(PY) manage.py load_history
	$(PY) manage.py import_articles fixtures/articles
	$(PY) manage.py rebuild_search --missing

# New entries of the active news feeds (see README: run it every hour with cron or a systemd timer).
poll: setup
	$(PY) manage.py poll_feeds

run: data
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest

# Production-style serving: gunicorn, static files through whitenoise. Needs DJANGO_ENV=production,
# SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL in the environment (see README).
# Threaded workers: a long export streams in its thread while the worker answers its heartbeat, so gunicorn's
# timeout never cuts it off; the other threads go on serving pages.
WORKERS ?= 3
THREADS ?= 4
serve: setup
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py migrate --no-input
	$(VENV)/bin/gunicorn diplotrack.wsgi -c gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) --worker-class gthread \
	  --threads $(THREADS) --access-logfile -

# A backup with the database's own tool, and a manifest beside it, in backups/ (see README).
backup: setup
	$(PY) manage.py backup --folder backups

# make restore FILE=backups/diplotrack-….sqlite3 (or .dump); FORCE=1 to replace a database that holds data.
restore: setup
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<file> [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(filter 1,$(FORCE)),--force,)

loadtest: data
	./loadtest/run

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# The importer measured against an annotated set of articles (a gold.json beside an articles/ folder).
DEVSET ?= ../shared/devset
evaluate: setup
	@test -f $(DEVSET)/gold.json || { echo "No annotated set at $(DEVSET): set DEVSET=/path/to/set"; exit 2; }
	$(PY) manage.py evaluate_import $(DEVSET)/gold.json $(DEVSET)/articles --save events/data/evaluation.json

BENCH_MEETINGS ?= 100000

# Fresh databases (SQLite, and PostgreSQL when DATABASE_URL names one: <name>_bench on that server), the importer,
# BENCH_MEETINGS synthetic meetings, pages, exports and the peers; one table, figures in bench-results/results.json.
# `make bench BENCH_ARGS=--profile`: only a profile of each page's first request, to see where its time goes.
bench: setup
	$(PY) manage.py benchmark --meetings $(BENCH_MEETINGS) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache kept-exports
