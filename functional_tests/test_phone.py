"""Story: on a phone 375 px wide, Ann reads and works her list without scrolling sideways."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

BROWSER_OPTIONS = {"width": 375, "height": 740, "phone": True}
LONG_TEXT = (
    "Renew the passport at the consulate — bring two photos, the old passport and "
    "the application form: https://example.com/a/very/long/address/without/breaks"
)


def assert_no_sideways_scroll(app, where: str) -> None:
    width, inner = app.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner == 375, f"the viewport is {inner}px wide"
    assert width <= inner, f"{where}: the page is {width}px wide on a {inner}px screen"


def assert_on_screen(app, element, name: str) -> None:
    left, right, top, bottom = app.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'});"
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.left, r.right, r.top, r.bottom];",
        element,
    )
    assert 0 <= left and right <= 375, f"{name} sticks out: {left}..{right}"
    # Nothing covers it: the centre of the button is the button itself.
    hit = app.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const el = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);"
        "return arguments[0].contains(el);",
        element,
    )
    assert hit, f"{name} is covered by something else"


def test_the_list_works_on_a_narrow_phone_screen(app, make_user):
    from focus.models import Item
    from focus.services import item_create

    # The sign-in screen fits.
    app.open("/")
    app.textbox("Email")
    assert_no_sideways_scroll(app, "sign-in screen")

    ann = make_user("ann@example.com", page_size=5)
    seed(ann, 6)
    item_create(user=ann, text=LONG_TEXT)
    seed(ann, 5, prefix="More")  # page 2: Task 6, the long one, More 1-3; page 3: the rest
    app.sign_in_as(ann)
    app.item("Task 1", page=1)
    assert_no_sideways_scroll(app, "list")

    line = app.item("Task 1", page=1)
    for name in ("Done", "Re-enter", "Edit"):
        assert_on_screen(app, app.button(name, within=line), name)
    for name in ("Nothing stands out", "Add", "Undo", "Sign out"):
        assert_on_screen(app, app.button(name), name)

    # She works the page with her thumb.
    app.click("Done", within=app.item("Task 1", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 1", page=1)), "Task 1 not done")
    app.click("Re-enter", within=app.item("Task 2", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 2", page=1)), "Task 2 not re-entered")
    app.add_task("Pick up the parcel")
    # It landed on another page, and a notice says so; she goes on typing the next task with
    # the field just above her keyboard (the screen above it is about 420 px tall), and the
    # notice does not cover it.
    metrics = {"width": 375, "deviceScaleFactor": 2, "mobile": True}
    app.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": 420})
    field = app.textbox("New task")
    field.click()
    app.find("//*[@data-testid='notices']//p", what="the notice about the page it landed on")
    # (Notices let taps through, so elementFromPoint would not see them: compare the boxes.)
    covered = app.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'end'});"
        "const f = arguments[0].getBoundingClientRect();"
        "return [...document.querySelectorAll('[data-testid=notices] p')].some(n => {"
        " const r = n.getBoundingClientRect();"
        " return r.height > 0 && r.top < f.bottom && f.top < r.bottom; });",
        field,
    )
    app.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": 740})
    assert not covered, "a notice covers the field she types in"
    app.settled()
    assert_no_sideways_scroll(app, "list after adding")

    # The long task on page 2 wraps instead of widening the page.
    app.click("Nothing stands out")
    app.until(lambda d: app.current_page_number() == 2, "not on page 2")
    app.item("Renew the passport", page=2)
    assert_no_sideways_scroll(app, "page with a long task")

    # The dismissal dialog fits too (page 2 is not the last one now, and untouched).
    app.click("Nothing stands out")
    dialog = app.find("//*[@role='dialog'] | //dialog[@open]", what="the dismissal dialog")
    assert_no_sideways_scroll(app, "dismissal dialog")
    assert_on_screen(app, app.button("Dismiss and continue", within=dialog), "Dismiss")
    app.click("Cancel", within=dialog)

    for name, heading in (("Dismissed", "Dismissed tasks"), ("Settings", "Settings")):
        app.click(name)
        app.find(f"//h1[normalize-space(.)={heading!r}]")
        assert_no_sideways_scroll(app, name)

    assert Item.objects.get(user=ann, position=1).state == "done"


def test_the_stats_chart_stays_readable_on_a_phone(app, make_user):
    from focus import services

    ann = make_user("ann@example.com")
    for task in seed(ann, 3):
        services.item_complete(user=ann, item_id=task.id)
    app.sign_in_as(ann)
    app.page_list()
    app.click("Stats")
    chart = app.find("//*[@data-testid='stats-chart']", what="the chart")
    assert_no_sideways_scroll(app, "Stats screen")
    # Its day labels keep a readable size, sit inside the chart, and do not overlap.
    boxes = app.driver.execute_script(
        "const svg = arguments[0].getBoundingClientRect();"
        "return [...arguments[0].querySelectorAll('text')].filter(t => /\\D/.test(t.textContent))"
        ".map(t => { const r = t.getBoundingClientRect();"
        " return [r.left - svg.left, r.right - svg.left, r.height, svg.width]; });",
        chart,
    )
    assert len(boxes) >= 2, boxes
    for left, right, height, width in boxes:
        assert height >= 10, f"a day label is {height:.1f}px tall"
        assert left >= 0 and right <= width, f"a day label sticks out: {left:.0f}..{right:.0f}"
    for (_, right, _, _), (left, _, _, _) in zip(boxes, boxes[1:], strict=False):
        assert right < left, "two day labels overlap"


# One line in PT Sans at 375 px, two in PT Sans Bold.
WORDY_TEXT = "Write to the landlord about the heating"


def test_a_tap_on_done_takes_even_on_a_long_line_not_yet_selected(app, make_user):
    """Selecting a line (a tap focuses its button first) must not move the line's buttons:
    a button that moves between the finger going down and coming up gets no click."""
    ann = make_user("ann@example.com")
    seed(ann, 1)
    from focus.services import item_create

    item_create(user=ann, text=WORDY_TEXT)
    app.sign_in_as(ann)
    app.item("Write to the landlord", page=1)
    # The page's own font, as on every visit after the first (then it is in the cache).
    app.reload()
    app.until(
        lambda d: d.execute_script("return document.fonts.check('700 16px \"PT Sans\"')"),
        "PT Sans Bold is not loaded",
    )
    line = app.item("Write to the landlord", page=1)
    done = app.button("Done", within=line)
    before = done.rect
    app.driver.execute_script("arguments[0].focus()", done)
    app.until(
        lambda d: "bg-sky-50" in app.item("Write to the landlord", page=1).get_attribute("class"),
        "the line is not selected",
    )
    assert app.button("Done", within=app.item("Write to the landlord", page=1)).rect == before

    app.click("Done", within=app.item("Task 1", page=1))
    app.until(lambda d: app.is_struck(app.item("Task 1", page=1)), "Task 1 not done")
    app.click("Done", within=app.item("Write to the landlord", page=1))
    app.until(
        lambda d: app.is_struck(app.item("Write to the landlord", page=1)), "the long line not done"
    )


def test_the_russian_header_fits_a_phone(app, make_user):
    """In Russian the navigation's words are longer: they wrap rather than widen the page."""
    olga = make_user("olga@example.com", language="ru")
    seed(olga, 3, prefix="Дело")
    app.sign_in_as(olga)
    app.find("//ol[@aria-label='Страница 1']/li[contains(., 'Дело 1')]")
    app.reload()
    app.until(
        lambda d: d.execute_script("return document.fonts.check('700 14px \"PT Sans\"')"),
        "PT Sans Bold is not loaded",
    )
    app.find("//ol[@aria-label='Страница 1']/li[contains(., 'Дело 1')]")
    assert_no_sideways_scroll(app, "Russian list")
    for name in ("Список", "Отклонённые", "Статистика", "Настройки"):
        assert_on_screen(app, app.link(name), name)
