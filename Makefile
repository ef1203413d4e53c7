# Autofocus: one entry point for setting up, running and testing.
#   make run    set everything up and run the app on SQLite with console email
#   make test   set everything up and run every test (unit, frontend, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test test-python test-frontend test-browser build browser schema bench clean analytics

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	@echo ""
	@echo "  Autofocus is starting: open http://$(HOST):$(PORT)/ in your browser."
	@echo "  Login emails are printed here, in this terminal. Stop with Ctrl+C."
	@echo ""
	DJANGO_DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.installed node_modules/.installed build

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

FRONTEND_SOURCES := $(shell find frontend -path frontend/dist -prune -o -type f -print 2>/dev/null) \
	$(wildcard package.json package-lock.json *.config.js *.config.ts codegen.ts tsconfig.json schema.graphql)

build: webpack-stats.json

# Rebuilt only when a frontend source changed.
webpack-stats.json: node_modules/.installed $(FRONTEND_SOURCES)
	npm run build
	touch $@

browser:
	@bash scripts/install-browser.sh

test: setup browser
	@bash scripts/run-tests.sh

test-python: $(VENV)/.installed
	$(PY) -m pytest

test-frontend: node_modules/.installed
	npm run typecheck
	npm test

test-browser: setup browser
	$(PY) -m pytest functional_tests

schema: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py graphql_schema --schema autofocus.schema.schema --out schema.graphql

bench: setup
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) bench/run.py

# Product analytics (af_dbt/) on the database in DATABASE_URL: PostgreSQL only.
analytics: $(VENV)/.installed
	@bash scripts/analytics.sh

clean:
	rm -rf $(VENV) node_modules frontend/dist webpack-stats.json staticfiles
