"""Browser journeys for yearly reports and the national monitor, with axe on every page."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from actionplans.models import ActionStatus
from tests.browser import log_in, log_in_to_admin
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    SignatureFactory,
    publish_plan,
    submitted_report,
)

pytestmark = pytest.mark.usefixtures("six_themes")


def test_utrecht_coordinator_submits_the_2026_report_and_sees_it_in_the_comparison(page, live_server, axe, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht", start_year=2025)
    goal = GoalFactory(
        plan=plan,
        title="Minder CO2 bij inkoop",
        unit="ton",
        baseline_value=Decimal("100"),
        baseline_year=2024,
        target_value=Decimal("50"),
        target_year=2029,
    )
    ActionFactory(goal=goal, title="Klimaatcriteria in alle tenders", status=ActionStatus.IN_PROGRESS, progress=40)
    submitted_report(plan, 2025, user=people.coordinator_a, values={goal: "90"})

    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + plan.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Utrecht")
    axe(page)
    page.get_by_role("link", name="Jaarverslagen").click()
    expect(page.locator("h1")).to_have_text("Jaarverslagen")
    axe(page)
    page.get_by_role("link", name="Verslag over 2026").click()
    expect(page.locator("h1")).to_have_text("Verslag over 2026")
    axe(page)

    # The form starts from the plan; a bad value gets a clear error and keeps what was typed.
    expect(page.get_by_label("Voortgang (%): Klimaatcriteria in alle tenders")).to_have_value("40")
    page.get_by_label("Voortgang (%): Klimaatcriteria in alle tenders").fill("150")
    page.get_by_label("Plannen voor volgend jaar").fill("Criteria ook voor catering.")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("heading", name="Verbeter het volgende")).to_be_visible()
    expect(page.get_by_label("Plannen voor volgend jaar")).to_have_value("Criteria ook voor catering.")
    axe(page)

    page.get_by_label("Gemeten waarde in 2026: Minder CO2 bij inkoop").fill("80")
    page.get_by_label("Voortgang (%): Klimaatcriteria in alle tenders").fill("100")
    page.get_by_label("Status: Klimaatcriteria in alle tenders").select_option(label="Afgerond")
    page.get_by_label("Wat er in 2026 gebeurde op Klimaat").fill("Alle grote tenders hadden klimaatcriteria.")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het conceptverslag is opgeslagen.")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.locator("h1")).to_have_text("Het verslag over 2026 indienen")
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()

    expect(page.locator("h1")).to_have_text("Verslag over 2026 vergeleken")
    expect(page.get_by_text("Het verslag over 2026 is ingediend.")).to_be_visible()
    axe(page)
    goal_row = page.locator("tr", has=page.get_by_role("rowheader", name="Doel: Minder CO2 bij inkoop (ton)"))
    expect(goal_row.get_by_role("cell")).to_have_text(["90", "80", "-10"])
    action_row = page.locator("tr", has=page.get_by_role("rowheader", name="Klimaatcriteria in alle tenders"))
    expect(action_row.get_by_role("cell")).to_have_text(["Lopend, 40%", "Afgerond, 100%", "gewijzigd"])
    trend = page.get_by_role("figure").filter(has_text="Minder CO2 bij inkoop")
    expect(trend.get_by_role("row")).to_have_count(3)  # header, 2025, 2026

    # The submitted report reads as it was, with the narrative.
    page.get_by_role("link", name="Lees het verslag over 2026").click()
    expect(page.get_by_text("Alle grote tenders hadden klimaatcriteria.")).to_be_visible()
    expect(page.get_by_role("button", name="Concept opslaan")).to_have_count(0)
    axe(page)


def test_anybody_reads_the_national_monitor_from_the_main_navigation(page, live_server, axe, people):
    SignatureFactory(organisation=people.organisation_a)
    plan = ActionPlanFactory(organisation=people.organisation_a)
    ActionFactory(goal=GoalFactory(plan=plan), status=ActionStatus.DONE)
    publish_plan(plan)
    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Monitor").click()
    expect(page.locator("h1")).to_have_text("Landelijke monitor MVOI")
    axe(page)
    klimaat = page.locator("tr", has=page.get_by_role("rowheader", name="Klimaat", exact=True)).last
    expect(klimaat).to_contain_text("100,0%")


def test_staff_see_who_has_reported(page, live_server, axe, people):
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    plan = ActionPlanFactory(organisation=people.organisation_a)
    submitted_report(plan, 2026)
    log_in_to_admin(page, live_server, people.staff)  # password and code: staff pages need the second factor
    page.goto(live_server.url + "/actieplannen/rapportages/2026/")
    expect(page.locator("h1")).to_have_text("Jaarverslagen 2026")
    axe(page)
    expect(page.get_by_role("region", name="Nog niet gerapporteerd")).to_contain_text("Zwolle")
    expect(page.get_by_role("region", name="Gerapporteerd", exact=True)).to_contain_text("Utrecht")
