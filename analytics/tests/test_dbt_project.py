"""The dbt project's wiring: the cron line, the profile reading DATABASE_URL, no hub packages."""

import json
from pathlib import Path

import jinja2
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DBT = ROOT / "af_dbt"


def test_the_cron_runs_dbt_daily_after_clean_users():
    cron = json.loads((ROOT / "app.json").read_text())["cron"]
    commands = [job["command"] for job in cron]
    assert "cd af_dbt && dbt deps && dbt run" in commands
    assert commands.index("cd af_dbt && dbt deps && dbt run") > commands.index(
        "python manage.py clean_users"
    )
    assert cron[commands.index("cd af_dbt && dbt deps && dbt run")]["schedule"] == "15 0 * * *"


def profile(url: str) -> dict:
    outputs = yaml.safe_load((DBT / "profiles.yml").read_text())["af_dbt"]["outputs"]["app"]
    env = jinja2.Environment()
    env.globals["env_var"] = lambda name, default=None: {"DATABASE_URL": url}[name]
    return {key: env.from_string(str(value)).render() for key, value in outputs.items()}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://app:s3cr3t@dokku-postgres-af:5432/af_db",
            ("dokku-postgres-af", "5432", "app", "s3cr3t", "af_db"),
        ),
        (
            "postgres://postgres@127.0.0.1:5433/af_issue11?sslmode=disable",
            ("127.0.0.1", "5433", "postgres", "", "af_issue11"),
        ),
        (
            "postgresql://reader@db.internal/analytics",
            ("db.internal", "5432", "reader", "", "analytics"),
        ),
    ],
)
def test_the_profile_cuts_database_url_into_its_parts(url, expected):
    fields = profile(url)
    assert (
        fields["host"],
        fields["port"],
        fields["user"],
        fields["password"],
        fields["dbname"],
    ) == expected
    assert fields["type"] == "postgres" and fields["schema"] == "dbt"


def test_dbt_deps_needs_no_network():
    packages = DBT / "packages.yml"
    if packages.exists():
        entries = yaml.safe_load(packages.read_text()) or {}
        assert all("local" in entry for entry in entries.get("packages", []))
    assert not (DBT / "dependencies.yml").exists()
