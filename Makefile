# The verbs a newcomer needs. `make run` and `make test` do all the set-up on a fresh machine.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kp_tracker
# Tests run without DEBUG, as production does; a throwaway key is enough for them.
TEST_ENV := SECRET_KEY=test-only-$(shell date +%s%N) KP_IN_MAKE_TEST=1
# More pytest arguments for every leg of `make test`, e.g. PYTEST_ARGS="tests/test_views.py -x".
PYTEST_ARGS ?=

.PHONY: run serve test test-postgresql test-sqlite test-browser scale-demo check lint format clean bench-search bench-api bench-load bench-profile faults readme-check

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: set up, load the demo record, build its open-data download and serve it on
## http://127.0.0.1:$(PORT)/
run: $(BIN)/.installed .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py build_downloads
	$(BIN)/python manage.py create_local_editor
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## serve: the production configuration on http://127.0.0.1:$(PORT)/ against PostgreSQL
## (SERVE_DATABASE_URL): gunicorn, static files collected, DEBUG off, over plain HTTP
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kp_tracker_serve
SERVE_ENV := DEBUG=false DATABASE_URL=$(SERVE_DATABASE_URL) SECURE_SSL_REDIRECT=false \
  SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 PORT=$(PORT)
serve: $(BIN)/.installed .env
	$(BIN)/python scripts/ensure_database.py $(SERVE_DATABASE_URL)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	$(SERVE_ENV) $(BIN)/python manage.py createcachetable
	$(SERVE_ENV) $(BIN)/python manage.py load_demo_data
	$(SERVE_ENV) $(BIN)/python manage.py build_downloads
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py

# Local settings, read by every manage.py command when the environment sets no SECRET_KEY.
# Written once, never overwritten; git-ignored.
.env:
	umask 077 && key=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	  printf '# Local settings (git-ignored); the environment wins.\nDEBUG=true\nSECRET_KEY=%s\n' \
	  "$$key" > $@

## test: checks, lint, then the suite on PostgreSQL and on SQLite and the browser tests (on
## PostgreSQL), two legs at a time, each printed when it ends; scripts/test-services brings
## PostgreSQL and Chromium first, or says at once the command that does
test: check lint
	scripts/test-services --chromium true
	$(MAKE) --no-print-directory --jobs=2 --output-sync=target \
	  test-postgresql test-sqlite test-browser

test-postgresql: $(BIN)/.installed
	$(TEST_ENV) TEST_DATABASE_URL=$(TEST_DATABASE_URL) scripts/test-services \
	  $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

# Its own database, so that it can run beside the PostgreSQL leg.
test-browser: $(BIN)/.installed
	$(TEST_ENV) TEST_DATABASE_URL=$(TEST_DATABASE_URL)_browser scripts/test-services --chromium \
	  $(BIN)/pytest -m browser $(PYTEST_ARGS)

test-sqlite: $(BIN)/.installed
	$(TEST_ENV) DATABASE_URL= $(BIN)/pytest --ignore=tests/browser $(PYTEST_ARGS)

check: $(BIN)/.installed
	$(TEST_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

## bench-search: the search benchmark on PostgreSQL (100,000 decisions; several minutes)
bench-search: $(BIN)/.installed
	$(BIN)/python bench/search.py

## bench-api: the API's throughput beside the pages' for the same records (PostgreSQL; a minute)
bench-api: $(BIN)/.installed
	$(BIN)/python bench/api.py

## bench-load: the pages under load (wrk) in `make serve`'s configuration, with the page cache
## and without, each between two runs of robots.txt, and the targets met (PostgreSQL; about seven
## minutes)
bench-load: $(BIN)/.installed
	$(BIN)/python bench/load.py

## bench-profile: where an uncached page's CPU goes, in process: each page whole, with its record
## read from memory, and cProfile's shares (PostgreSQL; a minute)
bench-profile: $(BIN)/.installed
	$(BIN)/python bench/profile_pages.py

## faults: PostgreSQL stopped, started, hung and resumed under gunicorn in the production
## configuration, on a throwaway server: each answer's status and time (about a minute)
faults: $(BIN)/.installed
	$(BIN)/python scripts/faults.py

## scale-demo: a primary PostgreSQL and a streaming replica, two gunicorn instances reading
## anonymous pages from the replica, an edit on one seen at once on the other; all removed after
## (run as root or postgres; ports 8250-8251 and 5470-5471; a few minutes)
scale-demo: $(BIN)/.installed
	$(BIN)/python scripts/scale_demo.py

## readme-check: every command README.md shows, run in a fresh clone of this repository
## (README_CHECK_ARGS=--skip-slow leaves out `make test` and `make bench-search`)
readme-check:
	$(PYTHON) scripts/check_readme_commands.py $(README_CHECK_ARGS)
