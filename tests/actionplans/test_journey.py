"""A newcomer's way through the portal: no login walls on the way, the getting-started page, and a next step
after every step taken."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import services
from manifest.models import SignatureStatus
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GuidancePageFactory,
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
    publish_plan,
    submitted_report,
)

pytestmark = pytest.mark.django_db

GETTING_STARTED = "/aan-de-slag/"
PUBLISHED = "/actieplannen/openbaar/"


def nav_link(page: str, label: str) -> str:
    """The address the main navigation gives a menu item."""
    navigation = re.search(r'<nav class="mvoi-nav".*?</nav>', page, re.S).group(0)
    return re.search(rf'<a href="([^"]+)"[^>]*>{label}</a>', navigation).group(1)


def published(organisation, **kwargs):
    plan = ActionPlanFactory(organisation=organisation, **kwargs)
    ActionFactory(goal__plan=plan, title="Marktconsultatie")
    return publish_plan(plan)


# --- no login walls ---------------------------------------------------------------------------


def test_anonymous_visitor_finds_the_published_plans_under_action_plans_in_the_menu(client):
    page = client.get("/").content.decode()
    assert nav_link(page, "Actieplannen") == PUBLISHED


def test_logged_in_member_finds_their_own_plans_under_action_plans_in_the_menu(client, people):
    client.force_login(people.member_a)
    page = client.get("/").content.decode()
    assert nav_link(page, "Actieplannen") == "/actieplannen/"


def test_about_action_plans_on_the_home_page_takes_an_anonymous_visitor_to_the_published_plans(client):
    page = client.get("/").content.decode()
    assert f'<a class="utrecht-link" href="{PUBLISHED}">Over actieplannen</a>' in page


def test_about_action_plans_takes_a_member_to_their_own_plans(client, people):
    client.force_login(people.member_a)
    page = client.get("/").content.decode()
    assert '<a class="utrecht-link" href="/actieplannen/">Over actieplannen</a>' in page


def test_an_anonymous_visitor_at_the_old_action_plans_address_lands_on_the_published_plans(client):
    response = client.get("/actieplannen/", follow=True)
    assert response.redirect_chain == [(PUBLISHED, 302)]
    assert "Gepubliceerde actieplannen" in response.content.decode()


def test_published_plans_say_how_to_make_one(client):
    page = client.get(PUBLISHED).content.decode()
    assert "Maak uw eigen actieplan" in page
    assert f'href="{GETTING_STARTED}"' in page
    assert 'href="/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/"' in page
    assert 'href="/account/login/?next=/actieplannen/"' in page


def test_the_home_page_leads_to_getting_started(client):
    page = client.get("/").content.decode()
    assert f'href="{GETTING_STARTED}"' in page


# --- the getting-started page -----------------------------------------------------------------


def test_anonymous_visitor_sees_the_seven_steps_each_with_where_to_take_it(client):
    GuidancePageFactory(slug="hoe-stel-ik-een-actieplan-mvoi-op", title="Hoe stel ik een Actieplan MVOI op?")
    page = client.get(GETTING_STARTED).content.decode()
    headings = re.findall(r'<h2 class="utrecht-heading-2">(.*?)</h2>', page)
    assert headings == [
        "1. Begrijp MVOI",
        "2. Onderteken het manifest",
        "3. Word lid of coördinator van uw organisatie",
        "4. Stel uw actieplan op",
        "5. Laat het vaststellen",
        "6. Publiceer het",
        "7. Rapporteer elk jaar",
    ]
    for address in ["/manifest/ondertekenen/", "/account/signup/?next=/aan-de-slag/", "/actieplannen/nieuw/",
                    PUBLISHED, "/monitor/"]:  # fmt: skip
        assert f'href="{address}"' in page, address
    assert '<a class="utrecht-link" href="/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/">Hoe stel ik een' in page
    assert "Log in</a> om bij elke stap te zien hoe uw organisatie ervoor staat." in page


def test_getting_started_speaks_english_on_the_english_site(client):
    page = client.get("/en" + GETTING_STARTED).content.decode()
    assert '<h1 class="utrecht-heading-1">Getting started with MVOI</h1>' in page
    assert 'href="/en/manifest/ondertekenen/">Sign the manifest online</a>' in page


def test_a_knowledge_base_page_that_is_not_published_is_not_linked(client):
    GuidancePageFactory(slug="wat-is-het-manifest-mvoi", status="draft")
    page = client.get(GETTING_STARTED).content.decode()
    assert "/kennisbank/wat-is-het-manifest-mvoi/" not in page


def test_getting_started_is_served_to_anonymous_visitors_from_the_cache(
    client, locmem_cache, django_assert_num_queries
):
    first = client.get(GETTING_STARTED)
    with django_assert_num_queries(0):
        again = client.get(GETTING_STARTED)
    assert again.content == first.content


def test_getting_started_is_in_the_sitemap_in_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/aan-de-slag/</loc>" in body
    assert 'hreflang="en" href="http://testserver/en/aan-de-slag/"' in body


def _utrecht_on_its_way(people):
    """Utrecht signed, adopted and published its plan, and submitted its report on 2026."""
    SignatureFactory(organisation=people.organisation_a)
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    ActionFactory(goal__plan=plan)
    plan = publish_plan(plan)
    submitted_report(plan, 2026)
    return plan


def test_member_sees_where_each_organisation_stands_at_every_step(client, people):
    _utrecht_on_its_way(people)
    MembershipFactory(user=people.member_a, organisation=people.organisation_b, role="coordinator")
    draft = ActionPlanFactory(organisation=people.organisation_b, title="Concept Zwolle")
    SignatureFactory(organisation=people.organisation_b, status=SignatureStatus.SUBMITTED)
    requested = OrganisationFactory(name="Amersfoort")
    MembershipFactory(user=people.member_a, organisation=requested, status="requested")
    client.force_login(people.member_a)
    page = client.get(GETTING_STARTED).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))

    assert "Utrecht: Ondertekend op" in text
    assert "Zwolle: Ingediend de VNG controleert de ondertekening" in text
    assert "Utrecht: Lid" in text and "Zwolle: Coördinator" in text
    assert "Amersfoort: Aangevraagd wacht op bevestiging" in text
    assert "Utrecht: Actieplan Utrecht Gepubliceerd" in text
    assert f'href="{draft.get_absolute_url()}">Concept Zwolle</a>' in page
    assert "Utrecht: Vastgesteld op 15 januari 2026 door College" in text
    assert "Zwolle: Nog niet vastgesteld" in text
    assert "Zwolle: Nog niet gepubliceerd" in text
    assert "Utrecht: Verslag over 2026 Ingediend" in text
    assert "Zwolle: Nog geen verslag" in text
    # A requested membership shows nothing of the organisation's signature or plans.
    assert "Amersfoort: Nog niet ondertekend" not in text
    assert "Amersfoort: Nog geen plan" not in text


def test_member_of_an_organisation_that_has_not_started_is_shown_where_to_begin(client, people):
    client.force_login(people.member_b)
    page = client.get(GETTING_STARTED).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "Zwolle: Nog niet ondertekend Onderteken voor Zwolle" in text
    assert 'href="/manifest/ondertekenen/?organisatie=gm0193"' in page
    assert "Zwolle: Nog geen plan" in text


def test_logged_in_person_without_an_organisation_is_told_so_and_where_to_ask(client):
    client.force_login(UserFactory(email="nieuw@amersfoort.nl"))
    page = client.get(GETTING_STARTED).content.decode()
    assert "U bent nog geen lid van een organisatie." in page
    assert 'href="/mijn-omgeving/lidmaatschap-aanvragen/?next=/aan-de-slag/"' in page


def test_what_an_organisation_has_done_is_never_cached_for_others(people, locmem_cache):
    _utrecht_on_its_way(people)
    anonymous = Client()
    anonymous.get(GETTING_STARTED)  # the public page is now in the cache
    member = Client()
    member.force_login(people.member_a)
    assert "Actieplan Utrecht" in member.get(GETTING_STARTED).content.decode()
    assert "Actieplan Utrecht" not in anonymous.get(GETTING_STARTED).content.decode()
    assert "Actieplan Utrecht" not in Client().get(GETTING_STARTED).content.decode()


def test_getting_started_makes_the_same_queries_for_one_organisation_and_for_many(client, people):
    user = people.member_a
    _utrecht_on_its_way(people)
    client.force_login(user)
    client.get(GETTING_STARTED)  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get(GETTING_STARTED)

    for number in range(4):
        organisation = OrganisationFactory(name=f"Gemeente {number}")
        MembershipFactory(user=user, organisation=organisation, role="coordinator")
        SignatureFactory(organisation=organisation)
        for year in (2024, 2026):
            plan = ActionPlanFactory(organisation=organisation, start_year=year, end_year=year + 3)
            ActionFactory(goal__plan=plan)
            plan = publish_plan(plan)
            submitted_report(plan, year)
    with CaptureQueriesContext(connection) as large:
        page = client.get(GETTING_STARTED).content.decode()
    assert page.count("Verslag over 2026") == 5
    assert len(large) == len(small)
    # The session, the user, the knowledge base pages, the memberships, the edition, the signatures, the
    # newest plans, the latest reports; then the session's idle clock (an update inside a savepoint).
    assert len(small) == 11


# --- a next step after every step -------------------------------------------------------------


def test_after_signing_the_next_step_is_the_action_plan(client, people):
    signature = SignatureFactory(organisation=people.organisation_a, status=SignatureStatus.SUBMITTED)
    client.force_login(people.member_a)
    session = client.session
    session["manifest_submitted"] = [str(signature.public_id)]
    session.save()
    page = client.get(reverse("manifest:sign_done")).content.decode()
    assert "Volgende stap: uw actieplan" in page
    assert 'href="/actieplannen/nieuw/"' in page
    assert f'href="{GETTING_STARTED}"' in page


def _plan_page(client, user, plan) -> str:
    client.force_login(user)
    return client.get(plan.get_absolute_url()).content.decode()


def test_a_coordinator_is_led_from_draft_to_adoption_to_publication_to_reports(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    page = _plan_page(client, people.coordinator_a, plan)
    assert "Volgende stap: laat het plan vaststellen" in page
    assert f'href="{reverse("actionplans:plan_adopt", args=[plan.uuid])}">Vaststelling vastleggen</a>' in page

    plan = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    page = _plan_page(client, people.coordinator_a, plan)
    assert "Volgende stap: publiceer het plan" in page
    assert f'href="{reverse("actionplans:plan_publish", args=[plan.uuid])}">Plan publiceren</a>' in page

    plan = services.plan_publish(plan=plan, user=None)
    page = _plan_page(client, people.coordinator_a, plan)
    assert "Volgende stap: elk jaar rapporteren" in page
    assert f'href="{reverse("actionplans:report_index", args=[plan.uuid])}">Jaarverslagen</a>' in page


def test_a_member_learns_that_a_coordinator_takes_the_next_step(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    page = _plan_page(client, people.member_a, plan)
    assert "legt een coördinator van uw organisatie de vaststelling hier vast" in page
    assert reverse("actionplans:plan_adopt", args=[plan.uuid]) not in page


def test_vng_staff_reading_a_plan_get_no_next_step(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    assert "Volgende stap" not in _plan_page(client, people.staff, plan)


def test_after_creating_a_plan_the_new_draft_shows_its_next_step(client, people):
    client.force_login(people.coordinator_a)
    response = client.post(
        reverse("actionplans:plan_create"),
        {"organisation": people.organisation_a.pk, "start": "leeg", "title": "Ons plan", "start_year": 2026,
         "end_year": 2028},
        follow=True,
    )  # fmt: skip
    assert "Volgende stap: laat het plan vaststellen" in response.content.decode()


def test_after_submitting_a_report_the_next_steps_lead_back_to_the_plan_and_to_all_steps(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    ActionFactory(goal__plan=plan)
    submitted_report(plan, 2026)
    client.force_login(people.coordinator_a)
    page = client.get(reverse("actionplans:report_detail", args=[plan.uuid, 2026])).content.decode()
    next_steps = page[
        page.index('id="next-steps-title"') : page.index("</section>", page.index('id="next-steps-title"'))
    ]
    assert (
        f'href="{plan.get_absolute_url()}">Houd de voortgang van de acties bij: het verslag van volgend jaar begint '
        "daarbij</a>" in next_steps
    )
    assert f'href="{GETTING_STARTED}">Alle stappen van manifest tot rapportage</a>' in next_steps


def test_a_draft_report_shows_no_next_step(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    page = client.get(reverse("actionplans:report_detail", args=[plan.uuid, 2026])).content.decode()
    assert "Volgende stap" not in page
