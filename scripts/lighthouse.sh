#!/usr/bin/env bash
# `make lighthouse`: Lighthouse (mobile preset) over the sign-in page and a signed-in person's
# list page, on the app served as in production (scripts/serve.sh: the Procfile's release and
# web lines, debug off, plain http) with a throw-away SQLite database. Fails when accessibility,
# best practices or SEO drop below 1.0 or performance below 0.9 (frontend/scripts/lighthouse.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/serve.sh
trap serve_stop EXIT
unset DATABASE_URL
SERVE_DIR="$(mktemp -d /tmp/autofocus-lighthouse.XXXXXX)"
serve_start "${LIGHTHOUSE_SERVE_PORT:-}"
session_key="$(DJANGO_DEBUG=0 DJANGO_HTTPS=0 .venv/bin/python scripts/lighthouse_seed.py)"
node frontend/scripts/lighthouse.mjs "$SERVE_URL" "$session_key" "$@"
