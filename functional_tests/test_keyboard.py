"""Story: Ann works her list with the keyboard alone — she adds, completes and re-enters
tasks, undoes a step and opens the help, never touching the mouse."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def press(app, *keys) -> None:
    """Types keys into whatever has the focus, as a person at the keyboard would."""
    ActionChains(app.driver).send_keys(*keys).perform()


def focused_item_text(app) -> str:
    active = app.driver.switch_to.active_element
    assert active.tag_name == "li", f"the focus is on <{active.tag_name}>, not a list line"
    return app.text_of(active)


def test_keyboard_only(app, make_user):
    from focus.models import Item

    ann = make_user("ann@example.com")
    seed(ann, 3)
    app.sign_in_as(ann)
    app.item("Task 3", page=1)

    # "n" takes her to the new task field; Enter adds the task and keeps her there.
    press(app, "n")
    app.until(
        lambda d: d.switch_to.active_element == app.textbox("New task"),
        "n did not focus the new task field",
    )
    press(app, "Write the report", Keys.ENTER)
    app.item("Write the report", page=1)
    assert app.driver.switch_to.active_element == app.textbox("New task")
    assert app.textbox("New task").get_attribute("value") == ""
    # Letters typed in the field are text, not shortcuts.
    assert Item.objects.filter(user=ann).count() == 4

    # Escape leaves the field; "j" selects the first line.
    press(app, Keys.ESCAPE)
    press(app, "j")
    app.until(lambda d: focused_item_text(app) == "Task 1", "j did not select Task 1")

    # "d" completes the selected line.
    press(app, "d")
    app.until(lambda d: app.is_struck(app.item("Task 1", page=1)), "d did not complete Task 1")
    assert focused_item_text(app) == "Task 1"

    # "j" moves down; "r" re-enters Task 2: crossed out, copied to the end.
    press(app, "j")
    app.until(lambda d: focused_item_text(app) == "Task 2", "j did not move to Task 2")
    press(app, "r")
    app.until(
        lambda d: app.item_texts(1) == ["Task 1", "Task 2", "Task 3", "Write the report", "Task 2"],
        "r did not re-enter Task 2",
    )
    assert app.is_struck(app.items(1)[1])
    assert not app.is_struck(app.items(1)[4])
    app.until(lambda d: Item.objects.filter(user=ann, text="Task 2").count() == 2, "no copy")
    app.settled()

    # "k" goes back up; "u" undoes the re-entry.
    press(app, "k")
    app.until(lambda d: focused_item_text(app) == "Task 1", "k did not move up")
    press(app, "u")
    app.notice("Undone.")
    app.until(
        lambda d: app.item_texts(1) == ["Task 1", "Task 2", "Task 3", "Write the report"],
        "u did not undo the re-entry",
    )
    assert not app.is_struck(app.item("Task 2", page=1))

    # "?" opens the list of shortcuts; "w" returns to the working page.
    press(app, "?")
    app.find("//h1[normalize-space(.)='Keyboard shortcuts']")
    press(app, "w")
    app.page_list(1)

    states = list(
        Item.objects.filter(user=ann).order_by("position").values_list("state", flat=True)
    )
    assert states == ["done", "active", "active", "active"]
