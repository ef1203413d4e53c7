"""Story: Ann downloads her list from Settings and opens the files (Russian interface)."""

import csv
import io
import json
import time
from pathlib import Path

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def downloads_to(app, folder: Path) -> None:
    app.driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )


def downloaded(folder: Path, suffix: str, timeout: float = 15) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done and not any(p.name.endswith(".crdownload") for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"No {suffix} file in {folder}: {list(folder.iterdir())}")


def test_ann_downloads_her_list_as_json_csv_and_markdown(app, make_user, tmp_path):
    from django.utils import timezone

    from focus.models import Item
    from focus.services import item_complete, item_create

    ann = make_user("ann@example.com", language="ru", page_size=5)
    item_create(user=ann, text="Позвонить маме, спросить про «дачу»")
    seed(ann, 5)
    item_complete(user=ann, item_id=Item.objects.get(user=ann, position=2).pk)
    app.sign_in_as(ann)
    downloads_to(app, tmp_path)

    app.click("Настройки")
    app.find("//h2[normalize-space(.)='Экспорт']")
    day = timezone.now().date().isoformat()

    # The spreadsheet file opens with Cyrillic intact, a header row and every task in order.
    app.click("CSV (таблица)")
    path = downloaded(tmp_path, ".csv")
    assert path.name == f"autofocus-{day}.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["position", "text", "state", "repeats", "createdAt", "changedAt"]
    assert rows[1][:3] == ["1", "Позвонить маме, спросить про «дачу»", "ACTIVE"]
    assert rows[2][:3] == ["2", "Task 1", "DONE"]
    assert len(rows) == 7

    # The JSON file is this app's format.
    app.click("JSON (Autofocus)")
    document = json.loads(downloaded(tmp_path, ".json").read_text("utf-8"))
    assert document["format"] == "autofocus" and document["pageSize"] == 5
    assert document["language"] == "ru"
    assert [item["text"] for item in document["items"]][:2] == [
        "Позвонить маме, спросить про «дачу»",
        "Task 1",
    ]

    # The Markdown file reads like the notebook.
    app.click("Markdown")
    text = downloaded(tmp_path, ".md").read_text("utf-8")
    assert text.startswith("## Page 1\n\n- [ ] Позвонить маме")
    assert "- [x] Task 1\n" in text and "## Page 2" in text

    # The app is still where she left it.
    assert app.heading() == "Настройки"


def test_signed_out_the_download_links_say_sign_in(app, make_user):
    make_user("ann@example.com")
    app.open("/export/autofocus.json")
    assert "Please sign in to download your list." in app.body_text()
