#!/usr/bin/env bash
# Backup restore drill on this machine, the same steps as on the Dokku host (README,
# "Backups"): dump the database the way `dokku postgres:export` does (pg_dump -Fc), drop it,
# restore the dump, and check that the app answers with the same data.
#   scripts/restore-drill.sh postgres://postgres@127.0.0.1:5432/af_drill [port]
# The database is DESTROYED and recreated: never point this at one you need.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:?usage: scripts/restore-drill.sh DATABASE_URL [port]}"
port="${2:-}"
name="${url##*/}"
server="${url%/*}"
dump="/tmp/${name}-$(date -u +%Y%m%dT%H%M%SZ).dump"
counts() {
  psql "$url" -Atc "SELECT (SELECT count(*) FROM accounts_user) || ' users, ' ||
    (SELECT count(*) FROM focus_item) || ' items'"
}
run() { echo "+ $*"; "$@"; }
export DATABASE_URL="$url"
source scripts/serve.sh
trap serve_stop EXIT

echo "== 1. The app runs on $name with some data"
serve_start $port >/dev/null
DJANGO_DEBUG=0 .venv/bin/python manage.py shell -c "
from accounts.models import User
from focus.services import item_create, list_start
user, _ = User.objects.get_or_create(email='drill@example.com', defaults={'language': 'en'})
list_start(user=user)
for n in range(1, 31):
    item_create(user=user, text=f'Drill task {n}')
"
echo "data: $(counts)"
run curl -sS "$SERVE_URL/healthz"; echo

echo "== 2. Dump (what dokku postgres:export writes: pg_dump --format=custom)"
run pg_dump --format=custom --no-owner --no-acl --file "$dump" "$url"
ls -l "$dump"

echo "== 3. Disaster: the database is dropped under the running app"
run dropdb --force --maintenance-db "$server/postgres" "$name"
run curl -sS "$SERVE_URL/healthz"; echo
serve_stop

echo "== 4. Restore (what dokku postgres:import does: pg_restore into a fresh database)"
run createdb --maintenance-db "$server/postgres" "$name"
run pg_restore --no-owner --no-acl --exit-on-error --dbname "$url" "$dump"

echo "== 5. The app answers, with the same data"
SERVE_DIR= serve_start $port >/dev/null
run curl -sS "$SERVE_URL/healthz"; echo
echo "data: $(counts)"
.venv/bin/python - "$SERVE_URL" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/") as page:
    body = page.read().decode()
print("GET / ->", page.status, "(the app shell)" if 'id="app"' in body else "")
PY
rm -f "$dump"
