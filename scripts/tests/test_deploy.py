"""The deploy script against stand-ins: a local bare git repository for each Dokku remote,
whose post-receive hook (re)starts the app as the Procfile says with GIT_REV set to the pushed
commit, as Dokku does; the locally served app plays staging (and production)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "scripts" / "deploy"
STORIES = "functional_tests/test_sign_in_page.py functional_tests/test_error_pages.py"
FAST_TESTS = ".venv/bin/python -m pytest -q autofocus/tests/test_views.py"

HOOK = """#!/usr/bin/env bash
# Stand-in for Dokku: deploy the pushed commit by restarting the app with GIT_REV set to it.
set -euo pipefail
unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
while read -r old new ref; do rev="$new"; done
state="{state}"
if [ -f "$state/pid" ]; then
  kill -TERM "$(cat "$state/pid")" 2>/dev/null || true
  sleep 1
fi
cd "{project}"
export GIT_REV="$rev" SERVE_DIR="$state/serve" DATABASE_URL="sqlite:///$state/db.sqlite3"
export DJANGO_SECRET_KEY=deploy-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
source scripts/serve.sh
serve_start {port} </dev/null >"$state/hook.log" 2>&1
echo "$SERVE_PID" >"$state/pid"
echo "stand-in remote: released $rev"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


class Remote:
    """A bare repository standing in for one Dokku app."""

    def __init__(self, base: Path, name: str) -> None:
        self.path = base / f"{name}.git"
        self.state = base / f"{name}-state"
        self.state.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        git("init", "--quiet", "--bare", str(self.path), cwd=base)
        hook = self.path / "hooks" / "post-receive"
        hook.write_text(HOOK.format(state=self.state, project=ROOT, port=self.port))
        hook.chmod(0o755)

    def head(self) -> str | None:
        result = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "refs/heads/main"],
            cwd=self.path,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() or None

    def stop(self) -> None:
        pid_file = self.state / "pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text()), signal.SIGTERM)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("deploy")
    checkout = base / "checkout"
    git("clone", "--quiet", str(ROOT), str(checkout), cwd=base)
    # What a developer's clone has beside the code: the Python packages, and the npm ones
    # (the stories check every screen with axe-core from node_modules).
    (checkout / ".venv").symlink_to(ROOT / ".venv")
    (checkout / "node_modules").symlink_to(ROOT / "node_modules")
    with open(checkout / ".git" / "info" / "exclude", "a") as exclude:
        exclude.write(".venv\nnode_modules\n")
    staging, production = Remote(base, "stg"), Remote(base, "prod")
    yield checkout, staging, production
    staging.stop()
    production.stop()


def deploy(world, *args: str, answer: str = "", **env: str) -> subprocess.CompletedProcess:
    checkout, staging, production = world
    environment = {
        **os.environ,
        "DOKKU_STAGING_REMOTE": str(staging.path),
        "DOKKU_PRODUCTION_REMOTE": str(production.path),
        "STAGING_URL": staging.url,
        "PRODUCTION_URL": production.url,
        "DEPLOY_TEST_COMMAND": FAST_TESTS,
        "DEPLOY_STORIES": STORIES,
        "DEPLOY_TIMEOUT": "120",
        **env,
    }
    for name in ("FT_BASE_URL", "FT_MAIL_DIR", "FT_IMAP_URL", "DATABASE_URL"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, str(DEPLOY), *args],
        cwd=checkout,
        env=environment,
        input=answer,
        capture_output=True,
        text=True,
        timeout=600,
    )


def healthz(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
        return json.loads(response.read())


def test_a_dry_run_prints_every_step_and_changes_nothing(world):
    checkout, staging, production = world
    result = deploy(world, "production", "--dry-run")

    assert result.returncode == 0, result.stderr
    steps = [line for line in result.stdout.splitlines() if line.startswith("==> [dry run]")]
    assert len(steps) == 8
    assert "git push" in result.stdout and "pytest" in result.stdout
    assert "autofocus would be at" in result.stdout
    assert production.head() is None and staging.head() is None


def test_a_dirty_tree_is_refused_before_anything_runs(world):
    checkout, staging, _ = world
    scratch = checkout / "scratch.txt"
    scratch.write_text("not committed")
    try:
        result = deploy(world, "staging")
    finally:
        scratch.unlink()

    assert result.returncode == 1
    assert "Refusing to deploy a dirty tree" in result.stderr
    assert "Run the tests" not in result.stdout
    assert staging.head() is None


def test_production_refuses_a_commit_staging_does_not_run(world):
    _, _, production = world
    result = deploy(world, "production", "--yes")

    assert result.returncode == 1
    assert "Staging does not answer /healthz" in result.stderr
    assert production.head() is None


def test_staging_gets_the_commit_and_passes_the_stories(world):
    checkout, staging, _ = world
    commit = git("rev-parse", "HEAD", cwd=checkout)

    result = deploy(world, "staging")

    assert result.returncode == 0, result.stdout + result.stderr
    assert staging.head() == commit
    assert healthz(staging.url) == {"status": "ok", "database": "ok", "commit": commit}
    assert f"autofocus-stg is up: ok at {commit}" in result.stdout
    assert " passed" in result.stdout


def test_production_asks_for_the_app_name_then_deploys_and_checks_the_sign_in_page(world):
    checkout, _, production = world
    commit = git("rev-parse", "HEAD", cwd=checkout)

    refused = deploy(world, "production", answer="yes\n")
    assert refused.returncode == 1
    assert "Not confirmed; nothing was pushed." in refused.stderr
    assert production.head() is None

    result = deploy(world, "production", answer="autofocus\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert production.head() == commit
    assert healthz(production.url)["commit"] == commit
    assert "The sign-in page loads in a browser" in result.stdout
    assert "1 passed" in result.stdout
    time.sleep(0)  # both stand-ins are stopped by the fixture
