"""Chromium for the functional tests: headless, offline, a fresh profile per browser."""

from __future__ import annotations

import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-default-apps",
    "--lang=en-US",
]


class Browser:
    """A Chromium instance with its own profile directory, removed on quit."""

    def __init__(
        self,
        *,
        width: int = 1280,
        height: int = 900,
        phone: bool = False,
        language: str = "en-US,en",
    ) -> None:
        self.profile = tempfile.mkdtemp(prefix="autofocus-chromium-")
        options = Options()
        options.binary_location = CHROMIUM
        for argument in ARGUMENTS:
            options.add_argument(argument)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        if phone:
            options.add_experimental_option(
                "mobileEmulation",
                {
                    "deviceMetrics": {
                        "width": width,
                        "height": height,
                        "pixelRatio": 2,
                        "touch": True,
                        "mobile": True,
                    },
                },
            )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(
            service=Service(executable_path=CHROMEDRIVER), options=options
        )
        self.driver.set_page_load_timeout(20)
        self.driver.set_script_timeout(10)

    def csp_violations(self) -> list[str]:
        """Console messages since the last call that report a Content-Security-Policy
        violation (reading the console empties it)."""
        return [
            entry.get("message", "")
            for entry in self.driver.get_log("browser")
            if "Content Security Policy" in entry.get("message", "")
        ]

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
