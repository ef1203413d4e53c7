"""Takes the README's screenshots of the staff analytics page and of the Stats screen.

Run from the project root after `make setup`, with PostgreSQL (analytics needs it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/autofocus_screenshots \\
        .venv/bin/python scripts/screenshots_analytics.py

The database is dropped and created again. It plays a month for 40 people
(`play_month`), builds the marts (`dbt run`), serves the app on 127.0.0.1:$PORT (8766) and
saves docs/analytics-staff.png and docs/stats.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/autofocus_screenshots")
PORT = int(os.environ.get("PORT", "8766"))
ENV = {
    **os.environ,
    "DJANGO_DEBUG": "1",
    "DATABASE_URL": URL,
    "DJANGO_SETTINGS_MODULE": "autofocus.settings",
}
os.environ.update(ENV)


def run(*args: str, cwd: Path = ROOT) -> None:
    subprocess.run(args, cwd=cwd, env=ENV, check=True)


def fresh_database() -> None:
    import psycopg

    if not URL.startswith(("postgres://", "postgresql://")):
        sys.exit("Analytics needs PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
    server, name = URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def sessions() -> tuple[str, str]:
    """Session keys of a staff member and of the busiest person of the month."""
    import django

    django.setup()
    from django.db.models import Count

    from accounts.models import User
    from accounts.sessions import session_key_for

    staff = User.objects.create_user("staff@example.com", is_validated=True, is_staff=True)
    busiest = (
        User.objects.annotate(n=Count("focus_events")).exclude(pk=staff.pk).order_by("-n").first()
    )
    return session_key_for(staff), session_key_for(busiest)


def shoot(session_key: str, path: str, ready_css: str, out: str, width: int, height: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from functional_tests.browser import Browser

    browser = Browser(width=width, height=height)
    driver = browser.driver
    try:
        driver.get(f"http://127.0.0.1:{PORT}/healthz")
        driver.add_cookie({"name": "sessionid", "value": session_key, "path": "/"})
        driver.get(f"http://127.0.0.1:{PORT}{path}")
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ready_css))
        time.sleep(0.5)  # let the font settle
        target = ROOT / "docs" / out
        driver.save_screenshot(str(target))
        print(f"wrote {target.relative_to(ROOT)}")
    finally:
        browser.quit()


def main() -> None:
    fresh_database()
    run(sys.executable, "manage.py", "migrate", "-v0")
    run(sys.executable, "manage.py", "play_month", "--users", "40")
    dbt = str(Path(sys.executable).parent / "dbt")
    run(dbt, "run", "--quiet", cwd=ROOT / "af_dbt")
    staff, person = sessions()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        shoot(staff, "/admin/analytics/", "figure.chart svg", "analytics-staff.png", 1100, 1900)
        shoot(person, "/stats", "[data-testid=stats-chart] rect", "stats.png", 900, 1000)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
