# duban — two commands for a newcomer: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: demo test test-sqlite test-postgres lint fmt bench load scale system-deps clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

system-deps:
	@bash scripts/system-deps.sh

# Set up (idempotent), import the example, create demo accounts, print how to log in, serve,
# with the background worker (exports, notices, backups) beside the server.
demo: $(STAMP) system-deps
	$(BIN)/duban demo-setup
	$(BIN)/duban serve --with-worker --port $${PORT:-8000}

test: $(STAMP) system-deps lint test-sqlite test-postgres

# ruff; mypy (strict on duban/core, basic on duban/web: pyproject.toml, cached in .mypy_cache);
# pylint's duplicate-code check alone ([tool.pylint] in pyproject.toml): no clone in duban/.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pylint duban

test-sqlite: $(STAMP)
	$(BIN)/pytest

# The same suite against PostgreSQL; tests that need it skip with a message when no server
# answers, except under CI, where they fail.
test-postgres: $(STAMP)
	@if [ -d tests/web ]; then \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest tests/web -m "not browser" -p no:cacheprovider; \
	else echo "no web tests yet: nothing to run on PostgreSQL"; fi

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m duban.bench

# 200 reporters log in and submit during one round, gunicorn on 127.0.0.1, SQLite then PostgreSQL;
# then the export-heavy profile: 10 PDFs made by two workers while members read pages.
load: $(STAMP)
	$(BIN)/python scripts/load.py
	$(BIN)/python scripts/load_exports.py

# A synthetic province (~900,000 reports) in PostgreSQL, then the growing pages timed.
# `make scale SMALL=1` for a quick run.
scale: $(STAMP)
	$(BIN)/python scripts/scale.py $(if $(SMALL),--small)

clean:
	rm -rf $(VENV) var/*.sqlite3* artifacts .pytest_cache .mypy_cache
