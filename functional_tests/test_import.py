"""Story: Ann brings tasks over from a text file and a checklist, checks the preview, and
takes an import back with one Undo."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

CHECKLIST = "# From my notebook\n- [ ] Позвонить маме\n- [x] Pay the rent\n- [ ] Water the plants\n"


def test_ann_pastes_a_checklist_previews_it_and_imports_it(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 4)
    app.sign_in_as(ann)

    app.click("Settings")
    app.click("Import tasks…")
    app.find("//h1[normalize-space(.)='Import tasks']", what="the Import tasks screen")
    app.type_into("Tasks to import", CHECKLIST)
    app.click("Preview")

    preview = app.find("//*[@data-testid='import-preview']", what="the preview")
    assert "3 tasks will be added at the end of your list." in preview.text
    assert "(Markdown)" in preview.text
    assert "Позвонить маме" in preview.text
    assert preview.find_elements("xpath", ".//s[normalize-space(.)='Pay the rent']")
    assert Item.objects.filter(user=ann).count() == 4  # nothing added by looking

    app.click("Import 3 tasks")
    app.notice("3 tasks imported. Undo takes them all back.")
    app.item("Позвонить маме", page=1)
    assert app.item_texts(1)[-2:] == ["Task 4", "Позвонить маме"]
    app.go_to_page(2)
    assert app.item_texts(2) == ["Pay the rent", "Water the plants"]
    assert app.is_struck(app.item("Pay the rent", page=2))

    # One Undo takes the whole import back.
    app.click("Undo")
    app.notice("Undone.")
    app.until(lambda d: Item.objects.filter(user=ann).count() == 4, "the import is still there")


def test_a_file_with_a_bad_line_is_refused_whole(app, make_user, tmp_path):
    from focus.models import Item

    ann = make_user("ann@example.com")
    app.sign_in_as(ann)
    app.open("/settings/import")
    lines = ["Buy milk", "Call the bank", "x" * 1001, "Fix the shelf"]
    path = tmp_path / "tasks.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    app.find("//input[@type='file']", visible=False).send_keys(str(path))

    alert = app.notice("Nothing was imported.")
    assert "Line 3: the task is longer than 1,000 characters." in alert.text
    assert not Item.objects.filter(user=ann).exists()

    # Fixed, the same file goes in, its format taken from the name.
    lines[2] = "Renew the passport"
    path = tmp_path / "tasks-fixed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    app.find("//input[@type='file']", visible=False).send_keys(str(path))
    preview = app.find("//*[@data-testid='import-preview']", what="the preview")
    assert "4 tasks will be added" in preview.text and "(Plain text)" in preview.text
    app.click("Import 4 tasks")
    app.item("Renew the passport", page=1)
    assert app.item_texts(1) == ["Buy milk", "Call the bank", "Renew the passport", "Fix the shelf"]
