"""The knowledge base pages on the manifest and on action plans lead into the portal, whatever editors write."""

import pytest
from django.core.management import call_command

from guidance import starting_content
from guidance.models import GuidancePage
from guidance.next_steps import NEXT_STEPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def starting_pages():
    call_command("load_guidance_content", verbosity=0)


def box(page: str) -> str:
    start = page.index('class="mvoi-card mvoi-next-step"')
    return page[start : page.index("</section>", start)]


def test_the_manifest_page_ends_with_a_box_that_leads_to_signing_online(client, starting_pages):
    page = client.get("/kennisbank/wat-is-het-manifest-mvoi/").content.decode()
    assert "Volgende stap: onderteken het manifest" in box(page)
    assert 'href="/manifest/ondertekenen/">Onderteken het manifest online</a>' in box(page)
    assert 'href="/aan-de-slag/"' in box(page)


def test_the_action_plan_page_ends_with_a_box_that_leads_to_the_plan_builder(client, starting_pages):
    page = client.get("/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/").content.decode()
    assert "Volgende stap: begin uw actieplan" in box(page)
    assert 'href="/actieplannen/nieuw/">Begin een actieplan</a>' in box(page)


def test_the_first_question_leads_to_getting_started(client, starting_pages):
    page = client.get("/kennisbank/wat-is-mvoi/").content.decode()
    assert 'href="/aan-de-slag/">Aan de slag</a>' in box(page)


def test_the_box_stays_when_an_editor_rewrites_the_page_without_its_links(client, starting_pages):
    page = GuidancePage.objects.get(slug="hoe-stel-ik-een-actieplan-mvoi-op")
    page.body = "Een geheel nieuwe tekst, zonder links."
    page.save()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Een geheel nieuwe tekst, zonder links." in html
    assert 'href="/actieplannen/nieuw/">Begin een actieplan</a>' in box(html)


def test_other_pages_have_no_box(client, starting_pages):
    page = client.get("/kennisbank/waarom-is-mvoi-belangrijk/").content.decode()
    assert "mvoi-next-step" not in page


def test_the_box_is_in_english_on_the_english_site(client, starting_pages):
    page = client.get("/en/kennisbank/wat-is-het-manifest-mvoi/").content.decode()
    assert "Next step: sign the manifest" in box(page)
    assert 'href="/en/manifest/ondertekenen/"' in box(page)


def test_the_starting_texts_link_to_signing_and_to_the_plan_builder(starting_pages):
    manifest_page = GuidancePage.objects.get(slug="wat-is-het-manifest-mvoi")
    plan_page = GuidancePage.objects.get(slug="hoe-stel-ik-een-actieplan-mvoi-op")
    assert 'href="/manifest/ondertekenen/"' in manifest_page.body_html
    assert 'href="/actieplannen/nieuw/"' in plan_page.body_html
    assert 'href="/actieplannen/openbaar/"' in plan_page.body_html


def test_every_page_with_a_next_step_is_part_of_the_starting_content():
    slugs = {page["slug"] for page in starting_content.pages()}
    assert {step.page_slug for step in NEXT_STEPS.values()} <= slugs
