import pytest

from manifest.models import OrganisationKind
from tests.factories import OrganisationFactory

FOUNDATION_PAGES = ["/", "/toegankelijkheid/", "/privacy/", "/organisaties/", "/organisaties/gm0344/", "/bestaat-niet/"]


@pytest.mark.parametrize("language_prefix", ["", "/en"])
def test_every_foundation_page_passes_axe_in_dutch_and_english(page, live_server, axe, db, language_prefix):
    province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    OrganisationFactory(code="gm0344", name="Gemeente Utrecht", province=province, population=370_000)
    for path in FOUNDATION_PAGES:
        page.goto(live_server.url + language_prefix + path)
        axe(page, path)
        assert page.locator("html").get_attribute("lang") == (language_prefix.strip("/") or "nl")


def test_home_page_switches_to_english_and_back(page, live_server, axe):
    page.goto(live_server.url + "/")
    axe(page)
    assert page.locator("h1").inner_text() == "Van manifest naar actieplan"
    page.get_by_role("link", name="English").click()
    axe(page)
    assert page.locator("h1").inner_text() == "From manifest to action plan"
    page.get_by_role("link", name="Nederlands").click()
    axe(page)
    assert page.url == live_server.url + "/"


def test_skip_link_moves_focus_to_the_main_content(page, live_server, axe):
    page.goto(live_server.url + "/privacy/")
    axe(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_axe_check_fails_on_a_page_with_a_violation(page, live_server, axe):
    """The accessibility check itself must be able to fail: an image without alt text is caught."""
    page.goto(live_server.url + "/privacy/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    with pytest.raises(AssertionError, match="image-alt"):
        axe(page)
