"""Browser journey of a review by VNG, with axe on every page: submit, feedback, reply, agree, publish."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actionplans import services
from tests.browser import log_in, log_in_to_admin
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory

pytestmark = pytest.mark.usefixtures("six_themes")


def adopted_plan(people):
    plan = ActionPlanFactory(
        organisation=people.organisation_a,
        title="Actieplan MVOI Utrecht",
        monitoring="We meten elk jaar.",
        communication="",
        budget=Decimal("50000"),
    )
    goal = GoalFactory(
        plan=plan, title="Minder CO2 bij inkoop", indicator="CO2", baseline_value=100, baseline_year=2025
    )
    ActionFactory(goal=goal, title="Klimaatcriteria", start_date=datetime.date(2026, 1, 1), due_date=None)
    return services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 15), adopted_by="College"
    )


def test_coordinator_submits_staff_give_feedback_coordinator_replies_agrees_and_publishes(
    page, live_server, axe, people
):
    plan = adopted_plan(people)
    review_url = live_server.url + reverse("actionplans:plan_review", args=[plan.uuid])

    # The coordinator asks VNG for a review from the plan's page.
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + plan.get_absolute_url())
    axe(page)
    page.get_by_role("link", name="Toets door VNG").click()
    axe(page)
    page.get_by_role("button", name="Vraag VNG om een toets").click()
    expect(page.get_by_text("Het plan is ter toetsing naar VNG gestuurd.")).to_be_visible()
    axe(page)

    # VNG staff, through the code step, go through the checklist the plan's data filled in.
    page.context.clear_cookies()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(review_url)
    axe(page)
    page.get_by_role("link", name="Terugkoppeling geven").click()
    axe(page)
    goals = page.get_by_role("group", name=re.compile("Elk doel heeft een indicator"))
    expect(goals.get_by_label("Aandacht nodig")).to_be_checked()
    expect(page.get_by_label("Toelichting bij “Elk doel heeft een indicator")).to_contain_text("streefwaarde")
    page.get_by_label("Toelichting bij “Monitoring, communicatie en budget").fill("")
    page.get_by_role("button", name="Terugkoppeling versturen").click()
    expect(page.get_by_text("Zeg wat aandacht nodig heeft.").first).to_be_visible()  # kept the rest, asks for this
    axe(page)
    page.get_by_label("Toelichting bij “Monitoring, communicatie en budget").fill("Beschrijf de communicatie.")
    page.get_by_role("button", name="Terugkoppeling versturen").click()
    expect(page.get_by_text("De terugkoppeling is naar de coördinatoren van de organisatie gestuurd.")).to_be_visible()
    axe(page)

    # The coordinator replies to one item and agrees.
    page.context.clear_cookies()
    log_in(page, live_server, people.coordinator_a)
    page.goto(review_url)
    axe(page)
    page.get_by_role("link", name=re.compile("^Reageren.*Monitoring, communicatie")).click()
    axe(page)
    page.get_by_label("Uw reactie").fill("De communicatie staat in het collegevoorstel.")
    page.get_by_role("button", name="Reactie versturen").click()
    row = page.locator("#finding-onderdelen")
    expect(row).to_contain_text("Beschrijf de communicatie.")
    expect(row).to_contain_text("De communicatie staat in het collegevoorstel.")
    axe(page)
    page.get_by_role("link", name="Akkoord geven op de terugkoppeling").click()
    axe(page)
    page.get_by_role("button", name="Akkoord geven en toets afronden").click()
    expect(page.get_by_text("De toets is afgerond.")).to_be_visible()
    axe(page)

    # Published, the plan says VNG reviewed it, for everybody.
    page.goto(live_server.url + reverse("actionplans:plan_publish", args=[plan.uuid]))
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    axe(page)
    page.context.clear_cookies()
    page.goto(live_server.url + plan.get_public_url())
    expect(page.get_by_text(re.compile(r"Getoetst door VNG op \d+ \w+ \d{4}"))).to_be_visible()
    axe(page)
