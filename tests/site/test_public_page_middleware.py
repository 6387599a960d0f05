"""Repeat anonymous visits to cached pages are answered by PublicPageMiddleware, before sessions,
CSRF, locale, authentication and the view run, with exactly what the whole stack would answer."""

import gzip
import re
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from bench.public_pages import PUBLIC_PAGES
from guidance.models import PageFeedback
from manifest.cache import REGISTER
from manifest.models import Organisation
from tests.site.test_page_cache import without_csrf_tokens

pytestmark = pytest.mark.django_db

CACHED = [page for page in PUBLIC_PAGES if page.cached]


def answered_early(response) -> bool:
    """The authentication middleware, which every full pass runs, never saw the request."""
    return not hasattr(response.wsgi_request, "user")


@pytest.mark.parametrize("public_page", CACHED, ids=[page.name for page in CACHED])
def test_a_repeat_visit_gets_the_same_page_and_headers_without_the_rest_of_the_stack(
    locmem_cache, sample_content, public_page, django_assert_num_queries
):
    first_visitor, second_visitor = Client(), Client()
    rendered = first_visitor.get(public_page.path)
    assert not answered_early(rendered)
    with django_assert_num_queries(0):
        again = second_visitor.get(public_page.path)
    assert answered_early(again)
    assert again.status_code == 200
    assert without_csrf_tokens(again.content) == without_csrf_tokens(rendered.content)
    # Security headers, Vary, Content-Language, X-Frame-Options, type, length and download name alike.
    assert dict(again.headers) == dict(rendered.headers)
    assert again.cookies.keys() == rendered.cookies.keys()  # a page with a form sets the CSRF cookie


@pytest.mark.parametrize("public_page", CACHED, ids=[page.name for page in CACHED])
def test_a_browser_that_accepts_gzip_gets_the_same_page_compressed(locmem_cache, sample_content, public_page):
    first_visitor, second_visitor = Client(HTTP_ACCEPT_ENCODING="gzip"), Client(HTTP_ACCEPT_ENCODING="gzip")
    rendered = first_visitor.get(public_page.path)
    again = second_visitor.get(public_page.path)
    assert answered_early(again)
    assert again["Content-Encoding"] == rendered["Content-Encoding"] == "gzip"
    assert without_csrf_tokens(gzip.decompress(again.content)) == without_csrf_tokens(gzip.decompress(rendered.content))
    assert int(again["Content-Length"]) == len(again.content)
    # The same headers; only the length differs, by the random padding gzip adds against BREACH.
    del again.headers["Content-Length"], rendered.headers["Content-Length"]
    assert dict(again.headers) == dict(rendered.headers)


def test_a_form_on_a_page_answered_early_works_with_the_visitors_own_token(locmem_cache, sample_content):
    path = next(page.path for page in PUBLIC_PAGES if page.name == "guidance page")
    Client().get(path)  # rendered and kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(path)
    assert answered_early(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    slug = path.strip("/").split("/")[-1]
    response = visitor.post(
        reverse("guidance:page_feedback", args=[slug]), {"useful": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert PageFeedback.objects.filter(page__slug=slug, is_useful=True).count() == 1


def test_a_visitor_with_a_message_waiting_sees_it_on_a_page_kept_for_early_answers(
    client, locmem_cache, sample_content
):
    path = next(page.path for page in PUBLIC_PAGES if page.name == "guidance page")
    client.get(path)
    assert answered_early(client.get(path))
    slug = path.strip("/").split("/")[-1]
    # "Yes" is thanked with a message on the page itself ("no" first asks what was missing).
    thanked = client.post(reverse("guidance:page_feedback", args=[slug]), {"useful": "yes"}, follow=True)
    assert not answered_early(thanked)
    assert "Bedankt voor uw reactie." in thanked.content.decode()


def test_a_logged_in_visitor_is_never_answered_early(client, locmem_cache, people):
    client.get("/organisaties/gm0344/")
    client.force_login(people.member_a)
    page = client.get("/organisaties/gm0344/")
    assert not answered_early(page)
    assert "U bent lid van deze organisatie." in page.content.decode()


def test_a_conditional_request_still_gets_not_modified(client, locmem_cache, sample_content):
    first = client.get("/manifest/ondertekenaars.csv")
    assert answered_early(client.get("/manifest/ondertekenaars.csv"))
    assert client.get("/manifest/ondertekenaars.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_each_host_name_gets_a_page_with_its_own_addresses(client, locmem_cache, sample_content, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mvoi.example.nl"]
    assert "http://testserver/" in client.get("/manifest/ondertekenaars.json").json()["schema"]
    other_host = client.get("/manifest/ondertekenaars.json", HTTP_HOST="mvoi.example.nl")
    assert other_host.json()["schema"].startswith("http://mvoi.example.nl/")


def change_made_by_another_process(organisation: Organisation, name: str):
    """A rename whose version bump reaches the shared cache only, as another instance's would."""
    Organisation.objects.filter(pk=organisation.pk).update(name=name)
    caches["pages"].set(REGISTER.key, time.time_ns(), timeout=None)


def test_a_change_made_through_another_instance_reaches_visitors_within_the_recheck_time(
    client, locmem_cache, people, settings
):
    settings.PAGE_CACHE_RECHECK_SECONDS = 2  # the first visit reads the version, and trusts it from then on
    assert "Utrecht" in client.get("/organisaties/").content.decode()
    change_made_by_another_process(people.organisation_a, "Stad Utrecht")
    assert "Stad Utrecht" not in client.get("/organisaties/").content.decode()
    time.sleep(2.05)
    assert "Stad Utrecht" in client.get("/organisaties/").content.decode()


def test_with_no_recheck_time_a_change_through_another_instance_shows_at_once(client, locmem_cache, people, settings):
    settings.PAGE_CACHE_RECHECK_SECONDS = 0
    assert "Utrecht" in client.get("/organisaties/").content.decode()
    change_made_by_another_process(people.organisation_a, "Stad Utrecht")
    assert "Stad Utrecht" in client.get("/organisaties/").content.decode()
