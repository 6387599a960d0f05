"""On the English site a tool without an English description shows the Dutch one, marked as Dutch."""

import re

import pytest
from django.urls import reverse

from tests.factories import ResourceFactory, theme

pytestmark = pytest.mark.django_db

NOTICE = "Not yet available in English: the Dutch description follows."


def card(html: str, resource) -> str:
    match = re.search(rf'<li class="mvoi-card" id="resource-{resource.pk}">(.*?)</li>', html, re.S)
    assert match, f"no card for {resource}"
    return match.group(1)


@pytest.fixture
def resources(db):
    klimaat = theme("klimaat")
    dutch_only = ResourceFactory(
        title="Handreiking klimaatcriteria", description="Hoe u klimaateisen stelt in een aanbesteding."
    )
    translated = ResourceFactory(
        title="Handreiking circulair",
        title_en="Circular guide",
        description="Hoe u circulair inkoopt.",
        description_en="How to buy circular.",
    )
    for resource in (dutch_only, translated):
        resource.themes.set([klimaat])
    return dutch_only, translated


@pytest.mark.parametrize("url", [reverse("guidance:resource_list"), reverse("guidance:theme_detail", args=["klimaat"])])
def test_untranslated_tool_shows_its_dutch_description_marked_dutch_with_a_notice(client, resources, url):
    dutch_only, translated = resources
    page = client.get("/en" + url).content.decode()
    untranslated = card(page, dutch_only)
    assert NOTICE in untranslated
    assert '<p class="utrecht-paragraph" lang="nl">Hoe u klimaateisen stelt in een aanbesteding.</p>' in untranslated
    assert '<span lang="nl">Handreiking klimaatcriteria</span>' in untranslated
    english = card(page, translated)
    assert NOTICE not in english and 'lang="nl"' not in english
    assert "How to buy circular." in english and "Circular guide" in english


def test_dutch_site_shows_no_notice_and_no_language_marks(client, resources):
    page = client.get(reverse("guidance:resource_list")).content.decode()
    assert 'lang="nl"' not in card(page, resources[0])
    assert "Hoe u klimaateisen stelt" in page


def test_search_results_mark_untranslated_tools_too(client, resources):
    page = client.get("/en" + reverse("guidance:search") + "?q=klimaateisen").content.decode()
    results = re.search(r'<ol class="mvoi-results">(.*?)</ol>', page, re.S).group(1)
    assert NOTICE in results
    assert '<p class="utrecht-paragraph" lang="nl">Hoe u klimaateisen stelt in een aanbesteding.</p>' in results
