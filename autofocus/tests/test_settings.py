"""Settings are read once per process, so each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key",
    "DJANGO_ALLOWED_HOSTS": "autofocus.example.com",
    "SITE_URL": "https://autofocus.example.com",
}
PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({name: str(getattr(settings, name, None)) for name in %r}))
"""


def run(env: dict[str, str], code: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DJANGO_", "DATABASE_URL", "EMAIL_", "AUTOFOCUS_", "SITE_URL", "REDIS_URL", "ROLLBAR")
        )
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "autofocus.settings", "PYTHONPATH": str(ROOT)}, **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def probe(env: dict[str, str], *names: str, cwd: Path = ROOT) -> dict[str, str]:
    result = run(env, PROBE % (list(names),), cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run({}, "import django; django.setup()", cwd=tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_debug_defaults_off_and_production_is_secure():
    values = probe(
        PRODUCTION,
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "EMAIL_BACKEND",
        "ALLOWED_HOSTS",
    )
    assert values["DEBUG"] == "False"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["ALLOWED_HOSTS"] == "['autofocus.example.com', 'localhost', '127.0.0.1', '[::1]']"


def test_https_switch_turns_redirect_hsts_and_secure_cookies_off():
    values = probe(
        {**PRODUCTION, "DJANGO_HTTPS": "0"},
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "SECURE_HSTS_SECONDS": "0",
    }


def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AUTOFOCUS_"))},
            **PRODUCTION,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_uses_console_email_and_no_secret_needed():
    values = probe({"DJANGO_DEBUG": "1"}, "DEBUG", "EMAIL_BACKEND", "SECURE_SSL_REDIRECT")
    assert values == {
        "DEBUG": "True",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "SECURE_SSL_REDIRECT": "False",
    }


def test_email_backend_can_be_forced():
    values = probe(
        {
            "DJANGO_DEBUG": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": "/tmp/mail",
        },
        "EMAIL_BACKEND",
        "EMAIL_FILE_PATH",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/tmp/mail",
    }


def test_smtp_settings_come_from_the_environment():
    values = probe(
        {
            **PRODUCTION,
            "EMAIL_HOST": "smtp.example.com",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "mailer",
            "EMAIL_USE_TLS": "false",
            "DEFAULT_FROM_EMAIL": "Autofocus <hi@example.com>",
        },
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_USE_TLS",
        "DEFAULT_FROM_EMAIL",
    )
    assert values == {
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_USE_TLS": "False",
        "DEFAULT_FROM_EMAIL": "Autofocus <hi@example.com>",
    }


def test_bad_boolean_is_a_clear_error():
    result = run({"DJANGO_DEBUG": "maybe"}, "import django; django.setup()")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_database_url_postgres_uses_the_pool_and_sqlite_uses_wal():
    pg = probe({**PRODUCTION, "DATABASE_URL": "postgres://u:p@db.example.com:5432/af"}, "DATABASES")
    assert "'pool'" in pg["DATABASES"] and "'CONN_MAX_AGE': 0" in pg["DATABASES"]
    sqlite = probe(PRODUCTION, "DATABASES")
    assert "journal_mode=WAL" in sqlite["DATABASES"]
    assert "'transaction_mode': 'IMMEDIATE'" in sqlite["DATABASES"]
    # The ASGI server's long-lived threads keep their SQLite connection between requests.
    assert "'CONN_MAX_AGE': 600" in sqlite["DATABASES"]
    shorter = probe({**PRODUCTION, "DATABASE_CONN_MAX_AGE": "30"}, "DATABASES")
    assert "'CONN_MAX_AGE': 30" in shorter["DATABASES"]


def test_dotenv_file_is_read_but_never_overrides_the_environment(tmp_path):
    # settings.py reads .env beside the project; simulate with a copy of the project root.
    env_file = ROOT / ".env"
    saved = env_file.read_bytes() if env_file.exists() else None
    env_file.write_text(
        "DJANGO_ALLOWED_HOSTS=from-dotenv.example.com\nSITE_URL=https://dotenv.example.com\n"
    )
    try:
        values = probe(
            {
                "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
                "SITE_URL": "https://real.example.com",
            },
            "ALLOWED_HOSTS",
            "SITE_URL",
        )
    finally:
        if saved is None:
            env_file.unlink()
        else:
            env_file.write_bytes(saved)
    assert values == {
        "ALLOWED_HOSTS": "['from-dotenv.example.com', 'localhost', '127.0.0.1', '[::1]']",
        "SITE_URL": "https://real.example.com",
    }


def test_rollbar_is_silent_without_a_token_and_scrubs_the_login_token():
    values = probe(PRODUCTION, "ROLLBAR", "MIDDLEWARE")
    assert "'enabled': False" in values["ROLLBAR"]
    assert "Rollbar" not in values["MIDDLEWARE"]
    on = probe({**PRODUCTION, "ROLLBAR_ACCESS_TOKEN": "t0ken"}, "ROLLBAR", "MIDDLEWARE")
    assert "'enabled': True" in on["ROLLBAR"] and "'sesame'" in on["ROLLBAR"]
    # Exceptions reach Rollbar through the throttled reporter, not one report per request.
    assert "RollbarNotifierMiddleware" not in on["MIDDLEWARE"]
    assert "ThrottledReportMiddleware" in on["MIDDLEWARE"]


def test_expired_sessions_are_cleared_by_a_daily_cron_job():
    app = json.loads((ROOT / "app.json").read_text())
    commands = {job["command"]: job["schedule"] for job in app["cron"]}
    assert commands["python manage.py clearsessions"] == "@daily"
