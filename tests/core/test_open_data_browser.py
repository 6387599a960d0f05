"""A data user finds the open data, reads what the columns mean and downloads a file."""

import csv

from actionplans import opendata
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, current_edition, publish_plan


def test_visitor_finds_the_open_data_reads_the_columns_and_downloads_the_plans(page, live_server, axe, people):
    current_edition()
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    ActionFactory(goal=GoalFactory(plan=plan, title="Circulair inkopen"), title="Criteria in elke aanbesteding")
    publish_plan(plan)

    page.goto(live_server.url + "/")
    axe(page, "home")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    axe(page, "open data")
    assert page.locator("h1").inner_text() == "Open data"
    page.locator("#dataset-actieplannen").locator("..").get_by_role("link", name="Beschrijving van elke kolom").click()
    axe(page, "columns of the plans")
    assert page.locator("h1").inner_text() == "Doelen en acties van de gepubliceerde actieplannen"
    assert page.get_by_role("rowheader", name="action_status").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als CSV", exact=False).click()
    download = download_info.value
    assert download.suggested_filename == "mvoi-actieplannen-doelen-en-acties.csv"
    with open(download.path(), encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == opendata.COLUMN_NAMES
    assert rows[0][header.index("goal_title")] == "Circulair inkopen"
    assert rows[0][header.index("action_title")] == "Criteria in elke aanbesteding"
