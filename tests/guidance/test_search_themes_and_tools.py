"""Search finds themes and tools as well as guidance pages, in one ranked and paginated list."""

import re
from html import unescape

import pytest
from django.urls import reverse

from guidance.cache import GUIDANCE
from guidance.models import Section, Theme
from guidance.search import PAGE, THEME, TOOL, search
from tests.factories import GuidancePageFactory, ResourceFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("guidance:search")


def results(html: str) -> list[str]:
    """Each result as a line of text: its heading, then its kind badge and meta line."""
    found = re.search(r'<ol class="mvoi-results">(.*?)</ol>', html, re.S)
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def kinds(outcome) -> list[tuple[str, str]]:
    return [(row["hit_kind"], row["hit_title"]) for row in outcome.hits]


def test_social_return_finds_the_social_return_theme(client):
    page = client.get(SEARCH, {"q": "social return"}).content.decode()
    assert 'href="/themas/social-return/"' in page
    (theme_result,) = [result for result in results(page) if result.startswith("Social return ")]
    assert "Thema" in theme_result


def test_results_say_what_kind_each_hit_is(client):
    GuidancePageFactory(title="Duurzame catering inkopen", body="Over catering.")
    ResourceFactory(title="Criteria voor catering", description="Eisen voor duurzame catering.")
    shown = results(client.get(SEARCH, {"q": "catering"}).content.decode())
    assert len(shown) == 2
    page = next(result for result in shown if result.startswith("Duurzame catering inkopen"))
    tool = next(result for result in shown if result.startswith("Criteria voor catering"))
    assert "Vraag" in page and "Tool of handreiking" not in page
    assert "Tool of handreiking" in tool and "(externe website)" in tool


def test_pages_themes_and_tools_are_ranked_together_titles_first():
    GuidancePageFactory(title="Inkoop algemeen", body="Ook iets over klimaat.")
    ResourceFactory(title="Criteria voor het klimaat", description="Tool.")
    outcome = search("klimaat", language="nl")
    found = kinds(outcome)
    assert set(found) == {(THEME, "Klimaat"), (TOOL, "Criteria voor het klimaat"), (PAGE, "Inkoop algemeen")}
    # The theme and the tool have the word in their names, the page only in its body.
    assert found[-1] == (PAGE, "Inkoop algemeen")


def test_a_section_leaves_only_pages_and_a_theme_only_its_own_hits():
    climate = Theme.objects.get(slug="klimaat")
    first = Section.objects.order_by("order").first()
    GuidancePageFactory(title="Klimaat in de inkoop", body="klimaat", themes=[climate], section=first)
    ResourceFactory(title="Klimaattool", description="klimaat", themes=[climate])
    ResourceFactory(title="Circulaire klimaattool", description="klimaat")
    assert {kind for kind, _title in kinds(search("klimaat", language="nl", section=first))} == {PAGE}
    within_theme = kinds(search("klimaat", language="nl", theme=climate))
    assert sorted(within_theme) == [(PAGE, "Klimaat in de inkoop"), (THEME, "Klimaat"), (TOOL, "Klimaattool")]


def test_the_english_site_finds_a_theme_by_its_english_name(client):
    theme = Theme.objects.get(slug="circulair")
    theme.name_en = "Circular economy"
    theme.save()
    page = client.get("/en" + SEARCH, {"q": "economy"}).content.decode()
    assert any(result.startswith("Circular economy Theme") for result in results(page))


def test_pagination_runs_through_pages_themes_and_tools_with_the_same_queries(
    client, locmem_cache, django_assert_num_queries
):
    def result_page(number):
        return client.get(SEARCH, {"q": "klimaat", "page": number}).content.decode()

    for number in range(3):  # the word in the title: on the first page of results whatever follows
        GuidancePageFactory(title=f"Klimaat en inkoop {number}", body="Tekst.")
        ResourceFactory(title=f"Klimaat in tenders {number}", description="Tool.")
    GUIDANCE.changed()  # the factories write past the services
    # whether a scheduled change is due, anything found, count, one page of results, its pages, themes and
    # tools, the form's themes and sections, and (once per change, for the page cache) when a new page and
    # a scheduled change next go live
    with django_assert_num_queries(11) as few:
        result_page(1)
    for number in range(27):  # the word only in a body or description: ranked lower
        GuidancePageFactory(title=f"Vraag {number:02d}", body="Over het klimaat en de aanbesteding.")
        ResourceFactory(title=f"Hulpmiddel {number:02d}", description="Voor het klimaat.")
    GUIDANCE.changed()
    with django_assert_num_queries(len(few.captured_queries)):
        first = result_page(1)
    assert "61 resultaten gevonden" in first  # 30 pages, 30 tools and the theme
    seen = []
    for number in (1, 2, 3, 4):
        seen += [result.split(" (externe website)")[0].split(" Vraag ")[0] for result in results(result_page(number))]
    assert len(seen) == 61
    assert len(set(seen)) == 61, "every hit once, none lost or repeated between pages"
    assert any(title.startswith("Klimaat Thema") for title in seen)
