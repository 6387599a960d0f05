"""Browser journey for common indicators: a goal measures one, a report gives its value, the monitor shows it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actionplans.indicators import load_common_indicators
from tests.browser import log_in
from tests.factories import ActionPlanFactory

pytestmark = pytest.mark.usefixtures("six_themes")


def test_coordinator_reports_on_a_common_indicator_and_a_visitor_finds_it_in_the_monitor(
    page, live_server, axe, people
):
    load_common_indicators()
    finished = datetime.date.today().year - 1  # the live server runs on the real clock: this year has ended
    plan = ActionPlanFactory(
        organisation=people.organisation_a, title="Actieplan MVOI Utrecht", start_year=finished, end_year=finished + 3
    )
    log_in(page, live_server, people.coordinator_a)

    page.goto(live_server.url + reverse("actionplans:goal_create", args=[plan.uuid]))
    axe(page)
    page.get_by_label("Thema").select_option(label="Klimaat")
    page.get_by_label("Titel").fill("Minder uitstoot door inkoop")
    page.get_by_label("Gemeenschappelijke indicator").select_option(label="CO2-reductie door inkoop (t CO2-eq)")
    page.get_by_label("Streefwaarde").fill("2000")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Utrecht")
    goal = page.locator("article", has=page.get_by_role("heading", name="Minder uitstoot door inkoop"))
    expect(goal.get_by_text("CO2-reductie door inkoop")).to_be_visible()
    expect(goal.get_by_text("2000 t CO2-eq")).to_be_visible()
    axe(page)

    page.goto(live_server.url + reverse("actionplans:report_detail", args=[plan.uuid, finished]))
    expect(page.locator("h1")).to_have_text(f"Verslag over {finished}")
    axe(page)
    value = page.get_by_label(f"Gemeten waarde in {finished} (t CO2-eq)")
    value.fill("-5")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Deze indicator telt een hoeveelheid, die kan niet negatief zijn.").first).to_be_visible()
    axe(page)
    value = page.get_by_label(f"Gemeten waarde in {finished} (t CO2-eq)")
    expect(value).to_have_value("-5")
    value.fill("1250,5")
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.locator("h1")).to_have_text(f"Het verslag over {finished} indienen")
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()
    expect(page.get_by_text(f"Het verslag over {finished} is ingediend.")).to_be_visible()
    axe(page)

    page.context.clear_cookies()  # from here on an anonymous visitor
    page.goto(live_server.url + reverse("monitor:index"))
    axe(page)
    page.get_by_role("link", name="Wat organisaties bereiken, gemeten met gemeenschappelijke indicatoren").click()
    expect(page.locator("h1")).to_have_text("Gemeenschappelijke indicatoren")
    axe(page)
    national = page.get_by_role("table", name="CO2-reductie door inkoop: heel Nederland, per jaar")
    year_row = national.locator("tr", has=page.get_by_role("rowheader", name=str(finished)))
    expect(year_row.get_by_role("cell")).to_have_text(["1", "1250,5"])
    tiers = page.get_by_role("table", name=f"CO2-reductie door inkoop in {finished}, per bestuurslaag")
    expect(tiers.get_by_role("row", name="Gemeente")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Cijfers van de indicatoren als CSV").click()
    with open(download.value.path(), encoding="utf-8") as downloaded:
        rows = list(csv.DictReader(io.StringIO(downloaded.read())))
    national_row = next(r for r in rows if r["indicator"] == "co2-reductie" and r["scope"] == "national")
    assert (national_row["year"], national_row["organisations"], national_row["value"]) == (
        str(finished),
        "1",
        "1250.50",
    )
