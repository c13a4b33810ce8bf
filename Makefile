# The two commands of the README, and a few more.
#   make run   set up, migrate SQLite, load the demo, serve at http://127.0.0.1:8000
#   make test  install what the tests need and run every test (DATABASE_URL picks the database)

VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-test browser lint format bench clean

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	DEBUG=$${DEBUG:-false} $(BIN)/trellis migrate --noinput
	$(BIN)/trellis seed-demo
	@echo ""
	@echo "  Trellis is at http://$(HOST):$(PORT)/"
	@echo "  Sign in as clinician@demo.test (or colleague@, supervisor@, admin@demo.test,"
	@echo "  clinician@other.test), password: demo-password"
	@echo ""
	$(BIN)/trellis runserver --insecure $(HOST):$(PORT)

browser:
	@scripts/ensure-chromium

test: install-test browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format: install-test
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache test-artifacts
