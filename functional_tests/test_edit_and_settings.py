"""Stories: Ann rewords a task; she changes her page size and her interface language."""

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_editing_a_task_changes_its_text_in_place(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 3)
    app.sign_in_as(ann)

    app.click("Edit", within=app.item("Task 2", page=1))
    box = app.textbox("Task text")
    assert box.get_attribute("value") == "Task 2"
    assert app.driver.switch_to.active_element == box
    box.clear()
    box.send_keys("Call the dentist before Friday")
    app.click("Save", within=app.item_being_edited())

    app.item("Call the dentist before Friday", page=1)
    assert app.item_texts(1) == ["Task 1", "Call the dentist before Friday", "Task 3"]
    app.until(
        lambda d: Item.objects.get(user=ann, position=2).text == "Call the dentist before Friday",
        "edit not saved",
    )

    # Escape leaves the field without changing anything.
    app.click("Edit", within=app.item("Task 3", page=1))
    app.textbox("Task text").send_keys(" and more", Keys.ESCAPE)
    app.gone("//input[@aria-label='Task text']", "the edit field")
    assert app.item_texts(1)[2] == "Task 3"
    assert Item.objects.get(user=ann, position=3).text == "Task 3"


def test_page_size_cuts_the_list_into_pages(app, make_user):
    from focus.models import Notebook

    ann = make_user("ann@example.com")
    seed(ann, 12)
    app.sign_in_as(ann)
    app.item("Task 12", page=1)
    assert len(app.items(1)) == 12

    app.click("Settings")
    app.wait_for_text("Signed in as ann@example.com.")
    box = app.textbox("Page size")
    assert box.get_attribute("value") == "25"
    box.clear()
    box.send_keys("5")
    app.click("Save")
    app.notice("Settings saved.")
    assert Notebook.objects.get(user=ann).page_size == 5

    app.click("List")
    assert app.item_texts(1) == [f"Task {n}" for n in range(1, 6)]
    nav = app.find("//nav[@aria-label='Pages']")
    assert nav.text.split() == ["1", "2", "3"]
    app.go_to_page(3)
    assert app.item_texts(3) == ["Task 11", "Task 12"]

    # A size out of range is refused by the form itself, with the browser's explanation.
    app.click("Settings")
    box = app.textbox("Page size")
    box.clear()
    box.send_keys("3")
    app.click("Save")
    assert app.driver.execute_script("return arguments[0].validity.rangeUnderflow", box)
    assert box.get_property("validationMessage")
    assert Notebook.objects.get(user=ann).page_size == 5


def test_the_interface_switches_to_russian_and_back(app, make_user):
    from accounts.models import User

    ann = make_user("ann@example.com")
    seed(ann, 2)
    app.sign_in_as(ann)

    app.click("Settings")
    Select(app.select("Language")).select_by_visible_text("Русский")
    app.click("Save")
    app.notice("Настройки сохранены.")
    assert User.objects.get(pk="ann@example.com").language == "ru"

    # Everything speaks Russian now, and keeps doing so after a reload.
    app.find("//h1[normalize-space(.)='Настройки']")
    assert app.driver.find_element("tag name", "html").get_attribute("lang") == "ru"
    app.click("Список")
    app.button("Ничего не выделяется")
    app.button("Сделано", within=app.find("//li[contains(., 'Task 1')]"))
    app.reload()
    app.button("Ничего не выделяется")
    app.button("Отменить")
    assert "Nothing stands out" not in app.body_text()

    # And back to English.
    app.click("Настройки")
    Select(app.select("Язык")).select_by_visible_text("English")
    app.click("Сохранить")
    app.notice("Settings saved.")
    app.click("List")
    app.button("Nothing stands out")
    assert User.objects.get(pk="ann@example.com").language == "en"
