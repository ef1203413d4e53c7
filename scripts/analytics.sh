#!/usr/bin/env bash
# `make analytics`: builds and tests the dbt project (af_dbt/) on the database in DATABASE_URL,
# as the daily cron does (plus the tests). Analytics needs PostgreSQL: no maintained dbt
# adapter for SQLite works with the pinned dbt-core, so on SQLite this says so and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${DATABASE_URL:-}"
if [[ -z "$url" && -f .env ]]; then
  url="$(sed -n 's/^DATABASE_URL=//p' .env | tail -n1 | tr -d '"'"'")"
fi
case "$url" in
  postgres://* | postgresql://* | pgsql://*) ;;
  *)
    echo "Analytics needs PostgreSQL: the dbt project in af_dbt/ runs on PostgreSQL only"
    echo "(no maintained dbt adapter for SQLite works with the pinned dbt-core)."
    echo "Set DATABASE_URL=postgres://user@host:5432/name and run 'make analytics' again."
    exit 2
    ;;
esac
export DATABASE_URL="$url"
cd af_dbt
../.venv/bin/dbt deps --quiet
../.venv/bin/dbt build
