"""Browser journeys for yearly reports and the national monitor, with axe on every page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
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


def plan_with_a_finished_year(people):
    """Utrecht's plan over the last two years and the next: the report on the year before last is submitted.

    The browser and the live server share the real clock, so the years count from today: the year
    before this one has ended and its report can be submitted.
    """
    finished = datetime.date.today().year - 1
    plan = ActionPlanFactory(
        organisation=people.organisation_a,
        title="Actieplan MVOI Utrecht",
        start_year=finished - 1,
        end_year=finished + 2,
    )
    goal = GoalFactory(
        plan=plan,
        title="Minder CO2 bij inkoop",
        unit="ton",
        baseline_value=Decimal("100"),
        baseline_year=finished - 2,
        target_value=Decimal("50"),
        target_year=finished + 2,
    )
    ActionFactory(goal=goal, title="Klimaatcriteria in alle tenders", status=ActionStatus.IN_PROGRESS, progress=40)
    ActionFactory(goal=goal, title="Marktdialoog met leveranciers", status=ActionStatus.PLANNED, progress=0)
    GoalFactory(plan=plan, title="Meer circulaire inkoop")  # no data, no actions: the same layout all the same
    submitted_report(plan, finished - 1, user=people.coordinator_a, values={goal: "90"})
    return plan, finished


def test_coordinator_reports_on_a_finished_year_with_an_explanation_and_lands_on_the_report(
    page, live_server, axe, people
):
    plan, year = plan_with_a_finished_year(people)
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + plan.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Utrecht")
    axe(page)
    page.get_by_role("link", name="Jaarverslagen").click()
    expect(page.locator("h1")).to_have_text("Jaarverslagen")
    axe(page)
    page.get_by_role("link", name=f"Verslag over {year}").click()
    expect(page.locator("h1")).to_have_text(f"Verslag over {year}")
    expect(page.get_by_text("Dit verslag kunt u nu indienen.")).to_be_visible()
    axe(page)

    # One group per action, named by its title; the form starts from the plan.
    action = page.get_by_role("group", name="Klimaatcriteria in alle tenders")
    expect(action.get_by_label("Voortgang (%)")).to_have_value("40")
    action.get_by_label("Voortgang (%)").fill("150")
    action.get_by_label("Toelichting").fill("Twee grote tenders schoven door naar het voorjaar.")
    page.get_by_label("Plannen voor volgend jaar").fill("Criteria ook voor catering.")
    page.get_by_role("button", name="Concept opslaan").click()

    # The bad value gets an error that names the action; everything typed is still there.
    expect(page.get_by_role("heading", name="Verbeter het volgende")).to_be_visible()
    summary_link = page.get_by_role("link", name="Klimaatcriteria in alle tenders – Voortgang (%)")
    expect(summary_link).to_be_visible()
    expect(action.get_by_label("Voortgang (%)")).to_have_value("150")
    expect(action.get_by_label("Toelichting")).to_have_value("Twee grote tenders schoven door naar het voorjaar.")
    expect(page.get_by_label("Plannen voor volgend jaar")).to_have_value("Criteria ook voor catering.")
    axe(page)
    summary_link.click()
    expect(action.get_by_label("Voortgang (%)")).to_be_focused()

    action.get_by_label("Voortgang (%)").fill("100")
    action.get_by_label("Status").select_option(label="Afgerond")
    goal = page.get_by_role("group", name="Minder CO2 bij inkoop")
    goal.get_by_label(f"Gemeten waarde in {year} (ton)").fill("80")
    page.get_by_label(f"Wat er in {year} gebeurde op Klimaat").fill("Alle grote tenders hadden klimaatcriteria.")
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.locator("h1")).to_have_text(f"Het verslag over {year} indienen")
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()

    # The coordinator lands on the submitted report, with its explanation and the next steps.
    expect(page.locator("h1")).to_have_text(f"Verslag over {year}")
    expect(page.get_by_text(f"Het verslag over {year} is ingediend.")).to_be_visible()
    expect(page.get_by_text("Toelichting: Twee grote tenders schoven door naar het voorjaar.")).to_be_visible()
    expect(page.get_by_text("Alle grote tenders hadden klimaatcriteria.")).to_be_visible()
    expect(page.get_by_role("button", name="Concept opslaan")).to_have_count(0)
    next_steps = page.get_by_role("region", name="Volgende stappen")
    expect(next_steps.get_by_role("link", name="Bekijk de jaarverslagen in de landelijke monitor")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Vergelijk met het jaar ervoor").click()
    expect(page.locator("h1")).to_have_text(f"Verslag over {year} vergeleken")
    axe(page)
    goal_row = page.locator("tr", has=page.get_by_role("rowheader", name="Doel: Minder CO2 bij inkoop (ton)"))
    expect(goal_row.get_by_role("cell")).to_have_text(["90", "80", "-10"])
    action_row = page.locator("tr", has=page.get_by_role("rowheader", name="Klimaatcriteria in alle tenders"))
    expect(action_row.get_by_role("cell")).to_have_text(["Lopend, 40%", "Afgerond, 100%", "gewijzigd"])
    trend = page.get_by_role("figure").filter(has_text="Minder CO2 bij inkoop")
    expect(trend.get_by_role("row")).to_have_count(3)  # header and the two submitted years


def test_the_report_form_fits_a_phone_without_scrolling_sideways(page, live_server, axe, people):
    plan, year = plan_with_a_finished_year(people)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + reverse("actionplans:report_detail", args=[plan.uuid, year]))
    expect(page.locator("h1")).to_have_text(f"Verslag over {year}")
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # With errors shown beside the fields and in the summary, it still fits.
    page.get_by_role("group", name="Klimaatcriteria in alle tenders").get_by_label("Voortgang (%)").fill("150")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("heading", name="Verbeter het volgende")).to_be_visible()
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


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
