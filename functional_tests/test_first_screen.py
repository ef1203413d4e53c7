"""Story: Ann opens her list on a slow phone. Her tasks come with the page itself: the list
shows without a further answer from the server, and the Dismissed link already counts what
waits for review. What she does next goes to the server as always, and the next visit shows
it. The copy of the page her browser keeps for offline use holds none of her tasks."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

GRAPHQL_REQUESTS = """
return performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname === '/graphql').length;
"""
KEPT_SHELL = """
const done = arguments[0];
caches.match('/').then((response) => (response ? response.text() : '')).then(done, () => done(''));
"""


def test_the_list_comes_with_the_page_and_nothing_is_asked_twice(app, make_user):
    from focus.models import ItemState

    ann = make_user("ann@example.com")
    items = seed(ann, 3, prefix="Morning task")
    items[2].state = ItemState.DISMISSED
    items[2].save(update_fields=["state"])

    app.sign_in_as(ann)
    app.open("/")
    app.item("Morning task 1", page=1)
    assert app.item_texts(1) == ["Morning task 1", "Morning task 2", "Morning task 3"]
    assert app.find("//*[@data-testid='dismissed-count']").text == "1"
    app.settled()
    # Everything on screen came with the page: not one question to /graphql.
    assert app.driver.execute_script(GRAPHQL_REQUESTS) == 0

    app.click("Done", within=app.item("Morning task 1", page=1))
    app.until(lambda d: app.is_struck(app.item("Morning task 1", page=1)))
    app.until(lambda d: d.execute_script(GRAPHQL_REQUESTS) >= 1, "the change was not sent")
    app.settled()

    app.reload()
    app.until(
        lambda d: app.is_struck(app.item("Morning task 1", page=1)), "the reload lost the change"
    )
    assert app.driver.execute_script(GRAPHQL_REQUESTS) == 0

    # The offline copy of the page is the shell alone.
    app.until(
        lambda d: d.execute_script("return !!navigator.serviceWorker.controller"),
        "no service worker controls the page",
        timeout=20,
    )
    app.reload()
    app.item("Morning task 1", page=1)
    kept = ""

    def shell_kept(driver) -> bool:
        nonlocal kept
        kept = driver.execute_async_script(KEPT_SHELL)
        return 'id="app"' in kept

    app.until(shell_kept, "the service worker kept no shell", timeout=20)
    assert "boot-data" not in kept and "Morning task" not in kept and ann.email not in kept
