"""Reading the login emails the server sent."""

import re

SHORT_LINK = re.compile(r"https?://[^\s\"'<>]+/s/[A-Za-z0-9_-]+")


def login_link(message) -> str:
    """The short login link of a login email (the same in its text and HTML parts)."""
    found = SHORT_LINK.findall(message.body)
    assert found, f"No short link in the email:\n{message.body}"
    html = message.alternatives[0][0] if message.alternatives else ""
    assert found[0] in html, "The HTML part should carry the same link"
    return found[0]
