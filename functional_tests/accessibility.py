"""axe-core in the browser stories: every screen a story visits is checked once, in the light
and in the dark theme, and any violation fails the story.

The helpers call `Accessibility.visit()` whenever a story has found something on the page
(`App.find`, which every wait and every click goes through) and once more when the story ends,
so a story written the ordinary way is checked without saying so. A screen is the page's path
plus whether a modal dialog is open. axe-core comes from node_modules (pinned in
package.json), never from the network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA plus axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Only colours change with the theme, so the dark pass runs the colour rules alone.
DARK_RULES = ["color-contrast", "link-in-text-block"]

SCREEN = """
// Only pages: a downloaded file the browser shows as text (an export) is not checked.
return location.protocol.startsWith('http') && document.contentType === 'text/html'
    ? location.pathname + (document.querySelector('dialog[open], [role=dialog]') ? ' (dialog)' : '')
    : null;
"""

RUN = """
const [options, done] = arguments;
// Colours are checked as they end up, not halfway through a transition (a theme switch fades).
for (const animation of document.getAnimations()) {
  try { animation.finish(); } catch (infinite) { /* a spinner: left running */ }
}
window.axe.run(document, options).then(
  (results) => done(results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(
      (n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }))),
  (error) => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]),
);
"""


@cache
def axe_source() -> str:
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run `npm ci` (axe-core is a dev dependency)")
    return AXE.read_text()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


class Accessibility:
    """The screens one story has checked in one browser."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.checked: set[str] = set()
        self.busy = False

    def visit(self) -> bool:
        """Checks the current screen if this story has not checked it yet; True if it did."""
        if self.busy:
            return False
        try:
            screen = self.driver.execute_script(SCREEN)
        except WebDriverException:
            return False  # the page is changing; the next find (or the story's end) checks it
        if screen is None or screen in self.checked:
            return False
        self.checked.add(screen)
        self.busy = True
        try:
            self.check(screen)
        finally:
            self.busy = False
        return True

    def run(self, options: dict[str, Any]) -> list[dict[str, Any]]:
        # Through WebDriver, not a <script> element: the page's Content-Security-Policy does
        # not apply to it.
        if not self.driver.execute_script("return !!window.axe"):
            self.driver.execute_script(axe_source())
        return self.driver.execute_async_script(RUN, options)

    def check(self, screen: str) -> None:
        light = self.run({"runOnly": {"type": "tag", "values": TAGS}})
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
        )
        try:
            dark = self.run({"runOnly": {"type": "rule", "values": DARK_RULES}})
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        problems = []
        if light:
            problems.append(f"light theme:\n{describe(light)}")
        if dark:
            problems.append(f"dark theme:\n{describe(dark)}")
        if problems:
            raise AssertionError(
                f"axe-core finds accessibility violations on {screen}:\n" + "\n".join(problems)
            )
