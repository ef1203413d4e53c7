"""Story: on a 390 px phone, in Russian, Ann searches her list, previews an import and deletes
her account, without sideways scrolling."""

import pytest

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def ru_item(app, text: str, page: int):
    """A line of the list in the Russian interface (its list is named "Страница N")."""
    return app.find(
        f"//ol[@aria-label='Страница {page}']/li[contains(normalize-space(.), '{text}')]",
        what=f"item {text!r} on Страница {page}",
    )


BROWSER_OPTIONS = {"width": 390, "height": 800, "phone": True, "language": "ru-RU,ru"}


def no_sideways_scroll(app, where: str) -> None:
    width, inner = app.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert width <= inner, f"{where}: the page is {width}px wide on a {inner}px screen"


def test_search_import_and_deletion_on_a_phone_in_russian(app, make_user):
    from accounts.models import User
    from focus.services import item_create

    ann = make_user("ann@example.com", language="ru", page_size=5)
    seed(ann, 6)
    item_create(user=ann, text="Купить подарок МАМЕ")
    app.sign_in_as(ann)
    ru_item(app, "Task 1", 1)
    no_sideways_scroll(app, "list with the search box")

    app.type_into("Поиск задач", "мам")
    app.click("Купить подарок МАМЕ (стр. 2)")
    line = ru_item(app, "Купить подарок", 2)
    app.until(lambda d: line.get_attribute("data-highlighted") == "true", "not highlighted")
    no_sideways_scroll(app, "search result page")

    app.click("Настройки")
    app.click("Импортировать задачи…")
    app.type_into("Задачи для импорта", "1. Первое\n2. Второе")
    app.click("Предпросмотр")
    preview = app.find("//*[@data-testid='import-preview']", what="the preview")
    assert "В конец списка добавятся 2 задачи." in preview.text
    no_sideways_scroll(app, "import preview")
    app.click("Импортировать 2 задачи")
    app.notice("Импортировано 2 задачи. Отмена уберёт их все.")

    app.click("Настройки")
    app.find("//h2[normalize-space(.)='Удаление аккаунта']")
    no_sideways_scroll(app, "settings")
    app.click("Удалить аккаунт…")
    app.type_into("Введите свой адрес почты для подтверждения", "ann@example.com")
    app.click("Удалить мой аккаунт")
    app.notice("Ваш аккаунт и всё, что в нём было, удалены.")
    app.textbox("Электронная почта")
    assert not User.objects.exists()
