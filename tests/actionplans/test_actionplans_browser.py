import re

import pytest
from playwright.sync_api import expect

from tests.browser import log_in
from tests.factories import MembershipFactory, UserFactory

# The live server's transactional database loses the migrated themes after each test; bring them back.
pytestmark = pytest.mark.usefixtures("six_themes")


def for_item(label, title):
    """The accessible name of a link or button that names its item in visually hidden text."""
    return re.compile(rf"^{re.escape(label)}\s*:\s*{re.escape(title)}$")


def theme_row(page, name):
    """The row of the progress chart for one theme."""
    return page.locator("table.mvoi-chart__table tr", has=page.get_by_role("rowheader", name=name, exact=True))


def test_zwolle_drafts_adopts_and_publishes_a_plan_that_anybody_then_finds(page, live_server, axe, people):
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user

    # A member of Gemeente Zwolle starts from the template for starting organisations.
    log_in(page, live_server, people.member_b)
    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Actieplannen").click()
    expect(page.locator("h1")).to_have_text("Actieplannen")
    axe(page)
    page.get_by_role("link", name="Nieuw plan beginnen").click()
    expect(page.locator("h1")).to_have_text("Nieuw actieplan")
    axe(page)
    page.get_by_label("Sjabloon voor een startende organisatie").check()
    page.get_by_role("button", name="Conceptplan maken").click()
    expect(page.locator("h1")).to_contain_text("Actieplan MVOI Zwolle")
    axe(page)
    plan_url = page.url
    expect(page.get_by_role("heading", name="Klimaat", exact=True)).to_be_visible()

    # ... adds a goal with two actions ...
    page.get_by_role("link", name="Doel toevoegen").click()
    expect(page.locator("h1")).to_have_text("Doel toevoegen")
    axe(page)
    page.get_by_label("Thema").select_option(label="Diversiteit en inclusie")
    page.get_by_label("Titel", exact=True).fill("Inclusief opdrachtgeven")
    page.get_by_role("textbox", name="Indicator (niet verplicht)").fill("Opdrachten met afspraken over inclusie")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("heading", name="Inclusief opdrachtgeven")).to_be_visible()
    axe(page)
    for title in ("Gunningscriterium uitproberen", "Marktdialoog met sociale ondernemingen"):
        page.get_by_role("link", name=for_item("Actie toevoegen", "Inclusief opdrachtgeven")).click()
        expect(page.locator("h1")).to_have_text("Actie toevoegen")
        axe(page)
        page.get_by_label("Titel", exact=True).fill(title)
        page.get_by_label("Eigenaar").fill("Team Inkoop")
        page.get_by_role("button", name="Actie toevoegen").click()
        expect(page.get_by_text(title, exact=True)).to_be_visible()
        axe(page)
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("0%")
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("0 van 2")

    # ... marks one done and sees the progress of the theme change.
    page.get_by_role("link", name=for_item("Bewerken", "Gunningscriterium uitproberen")).click()
    expect(page.locator("h1")).to_have_text("Actie bewerken")
    axe(page)
    page.get_by_label("Status").select_option(label="Afgerond")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De actie is opgeslagen.")).to_be_visible()
    axe(page)
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("50%")
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("1 van 2")

    # The print version reads as a document for the college.
    page.get_by_role("link", name="Afdrukversie voor het college").click()
    expect(page.get_by_role("heading", name="Inhoud")).to_be_visible()
    axe(page, "print view")
    page.emulate_media(media="print")
    axe(page, "print view in print media")
    page.emulate_media(media="screen")

    # A coordinator wants to record the adoption and is first shown the template text still to replace.
    page.context.clear_cookies()
    log_in(page, live_server, coordinator_b)
    page.goto(plan_url)
    axe(page)
    tools = page.get_by_role("navigation", name="Wat u met dit plan kunt doen")
    tools.get_by_role("link", name="Vaststelling vastleggen").click()
    expect(page.locator("h1")).to_have_text("Vaststelling vastleggen")
    expect(page.get_by_role("heading", name="2 plaatsen bevatten nog tekst uit het sjabloon")).to_be_visible()
    axe(page, "adoption with placeholders")
    page.get_by_role("link", name="Onderdeel “aanleiding en opdracht”").click()
    expect(page.locator("h1")).to_have_text("Plan bewerken")
    axe(page)
    page.get_by_label("Aanleiding en opdracht").fill("Het college besloot op 3 februari tot dit plan.")
    page.get_by_label("Nulmeting").fill("Zwolle koopt jaarlijks voor 150 miljoen euro in.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()
    axe(page)

    # ... then records the adoption by the college and publishes the plan.
    tools.get_by_role("link", name="Vaststelling vastleggen").click()
    expect(page.locator("h1")).to_have_text("Vaststelling vastleggen")
    expect(page.get_by_text("nog tekst uit het sjabloon")).to_have_count(0)
    axe(page)
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld.")).to_be_visible()
    axe(page)
    tools.get_by_role("link", name="Plan publiceren").click()
    expect(page.locator("h1")).to_have_text("Plan publiceren")
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het plan is gepubliceerd.")).to_be_visible()
    axe(page)

    # The published plan stays published while the team records how far its actions have come.
    page.get_by_role("link", name=for_item("Voortgang bijwerken", "Marktdialoog met sociale ondernemingen")).click()
    expect(page.locator("h1")).to_have_text("Voortgang bijwerken")
    axe(page)
    page.get_by_label("Status").select_option(label="Lopend")
    page.get_by_label("Voortgang (%)").fill("40")
    page.get_by_role("button", name="Voortgang opslaan").click()
    expect(page.get_by_text("De voortgang van “Marktdialoog met sociale ondernemingen” is opgeslagen.")).to_be_visible()
    axe(page)
    expect(page.locator(".mvoi-badge--ok", has_text="Gepubliceerd")).to_be_visible()
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("70%")

    # An anonymous visitor finds it under the published plans.
    page.context.clear_cookies()
    page.goto(live_server.url + "/actieplannen/openbaar/")
    expect(page.locator("h1")).to_have_text("Gepubliceerde actieplannen")
    axe(page)
    page.get_by_label("Route").select_option(label="Startende organisatie")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 plan gevonden.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name=re.compile("Actieplan MVOI Zwolle")).click()
    expect(page.get_by_role("heading", name="Inclusief opdrachtgeven")).to_be_visible()
    axe(page)
    expect(page.get_by_text("Gunningscriterium uitproberen", exact=True)).to_be_visible()
    expect(theme_row(page, "Diversiteit en inclusie")).to_contain_text("70%")  # the progress recorded after publishing
    expect(page.get_by_role("link", name=for_item("Bewerken", "Gunningscriterium uitproberen"))).to_have_count(0)


def test_conflict_page_and_import_preview_pass_axe(page, live_server, axe, people):
    from actionplans import services

    plan = services.plan_create_from_template(
        organisation=people.organisation_a, user=people.member_a, track="gevorderd", start_year=2026, end_year=2029
    )
    goal = plan.goals.order_by("order").first()
    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + f"/actieplannen/{plan.uuid}/doelen/{goal.pk}/bewerken/")
    axe(page)
    services.goal_update(goal=goal, user=people.coordinator_a, data={"title": "Door de coördinator"}, version=1)
    page.get_by_label("Titel", exact=True).fill("Door het lid")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_have_text("Iemand anders heeft eerder opgeslagen")
    axe(page)
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Door het lid")
    expect(page.get_by_role("cell", name="Door de coördinator")).to_be_visible()

    page.goto(live_server.url + f"/actieplannen/{plan.uuid}/importeren/")
    axe(page)
    action = goal.actions.first()
    page.get_by_label("CSV-bestand").set_input_files(
        files=[
            {
                "name": "voortgang.csv",
                "mimeType": "text/csv",
                "buffer": f"id;status;voortgang\n{action.pk};lopend;140\n".encode(),
            }
        ]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("De voortgang moet tussen 0 en 100 liggen.")).to_be_visible()
    axe(page)

    page.goto(live_server.url + f"/actieplannen/{plan.uuid}/geschiedenis/")
    expect(page.get_by_text("Door de coördinator").first).to_be_visible()
    axe(page)


DOWNLOADS = (
    "plan_csv",
    "plan_xlsx",
    "plan_pdf",
    "plan_docx",
    "published_pdf",
    "published_docx",
    "published_xlsx",
    "published_json",
    "published_json_schema",
    "published_rows_csv",
    "published_rows_json",
    "published_rows_schema",
    "report_export",
)


def test_every_page_of_the_app_passes_axe_for_a_coordinator(page, live_server, axe, people):
    """Every HTML page in the URLconf of the app, as the person who may see the most of it."""
    from tests.actionplans.test_permissions import (
        ABOUT_A_CO_OWNER,
        MATRIX,
        actionplans_url_names,
        make_case_plan,
        make_plan,
        url_for,
    )

    plans = {
        status: make_plan(people.organisation_a, people.coordinator_a, status)
        for status in ("concept", "vastgesteld", "gepubliceerd")
    }
    log_in(page, live_server, people.coordinator_a)
    checked = []
    for name in actionplans_url_names():
        case = MATRIX[name]
        if case.method != "get" or name in DOWNLOADS:
            continue
        if case.expected[2] != 200:  # staff-only pages; tests/actionplans/test_reports_browser.py walks them
            continue
        if case.review:  # pages of a review in progress; tests/actionplans/test_review_browser.py walks them
            continue
        if case.args in ABOUT_A_CO_OWNER:  # a page about a co-owner or the new lead: a plan with organisation B
            plan = make_case_plan(people, case)
        else:
            plan = plans[case.plan] if case.plan else None
        path = url_for(name, case, plan)
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe(page, name)
        checked.append(name)
    assert len(checked) >= 18
