#!/usr/bin/env bash
# Starts the app the way production does, in the background, and waits until it answers:
# the Procfile's `release` line (migrate, collectstatic), then its `web` line (gunicorn with
# uvicorn workers), debug off, plain http, the file email backend.
#
#   source scripts/serve.sh; serve_start [port]; ...; serve_stop
#
# Reads DATABASE_URL (default: a SQLite file of its own), DJANGO_SECRET_KEY (default: a random
# one) and SERVE_DIR (default: a new temporary folder); exports what the tests need to share
# the server's database and mail: DATABASE_URL, DJANGO_SECRET_KEY, SERVE_URL, SERVE_MAIL_DIR.

serve_free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

serve_procfile_line() {
  sed -n "s/^$1: *//p" Procfile
}

serve_start() {
  local port="${1:-$(serve_free_port)}"
  SERVE_DIR="${SERVE_DIR:-$(mktemp -d /tmp/autofocus-served.XXXXXX)}"
  export DATABASE_URL="${DATABASE_URL:-sqlite:///$SERVE_DIR/db.sqlite3}"
  export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(40))')}"
  export SERVE_URL="http://127.0.0.1:$port"
  export SERVE_MAIL_DIR="$SERVE_DIR/mail"
  mkdir -p "$SERVE_MAIL_DIR"
  # The workers listen with SO_REUSEPORT, so a server left on the port would share it
  # silently: wait for one that is stopping, refuse one that stays.
  local waited=0
  while curl -sS -o /dev/null "$SERVE_URL/healthz" 2>/dev/null; do
    if [ "$waited" -ge 30 ]; then
      echo "Something else answers on $SERVE_URL; stop it first" >&2
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  if [[ "$DATABASE_URL" == postgres* ]]; then
    .venv/bin/python scripts/ensure-database.py "$DATABASE_URL"
  fi
  (
    export PATH="$PWD/.venv/bin:$PATH" PORT="$port" DJANGO_DEBUG=0 DJANGO_HTTPS=0 \
      DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="$SERVE_URL" \
      EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend \
      EMAIL_FILE_PATH="$SERVE_MAIL_DIR" \
      WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
    bash -c "$(serve_procfile_line release)" >"$SERVE_DIR/release.log" 2>&1 ||
      { cat "$SERVE_DIR/release.log"; exit 1; }
    exec bash -c "exec $(serve_procfile_line web)" >"$SERVE_DIR/web.log" 2>&1
  ) &
  SERVE_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$SERVE_URL/healthz" >/dev/null 2>&1; then
      echo "Serving $SERVE_URL (pid $SERVE_PID, logs in $SERVE_DIR)"
      return 0
    fi
    if ! kill -0 "$SERVE_PID" 2>/dev/null; then
      echo "The server stopped before answering:" >&2
      cat "$SERVE_DIR/release.log" "$SERVE_DIR/web.log" >&2 2>/dev/null
      return 1
    fi
    sleep 0.5
  done
  echo "The server did not answer $SERVE_URL/healthz within 60 s" >&2
  return 1
}

serve_stop() {
  if [ -n "${SERVE_PID:-}" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill -TERM "$SERVE_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$SERVE_PID" 2>/dev/null || true
  fi
  SERVE_PID=
}
