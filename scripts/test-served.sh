#!/usr/bin/env bash
# Every story against the app served as in production (`make test-served`): the Procfile's
# release and web lines, debug off, plain http, the file email backend, a free port. The
# tests share the server's database (DATABASE_URL; a SQLite file of its own when unset) and
# read its mail folder; the database is emptied after every story.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/serve.sh
trap serve_stop EXIT
if [ -n "${DATABASE_URL:-}" ]; then
  # Never the development database: the stories empty it. A database of its own, "<name>_served".
  export DATABASE_URL="${DATABASE_URL%%\?*}_served"
fi
started=$SECONDS
serve_start
FT_BASE_URL="$SERVE_URL" FT_MAIL_DIR="$SERVE_MAIL_DIR" .venv/bin/python -m pytest functional_tests "$@"
echo "Stories against $SERVE_URL (${DATABASE_URL%%:*}): $((SECONDS - started)) s"
