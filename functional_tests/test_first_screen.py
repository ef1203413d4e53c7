"""Story: Ann opens her list on a slow phone. Her tasks come with the page itself: the list
shows without a further answer from the server, and the Dismissed link already counts what
waits for review. What she does next goes to the server as always, and the next visit shows
it. The copy of the page her browser keeps for offline use holds none of her tasks. The page
shows what it brings before its scripts start, so they never hold its first paint back. The
list takes her changes even before the app's link to the server has arrived."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)

GRAPHQL_REQUESTS = """
return performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname === '/graphql').length;
"""
# Before any of the page's own scripts: notes when each script with a `src` joins the page.
WATCH_SCRIPTS = """
window.__scriptsAdded = [];
new MutationObserver((changes) => {
  for (const change of changes)
    for (const node of change.addedNodes)
      if (node.nodeName === 'SCRIPT' && node.src)
        window.__scriptsAdded.push([new URL(node.src).pathname, performance.now()]);
}).observe(document, { childList: true, subtree: true });
"""
FIRST_PAINT_AND_SCRIPTS = """
const paint = performance.getEntriesByName('first-contentful-paint')[0];
return [paint ? paint.startTime : null, window.__scriptsAdded];
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


@pytest.mark.parametrize("signed_in", [True, False], ids=["list", "sign-in"])
def test_the_page_paints_before_its_scripts_start(app, make_user, signed_in):
    if signed_in:
        ann = make_user("ann@example.com")
        seed(ann, 3, prefix="Morning task")
        app.sign_in_as(ann)
    else:
        app.forget_everything()
    watch = app.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_SCRIPTS}
    )
    try:
        app.open("/")
        if signed_in:
            app.item("Morning task 1", page=1)
        else:
            app.until(
                lambda d: app.button("Sign in").is_enabled(), "the sign-in form did not start"
            )
        painted, scripts = app.driver.execute_script(FIRST_PAINT_AND_SCRIPTS)
    finally:
        app.driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": watch["identifier"]}
        )
    bundles = [(path, at) for path, at in scripts if path.startswith("/static/")]
    names = [path.split("/")[-1].split(".")[0] for path, _ in bundles]
    # The page's bundles first, in their order (the messages before the app), ...
    assert names[:2] == (["locale_en", "app"] if signed_in else ["signin"]), names
    # ... each added only after the browser had shown the page's first content.
    assert painted is not None
    assert all(at >= painted for _, at in bundles), (painted, bundles)


def test_the_list_works_before_the_rest_of_the_app_has_arrived(app, make_user):
    """The list shows, and takes Ann's changes, before Apollo Client (the app's link to the
    server, a chunk of its own fetched once the list is up) has arrived: here it cannot be
    fetched at all for a while. What she did is sent once it has, once."""
    from focus.models import Event, EventKind, Item, ItemState

    ann = make_user("ann@example.com")
    seed(ann, 2, prefix="Evening task")
    driver = app.driver
    driver.execute_cdp_cmd("Network.enable", {})
    # Straight to the network (the service worker would serve its own copy), which refuses it.
    driver.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": True})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/client.*"]})
    try:
        app.sign_in_as(ann)
        app.click("Done", within=app.item("Evening task 1", page=1))
        app.until(lambda d: app.is_struck(app.item("Evening task 1", page=1)))
        # A chunk that cannot be fetched while online: most likely a new version.
        app.wait_for_text("A new version is ready")
        assert not app.is_struck(app.item("Evening task 2", page=1))
        assert driver.execute_script(GRAPHQL_REQUESTS) == 0
        assert Item.objects.get(user=ann, text="Evening task 1").state == ItemState.ACTIVE
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})

    # Tried again: the client arrives and sends the change, once.
    app.until(
        lambda d: Item.objects.get(user=ann, text="Evening task 1").state == ItemState.DONE,
        "the change was not sent once the client had arrived",
    )
    app.settled()
    assert Event.objects.filter(user=ann, kind=EventKind.COMPLETE).count() == 1
    driver.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": False})
    app.reload()
    app.until(lambda d: app.is_struck(app.item("Evening task 1", page=1)))
    assert not app.is_struck(app.item("Evening task 2", page=1))
