import pytest
from django.urls import reverse

from guidance import services
from guidance.cache import GUIDANCE
from guidance.models import PageStatus, Section, Theme
from guidance.search import PAGE, TOOL, load_hits, search, suggest
from tests.factories import GuidancePageFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def titles(outcome, kind=PAGE) -> list[str]:
    return [row["hit_title"] for row in outcome.hits if row["hit_kind"] == kind]


def shown(outcome, *, language="nl") -> list:
    """The result list as the search page shows it: each hit with its object, pages with their snippets."""
    return load_hits(list(outcome.hits), outcome.searched_for, language=language)


def test_a_page_with_the_word_in_its_title_ranks_above_one_with_it_only_in_its_body():
    GuidancePageFactory(title="Over inkoopbeleid", summary="Algemeen", body="Hier gaat het over het actieplan.")
    GuidancePageFactory(title="Het actieplan", summary="Algemeen", body="Een tekst.")
    GuidancePageFactory(title="Iets anders", summary="Algemeen", body="Niets relevants.")
    assert titles(search("actieplan", language="nl")) == ["Het actieplan", "Over inkoopbeleid"]


def test_a_summary_match_ranks_above_a_body_match():
    GuidancePageFactory(title="Een", summary="Algemeen", body="Over social return.")
    GuidancePageFactory(title="Twee", summary="Alles over social return", body="Tekst.")
    assert titles(search("social return", language="nl")) == ["Twee", "Een"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("duurzaamheid", "Wij kopen duurzaam in."),
        ("duurzaam", "Duurzaamheid staat voorop."),
        ("inkopen", "Zo wordt er ingekocht en inkoop gedaan: de inkopen."),
        ("inkoopen", "Hoe gemeenten inkopen."),
        ("actieplannen", "Een actieplan opstellen."),
    ],
)
def test_dutch_stemming_finds_other_forms_of_a_word(query, text):
    GuidancePageFactory(title="Pagina", summary="Samenvatting", body=text)
    assert titles(search(query, language="nl")) == ["Pagina"]


def test_drafts_and_scheduled_pages_are_never_found():
    GuidancePageFactory(title="Concept over klimaat", status=PageStatus.DRAFT)
    assert titles(search("klimaat", language="nl")) == []


def test_results_have_a_highlighted_and_escaped_snippet():
    GuidancePageFactory(title="Pagina", body="Begin. Over <b>duurzaam</b> inkopen & meer. <script>x</script>")
    (hit,) = shown(search("duurzaam", language="nl"))
    assert "<mark>duurzaam</mark>" in hit.highlighted
    assert "<script>" not in hit.highlighted and "<b>" not in hit.highlighted


def test_a_misspelled_word_gets_a_did_you_mean_suggestion_and_its_results():
    GuidancePageFactory(title="Hoe stel ik een actieplan op?", body="Een actieplan met doelen.")
    outcome = search("actieplam", language="nl")
    assert outcome.suggestion == "actieplan"
    assert titles(outcome) == ["Hoe stel ik een actieplan op?"]


def test_no_suggestion_when_nothing_is_similar():
    GuidancePageFactory(title="Klimaat", body="Over klimaat.")
    assert suggest("xyzzyq") == ""
    assert titles(search("xyzzyq", language="nl")) == []


def test_filters_by_theme_and_section():
    climate = Theme.objects.get(slug="klimaat")
    first, second = Section.objects.order_by("order")
    GuidancePageFactory(title="Klimaat en inkoop", body="inkoop", themes=[climate], section=first)
    GuidancePageFactory(title="Inkoop algemeen", body="inkoop", section=second)
    assert titles(search("inkoop", language="nl", theme=climate)) == ["Klimaat en inkoop"]
    assert titles(search("inkoop", language="nl", section=second)) == ["Inkoop algemeen"]


def test_tools_and_guides_are_searchable_too():
    ResourceFactory(title="Criteria voor catering", description="Duurzame catering inkopen.")
    outcome = search("catering", language="nl")
    assert titles(outcome, TOOL) == ["Criteria voor catering"]


def test_the_english_site_searches_english_translations_with_english_stemming():
    GuidancePageFactory(title="Actieplan", title_en="Drawing up plans", body="NL", body_en="Planning your actions.")
    assert titles(search("plan", language="en")) == ["Actieplan"]


def test_search_page_shows_results_and_a_suggestion(client):
    GuidancePageFactory(title="Hoe stel ik een Actieplan MVOI op?", body="Actieplan")
    body = client.get(reverse("guidance:search"), {"q": "actieplam"}).content.decode()
    assert "U ziet de resultaten voor “actieplan”." in body
    assert "Hoe stel ik een Actieplan MVOI op?" in body


def test_search_page_without_a_query_shows_only_the_form(client):
    response = client.get(reverse("guidance:search"))
    assert response.status_code == 200
    assert "gevonden" not in response.content.decode()


def test_search_with_odd_input_never_fails(client):
    for query in ["'", '"', "&|!", "a" * 200, "or and not", "<script>"]:
        assert client.get(reverse("guidance:search"), {"q": query}).status_code == 200


def test_the_search_page_reads_one_page_of_results_with_the_same_queries_however_many_match(
    client, locmem_cache, django_assert_num_queries
):
    def search_page(page_number):
        return client.get(reverse("guidance:search"), {"q": "aanbesteding", "page": page_number})

    for number in range(3):
        GuidancePageFactory(title=f"Vraag {number:02d}", body="Over de aanbesteding van catering.")
    GUIDANCE.changed()  # the factories write past the services
    # whether a scheduled change is due, whether anything matches, count, one page of results, its pages
    # with snippets, the themes and sections of the form, and (once per change, for the page cache) when a
    # new page and a scheduled change next go live
    with django_assert_num_queries(9) as few:
        search_page(1)
    for number in range(3, 45):
        GuidancePageFactory(title=f"Vraag {number:02d}", body="Over de aanbesteding van catering.")
    GUIDANCE.changed()
    with django_assert_num_queries(len(few.captured_queries)):
        second = search_page(3).content.decode()
    assert "45 resultaten gevonden" in second
    # The third page of 20: the last five questions, each with its highlighted snippet.
    assert second.count("<mark>aanbesteding</mark>") == 5
    assert "Vraag 44" in second and "Vraag 39" not in second


def test_the_english_site_shows_a_dutch_snippet_for_a_page_not_yet_translated(client):
    GuidancePageFactory(title="Catering", body="Over duurzame catering in de aanbesteding.")
    body = client.get("/en/kennisbank/zoeken/", {"q": "catering"}).content.decode()
    assert "<mark>catering</mark> in de aanbesteding" in body


def test_a_repeated_search_comes_from_the_cache_until_the_knowledge_base_changes(
    client, locmem_cache, django_assert_num_queries
):
    GuidancePageFactory(title="Catering inkopen", body="Over catering.")
    url = reverse("guidance:search") + "?q=catering"
    assert "Catering inkopen" in client.get(url).content.decode()
    with django_assert_num_queries(0):
        client.get(url)
    services.guidance_page_save(
        page=GuidancePageFactory.build(title="Duurzame catering", body="Meer catering."), editor=None
    )
    again = client.get(url).content.decode()
    assert "Catering inkopen" in again and "Duurzame catering" in again


def test_a_suggestion_costs_the_same_queries_with_ten_times_as_many_pages(django_assert_num_queries):
    def pages(first, last):
        for number in range(first, last):
            GuidancePageFactory(title=f"Inkoop {number}", body=f"Over duurzame inkoop en catering nummer{number}.")

    pages(0, 5)
    suggest("cateringg")  # warm up: anything loaded once per process
    with django_assert_num_queries(1):
        assert suggest("cateringg duurzme") == "catering duurzame"
    pages(5, 50)
    with django_assert_num_queries(1) as queries:
        assert suggest("cateringg duurzme") == "catering duurzame"
    assert "guidance_guidancepage" not in queries.captured_queries[0]["sql"], "a suggestion must not read the pages"


def test_words_of_a_page_scheduled_for_later_are_not_suggested_before_it_goes_live(monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    GuidancePageFactory(title="Geheim", body="Een embargowoord.", publish_at=now + timedelta(days=1))
    GuidancePageFactory(title="Openbaar", body="Klimaat.")
    assert suggest("embargowoordd") == ""
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(days=1, seconds=1))  # the next day
    assert suggest("embargowoordd") == "embargowoord"


def test_words_of_a_draft_or_unpublished_page_are_not_suggested(people):
    from guidance.services import guidance_pages_unpublish

    page = GuidancePageFactory(title="Tijdelijk", body="Een woord: zeldzaamheid.")
    assert suggest("zeldzaamheidd") == "zeldzaamheid"
    guidance_pages_unpublish(pages=[page], editor=people.staff)
    assert suggest("zeldzaamheidd") == ""
    GuidancePageFactory(title="Concept", body="Een conceptwoordje.", status=PageStatus.DRAFT)
    assert suggest("conceptwoordjee") == ""


def test_an_edited_page_brings_its_new_words_to_the_suggestions(people):
    from guidance.services import guidance_page_save

    page = GuidancePageFactory(title="Eerst", body="Oude tekst.")
    assert suggest("circulariteitt") == ""
    page.body = "Nieuwe tekst over circulariteit."
    guidance_page_save(page=page, editor=people.staff)
    assert suggest("circulariteitt") == "circulariteit"


@pytest.mark.django_db(transaction=True)
def test_the_word_list_is_rebuilt_outside_a_transaction_too():
    """Loaders and scripts save pages outside a transaction; the rebuild still locks the list and ends."""
    from guidance.reference import load_reference_data

    load_reference_data()  # a transactional test may find the tables emptied by the one before
    GuidancePageFactory(title="Los geladen", body="Een zeldzaamwoord.")  # the factory refreshes the list
    assert suggest("zeldzaamwoordd") == "zeldzaamwoord"
