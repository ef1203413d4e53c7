# Autofocus: one entry point for setting up, running and testing.
#   make run    set everything up and run the app on SQLite with console email
#   make test   set everything up and run every test (unit, frontend, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test test-python test-frontend test-browser test-served build browser schema bench clean \
	lint lock deploy-staging deploy-production test-deploy messages \
	bench-limits faults analytics lighthouse

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
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# Re-compiles the hash-locked requirements*.txt from requirements*.in (non-interactive).
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip show --quiet pip-tools 2>/dev/null || $(PY) -m pip install --quiet pip-tools==7.6.2
	bash scripts/lock.sh

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

# Every story against the app served exactly as the Procfile says (gunicorn + uvicorn
# workers, debug off, DJANGO_HTTPS=0, file email backend); DATABASE_URL picks the database.
test-served: setup browser
	@bash scripts/test-served.sh

# Lint gates: ruff (lint and format), mypy with django-stubs, the import rules, ESLint, vue-tsc.
lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(VENV)/bin/mypy
	DJANGO_DEBUG=1 $(VENV)/bin/lint-imports
	npx eslint --max-warnings 0 .
	npm run --silent typecheck

# The deploy script (see README, "Deploying"): ARGS=--dry-run or ARGS=--yes pass through.
deploy-staging:
	scripts/deploy staging $(ARGS)

deploy-production:
	scripts/deploy production $(ARGS)

# The deploy script against local stand-ins (bare git remotes, the locally served app).
test-deploy: setup browser
	$(PY) -m pytest -q scripts/tests/test_deploy.py

# Server-rendered texts: refresh locale/ru/LC_MESSAGES/django.po from the templates and
# compile django.mo (committed; needs GNU gettext's msgfmt).
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l ru --no-location --no-obsolete -e html,txt,py \
		-i ".venv/*" -i "node_modules/*" -i "frontend/*" -i "staticfiles/*" -i "bench/*"
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l ru -i .venv -i node_modules

schema: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py graphql_schema --schema autofocus.schema.schema --out schema.graphql

# Lighthouse (mobile preset) over the sign-in and list pages of the app served as in
# production; fails below 1.0 in accessibility, best practices or SEO, or 0.9 in performance.
lighthouse: setup browser
	@bash scripts/lighthouse.sh $(ARGS)

bench: setup
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) bench/run.py

bench-limits: $(VENV)/.installed
	$(PY) bench/limits.py

# Faults under load (a private PostgreSQL cluster, never the machine's own server).
faults: $(VENV)/.installed
	$(PY) bench/faults.py

# Product analytics (af_dbt/) on the database in DATABASE_URL: PostgreSQL only.
analytics: $(VENV)/.installed
	@bash scripts/analytics.sh

clean:
	rm -rf $(VENV) node_modules frontend/dist webpack-stats.json staticfiles
