# The verbs a newcomer needs. `make run` and `make test` do all the set-up on a fresh machine.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kp_tracker
# Tests run without DEBUG, as production does; a throwaway key is enough for them.
TEST_ENV := SECRET_KEY=test-only-$(shell date +%s%N)

.PHONY: run test check lint format clean bench-search

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: set up, load the demo record and serve it on http://127.0.0.1:$(PORT)/
run: $(BIN)/.installed
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo_data
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py create_local_editor
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: checks, lint, then the suite on PostgreSQL and on SQLite
test: check lint
	$(TEST_ENV) DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest
	$(TEST_ENV) DATABASE_URL= $(BIN)/pytest

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
