from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance import services
from guidance.cache import GUIDANCE
from guidance.models import ContactMessage, GuidancePage, PageFeedback, PageStatus, Section, Theme
from tests.factories import GuidancePageFactory, ResourceFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return response.content.decode()


# --- Who sees what ------------------------------------------------------------------------------


def test_knowledge_base_lists_published_questions_by_section_in_order(client):
    first, second = Section.objects.order_by("order")
    GuidancePageFactory(title="Tweede vraag", section=first, order=2)
    GuidancePageFactory(title="Eerste vraag", section=first, order=1, summary="Samenvatting een")
    GuidancePageFactory(title="Vraag uit aan de slag", section=second)
    GuidancePageFactory(title="Concept", status=PageStatus.DRAFT)
    body = _body(client.get(reverse("guidance:index")))
    assert body.index("Informatie inwinnen") < body.index("Eerste vraag") < body.index("Tweede vraag")
    assert body.index("Tweede vraag") < body.index("Aan de slag") < body.index("Vraag uit aan de slag")
    assert "Samenvatting een" in body
    assert "Concept" not in body


def test_a_page_shows_breadcrumb_table_of_contents_themes_related_pages_and_date(client):
    related = GuidancePageFactory(title="Wat is het Manifest MVOI?")
    page = GuidancePageFactory(
        title="Hoe stel ik een Actieplan MVOI op?",
        body="## Een\n\ntekst\n\n## Twee\n\ntekst\n\n## Drie\n\ntekst",
        themes=[Theme.objects.get(slug="klimaat")],
    )
    page.related_pages.add(related)
    body = _body(client.get(page.get_absolute_url()))
    assert 'aria-current="page">Hoe stel ik een Actieplan MVOI op?</a>' in body
    assert 'href="#h-twee"' in body and 'id="h-twee"' in body
    assert ">Klimaat</a>" in body
    assert ">Wat is het Manifest MVOI?</a>" in body
    assert "Laatst bijgewerkt" in body
    assert "Was deze pagina nuttig?" in body


@pytest.mark.parametrize("who", ["anonymous", "member_a", "member_b", "coordinator_a"])
def test_drafts_and_future_pages_are_404_for_everyone_but_staff_preview(client, people, who):
    draft = GuidancePageFactory(status=PageStatus.DRAFT)
    future = GuidancePageFactory(publish_at=timezone.now() + timedelta(days=1))
    if user := getattr(people, who):
        client.force_login(user)
    for page in (draft, future):
        assert client.get(page.get_absolute_url()).status_code == 404
        response = client.get(reverse("guidance:page_preview", args=[page.pk]))
        assert response.status_code == 302
        assert "/admin/" in response.url or "/account/" in response.url


def test_staff_without_permission_to_view_pages_get_403_on_a_preview(client):
    from tests.factories import UserFactory

    draft = GuidancePageFactory(status=PageStatus.DRAFT)
    log_in_with_two_factor(client, UserFactory(email="andere-afdeling@vng.example", is_staff=True))
    assert client.get(reverse("guidance:page_preview", args=[draft.pk])).status_code == 403


def test_vng_staff_preview_a_draft_exactly_as_the_public_will_see_it(client, people):
    from django.contrib.auth.models import Permission

    draft = GuidancePageFactory(title="Nieuwe vraag", status=PageStatus.DRAFT, body="## Kop\n\nInhoud")
    people.staff.user_permissions.add(Permission.objects.get(codename="view_guidancepage"))
    log_in_with_two_factor(client, people.staff)
    response = client.get(reverse("guidance:page_preview", args=[draft.pk]))
    assert response.status_code == 200
    body = _body(response)
    assert "Voorbeeld" in body and "concept" in body
    assert '<h2 id="h-kop">Kop</h2>' in body
    assert response["X-Robots-Tag"] == "noindex"


def test_english_site_shows_the_dutch_text_with_a_notice_when_there_is_no_translation(client):
    page = GuidancePageFactory(title="Wat is MVOI?", body="Nederlandse tekst")
    body = _body(client.get("/en" + page.get_absolute_url()))
    assert "This page is not yet available in English" in body
    assert '<div class="mvoi-prose" lang="nl">' in body
    assert "Nederlandse tekst" in body


def test_english_site_shows_the_translation_when_there_is_one(client):
    page = GuidancePageFactory(title="Wat is MVOI?", title_en="What is MVOI?", body="NL", body_en="English text")
    body = _body(client.get("/en" + page.get_absolute_url()))
    assert '<h1 class="utrecht-heading-1">What is MVOI?</h1>' in body
    assert "English text" in body
    assert "not yet available in English" not in body


def test_theme_page_shows_its_texts_pages_and_tools(client):
    theme = Theme.objects.get(slug="social-return")
    theme.description = "Werk voor **iedereen**."
    theme.why_it_matters = "Gemeenten zorgen voor participatie."
    theme.save()
    GuidancePageFactory(title="Social return toepassen", themes=[theme])
    GuidancePageFactory(title="Ander onderwerp")
    ResourceFactory(title="Handreiking social return", themes=[theme])
    body = _body(client.get(theme.get_absolute_url()))
    assert "Werk voor <strong>iedereen</strong>." in body
    assert "Gemeenten zorgen voor participatie." in body
    assert "Social return toepassen" in body and "Ander onderwerp" not in body
    assert "Handreiking social return" in body


def test_the_themes_index_lists_the_six_themes_with_what_each_is_about(client):
    body = _body(client.get("/themas/"))
    assert '<h1 class="utrecht-heading-1">De zes MVOI-thema' in body
    for theme in Theme.objects.all():
        assert f'href="{theme.get_absolute_url()}"' in body
        assert theme.summary in body
    assert Theme.objects.count() == 6


def test_the_themes_index_is_linked_from_the_knowledge_base_and_from_each_theme(client):
    assert 'href="/themas/"' in _body(client.get("/kennisbank/"))
    theme_page = _body(client.get("/themas/klimaat/"))
    assert '<a href="/themas/">Thema' in theme_page or 'href="/themas/"' in theme_page


def test_unknown_theme_is_404(client):
    assert client.get(reverse("guidance:theme_detail", args=["bestaat-niet"])).status_code == 404


def test_home_page_shows_three_steps_latest_pages_and_theme_tiles(client):
    GuidancePageFactory(title="Pas bijgewerkt")
    body = _body(client.get("/"))
    assert "1. Begrijp MVOI" in body
    assert "Pas bijgewerkt" in body
    assert 'href="/themas/klimaat/"' in body


# --- Tools library ------------------------------------------------------------------------------


def test_tools_can_be_filtered_by_theme_kind_and_audience(client):
    climate = Theme.objects.get(slug="klimaat")
    ResourceFactory(title="CO2-tool", kind="tool", themes=[climate])
    ResourceFactory(title="Circulaire gids", kind="handreiking", themes=[Theme.objects.get(slug="circulair")])
    ResourceFactory(title="Training voor starters", kind="training", audience="startend")
    ResourceFactory(title="Verborgen", is_published=False)
    url = reverse("guidance:resource_list")
    everything = _body(client.get(url))
    assert "CO2-tool" in everything and "Circulaire gids" in everything and "Verborgen" not in everything
    assert "Leidt naar www.pianoo.nl (externe website)" in everything
    assert "Thema's: Klimaat" in everything and "None" not in everything
    by_theme = _body(client.get(url, {"theme": "klimaat"}))
    assert "CO2-tool" in by_theme and "Circulaire gids" not in by_theme
    by_kind = _body(client.get(url, {"kind": "handreiking"}))
    assert "Circulaire gids" in by_kind and "CO2-tool" not in by_kind
    by_audience = _body(client.get(url, {"audience": "gevorderd"}))
    assert "Training voor starters" not in by_audience and "CO2-tool" in by_audience


def test_an_unknown_filter_value_shows_a_form_error_not_a_500(client):
    response = client.get(reverse("guidance:resource_list"), {"kind": "raket"})
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in _body(response)


# --- Feedback -----------------------------------------------------------------------------------


def test_a_visitor_votes_once_per_page_and_staff_see_the_votes(client):
    page = GuidancePageFactory()
    url = reverse("guidance:page_feedback", args=[page.slug])
    response = client.post(url, {"useful": "yes"}, follow=True)
    assert "Bedankt voor uw reactie." in _body(response)
    response = client.post(url, {"useful": "no"}, follow=True)
    assert "U hebt al gereageerd" in _body(response)
    assert list(PageFeedback.objects.values_list("page", "is_useful")) == [(page.pk, True)]


def test_feedback_on_a_draft_is_404(client):
    page = GuidancePageFactory(status=PageStatus.DRAFT)
    assert client.post(reverse("guidance:page_feedback", args=[page.slug]), {"useful": "yes"}).status_code == 404


# --- Contact ------------------------------------------------------------------------------------

CONTACT = {"name": "Ada Inkoper", "email": "ada@gemeente.example", "organisation": "Gemeente X", "message": "Hulp?"}


def test_contact_message_is_stored_mailed_and_confirmed(client, mailoutbox, settings):
    settings.VNG_CONTACT_EMAIL = "co2@vng.example"
    response = client.post(reverse("guidance:contact"), CONTACT, follow=True)
    assert "Bedankt voor uw bericht" in _body(response)
    assert ContactMessage.objects.get().name == "Ada Inkoper"
    assert mailoutbox[0].to == ["co2@vng.example"]


def test_contact_form_with_errors_keeps_what_was_typed(client):
    response = client.post(reverse("guidance:contact"), {**CONTACT, "email": "geen-adres"})
    assert response.status_code == 200
    body = _body(response)
    assert "Voer een geldig e-mailadres in." in body
    assert 'value="Ada Inkoper"' in body and 'value="geen-adres"' in body
    assert not ContactMessage.objects.exists()


def test_a_filled_honeypot_is_answered_politely_but_nothing_is_stored(client, mailoutbox):
    response = client.post(reverse("guidance:contact"), {**CONTACT, "website": "https://spam.example"})
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert mailoutbox == []


def test_too_many_messages_from_one_address_are_refused_with_a_clear_message(client, locmem_cache):
    for _ in range(5):
        assert client.post(reverse("guidance:contact"), CONTACT).status_code == 302
    response = client.post(reverse("guidance:contact"), CONTACT)
    assert response.status_code == 200
    assert "kort na elkaar" in _body(response)
    assert ContactMessage.objects.count() == 5


def test_behind_a_load_balancer_the_limit_counts_each_visitor_apart(client, locmem_cache, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Every request arrives from the load balancer's address; the visitor's is the last forwarded one.
    for _ in range(5):
        response = client.post(reverse("guidance:contact"), CONTACT, HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert response.status_code == 302
    # Writing another address in front does not get the first visitor round the limit.
    refused = client.post(reverse("guidance:contact"), CONTACT, HTTP_X_FORWARDED_FOR="10.0.0.9, 198.51.100.1")
    assert "kort na elkaar" in _body(refused)
    # A second visitor behind the same load balancer may still write.
    assert client.post(reverse("guidance:contact"), CONTACT, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    assert ContactMessage.objects.count() == 6


def test_a_message_is_never_lost_when_mail_fails(client, settings):
    settings.EMAIL_BACKEND = "tests.guidance.broken_mail.BrokenBackend"
    response = client.post(reverse("guidance:contact"), CONTACT, follow=True)
    assert "Bedankt voor uw bericht" in _body(response)
    assert ContactMessage.objects.get().mail_error


# --- Feed, sitemap, robots, meta ----------------------------------------------------------------


def test_atom_feed_lists_published_pages(client):
    GuidancePageFactory(title="Nieuw in de kennisbank")
    GuidancePageFactory(title="Nog geheim", status=PageStatus.DRAFT)
    response = client.get(reverse("guidance:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Nieuw in de kennisbank" in _body(response) and "Nog geheim" not in _body(response)


def test_sitemap_lists_public_pages_in_both_languages(client):
    page = GuidancePageFactory(slug="openbaar")
    GuidancePageFactory(slug="geheim", status=PageStatus.DRAFT)
    body = _body(client.get("/sitemap.xml"))
    assert f"/kennisbank/{page.slug}/" in body and f"/en/kennisbank/{page.slug}/" in body
    assert "/themas/klimaat/" in body
    assert "geheim" not in body


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, settings):
    body = _body(client.get("/robots.txt"))
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_a_page_has_its_summary_as_meta_description_and_open_graph(client):
    page = GuidancePageFactory(title="Wat is MVOI?", summary="Uitleg in het kort.")
    body = _body(client.get(page.get_absolute_url()))
    assert '<meta name="description" content="Uitleg in het kort.">' in body
    assert '<meta property="og:title" content="Wat is MVOI?">' in body
    assert '<meta property="og:type" content="article">' in body


# --- Cache and query counts ---------------------------------------------------------------------


def _make_pages(count: int) -> GuidancePage:
    """`count` published pages (bulk-created, as fast as possible), and one with themes and relations."""
    section = Section.objects.order_by("order").first()
    GuidancePage.objects.bulk_create(
        GuidancePage(
            title=f"Vraag {number}",
            slug=f"bulk-{number}",
            summary="Samenvatting",
            body="Tekst",
            body_html="<p>Tekst</p>",
            section=section,
            status=PageStatus.PUBLISHED,
        )
        for number in range(count)
    )
    page = GuidancePageFactory(slug="gemeten", themes=list(Theme.objects.all()[:2]))
    page.related_pages.set(GuidancePage.objects.filter(slug__in=["bulk-0", "bulk-1"]))
    for resource_number in range(count):
        ResourceFactory(title=f"Tool {resource_number}", themes=[Theme.objects.get(slug="klimaat")])
    GUIDANCE.changed()  # written by factories, past the services
    GUIDANCE.version()  # its first reader asks, once per change, when pages next go live by themselves
    return page


PUBLIC_URLS = [
    "/",
    "/kennisbank/",
    "/kennisbank/gemeten/",
    "/themas/klimaat/",
    "/tools/",
    "/tools/?theme=klimaat&kind=tool",
    "/en/kennisbank/gemeten/",
]


@pytest.mark.parametrize("count", [5, 500])
def test_an_uncached_public_page_makes_at_most_six_queries_however_many_pages_exist(
    client, locmem_cache, django_assert_max_num_queries, count
):
    _make_pages(count)
    for url in PUBLIC_URLS:
        # One of them asks whether a scheduled change is due to replace its live page; on the home and theme
        # pages one more reads the featured showcases, and (once per change of the register, for the page
        # cache) one asks when the signing window next opens or closes.
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200, url


def test_a_cached_public_page_makes_no_queries(client, locmem_cache, django_assert_num_queries):
    _make_pages(5)
    for url in PUBLIC_URLS:
        client.get(url)
    for url in PUBLIC_URLS:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url


def test_saving_a_page_invalidates_the_cache_at_once(client, locmem_cache, editor):
    from guidance import services

    page = GuidancePageFactory(title="Oude titel")
    assert "Oude titel" in _body(client.get(page.get_absolute_url()))
    assert "Oude titel" in _body(client.get(reverse("guidance:index")))
    page.title = "Nieuwe titel"
    services.guidance_page_save(page=page, editor=editor)
    assert "Nieuwe titel" in _body(client.get(page.get_absolute_url()))
    assert "Nieuwe titel" in _body(client.get(reverse("guidance:index")))
    services.guidance_pages_unpublish(pages=[page], editor=editor)
    assert client.get(page.get_absolute_url()).status_code == 404


def test_saving_a_theme_or_tool_invalidates_the_cache(client, locmem_cache):
    theme = Theme.objects.get(slug="klimaat")
    resource = ResourceFactory(title="Oud hulpmiddel", themes=[theme])
    assert "Oud hulpmiddel" in _body(client.get(theme.get_absolute_url()))
    resource.title = "Nieuw hulpmiddel"
    services.resource_save(resource=resource)
    theme.summary = "Nieuwe samenvatting"
    services.theme_save(theme=theme)
    body = _body(client.get(theme.get_absolute_url()))
    assert "Nieuw hulpmiddel" in body and "Nieuwe samenvatting" in body


def test_a_scheduled_page_appears_on_cached_pages_when_its_moment_comes(client, locmem_cache, monkeypatch):
    GuidancePageFactory(title="Straks live", publish_at=timezone.now() + timedelta(hours=1))
    assert "Straks live" not in _body(client.get(reverse("guidance:index")))
    # Nobody acts: only the clock moves past publish_at.
    later = timezone.now() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Straks live" in _body(client.get(reverse("guidance:index")))


def test_logged_in_visitors_never_get_a_cached_page(client, locmem_cache, people):
    GuidancePageFactory(slug="pagina")
    client.get("/kennisbank/pagina/")  # cached for anonymous visitors
    client.force_login(people.member_a)
    body = _body(client.get("/kennisbank/pagina/"))
    assert "Mijn omgeving" in body or "My portal" in body


def test_cached_pages_are_kept_apart_per_language(client, locmem_cache):
    GuidancePageFactory(slug="taal")
    assert '<html lang="nl"' in _body(client.get("/kennisbank/taal/"))
    assert '<html lang="en"' in _body(client.get("/en/kennisbank/taal/"))
    assert '<html lang="nl"' in _body(client.get("/kennisbank/taal/"))


def _csrf_token(html: str) -> str:
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_the_feedback_form_on_a_cached_page_gives_every_visitor_a_working_csrf_token(locmem_cache):
    from django.test import Client

    page = GuidancePageFactory(slug="nuttig")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = _body(first.get(page.get_absolute_url()))  # rendered and stored
    second_html = _body(second.get(page.get_absolute_url()))  # served from the cache
    assert "__portal_csrf_token__" not in first_html + second_html
    url = reverse("guidance:page_feedback", args=[page.slug])
    assert second.post(url, {"useful": "yes", "csrfmiddlewaretoken": _csrf_token(second_html)}).status_code == 302
    assert first.post(url, {"useful": "no", "csrfmiddlewaretoken": _csrf_token(first_html)}).status_code == 302
    assert PageFeedback.objects.count() == 2


def test_feedback_without_a_csrf_token_is_refused(locmem_cache):
    from django.test import Client

    page = GuidancePageFactory(slug="nuttig")
    client = Client(enforce_csrf_checks=True)
    client.get(page.get_absolute_url())
    response = client.post(reverse("guidance:page_feedback", args=[page.slug]), {"useful": "yes"})
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_head_requests_to_public_pages_are_answered(client):
    assert client.head(reverse("guidance:index")).status_code == 200


def test_the_knowledge_base_index_shows_fifty_questions_a_page(client):
    _make_pages(119)  # and one more with themes: 120 questions
    first = _body(client.get(reverse("guidance:index")))
    assert first.count('class="utrecht-heading-3"><a class="utrecht-link" href="/kennisbank/') == 50
    assert "Pagina 1 van 3" in first and 'rel="next" href="?page=2"' in first
    last = _body(client.get(reverse("guidance:index") + "?page=3"))
    assert last.count('class="utrecht-heading-3"><a class="utrecht-link" href="/kennisbank/') == 20
    assert 'rel="prev" href="?page=2"' in last
