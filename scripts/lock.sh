#!/usr/bin/env bash
# Compiles requirements.in and requirements-dev.in into hash-locked requirements.txt and
# requirements-dev.txt (indirect dependencies included) from PyPI alone, ignoring this
# machine's pip configuration (local wheel folders and mirrors), so the hashes are the ones
# every other machine and the buildpack download. Non-interactive; run by `make lock`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PIP_CONSTRAINT
compile() {
  "$PY" -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
    --resolver=backtracking --no-emit-index-url --no-emit-find-links \
    --index-url https://pypi.org/simple --output-file "$2" "$1"
}
compile requirements.in requirements.txt
compile requirements-dev.in requirements-dev.txt
echo "Locked: requirements.txt ($(grep -c '==' requirements.txt) packages)," \
  "requirements-dev.txt ($(grep -c '==' requirements-dev.txt) packages)"
