"""The compiled Russian catalogue (committed) matches its .po file, and the server-rendered
texts use it."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES"


def read_po(path: Path) -> dict[object, str]:
    """msgid (or (msgid, n) for plural forms) -> msgstr, as GNUTranslations keys them (a
    msgctxt comes first, joined by EOT)."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    field = ""
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if entry and not line:
                entries.append(entry)
                entry = {}
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        field, _, value = line.partition(" ")
        if field in entry:  # a new entry starts without a blank line
            entries.append(entry)
            entry = {}
        entry[field] = ast.literal_eval(value)
    catalog: dict[object, str] = {}
    for item in entries:
        if item.get("msgid", "") == "":
            continue  # the header
        if "msgctxt" in item:
            item["msgid"] = f"{item['msgctxt']}\x04{item['msgid']}"
        if "msgid_plural" in item:
            for key, value in item.items():
                if key.startswith("msgstr["):
                    catalog[(item["msgid"], int(key[7:-1]))] = value
        else:
            catalog[item["msgid"]] = item["msgstr"]
    return catalog


def test_the_committed_mo_file_is_compiled_from_the_po_file():
    with open(LOCALE / "django.mo", "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    catalog = {key: value for key, value in mo._catalog.items() if key != ""}
    assert catalog == read_po(LOCALE / "django.po"), (
        "locale/ru/LC_MESSAGES/django.mo is stale: run `make messages`"
    )


def test_every_message_has_a_russian_translation():
    assert all(read_po(LOCALE / "django.po").values())


@pytest.mark.parametrize(
    ("minutes", "words"), [(1, "1 минуту"), (3, "3 минуты"), (15, "15 минут"), (21, "21 минуту")]
)
def test_the_russian_email_says_the_lifetime_with_the_right_plural(minutes, words):
    with translation.override("ru"):
        text = render_to_string(
            "accounts/email/login.txt",
            {"url": "https://x/s/abc", "minutes": minutes, "site_url": "https://x"},
        )
    assert f"действует {words}." in text
    assert text.startswith("Здравствуйте!")
