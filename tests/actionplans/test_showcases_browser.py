import pytest
from playwright.sync_api import expect

from tests.actionplans.test_actionplans_browser import for_item
from tests.actionplans.test_permissions import make_plan
from tests.actionplans.test_showcases import make_published
from tests.browser import BrowserWatch, log_in
from tests.conftest import AXE_SOURCE
from tests.factories import ActionFactory, GoalFactory, theme

# The live server's transactional database loses the migrated themes after each test; bring them back.
pytestmark = pytest.mark.usefixtures("six_themes", "report_day")


def test_coordinator_marks_a_showcase_that_an_anonymous_visitor_finds_by_theme(page, live_server, axe, people, browser):
    plan = make_plan(people.organisation_a, people.coordinator_a, "concept")
    ActionFactory(goal=GoalFactory(plan=plan, theme=theme("circulair")), title="Hergebruik van meubilair")
    action = ActionFactory(goal=GoalFactory(plan=plan, theme=theme("klimaat")), title="Elektrische dienstautos")
    plan = make_published(plan, people)

    # The coordinator of Utrecht chooses a showcase on the published plan.
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + plan.get_absolute_url())
    axe(page)
    page.get_by_role("link", name="Voorbeeldacties kiezen").click()
    expect(page.locator("h1")).to_have_text("Voorbeeldacties")
    axe(page)
    page.get_by_role("link", name=for_item("Als voorbeeldactie tonen", action.title)).click()
    expect(page.locator("h1")).to_have_text("Deze actie als voorbeeld tonen")
    axe(page)
    page.get_by_role("button", name="Voorbeeldactie opslaan").click()  # empty: the form says what is missing
    expect(page.get_by_text("Beschrijf het resultaat.").first).to_be_visible()
    axe(page)
    page.get_by_label("Resultaat", exact=False).first.fill("Het hele wagenpark rijdt elektrisch.")
    page.get_by_role("spinbutton", name="Getal").fill("35")
    page.get_by_label("Eenheid van het getal").fill("autos")
    page.get_by_role("button", name="Voorbeeldactie opslaan").click()
    expect(page.get_by_text(f"“{action.title}” is een voorbeeldactie van dit plan.")).to_be_visible()
    axe(page)

    # An anonymous visitor finds it among the showcases on climate, and not among those on circularity.
    visitor_context = browser.new_context(locale="nl-NL")
    visitor = visitor_context.new_page()
    visitor.axe_watch = BrowserWatch(visitor, AXE_SOURCE)
    visitor.goto(live_server.url + "/voorbeelden/")
    axe(visitor)
    visitor.get_by_label("Thema").select_option(label="Circulair (inclusief biobased)")
    visitor.get_by_role("button", name="Filteren").click()
    expect(visitor.get_by_text("0 voorbeeldacties gevonden.")).to_be_visible()
    axe(visitor)
    visitor.get_by_label("Thema").select_option(label="Klimaat")
    visitor.get_by_role("button", name="Filteren").click()
    expect(visitor.get_by_role("heading", name=action.title)).to_be_visible()
    expect(visitor.get_by_text("Het hele wagenpark rijdt elektrisch.")).to_be_visible()
    axe(visitor)
    visitor.get_by_role("link", name=f"In het plan “{plan.title}”").click()
    expect(visitor.locator("h1")).to_have_text(plan.title)
    expect(visitor.locator(f"#action-{action.pk}")).to_contain_text("Voorbeeldactie")
    axe(visitor)
    visitor.axe_watch.assert_clean()
    visitor_context.close()
