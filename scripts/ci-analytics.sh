#!/usr/bin/env bash
# CI: plays a month of the method for a few dozen people on a fresh PostgreSQL database, then
# runs `dbt build` (models and their tests, which tie the marts to the raw events).
set -euo pipefail
cd "$(dirname "$0")/.."
db="${ANALYTICS_CI_DB:-autofocus_ci_analytics}"
admin="postgres://postgres@127.0.0.1:5432/postgres"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
export DJANGO_DEBUG=1
.venv/bin/python - "$admin" "$db" <<'PY'
import sys

import psycopg

with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py play_month --users "${ANALYTICS_CI_USERS:-20}"
cd af_dbt
../.venv/bin/dbt deps --quiet
../.venv/bin/dbt build
