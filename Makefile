# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8050
HOST ?= 127.0.0.1
WORKERS ?= 2

.PHONY: run test install install-test install-load lint bench loadtest browser clean audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# locust only for `make loadtest`, not for `make test`.
$(VENV)/.installed-load: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,load]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

install-load: $(VENV)/.installed-load

run: install
	LAGESBILD_DEMO=$${LAGESBILD_DEMO:-1} $(BIN)/lagesbild init-db
	LAGESBILD_DEMO=$${LAGESBILD_DEMO:-1} $(BIN)/lagesbild seed-demo --only-if-empty
	@echo ""
	@echo "Lägesbild körs på http://$(HOST):$(PORT)/"
	@echo "Demokonton (lösenord demo): admin, ks, polis, ostermalm, bromma, skarpnack, norrainnerstaden"
	@echo ""
	LAGESBILD_DEMO=$${LAGESBILD_DEMO:-1} LAGESBILD_BIND=$(HOST):$(PORT) WEB_CONCURRENCY=$(WORKERS) \
		$(BIN)/gunicorn --config gunicorn.conf.py wsgi:server

# Browser tests drive Debian's Chromium; install it when we are allowed to (root).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else echo "Chromium saknas: installera Debians paket chromium (sudo apt-get install chromium)."; fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install-test browser lint
	$(BIN)/pytest --durations=25

# Known vulnerabilities in the installed dependencies (pip-audit; .ci/audit says why it may
# audit nothing on a machine without a vulnerability service).
audit: install-test
	bash .ci/audit

bench: install-test browser
	$(BIN)/python -m bench.overview
	$(BIN)/python -m bench.follow_up
	$(BIN)/python -m bench.alerts
	$(BIN)/python -m bench.register
	$(BIN)/python -m bench.browser

# LOADTEST_USERS (50) users for LOADTEST_SECONDS (60) against gunicorn on BENCH_SCALE (national)
# data: SQLite, or PostgreSQL with LOADTEST_DATABASE_URL / BENCH_DATABASE_URL (bench/loadtest.py).
loadtest: install-load browser
	$(BIN)/python -m bench.loadtest

clean:
	rm -rf $(VENV) .venv-audit instance .pytest_cache
