"""Browser journey: product groups and ambition levels from the plan builder to the monitor, with axe on every page."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actionplans.product_groups import load_product_groups
from tests.browser import log_in
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, publish_plan, theme

pytestmark = pytest.mark.usefixtures("six_themes")


def test_coordinator_tags_actions_reports_tenders_and_a_visitor_sees_them_in_the_monitor(
    page, live_server, axe, people
):
    load_product_groups()
    year = datetime.date.today().year - 1  # a finished year: its report can be submitted
    plan = ActionPlanFactory(
        organisation=people.organisation_a, title="Actieplan MVOI Utrecht", start_year=year, end_year=year + 3
    )
    goal = GoalFactory(plan=plan, title="Circulair inkopen", theme=theme("circulair"))
    actions = [ActionFactory(goal=goal, title="Circulaire catering"), ActionFactory(goal=goal, title="Schone kantoren")]

    log_in(page, live_server, people.coordinator_a)
    for action, group, level in zip(actions, ["Catering", "Schoonmaak"], ["Ambitieus", "Significant"], strict=True):
        page.goto(live_server.url + reverse("actionplans:action_edit", args=[plan.uuid, action.pk]))
        axe(page)
        page.get_by_role("group", name="Kantoorfaciliteiten en diensten").get_by_label(group, exact=True).check()
        page.get_by_label("Ambitieniveau criteria").select_option(label=level)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text(f"Productgroepen: {group}. Ambitieniveau criteria: {level}.")).to_be_visible()
        axe(page)
    publish_plan(plan)

    page.goto(live_server.url + reverse("actionplans:report_detail", args=[plan.uuid, year]))
    row = page.get_by_role("group", name="Rij 1 (nieuw)")
    row.get_by_label("Productgroep").select_option(label="Catering")
    row.get_by_label("Thema").select_option(label="Circulair (inclusief biobased)")
    row.get_by_label("Toegepast ambitieniveau").select_option(label="Significant")
    row.get_by_label("Aantal aanbestedingen").fill("-1")
    row.get_by_label("Contractwaarde in euro").fill("1.250.000,50")
    row.get_by_label("Publicatienummer TenderNed").fill("312345")
    page.get_by_role("button", name="Concept opslaan").click()

    # A negative count is refused, named in the summary; what was typed is still there.
    expect(page.get_by_role("link", name="Aanbestedingen, rij 1 – Aantal aanbestedingen")).to_be_visible()
    expect(row.get_by_label("Contractwaarde in euro")).to_have_value("1.250.000,50")
    axe(page)
    row.get_by_label("Aantal aanbestedingen").fill("3")
    page.get_by_role("button", name="Opslaan en indienen").click()
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()
    expect(page.get_by_role("cell", name="1.250.000,50")).to_be_visible()
    axe(page)

    page.context.clear_cookies()  # from here on an anonymous visitor
    visitor = page
    visitor.goto(live_server.url + reverse("monitor:product_groups"))
    expect(visitor.locator("h1")).to_have_text("Productgroepen: geplande en toegepaste ambitieniveaus")
    catering = visitor.locator("tr", has=visitor.get_by_role("rowheader", name="Catering"))
    expect(catering.get_by_role("cell")).to_have_text(
        ["Circulair (inclusief biobased)", "0", "0", "1", "0", "3", "0", "1.250.000,50"]
    )
    axe(visitor)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Productgroepen als CSV").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert "nationaal,Kantoorfaciliteiten en diensten,catering,Catering,circulair,0,0,1,0,3,0,1250000.50" in text
