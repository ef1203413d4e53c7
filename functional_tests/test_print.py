"""Story: Ann prints her working page, then the whole list, page by page."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def ru_item(app, text: str, page: int):
    """A line of the list in the Russian interface (its list is named "Страница N")."""
    return app.find(
        f"//ol[@aria-label='Страница {page}']/li[contains(normalize-space(.), '{text}')]",
        what=f"item {text!r} on Страница {page}",
    )


RECORD_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def shown(app, xpath: str) -> bool:
    return any(e.is_displayed() for e in app.driver.find_elements("xpath", xpath))


def test_the_printed_page_is_the_list_without_controls(app, make_user):
    from focus.models import Item
    from focus.services import item_complete

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 12)
    item_complete(user=ann, item_id=Item.objects.get(user=ann, position=2).pk)
    app.sign_in_as(ann)
    app.item("Task 1", page=1)
    app.driver.execute_script(RECORD_PRINTS)

    app.click("Print")
    app.click("Print this page")
    assert app.driver.execute_script("return window.__prints") == 1

    app.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # On paper: the lines with their numbers, the done one struck through...
        line = app.item("Task 2", page=1)
        assert line.is_displayed() and app.is_struck(line)
        number = line.find_element("xpath", ".//span[normalize-space(.)='2']")
        assert number.is_displayed()
        # ...and no buttons, fields or navigation.
        for xpath in ("//button", "//input", "//nav", "//header"):
            assert not shown(app, xpath), f"{xpath} is printed"
    finally:
        app.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert app.button("Done", within=app.item("Task 1", page=1)).is_displayed()
    assert not number.is_displayed()  # line numbers are for paper only


def test_the_whole_list_prints_with_a_page_break_between_pages(app, make_user):
    ann = make_user("ann@example.com", page_size=5, language="ru")
    seed(ann, 12)
    app.sign_in_as(ann)
    ru_item(app, "Task 1", 1)
    app.driver.execute_script(RECORD_PRINTS)

    app.click("Печать")
    app.click("Напечатать весь список")
    app.find("//article[@aria-label='Страница 3']", what="page 3 of the whole list")
    app.until(lambda d: d.execute_script("return window.__prints") == 1, "print not asked for")
    pages = app.driver.find_elements("xpath", "//article")
    assert [p.get_attribute("aria-label") for p in pages] == [
        "Страница 1",
        "Страница 2",
        "Страница 3",
    ]
    assert "Task 11" in pages[2].text
    app.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        breaks = [
            app.driver.execute_script("return getComputedStyle(arguments[0]).breakBefore", page)
            for page in pages
        ]
        assert breaks == ["auto", "page", "page"]
        assert not shown(app, "//button")
    finally:
        app.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    app.click("Назад к списку")
    ru_item(app, "Task 1", 1)
