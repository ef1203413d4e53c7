"""Story: Ann, who lives in Tokyo, looks at what she did lately on the Stats screen, as a
chart and as a table, and moves her time zone in Settings; a newcomer's browser zone is kept."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from functional_tests.data import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_ann_reads_her_statistics_as_a_chart_and_as_a_table(app):
    from accounts.models import User
    from focus import services

    ann = User.objects.create_user("ann@example.com", is_validated=True, time_zone="Asia/Tokyo")
    tasks = seed(ann, 4)
    services.item_complete(user=ann, item_id=tasks[0].id)
    services.item_complete(user=ann, item_id=tasks[1].id)
    services.item_reenter(user=ann, item_id=tasks[2].id)

    app.sign_in_as(ann)
    app.page_list()
    app.click("Stats")
    app.until(lambda d: app.heading() == "Your statistics", "not on the Stats screen")
    app.wait_for_text(
        "In the last 30 days you finished 2 tasks, re-entered one task and dismissed no tasks."
    )
    app.wait_for_text("You have 2 open tasks. No dismissed tasks wait for review.")
    app.wait_for_text("Your oldest open task was added today.")
    app.wait_for_text("Days are counted in your time zone, Asia/Tokyo.")

    # The chart has today's bar: two done, one re-entered.
    chart = app.find("//*[@data-testid='stats-chart']", what="the chart")
    kinds = [r.get_attribute("data-kind") for r in chart.find_elements(By.CSS_SELECTOR, "rect")]
    assert sorted(kinds) == ["completed", "reentered"]

    # She asks for the table: the chart gives way to the numbers, today first.
    app.click("Show as a table")
    app.gone("//*[@data-testid='stats-chart']", "the chart")
    table = app.find("//table[@data-testid='stats-table']", what="the table")
    assert table.is_displayed()
    first = table.find_elements(By.CSS_SELECTOR, "tbody tr")[0]
    cells = [c.text for c in first.find_elements(By.CSS_SELECTOR, "th, td")]
    assert cells[1:] == ["2", "1", "0", "4"]
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 30

    # And back to the chart.
    app.click("Show as a chart")
    app.find("//*[@data-testid='stats-chart']", what="the chart again")
    # The table stays for screen readers, out of sight.
    hidden = app.find("//table[@data-testid='stats-table']/..", visible=False)
    assert "sr-only" in hidden.get_attribute("class")
    assert hidden.size["height"] <= 1

    # Her time zone moves with her: Settings, then the Stats screen says where days are counted.
    app.click("Settings")
    zone = app.select("Time zone")
    app.until(lambda d: zone.get_attribute("value") == "Asia/Tokyo", "her zone is not shown")
    from selenium.webdriver.support.ui import Select

    Select(zone).select_by_value("America/New_York")
    app.click("Save time zone")
    app.notice("Time zone set to America/New_York.")
    app.until(
        lambda d: User.objects.get(pk="ann@example.com").time_zone == "America/New_York",
        "the time zone was not saved",
    )
    app.click("Stats")
    app.wait_for_text("Days are counted in your time zone, America/New York.")


def test_the_t_key_opens_the_stats_screen_and_help_lists_it(app, make_user):
    ann = make_user("ann@example.com")
    app.sign_in_as(ann)
    app.page_list()
    app.driver.find_element(By.TAG_NAME, "body").send_keys("t")
    app.until(lambda d: app.heading() == "Your statistics", "t did not open the Stats screen")
    app.driver.find_element(By.TAG_NAME, "body").send_keys("?")
    app.until(lambda d: app.heading() == "Keyboard shortcuts", "? did not open the help")
    row = app.find("//tr[.//kbd[normalize-space(.)='t']]", what="the t row in the help")
    assert "Your statistics" in row.text
    app.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)


def test_a_newcomer_keeps_the_browsers_time_zone(app):
    from accounts.models import User

    app.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Paris"})
    try:
        app.open("/")
        app.type_into("Email", "pierre@example.com")
        app.click("Sign in")
        app.until(lambda d: User.objects.filter(pk="pierre@example.com").exists(), "no account")
        assert User.objects.get(pk="pierre@example.com").time_zone == "Europe/Paris"
        app.click("Stats")
        app.wait_for_text("Days are counted in your time zone, Europe/Paris.")
    finally:
        app.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": ""})
