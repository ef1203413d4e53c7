"""Takes the README's screenshots of the list page, light and dark.

Run from the project root after `make setup`: `.venv/bin/python scripts/screenshots.py`.
It uses a throw-away SQLite database and a development server on 127.0.0.1:8765.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "screenshots.sqlite3"
ENV = {
    **os.environ,
    "DJANGO_DEBUG": "1",
    "DATABASE_URL": f"sqlite:///{DB}",
    "DJANGO_SETTINGS_MODULE": "autofocus.settings",
}
os.environ.update(ENV)
PORT = 8765

from scripts.lighthouse_seed import TASKS  # noqa: E402  (one sample list for both)


def seed() -> str:
    import django

    django.setup()
    from accounts.models import User
    from accounts.sessions import session_key_for
    from focus import services

    user = User.objects.create_user("reader@example.com", is_validated=True)
    services.settings_update(user=user, page_size=8)
    items = [services.item_create(user=user, text=text) for text in TASKS]
    services.item_complete(user=user, item_id=items[2].pk)
    services.item_reenter(user=user, item_id=items[0].pk)
    services.item_complete(user=user, item_id=items[4].pk)
    return session_key_for(user)


def main() -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)
    session_key = seed()
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
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        from functional_tests.browser import Browser

        for scheme in ("light", "dark"):
            browser = Browser(width=900, height=1000)
            driver = browser.driver
            try:
                driver.execute_cdp_cmd(
                    "Emulation.setEmulatedMedia",
                    {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
                )
                driver.get(f"http://127.0.0.1:{PORT}/healthz")
                driver.add_cookie({"name": "sessionid", "value": session_key, "path": "/"})
                driver.get(f"http://127.0.0.1:{PORT}/")
                WebDriverWait(driver, 15).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, "[aria-label^='Page '] li")
                )
                time.sleep(0.5)  # let the font settle
                out = ROOT / "docs" / f"list-{scheme}.png"
                driver.save_screenshot(str(out))
                print(f"wrote {out.relative_to(ROOT)}")
            finally:
                browser.quit()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
