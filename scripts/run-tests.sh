#!/usr/bin/env bash
# Runs every test against the database in DATABASE_URL (SQLite when unset), timing each part.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
declare -a TIMES=()

part() {
  local name="$1"; shift
  local started=$SECONDS
  echo ""
  echo "=== $name"
  "$@"
  TIMES+=("$(printf '%-28s %4ss' "$name" $((SECONDS - started)))")
}

echo "Database: ${DATABASE_URL:-sqlite (default)}"
part "python unit tests" "$PY" -m pytest
part "frontend typecheck" npm run --silent typecheck
part "frontend unit tests" npm test --silent
part "browser tests" "$PY" -m pytest functional_tests

echo ""
db=sqlite; [ -n "${DATABASE_URL:-}" ] && db="${DATABASE_URL%%:*}"
echo "=== time per part ($db)"
printf '%s\n' "${TIMES[@]}"
