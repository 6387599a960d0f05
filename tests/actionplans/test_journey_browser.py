"""A procurement officer of Gemeente Amersfoort, with no account yet, from the home page to a draft plan of their own.

The real sign-up, the real confirmation link from the e-mail and the real register of public bodies: no
shortcuts, and axe on every page on the way.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import ActionPlan, PlanStatus
from manifest.models import Membership, Organisation
from manifest.public_bodies import load_public_bodies
from tests.factories import TEST_PASSWORD, ActionFactory, ActionPlanFactory, GoalFactory, publish_plan, theme

# The live server's transactional database loses the migrated themes after each test; bring them back.
pytestmark = pytest.mark.usefixtures("six_themes")


def confirmation_link(message, live_server) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    assert url.startswith(live_server.url), url
    return url


def test_an_officer_of_amersfoort_signs_up_from_a_published_plan_and_lands_on_a_copy_of_it(
    page, live_server, axe, mailoutbox
):
    load_public_bodies()  # the register, with Amersfoort's own e-mail domain
    utrecht = Organisation.objects.get(code="gm0344")
    source = ActionPlanFactory(organisation=utrecht, title="Actieplan MVOI Utrecht 2024–2027", start_year=2024,
                               end_year=2027)  # fmt: skip
    goal = GoalFactory(plan=source, theme=theme("circulair"), title="Circulair inkopen bij meubilair")
    ActionFactory(goal=goal, title="Marktconsultatie kantoormeubilair", progress=80)
    source = publish_plan(source)

    # Home page, then the steps from manifest to report.
    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("link", name="Aan de slag: alle stappen van manifest tot rapportage").click()
    expect(page.locator("h1")).to_have_text("Aan de slag met MVOI")
    axe(page)
    expect(page.get_by_role("heading", name="4. Stel uw actieplan op")).to_be_visible()

    # The menu's action plans are the published ones, with how to make one; no login page.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Actieplannen").click()
    expect(page.locator("h1")).to_have_text("Gepubliceerde actieplannen")
    axe(page)
    expect(page.get_by_role("heading", name="Maak uw eigen actieplan")).to_be_visible()
    page.get_by_role("link", name="Actieplan MVOI Utrecht 2024–2027").click()
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Utrecht 2024–2027")
    axe(page)

    # Using it as a starting point asks for an account first.
    page.get_by_role("link", name="Gebruik dit plan als begin van uw eigen plan").click()
    expect(page.locator("h1")).to_have_text("Inloggen")
    axe(page)
    page.get_by_role("link", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Account aanmaken")
    axe(page)
    page.get_by_label("E-mailadres").fill("inkoper@amersfoort.nl")
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Kijk in uw e-mail")
    axe(page)

    # The link in the e-mail confirms the address: a member of Amersfoort at once, and back to the copy.
    assert [message.to for message in mailoutbox] == [["inkoper@amersfoort.nl"]]
    page.goto(confirmation_link(mailoutbox[0], live_server))
    expect(page.locator("h1")).to_have_text("Bevestig uw e-mailadres")
    axe(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("h1")).to_have_text("Dit plan gebruiken als startpunt")
    axe(page)
    assert page.url == f"{live_server.url}/actieplannen/nieuw/op-basis-van/{source.uuid}/"
    expect(page.get_by_text("Het concept is voor Gemeente Amersfoort.")).to_be_visible()
    membership = Membership.objects.get(user__email="inkoper@amersfoort.nl")
    assert (membership.organisation.code, membership.is_verified, membership.verified_automatically) == (
        "gm0307",
        True,
        True,
    )

    # One click makes the draft, copied from Utrecht's plan.
    page.get_by_role("button", name="Concept maken").click()
    this_year = timezone.localdate().year
    title = f"Actieplan MVOI Gemeente Amersfoort {this_year}–{this_year + 3}"
    expect(page.locator("h1")).to_have_text(title)
    axe(page)
    expect(page.get_by_text("Uw concept staat klaar: een kopie van “Actieplan MVOI Utrecht 2024–2027”")).to_be_visible()
    expect(page.get_by_role("heading", name="Circulair inkopen bij meubilair")).to_be_visible()
    expect(page.get_by_text("Marktconsultatie kantoormeubilair", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Volgende stap: laat het plan vaststellen")).to_be_visible()
    copy = ActionPlan.objects.get(organisation__code="gm0307")
    assert page.url == live_server.url + copy.get_absolute_url()
    assert (copy.status, copy.copied_from, copy.title) == (PlanStatus.DRAFT, source, title)


def test_a_coordinator_follows_the_next_steps_from_the_knowledge_base_to_publication(page, live_server, axe, people):
    from django.core.management import call_command

    from tests.browser import log_in
    from tests.factories import SignatureFactory

    call_command("load_guidance_content", verbosity=0)
    SignatureFactory(organisation=people.organisation_a)
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    ActionFactory(goal__plan=plan, title="Spendanalyse")
    log_in(page, live_server, people.coordinator_a)

    # The knowledge base page on action plans ends with the way into the plan builder.
    page.goto(live_server.url + "/kennisbank/hoe-stel-ik-een-actieplan-mvoi-op/")
    axe(page)
    next_step = page.get_by_role("region", name="Volgende stap: begin uw actieplan")
    expect(next_step.get_by_role("link", name="Begin een actieplan")).to_have_attribute("href", "/actieplannen/nieuw/")
    next_step.get_by_role("link", name="Alle stappen van manifest tot rapportage").click()

    # Getting started shows where Utrecht stands at each step.
    expect(page.locator("h1")).to_have_text("Aan de slag met MVOI")
    axe(page)
    adopt_step = page.locator("#vaststellen")
    expect(adopt_step).to_contain_text("Utrecht: Nog niet vastgesteld")
    page.locator("#plan-maken").get_by_role("link", name="Actieplan Utrecht").click()

    # The draft leads to adoption, the adopted plan to publication, the published plan to the reports.
    expect(page.locator("h1")).to_have_text("Actieplan Utrecht")
    axe(page)
    page.get_by_role("region", name="Volgende stap: laat het plan vaststellen").get_by_role(
        "link", name="Vaststelling vastleggen"
    ).click()
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van B en W")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_role("heading", name="Volgende stap: publiceer het plan")).to_be_visible()
    axe(page)
    page.get_by_role("region", name="Volgende stap: publiceer het plan").get_by_role(
        "link", name="Plan publiceren"
    ).click()
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", name="Volgende stap: elk jaar rapporteren")).to_be_visible()
    axe(page)

    page.goto(live_server.url + "/aan-de-slag/")
    axe(page)
    expect(page.locator("#publiceren")).to_contain_text("Utrecht: Gepubliceerd")
