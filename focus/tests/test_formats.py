"""Reading and writing the list's files (focus.formats): no database."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from autofocus.errors import BadUserInput
from focus.formats import (
    MAX_IMPORT_ITEMS,
    ExportedItem,
    ImportedItem,
    ImportFormat,
    detect_format,
    export_csv,
    export_json,
    export_markdown,
    import_parse,
)
from focus.models import MAX_TEXT_LENGTH, ItemState

MOMENT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def exported(position: int, text: str, state: str = ItemState.ACTIVE, repeats: int = 0):
    return ExportedItem(position, text, state, repeats, MOMENT, MOMENT)


TRICKY = [
    exported(1, "Позвонить маме, сказать «привет»"),
    exported(2, 'Buy "good" coffee, beans; 2 kg', ItemState.DONE),
    exported(3, "Пицца 🍕 на ужин", ItemState.REENTERED, 2),
    exported(4, "Line with\ttab and, commas", ItemState.DISMISSED),
    exported(7, "After a deleted line", ItemState.ACTIVE, 1),
]


def parsed(data: str, format: str | None = None) -> list[ImportedItem]:
    return import_parse(data=data, format=format)[1]


def refusal(data: str, format: str | None = None) -> BadUserInput:
    with pytest.raises(BadUserInput) as caught:
        import_parse(data=data, format=format)
    return caught.value


# --- export --------------------------------------------------------------------------------


def test_json_export_is_this_apps_format_with_api_states():
    text = "".join(
        export_json(
            TRICKY, exported_at=MOMENT, page_size=5, language="ru", time_zone="Europe/Moscow"
        )
    )
    document = json.loads(text)
    assert {k: v for k, v in document.items() if k != "items"} == {
        "format": "autofocus",
        "version": 1,
        "exportedAt": "2026-03-01T09:30:00Z",
        "pageSize": 5,
        "language": "ru",
        "timeZone": "Europe/Moscow",
    }
    assert document["items"][2] == {
        "position": 3,
        "text": "Пицца 🍕 на ужин",
        "state": "REENTERED",
        "repeats": 2,
        "createdAt": "2026-03-01T09:30:00Z",
        "changedAt": "2026-03-01T09:30:00Z",
    }
    assert [item["state"] for item in document["items"]] == [
        "ACTIVE",
        "DONE",
        "REENTERED",
        "DISMISSED",
        "ACTIVE",
    ]
    assert "Позвонить маме" in text  # readable UTF-8, not \u escapes


def test_json_export_of_an_empty_list_is_valid():
    text = "".join(
        export_json([], exported_at=MOMENT, page_size=25, language="en", time_zone="UTC")
    )
    assert json.loads(text)["items"] == []


def test_csv_export_has_a_bom_a_header_and_quotes_commas_and_quotes():
    text = "".join(export_csv(TRICKY))
    assert text.startswith("\ufeffposition,text,state,repeats,createdAt,changedAt\r\n")
    assert '"Buy ""good"" coffee, beans; 2 kg"' in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1][:4] == ["1", "Позвонить маме, сказать «привет»", "ACTIVE", "0"]
    assert rows[3][:4] == ["3", "Пицца 🍕 на ужин", "REENTERED", "2"]
    assert len(rows) == 1 + len(TRICKY)


def test_markdown_export_marks_states_and_heads_each_page():
    text = "".join(export_markdown(TRICKY, page_size=5))
    assert text == (
        "## Page 1\n\n"
        "- [ ] Позвонить маме, сказать «привет»\n"
        '- [x] Buy "good" coffee, beans; 2 kg\n'
        "- [x] ~~Пицца 🍕 на ужин~~ (re-entered)\n"
        "- [ ] Line with\ttab and, commas (dismissed)\n"
        "\n## Page 2\n\n"
        "- [ ] After a deleted line\n"
    )


# --- import --------------------------------------------------------------------------------


def test_text_trims_bullets_numbering_and_checkboxes_and_skips_blank_lines():
    data = (
        "Buy milk\n\n  - Call mum\n* Water plants\n• Pay rent\n"
        "1. First\n2) Second\n[ ] Box\n- [x] Ticked\n"
    )
    assert [item.text for item in parsed(data, "TEXT")] == [
        "Buy milk",
        "Call mum",
        "Water plants",
        "Pay rent",
        "First",
        "Second",
        "Box",
        "Ticked",
    ]
    assert {item.state for item in parsed(data, "TEXT")} == {ItemState.ACTIVE}


def test_markdown_reads_checkboxes_and_this_apps_markers():
    data = "".join(export_markdown(TRICKY, page_size=5)) + "Plain line\n* [X] Big X\n"
    items = parsed(data, "MARKDOWN")
    assert [(item.text, item.state) for item in items] == [
        ("Позвонить маме, сказать «привет»", ItemState.ACTIVE),
        ('Buy "good" coffee, beans; 2 kg', ItemState.DONE),
        ("Пицца 🍕 на ужин", ItemState.REENTERED),
        ("Line with\ttab and, commas", ItemState.DISMISSED),
        ("After a deleted line", ItemState.ACTIVE),
        ("Plain line", ItemState.ACTIVE),
        ("Big X", ItemState.DONE),
    ]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_json_and_csv_round_trip_texts_states_repeats_and_order(kind):
    if kind == "json":
        data = "".join(
            export_json(TRICKY, exported_at=MOMENT, page_size=5, language="en", time_zone="UTC")
        )
    else:
        data = "".join(export_csv(TRICKY))
    chosen, items = import_parse(data=data)
    assert chosen == kind.upper()
    assert [(i.text, i.state, i.repeats) for i in items] == [
        (e.text, e.state, e.repeats) for e in TRICKY
    ]


def test_json_items_are_taken_in_position_order():
    data = json.dumps(
        {
            "format": "autofocus",
            "version": 1,
            "items": [{"position": 9, "text": "later"}, {"position": 2, "text": "sooner"}],
        }
    )
    assert [item.text for item in parsed(data, "JSON")] == ["sooner", "later"]


def test_detects_each_format():
    assert detect_format('  {"format": "autofocus"}') == ImportFormat.JSON
    assert detect_format("\ufeffposition,text,state\r\n1,a,ACTIVE") == ImportFormat.CSV
    assert detect_format("intro\n- [ ] task") == ImportFormat.MARKDOWN
    assert detect_format("just, a line\nanother") == ImportFormat.TEXT


def test_a_line_over_the_text_limit_is_refused_by_its_number():
    data = "one\ntwo\n" + "x" * (MAX_TEXT_LENGTH + 1) + "\nfour"
    error = refusal(data, "TEXT")
    assert error.message.startswith("Line 3:")
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "data", "line": 3}


def test_more_than_the_item_limit_is_refused_naming_the_first_line_over():
    data = "\n".join(f"Task {n}" for n in range(1, MAX_IMPORT_ITEMS + 2))
    assert refusal(data, "TEXT").line == MAX_IMPORT_ITEMS + 1
    assert len(parsed(data.rsplit("\n", 1)[0], "TEXT")) == MAX_IMPORT_ITEMS


def test_more_than_a_megabyte_is_refused():
    assert "1 MB" in refusal("x" * 999 + "\n" * 1000 + "y" * 1_000_000, "TEXT").message


def test_malformed_json_names_its_line():
    error = refusal('{"format": "autofocus",\n "version": 1,\n "items": [}', "JSON")
    assert error.line == 3 and error.message.startswith("Line 3:")


def test_json_of_another_app_is_refused():
    assert "not an Autofocus export" in refusal('{"tasks": []}', "JSON").message


def test_a_bad_state_in_csv_names_its_line():
    data = 'text,state\nfine,ACTIVE\n"with, comma",DONE\nbad,FINISHED\n'
    error = refusal(data, "CSV")
    assert error.line == 4 and "FINISHED" in error.message


def test_a_csv_without_a_text_column_is_refused():
    assert refusal("name,state\na,ACTIVE", "CSV").line == 1


def test_nothing_to_import_is_refused():
    assert refusal("\n  \n- \n", "TEXT").message == "There are no tasks to import."
