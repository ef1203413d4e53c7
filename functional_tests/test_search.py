"""Story: Ann finds a task in a long list by a word of it, in any case, and looks at its page
without losing her place."""

import pytest
from selenium.webdriver.common.keys import Keys

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_slash_finds_a_task_and_shows_its_page_highlighted(app, make_user):
    from focus.models import Notebook
    from focus.services import item_create

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 11)
    item_create(user=ann, text="Позвонить маме в воскресенье")  # position 12: page 3
    seed(ann, 2, prefix="More")
    app.sign_in_as(ann)
    app.item("Task 1", page=1)

    # "/" puts the cursor in the search box.
    app.driver.find_element("tag name", "body").send_keys("/")
    box = app.textbox("Search tasks")
    app.until(lambda d: d.switch_to.active_element == box, "the search box is not focused")
    box.send_keys("МАМЕ")

    results = app.find("//*[@id='search-results']", what="the search results")
    app.until(lambda d: "Позвонить маме в воскресенье" in results.text, "no result")
    assert "page 3" in results.text

    app.click("Позвонить маме в воскресенье (page 3)")
    line = app.item("Позвонить маме", page=3)
    app.until(lambda d: line.get_attribute("data-highlighted") == "true", "not highlighted")
    background = line.value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    app.wait_for_text("You are looking at page 3; your working page is 1.")
    assert app.current_page_number() == 1
    assert Notebook.objects.get(user=ann).working_page == 1

    # A word nobody wrote finds nothing, and says so.
    box = app.textbox("Search tasks")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("ёжик")
    app.wait_for_text("No task contains “ёжик”.")
