# The two commands of the README, and a few more.
#   make run   set up, migrate SQLite, load the demo, serve at http://127.0.0.1:8000
#   make serve production: .env, migrate, collectstatic, gunicorn (README "Running in production")
#   make worker the background jobs (mail...), beside make serve
#   make test  install what the tests need and run every test (DATABASE_URL picks the database),
#              then the date-sensitive tests again at 00:05 and at 23:55 (make test-clock)

VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist), one per core of the 2-core machines the suite is timed on;
# each has its own test database. TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= 2
# The tests about dates and today's scores, run again by test-clock as if it were just after
# midnight (UTC) and just before it (New York, where UTC is already the next day, on the
# last day of the year): a test that passes only at some hours fails here. Under a minute.
CLOCK_TESTS := tests/plans/test_reviews.py tests/plans/test_targets.py \
	tests/plans/test_plan_dates.py tests/measures/test_measures_views.py \
	tests/measures/test_cutoffs_for_the_client.py tests/measures/test_administration_services.py \
	tests/progress/test_note_services.py tests/progress/test_dashboard.py

.PHONY: run serve worker test test-clock install install-test browser lint format bench clean

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python node_modules/.package-lock.json
	$(BIN)/pip install --quiet -e '.[test]'

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json and
# installed from the npm registry (never at test time). Re-installed when the lock changes.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

run: install
	TRELLIS_MODE=development DEBUG=$${DEBUG:-false} $(BIN)/trellis migrate --noinput
	TRELLIS_MODE=development $(BIN)/trellis seed-demo
	@echo ""
	@echo "  Trellis is at http://$(HOST):$(PORT)/"
	@echo "  Sign in as clinician@demo.test (or colleague@, supervisor@, admin@demo.test,"
	@echo "  clinician@other.test), password: demo-password"
	@echo ""
	@# The worker runs beside the web server, as in production, and stops with it.
	TRELLIS_MODE=development $(BIN)/trellis worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	TRELLIS_MODE=development $(BIN)/trellis runserver --insecure $(HOST):$(PORT)

# The background worker alone (production runs it beside `make serve`, README).
worker: install
	@set -a; if [ -f .env ]; then . ./.env; fi; set +a; \
	exec $(BIN)/trellis worker

# Production, as README "Running in production" says: the variables of .env (see
# .env.example) or of the environment, migrations, static files for whitenoise, gunicorn.
# --preload loads the app once first, so unsafe settings stop it with their names.
serve: install
	@set -a; if [ -f .env ]; then . ./.env; fi; set +a; \
	$(BIN)/trellis migrate --noinput && \
	$(BIN)/trellis collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/gunicorn trellis.wsgi --preload --workers "$${WEB_CONCURRENCY:-2}" \
		--bind "$${BIND:-$(HOST):$(PORT)}" --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

browser:
	@scripts/ensure-chromium

test: install-test browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-clock

test-clock: install-test
	TIME_ZONE=UTC TRELLIS_TEST_CLOCK=2026-12-07T00:05 $(BIN)/pytest -q $(CLOCK_TESTS)
	TIME_ZONE=America/New_York TRELLIS_TEST_CLOCK=2026-12-31T23:55 $(BIN)/pytest -q $(CLOCK_TESTS)

lint: install-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format: install-test
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache test-artifacts node_modules
