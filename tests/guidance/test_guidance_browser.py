"""A newcomer's journey through the knowledge base in a real browser, with axe on every page."""

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command

from guidance.models import ContactMessage, PageFeedback


@pytest.fixture
def starting_content(transactional_db):
    """The content `make run` loads; the command also restores the themes a previous flush removed."""
    call_command("load_guidance_content", verbosity=0)
    yield
    # The cache tables outlive the test's flush.
    cache.clear()
    caches["pages"].clear()


@pytest.mark.usefixtures("starting_content")
def test_newcomer_finds_the_action_plan_question_by_navigation_and_by_search(page, live_server, axe):
    page.goto(live_server.url + "/")
    axe(page, "home")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Kennisbank").click()
    axe(page, "knowledge base")
    assert page.locator("h1").inner_text() == "Kennisbank"
    page.get_by_role("link", name="Hoe stel ik een Actieplan MVOI op?").click()
    axe(page, "action plan page")
    assert page.locator("h1").inner_text() == "Hoe stel ik een Actieplan MVOI op?"
    assert page.get_by_role("navigation", name="Op deze pagina").is_visible()

    page.get_by_role("link", name="Home", exact=True).first.click()
    axe(page, "home again")
    page.get_by_label("Zoeken in de kennisbank").fill("actieplan opstellen")
    page.get_by_role("button", name="Zoeken").click()
    axe(page, "search results")
    assert page.locator("mark").first.is_visible()
    page.get_by_role("link", name="Hoe stel ik een Actieplan MVOI op?").click()
    axe(page, "action plan page from search")
    assert page.url.endswith("/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/")


@pytest.mark.usefixtures("starting_content")
def test_newcomer_switches_to_english_and_back(page, live_server, axe):
    page.goto(live_server.url + "/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/")
    axe(page)
    page.get_by_role("link", name="English").click()
    axe(page, "English page")
    assert page.locator("h1").inner_text() == "How do I draw up an Actieplan MVOI?"
    assert page.get_by_text("This page is not yet available in English.").is_visible()
    page.get_by_role("link", name="Nederlands").click()
    axe(page, "back in Dutch")
    assert page.url == live_server.url + "/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/"
    assert page.locator("h1").inner_text() == "Hoe stel ik een Actieplan MVOI op?"


@pytest.mark.usefixtures("starting_content")
def test_newcomer_sends_a_question_after_correcting_an_error(page, live_server, axe):
    page.goto(live_server.url + "/kennisbank/wie-kan-mij-ondersteunen/")
    axe(page)
    page.get_by_role("link", name="Stel de VNG een vraag").click()
    axe(page, "contact form")
    page.get_by_label("Uw naam").fill("Ada Inkoper")
    page.get_by_label("Uw e-mailadres").fill("ada-at-gemeente")
    page.get_by_label("Uw vraag of verzoek").fill("Hoe begin ik met een actieplan?")
    page.get_by_role("button", name="Versturen").click()
    axe(page, "contact form with an error")
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Uw vraag of verzoek").input_value() == "Hoe begin ik met een actieplan?"
    page.get_by_label("Uw e-mailadres").fill("ada@gemeente.example")
    page.get_by_role("button", name="Versturen").click()
    axe(page, "confirmation")
    assert page.locator("h1").inner_text() == "Bedankt voor uw bericht"
    assert ContactMessage.objects.get().email == "ada@gemeente.example"


@pytest.mark.usefixtures("starting_content")
def test_theme_tools_and_search_pages_pass_axe(page, live_server, axe):
    for path in [
        "/themas/",
        "/themas/klimaat/",
        "/tools/",
        "/tools/?theme=klimaat&kind=tool&audience=",
        "/kennisbank/zoeken/?q=duurzaamheid",
        "/kennisbank/zoeken/?q=actieplam",
        "/kennisbank/zoeken/?q=xyzzyq",
        "/en/kennisbank/",
        "/en/themas/social-return/",
        "/en/tools/",
    ]:
        page.goto(live_server.url + path)
        axe(page, path)


@pytest.mark.usefixtures("starting_content")
def test_a_newcomer_gives_feedback_on_a_page_answered_from_the_cache(page, live_server, axe):
    address = live_server.url + "/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/"
    page.goto(address)  # an earlier visitor: the page is rendered and kept
    axe(page, "guidance page, rendered")
    page.context.clear_cookies()  # a newcomer: no CSRF cookie yet, answered from the kept copy
    page.goto(address)
    axe(page, "guidance page, from the cache")
    assert any(cookie["name"] == "csrftoken" for cookie in page.context.cookies())
    page.get_by_role("group", name="Was deze pagina nuttig?").get_by_role("button", name="Ja").click()
    axe(page, "thanks")
    assert page.get_by_text("Bedankt voor uw reactie.").is_visible()
    assert PageFeedback.objects.filter(page__slug="hoe-stel-ik-een-actieplan-mvoi-op", is_useful=True).count() == 1


@pytest.mark.usefixtures("starting_content")
def test_a_newcomer_says_what_was_missing_after_answering_no_on_a_cached_page(page, live_server, axe):
    address = live_server.url + "/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/"
    page.goto(address)
    axe(page, "guidance page, rendered")
    page.context.clear_cookies()
    page.goto(address)
    axe(page, "guidance page, from the cache")
    page.get_by_role("group", name="Was deze pagina nuttig?").get_by_role("button", name="Nee").click()
    axe(page, "what were you missing?")
    assert page.locator("h1").inner_text() == "Wat miste u?"
    page.get_by_label("Wat miste u?").fill("Een voorbeeld van een actieplan van een kleine gemeente")
    page.get_by_role("button", name="Versturen").click()
    axe(page, "thanks")
    assert page.get_by_text("De redactie gebruikt die om de pagina te verbeteren.").is_visible()
    feedback = PageFeedback.objects.get(page__slug="hoe-stel-ik-een-actieplan-mvoi-op")
    assert (feedback.is_useful, feedback.missing) == (False, "Een voorbeeld van een actieplan van een kleine gemeente")
