"""The list in files: what export writes and what import reads. No database access here.

Rules this module enforces:

* Export writes every item it is given, in the order given, as JSON (this app's own format,
  one item per line), CSV (UTF-8 with a byte-order mark so that spreadsheet apps read
  Cyrillic right, a header row, RFC 4180 quoting) or Markdown (`- [ ]` open, `- [x]` done,
  `- [x] ~~text~~ (re-entered)`, `- [ ] text (dismissed)`, a `## Page N` heading per page).
* Import reads TEXT (one task per line; blank lines skipped; leading bullets, numbering and
  checkboxes trimmed), MARKDOWN (`- [ ]` open, `- [x]` done, this app's own markers, headings
  skipped, other lines as TEXT), JSON and CSV (this app's own exports: texts, states, repeats
  and order survive a round trip).
* An import holds at most `MAX_IMPORT_ITEMS` tasks and `MAX_IMPORT_BYTES` bytes; a task over
  the text limit, a malformed file or too many tasks is a BAD_USER_INPUT error that names the
  first bad line (the item, for JSON), and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from autofocus.errors import BadUserInput
from focus.models import MAX_TEXT_LENGTH, ItemState, page_of

MAX_IMPORT_ITEMS = 5_000
MAX_IMPORT_BYTES = 1_000_000
EXPORT_FORMAT = "autofocus"
EXPORT_VERSION = 1
COLUMNS = ["position", "text", "state", "repeats", "createdAt", "changedAt"]
BOM = "\ufeff"

# States as the API names them, both ways.
API_STATE = {
    ItemState.ACTIVE: "ACTIVE",
    ItemState.DONE: "DONE",
    ItemState.REENTERED: "REENTERED",
    ItemState.DISMISSED: "DISMISSED",
}
STATE_FROM_API = {name: state for state, name in API_STATE.items()}


class ImportFormat(StrEnum):
    TEXT = "TEXT"
    MARKDOWN = "MARKDOWN"
    JSON = "JSON"
    CSV = "CSV"


@dataclass(frozen=True)
class ExportedItem:
    """What export needs of one item."""

    position: int
    text: str
    state: str
    repeats: int
    created_at: datetime
    changed_at: datetime


@dataclass(frozen=True)
class ImportedItem:
    """One task read from an import, ready to be appended."""

    text: str
    state: str = ItemState.ACTIVE
    repeats: int = 0


# --- export --------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def export_json(
    items: Iterable[ExportedItem],
    *,
    exported_at: datetime,
    page_size: int,
    language: str,
    time_zone: str,
) -> Iterator[str]:
    """This app's own format: a header, then one item per line."""
    head = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exportedAt": _iso(exported_at),
        "pageSize": page_size,
        "language": language,
        "timeZone": time_zone,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    separator = "\n"
    for item in items:
        row = {
            "position": item.position,
            "text": item.text,
            "state": API_STATE[ItemState(item.state)],
            "repeats": item.repeats,
            "createdAt": _iso(item.created_at),
            "changedAt": _iso(item.changed_at),
        }
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


class _Line:
    """A file-like object that hands back what csv.writer wrote into it."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def take(self) -> str:
        text, self.text = self.text, ""
        return text


def export_csv(items: Iterable[ExportedItem]) -> Iterator[str]:
    """UTF-8 with a byte-order mark (Excel reads Cyrillic right only then), a header row."""
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + line.take()
    for item in items:
        writer.writerow(
            [
                item.position,
                item.text,
                API_STATE[ItemState(item.state)],
                item.repeats,
                _iso(item.created_at),
                _iso(item.changed_at),
            ]
        )
        yield line.take()


def markdown_line(item: ExportedItem | ImportedItem) -> str:
    text = item.text
    if item.state == ItemState.DONE:
        return f"- [x] {text}"
    if item.state == ItemState.REENTERED:
        return f"- [x] ~~{text}~~ (re-entered)"
    if item.state == ItemState.DISMISSED:
        return f"- [ ] {text} (dismissed)"
    return f"- [ ] {text}"


def export_markdown(items: Iterable[ExportedItem], *, page_size: int) -> Iterator[str]:
    """One line per item under a `## Page N` heading per page (pages without items left out)."""
    page = 0
    for item in items:
        item_page = page_of(position=item.position, page_size=page_size)
        if item_page != page:
            yield f"{'' if page == 0 else chr(10)}## Page {item_page}\n\n"
            page = item_page
        yield markdown_line(item) + "\n"


# --- import --------------------------------------------------------------------------------


def _bad(message: str, line: int | None = None) -> BadUserInput:
    """An import error; `line` (extensions.line) is the bad line (the item, for JSON)."""
    return BadUserInput(message, field="data", line=line)


_BULLET = re.compile(r"^(?:[-*+•](?:\s+|$)|\d{1,9}[.)](?:\s+|$))")
_CHECKBOX = re.compile(r"^\[( |x|X)\]\s*")
_MD_TASK = re.compile(r"^[-*+]\s+\[( |x|X)\]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}(\s|$)")
_REENTERED = re.compile(r"^~~(.+)~~\s+\(re-entered\)$")
_DISMISSED = re.compile(r"^(.+?)\s+\(dismissed\)$")


def _strip_marks(line: str) -> str:
    """Leading bullets, numbering and checkboxes off a line (repeatedly: `1. [ ] x`)."""
    while True:
        trimmed = _CHECKBOX.sub("", _BULLET.sub("", line, count=1), count=1).strip()
        if trimmed == line:
            return line
        line = trimmed


class _Collector:
    """Checks each task as it is read: the text limit, the count, storable characters."""

    def __init__(self, unit: str = "Line") -> None:
        self.items: list[ImportedItem] = []
        self.unit = unit

    def add(self, where: int, text: str, state: str = ItemState.ACTIVE, repeats: int = 0) -> None:
        text = text.strip()
        label = f"{self.unit} {where:,}"
        line = where if self.unit == "Line" else None
        if not text:
            raise _bad(f"{label}: the task has no text.", line)
        if len(text) > MAX_TEXT_LENGTH:
            raise _bad(f"{label}: the task is longer than {MAX_TEXT_LENGTH:,} characters.", line)
        if "\x00" in text:
            raise _bad(f"{label}: the task contains a character that cannot be stored.", line)
        if len(self.items) >= MAX_IMPORT_ITEMS:
            raise _bad(f"{label}: an import holds at most {MAX_IMPORT_ITEMS:,} tasks.", line)
        self.items.append(ImportedItem(text=text, state=state, repeats=repeats))


def _lines(data: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(data.splitlines(), start=1):
        yield number, line.strip()


def parse_text(data: str) -> list[ImportedItem]:
    found = _Collector()
    for number, line in _lines(data):
        text = _strip_marks(line)
        if text:
            found.add(number, text)
    return found.items


def parse_markdown(data: str) -> list[ImportedItem]:
    found = _Collector()
    for number, line in _lines(data):
        if not line or _HEADING.match(line):
            continue
        task = _MD_TASK.match(line)
        if task is None:
            text = _strip_marks(line)
            if text:
                found.add(number, text)
            continue
        checked, text = task.group(1) != " ", task.group(2).strip()
        state = ItemState.DONE if checked else ItemState.ACTIVE
        if checked and (reentered := _REENTERED.match(text)):
            text, state = reentered.group(1), ItemState.REENTERED
        elif not checked and (dismissed := _DISMISSED.match(text)):
            text, state = dismissed.group(1), ItemState.DISMISSED
        found.add(number, text, state)
    return found.items


def _state(value: object, where: str, line: int | None = None) -> str:
    if value is None or value == "":
        return ItemState.ACTIVE
    state = STATE_FROM_API.get(str(value).strip().upper())
    if state is None:
        raise _bad(
            f"{where}: unknown state {str(value)[:20]!r} (ACTIVE, DONE, REENTERED, DISMISSED).",
            line,
        )
    return state


def _repeats(value: object, where: str, line: int | None = None) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise _bad(f"{where}: repeats must be a whole number from 0.", line)
    try:
        repeats = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise _bad(f"{where}: repeats must be a whole number from 0.", line) from None
    if not 0 <= repeats <= 1_000_000:
        raise _bad(f"{where}: repeats must be a whole number from 0.", line)
    return repeats


def _position(value: object) -> float:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return float("inf")


def parse_json(data: str) -> list[ImportedItem]:
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise _bad(
            f"Line {error.lineno:,}: this is not valid JSON ({error.msg}).", error.lineno
        ) from None
    if (
        not isinstance(document, dict)
        or document.get("format") != EXPORT_FORMAT
        or not isinstance(document.get("items"), list)
    ):
        raise _bad(
            'Line 1: this is not an Autofocus export (no "format": "autofocus" and items).', 1
        )
    if document.get("version") != EXPORT_VERSION:
        raise _bad(f"Line 1: export version {document.get('version')!r} is not supported.", 1)
    rows = document["items"]
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise _bad(f"Item {index:,}: every item needs a text.")
    # Position order (the export's own); items without a position keep their place at the end.
    ordered = sorted(
        enumerate(rows, start=1), key=lambda pair: (_position(pair[1].get("position", "")), pair[0])
    )
    found = _Collector(unit="Item")
    for index, row in ordered:
        where = f"Item {index:,}"
        found.add(
            index, row["text"], _state(row.get("state"), where), _repeats(row.get("repeats"), where)
        )
    return found.items


def parse_csv(data: str) -> list[ImportedItem]:
    reader = csv.reader(io.StringIO(data.removeprefix(BOM), newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        names = [name.strip().lstrip(BOM) for name in header]
        if "text" not in names:
            raise _bad("Line 1: the header row has no “text” column.", 1)
        columns = {name: names.index(name) for name in COLUMNS if name in names}
        rows: list[tuple[int, list[str]]] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append((reader.line_num, row))
            if len(rows) > MAX_IMPORT_ITEMS:
                break
    except csv.Error as error:
        raise _bad(
            f"Line {reader.line_num:,}: this is not valid CSV ({error}).", reader.line_num
        ) from None

    def cell(row: list[str], name: str) -> str | None:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    if "position" in columns:
        rows.sort(key=lambda pair: (_position(cell(pair[1], "position") or ""), pair[0]))
    found = _Collector()
    for line, row in rows:
        where = f"Line {line:,}"
        if len(row) != len(names):
            raise _bad(f"{where}: {len(row)} columns where the header has {len(names)}.", line)
        found.add(
            line,
            cell(row, "text") or "",
            _state(cell(row, "state"), where, line),
            _repeats(cell(row, "repeats"), where, line),
        )
    return found.items


PARSERS = {
    ImportFormat.TEXT: parse_text,
    ImportFormat.MARKDOWN: parse_markdown,
    ImportFormat.JSON: parse_json,
    ImportFormat.CSV: parse_csv,
}


def detect_format(data: str) -> ImportFormat:
    """JSON when it starts with `{`, CSV when its first line is a header with a `text` column,
    MARKDOWN when a line is a `- [ ]` task or a heading, TEXT otherwise."""
    body = data.removeprefix(BOM).lstrip()
    if body.startswith("{"):
        return ImportFormat.JSON
    first = body.split("\n", 1)[0].strip().lower()
    if "," in first and "text" in [name.strip().strip('"') for name in first.split(",")]:
        return ImportFormat.CSV
    for _, line in _lines(body):
        if _MD_TASK.match(line) or _HEADING.match(line):
            return ImportFormat.MARKDOWN
    return ImportFormat.TEXT


def import_parse(
    *, data: str, format: str | None = None
) -> tuple[ImportFormat, list[ImportedItem]]:
    """Reads an import; the format is detected when not given. BAD_USER_INPUT when it is too
    large, malformed, has a bad line or holds no task."""
    if len(data.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
        raise _bad(f"An import can be at most {MAX_IMPORT_BYTES // 1_000_000} MB.")
    chosen = ImportFormat(format) if format else detect_format(data)
    items = PARSERS[chosen](data.removeprefix(BOM))
    if not items:
        raise _bad("There are no tasks to import.")
    return chosen, items
