"""A small page object for Autofocus: finds things the way a user (or a screen reader) names
them — by accessible name, role and visible text — and waits for them explicitly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from functional_tests.accessibility import Accessibility

TIMEOUT = 10
TRANSIENT = (
    NoSuchElementException,
    StaleElementReferenceException,
    ElementNotInteractableException,
    ElementClickInterceptedException,
)


def xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"


def named(name: str) -> str:
    """XPath predicate: the element's accessible name is `name` (text, aria-label or title)."""
    n = xpath_literal(name)
    return (
        f"(normalize-space(.)={n} or @aria-label={n} or @title={n} or normalize-space(@value)={n})"
    )


def button_xpath(name: str) -> str:
    return (
        f".//*[(self::button or @role='button' or self::input[@type='submit' or "
        f"@type='button']) and {named(name)}]"
    )


def control_xpath(name: str) -> str:
    """A button or a link called `name`: whatever the user can press."""
    return (
        f".//*[(self::button or @role='button' or self::a or @role='link' or "
        f"self::input[@type='submit' or @type='button']) and {named(name)}]"
    )


def link_xpath(name: str) -> str:
    return f".//*[(self::a or @role='link') and {named(name)}]"


def field_xpath(label: str, tags: str = "self::input or self::textarea or self::select") -> str:
    n = xpath_literal(label)
    return (
        f".//*[({tags}) and (@aria-label={n} or @placeholder={n} or "
        f"@id=//label[normalize-space(.)={n}]/@for or "
        f"ancestor::label[normalize-space(.)={n} or "
        f"normalize-space(text())={n}] or "
        f"@aria-labelledby=//*[normalize-space(.)={n}]/@id)]"
    )


# Visible text of an element without the names of its controls (buttons, inputs).
TEXT_WITHOUT_CONTROLS = """
const copy = arguments[0].cloneNode(true);
copy.querySelectorAll(
    'button, [role=button], input, select, textarea, .sr-only, [aria-hidden=true]')
    .forEach(el => el.remove());
return copy.textContent.replace(/\\s+/g, ' ').trim();
"""


class App:
    def __init__(self, driver: WebDriver, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        # axe-core checks each screen this story finds something on (see accessibility.py).
        self.accessibility = Accessibility(driver)

    # --- navigation and state ---------------------------------------------------------------

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def open(self, path: str = "/") -> App:
        self.driver.get(self.url(path))
        return self

    def reload(self) -> App:
        self.driver.refresh()
        return self

    def forget_everything(self) -> None:
        """No cookies, storage, caches or service workers for the live server's origin."""
        self.driver.get(self.url("/healthz"))
        self.driver.execute_cdp_cmd(
            "Storage.clearDataForOrigin", {"origin": self.base_url, "storageTypes": "all"}
        )
        self.driver.delete_all_cookies()

    def sign_in_as(self, user) -> App:
        """Starts a session for `user` without the email round trip, then opens the app."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.driver.get(self.url("/healthz"))
        self.driver.add_cookie(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "path": "/"}
        )
        return self.open("/")

    # --- waiting -------------------------------------------------------------------------------

    def wait(self, timeout: float = TIMEOUT) -> WebDriverWait:
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1, ignored_exceptions=TRANSIENT)

    def until(
        self, condition: Callable[[WebDriver], Any], message: str = "", timeout: float = TIMEOUT
    ) -> Any:
        return self.wait(timeout).until(condition, message)

    def find(
        self,
        xpath: str,
        within: WebElement | None = None,
        *,
        visible: bool = True,
        timeout: float = TIMEOUT,
        what: str = "",
    ) -> WebElement:
        root = within or self.driver

        def first():
            for element in root.find_elements(By.XPATH, xpath):
                if not visible or element.is_displayed():
                    return element
            return False

        def found(_):
            element = first()
            # A screen seen for the first time is checked by axe-core; the element is looked up
            # again afterwards, as the page may have changed meanwhile.
            if element and self.accessibility.visit():
                return first()
            return element

        try:
            return self.wait(timeout).until(found)
        except TimeoutException:
            raise AssertionError(f"Not found within {timeout}s: {what or xpath}") from None

    def present(self, xpath: str, within: WebElement | None = None) -> bool:
        root = within or self.driver
        return any(el.is_displayed() for el in root.find_elements(By.XPATH, xpath))

    def gone(self, xpath: str, what: str = "", timeout: float = TIMEOUT) -> None:
        try:
            self.wait(timeout).until(lambda d: not self.present(xpath))
        except TimeoutException:
            raise AssertionError(f"Still shown after {timeout}s: {what or xpath}") from None

    # --- controls by accessible name --------------------------------------------------------------

    def button(self, name: str, within: WebElement | None = None, **kw) -> WebElement:
        return self.find(button_xpath(name), within, what=f"button {name!r}", **kw)

    def has_button(self, name: str, within: WebElement | None = None) -> bool:
        return self.present(button_xpath(name), within)

    def link(self, name: str, within: WebElement | None = None, **kw) -> WebElement:
        return self.find(link_xpath(name), within, what=f"link {name!r}", **kw)

    def textbox(self, label: str, within: WebElement | None = None, **kw) -> WebElement:
        return self.find(
            field_xpath(label, "self::input or self::textarea"),
            within,
            what=f"textbox {label!r}",
            **kw,
        )

    def select(self, label: str, within: WebElement | None = None, **kw) -> WebElement:
        return self.find(field_xpath(label, "self::select"), within, what=f"select {label!r}", **kw)

    def click(self, name: str, within: WebElement | None = None) -> None:
        """Clicks the button (or link) called `name`, retrying while it is re-rendered,
        disabled or covered."""

        def clicked(_):
            element = self.find(control_xpath(name), within, timeout=0.5)
            if not element.is_enabled():
                return False
            element.click()
            return True

        try:
            self.wait().until(clicked)
        except TimeoutException:
            raise AssertionError(f"Could not click {name!r}") from None

    def type_into(self, label: str, text: str, *, submit: bool = False) -> WebElement:
        from selenium.webdriver.common.keys import Keys

        box = self.textbox(label)
        box.clear()
        box.send_keys(text + (Keys.ENTER if submit else ""))
        return box

    # --- page text ---------------------------------------------------------------------------

    def body_text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def wait_for_text(self, text: str, timeout: float = TIMEOUT) -> None:
        try:
            self.wait(timeout).until(lambda d: text in self.body_text())
        except TimeoutException:
            raise AssertionError(
                f"Text {text!r} not shown within {timeout}s; the page says:\n{self.body_text()}"
            ) from None

    def wait_without_text(self, text: str, timeout: float = TIMEOUT) -> None:
        try:
            self.wait(timeout).until(lambda d: text not in self.body_text())
        except TimeoutException:
            raise AssertionError(f"Text {text!r} still shown after {timeout}s") from None

    def heading(self) -> str:
        return self.find(".//h1", what="the page heading").text

    def text_of(self, element: WebElement) -> str:
        return self.driver.execute_script(TEXT_WITHOUT_CONTROLS, element)

    # --- the list ----------------------------------------------------------------------------

    def page_list_xpath(self, page: int | None = None) -> str:
        if page is None:
            label = "starts-with(@aria-label, 'Page ')"
        else:
            label = f"@aria-label={xpath_literal(f'Page {page}')}"
        return f"//*[(self::ul or self::ol or @role='list') and {label}]"

    def page_list(self, page: int | None = None, **kw) -> WebElement:
        return self.find(self.page_list_xpath(page), what=f"list 'Page {page}'", **kw)

    def items(self, page: int | None = None) -> list[WebElement]:
        page_list = self.page_list(page)
        return page_list.find_elements(By.XPATH, "./li | ./*[@role='listitem']")

    def item_texts(self, page: int | None = None) -> list[str]:
        def read(_):
            return [self.text_of(item) for item in self.items(page)]

        return self.wait().until(read)

    def item(self, text: str, page: int | None = None, timeout: float = TIMEOUT) -> WebElement:
        """The list item whose text (controls left out) contains `text`."""
        xpath = (
            self.page_list_xpath(page)
            + f"/*[self::li or @role='listitem'][contains(normalize-space(.), "
            f"{xpath_literal(text)})]"
        )
        return self.find(xpath, what=f"item {text!r} on page {page}", timeout=timeout)

    def items_containing(self, text: str, page: int | None = None) -> list[WebElement]:
        xpath = (
            self.page_list_xpath(page)
            + f"/*[self::li or @role='listitem'][contains(normalize-space(.), "
            f"{xpath_literal(text)})]"
        )
        return self.driver.find_elements(By.XPATH, xpath)

    @staticmethod
    def is_struck(item: WebElement) -> bool:
        return bool(item.find_elements(By.CSS_SELECTOR, "s, del"))

    def is_dismissed(self, item: WebElement) -> bool:
        """Highlighted as dismissed: a coloured background and the visible "dismissed" tag."""
        background = item.value_of_css_property("background-color")
        highlighted = background not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)")
        visible = item.text.lower()
        return highlighted and "dismissed" in visible

    @staticmethod
    def spoken(element: WebElement) -> str:
        """All of an element's text, visually hidden (screen reader) parts included."""
        return " ".join((element.get_attribute("textContent") or "").split())

    def notice(self, text: str, timeout: float = TIMEOUT) -> WebElement:
        """The status or alert region once it announces `text`."""
        xpath = (
            f"//*[(@role='status' or @role='alert') and "
            f"contains(normalize-space(.), {xpath_literal(text)})]"
        )
        return self.find(xpath, visible=False, timeout=timeout, what=f"notice {text!r}")

    def item_being_edited(self) -> WebElement:
        """The list line that holds the "Task text" field."""
        return self.find("//li[.//input[@aria-label='Task text']]", what="the line being edited")

    def settled(self) -> None:
        """Waits until every change shown ahead of the server's answer is confirmed
        (optimistic lines carry a temporary id)."""
        self.until(
            lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-item-id^='optimistic-']"),
            "the list still shows changes the server has not confirmed",
        )

    def review_item_xpath(self, text: str) -> str:
        return (
            f"//main//*[self::li or @role='listitem']"
            f"[contains(normalize-space(.), {xpath_literal(text)})]"
        )

    def review_item(self, text: str) -> WebElement:
        """A task on the Dismissed review screen."""
        return self.find(self.review_item_xpath(text), what=f"dismissed task {text!r}")

    def go_to_page(self, number: int) -> None:
        self.find(
            f"//nav[@aria-label='Pages']//a[normalize-space(.)='{number}']",
            what=f"page {number} in Pages",
        ).click()
        self.page_list(number)

    def add_task(self, text: str) -> None:
        """Adds a task through the form and waits until the server has it (it may land on
        a page other than the one shown)."""
        from focus.models import Item

        before = Item.objects.filter(text=text).count()
        self.type_into("New task", text)
        self.click("Add")
        self.until(
            lambda d: (
                Item.objects.filter(text=text).count() > before
                and not self.textbox("New task").get_attribute("value")
            ),
            f"task {text!r} was not added",
        )

    def current_page_number(self) -> int:
        """The page the user works on, from the Pages navigation's aria-current entry."""
        entry = self.find(
            "//nav[@aria-label='Pages']//*[@aria-current='page']",
            what="the current page in the Pages navigation",
        )
        return int("".join(ch for ch in entry.text if ch.isdigit()))

    def confirm_sign_in(self) -> None:
        """Presses Sign in on the login confirmation page and waits to land in the app."""
        self.click("Sign in")
        try:
            self.wait().until(lambda d: d.current_url == self.url("/"))
        except TimeoutException:
            raise AssertionError(
                f"Signing in from the confirmation page did not lead to the app: "
                f"{self.driver.current_url} shows {self.driver.title!r}:\n{self.body_text()}"
            ) from None

    # --- the API, from the browser's own session ------------------------------------------------

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        """Posts a GraphQL operation with this browser's cookies and CSRF token."""
        return self.driver.execute_async_script(
            """
            const [query, variables, done] = arguments;
            const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
            fetch('/graphql', {
              method: 'POST',
              credentials: 'same-origin',
              headers: {'Content-Type': 'application/json',
                        'X-CSRFToken': match ? decodeURIComponent(match[1]) : ''},
              body: JSON.stringify({query, variables}),
            }).then(r => r.json()).then(done, e => done({fetchError: String(e)}));
            """,
            query,
            variables or {},
        )

    # --- the network and what the browser keeps ------------------------------------------------

    def set_offline(self, offline: bool) -> None:
        """Cuts (or restores) this tab's network, as Chrome's DevTools "Offline" does."""
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )

    def stored_text(self) -> str:
        """Everything this origin keeps in localStorage, sessionStorage and IndexedDB, as text."""
        return self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const parts = [];
            for (const store of [localStorage, sessionStorage]) {
              for (let i = 0; i < store.length; i++) {
                parts.push(store.key(i) + '=' + store.getItem(store.key(i)));
              }
            }
            const read = (name) => new Promise((resolve) => {
              const open = indexedDB.open(name);
              open.onerror = () => resolve();
              open.onsuccess = () => {
                const db = open.result;
                const names = Array.from(db.objectStoreNames);
                if (!names.length) { db.close(); resolve(); return; }
                const tx = db.transaction(names, 'readonly');
                for (const storeName of names) {
                  const all = tx.objectStore(storeName).getAll();
                  const keys = tx.objectStore(storeName).getAllKeys();
                  const label = name + '/' + storeName;
                  all.onsuccess = () => parts.push(label + '=' + JSON.stringify(all.result));
                  keys.onsuccess = () => parts.push(label + ' keys=' + JSON.stringify(keys.result));
                }
                tx.oncomplete = () => { db.close(); resolve(); };
                tx.onerror = () => { db.close(); resolve(); };
              };
            });
            indexedDB.databases()
              .then((dbs) => Promise.all(dbs.map((db) => read(db.name))))
              .then(() => done(parts.join('\\n')), (e) => done('error ' + e));
            """
        )

    def pending_outbox(self) -> list:
        """The actions this browser's outbox still holds (any account)."""
        return self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const open = indexedDB.open('autofocus');
            open.onerror = () => done([]);
            open.onupgradeneeded = () => open.result.createObjectStore('outbox');
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('outbox')) { db.close(); done([]); return; }
              const all = db.transaction('outbox').objectStore('outbox').getAll();
              all.onsuccess = () => { db.close(); done(all.result.flat()); };
              all.onerror = () => { db.close(); done([]); };
            };
            """
        )
