"""Two neighbouring municipalities, new to the portal, end up owning one action plan, in a real browser.

Procurement officers of Gemeente Leusden and Gemeente Woudenberg (from the real register of public bodies) sign
up, become members by their e-mail domain, sign the manifest and become coordinators; VNG staff approve and grant
in a browser of their own. Leusden's coordinator drafts a plan and asks Woudenberg to own it too; Woudenberg's
coordinator answers from the link in the e-mail, both adopt it, Leusden publishes, and anybody reads it as a plan
of both. Nobody has a role made for them, and axe checks every page.
"""

import datetime
import re

import pytest
from django.utils.formats import date_format
from playwright.sync_api import expect

from actionplans.models import ActionPlan, OwnerStatus, PlanOwner, PlanStatus
from guidance.reference import load_reference_data
from manifest.public_bodies import load_public_bodies
from tests.browser import (
    approve_signatures_in_admin,
    ask_for_coordinator_role,
    grant_coordinator_role_in_admin,
    heading,
    links_in,
    log_in_to_admin,
    re_start,
    sign_manifest,
    sign_up,
    watched_page,
)
from tests.factories import TEST_PASSWORD, UserFactory, current_edition

pytestmark = pytest.mark.django_db(transaction=True)

LEUSDEN, WOUDENBERG = "Gemeente Leusden", "Gemeente Woudenberg"
OFFICER_A, OFFICER_B = "inkoper@leusden.nl", "inkoop@woudenberg.nl"
TITLE = "Gezamenlijk actieplan MVOI Leusden en Woudenberg"


def mails_since(mailoutbox, count: int) -> list:
    return mailoutbox[count:]


def to_my_portal(page) -> None:
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Mijn omgeving").click()
    expect(heading(page)).to_have_text("Mijn omgeving")


def test_two_new_municipalities_end_up_owning_one_published_joint_plan(page, browser, live_server, axe, mailoutbox):
    load_reference_data()
    current_edition()
    load_public_bodies()  # Leusden and Woudenberg, each with its own e-mail domain
    staff = UserFactory(email="redactie@vng.nl", full_name="Vera VNG", is_staff=True, is_superuser=True)
    this_year = datetime.date.today().year
    admin = watched_page(browser)
    log_in_to_admin(admin, live_server, staff)
    woudenberg = watched_page(browser)  # Woudenberg's officer works in a browser of their own

    # --- 1. Both officers sign up, are members by their e-mail domain and sign the manifest; staff approve.
    sign_up(page, live_server, mailoutbox, email=OFFICER_A, organisation=LEUSDEN)
    sign_up(woudenberg, live_server, mailoutbox, email=OFFICER_B, organisation=WOUDENBERG)
    for officer_page, organisation, email, signer in (
        (page, LEUSDEN, OFFICER_A, "Willem Wethouder"),
        (woudenberg, WOUDENBERG, OFFICER_B, "Wendy Wethouder"),
    ):
        sign_manifest(
            officer_page,
            organisation=organisation,
            email=email,
            signer=signer,
            signer_role="wethouder inkoop",
            decided_on=f"{this_year}-01-20",
        )
    approve_signatures_in_admin(admin, live_server, LEUSDEN, WOUDENBERG)

    # --- 2. Both ask for the coordinator role from "My portal"; staff grant both.
    for officer_page, organisation in ((page, LEUSDEN), (woudenberg, WOUDENBERG)):
        to_my_portal(officer_page)
        axe(officer_page)
        ask_for_coordinator_role(officer_page, organisation=organisation, reason="Ik stel het actieplan op.")
    grant_coordinator_role_in_admin(admin, live_server, organisation=LEUSDEN)
    grant_coordinator_role_in_admin(admin, live_server, organisation=WOUDENBERG)
    role_mails = [message for message in mailoutbox if "U bent nu coördinator" in message.subject]
    assert sorted(message.to for message in role_mails) == [[OFFICER_B], [OFFICER_A]]

    # --- 3. Leusden's coordinator drafts a plan, from the link in the mail that made them coordinator.
    [role_mail_a] = [message for message in role_mails if message.to == [OFFICER_A]]
    page.goto(links_in(role_mail_a, live_server)[0])
    expect(heading(page)).to_have_text("Mijn omgeving")
    expect(page.get_by_role("heading", name=re_start(LEUSDEN))).to_contain_text("Coördinator")
    axe(page)
    page.get_by_role("link", name=f"Actieplannen en jaarverslagen van {LEUSDEN}").click()
    axe(page)
    page.get_by_role("link", name="Nieuw plan beginnen").click()
    expect(heading(page)).to_have_text("Nieuw actieplan")
    axe(page)
    page.get_by_label("Een leeg plan").check()
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("button", name="Conceptplan maken").click()
    expect(heading(page)).to_have_text(TITLE)
    axe(page)
    plan_url = page.url

    # --- 4. ... and asks Woudenberg to own it too. Only Woudenberg's coordinator gets the request.
    page.get_by_role("region", name="Eigenaren").get_by_role("link", name="Vraag een mede-eigenaar").click()
    expect(heading(page)).to_have_text("Vraag een mede-eigenaar")
    axe(page)
    page.get_by_label("Organisatie").select_option(label=WOUDENBERG)
    sent = len(mailoutbox)
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_text(f"{WOUDENBERG} is gevraagd mede-eigenaar van dit plan te worden.")).to_be_visible()
    owners = page.get_by_role("region", name="Eigenaren")
    expect(owners.get_by_role("listitem").filter(has_text=WOUDENBERG)).to_contain_text("Aangevraagd")
    axe(page)
    [request_mail] = mails_since(mailoutbox, sent)
    assert request_mail.to == [OFFICER_B]
    assert LEUSDEN in request_mail.subject
    assert TITLE in request_mail.body

    # --- 5. Woudenberg's coordinator sees the request on "My portal", and later, logged out, follows the
    # e-mail's link: after logging in it opens the request, which they accept.
    to_my_portal(woudenberg)
    tasks = woudenberg.get_by_role("region", name="Gezamenlijke actieplannen om over te beslissen")
    expect(tasks).to_contain_text(f"{LEUSDEN} vraagt {WOUDENBERG}")
    expect(tasks.get_by_role("link", name=f"Accepteren of afwijzen: {TITLE}")).to_be_visible()
    axe(woudenberg)
    woudenberg.get_by_role("button", name="Uitloggen").click()
    axe(woudenberg)

    [decide_url] = links_in(request_mail, live_server)
    woudenberg.goto(decide_url)
    axe(woudenberg)
    woudenberg.get_by_role("main").get_by_role("link", name="Inloggen").click()
    expect(heading(woudenberg)).to_have_text("Inloggen")
    axe(woudenberg)
    woudenberg.get_by_label("E-mailadres").fill(OFFICER_B)
    woudenberg.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    woudenberg.get_by_role("button", name="Inloggen").click()
    expect(heading(woudenberg)).to_have_text(f"Mede-eigenaarschap van “{TITLE}”")
    expect(woudenberg.locator("main")).to_contain_text(
        f"{LEUSDEN} vraagt {WOUDENBERG} om samen eigenaar te zijn van dit actieplan."
    )
    axe(woudenberg)
    sent = len(mailoutbox)
    woudenberg.get_by_role("button", name="Mede-eigenaarschap accepteren").click()
    expect(heading(woudenberg)).to_have_text(TITLE)
    expect(woudenberg.get_by_text(f"Uw organisatie is samen met {LEUSDEN} eigenaar van dit plan")).to_be_visible()
    axe(woudenberg)
    # Leusden's coordinator, who asked, hears of the answer.
    [answer] = mails_since(mailoutbox, sent)
    assert answer.to == [OFFICER_A]
    assert WOUDENBERG in answer.body
    assert PlanOwner.objects.get().status == OwnerStatus.ACCEPTED

    # --- 6. Leusden adopts the plan, from the answer's link; Woudenberg finds its own adoption on "My portal".
    assert links_in(answer, live_server) == [plan_url]
    page.goto(plan_url)
    owners = page.get_by_role("region", name="Eigenaren")
    expect(owners.get_by_role("row", name=WOUDENBERG)).to_contain_text("Mede-eigenaar")
    axe(page)
    page.get_by_role("navigation", name="Wat u met dit plan kunt doen").get_by_role(
        "link", name="Vaststelling vastleggen"
    ).click()
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders van Leusden")
    page.get_by_label("Vastgesteld op").fill(f"{this_year}-03-03")
    sent = len(mailoutbox)
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld.", exact=False)).to_be_visible()
    expect(owners.get_by_role("row", name=WOUDENBERG)).to_contain_text(f"nog niet vastgesteld door {WOUDENBERG}")
    axe(page)
    # Only Woudenberg's coordinator hears, with a link straight to recording Woudenberg's own adoption.
    [lead_adopted] = mails_since(mailoutbox, sent)
    assert lead_adopted.to == [OFFICER_B]
    assert f"{LEUSDEN} heeft uw gezamenlijke actieplan vastgesteld" in lead_adopted.subject

    to_my_portal(woudenberg)
    tasks = woudenberg.get_by_role("region", name="Gezamenlijke actieplannen om over te beslissen")
    expect(tasks).to_contain_text(f"{LEUSDEN} heeft het gezamenlijke plan “{TITLE}” vastgesteld")
    axe(woudenberg)
    [adopt_url] = links_in(lead_adopted, live_server)
    woudenberg.goto(adopt_url)
    expect(heading(woudenberg)).to_have_text(f"Vaststelling door {WOUDENBERG} vastleggen")
    axe(woudenberg)
    woudenberg.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders van Woudenberg")
    woudenberg.get_by_label("Vastgesteld op").fill(f"{this_year}-03-10")
    sent = len(mailoutbox)
    woudenberg.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(woudenberg.get_by_text(f"De vaststelling door {WOUDENBERG} is vastgelegd.")).to_be_visible()
    axe(woudenberg)
    [adopted] = mails_since(mailoutbox, sent)
    assert adopted.to == [OFFICER_A]
    assert WOUDENBERG in adopted.body
    # Nothing is left to decide, and Woudenberg's own list of plans holds the joint plan.
    to_my_portal(woudenberg)
    expect(woudenberg.get_by_role("region", name="Gezamenlijke actieplannen om over te beslissen")).to_have_count(0)
    axe(woudenberg)
    woudenberg.get_by_role("link", name=f"Actieplannen en jaarverslagen van {WOUDENBERG}").click()
    expect(heading(woudenberg)).to_have_text("Actieplannen")
    expect(woudenberg.get_by_role("link", name=TITLE)).to_be_visible()
    axe(woudenberg)

    # --- 7. Leusden publishes, from the link in the mail that Woudenberg adopted it.
    assert links_in(adopted, live_server) == [plan_url]
    page.goto(plan_url)
    expect(page.get_by_role("region", name="Eigenaren").get_by_role("row", name=WOUDENBERG)).to_contain_text(
        "vastgesteld op 10 maart"
    )
    axe(page)
    page.get_by_role("navigation", name="Wat u met dit plan kunt doen").get_by_role(
        "link", name="Plan publiceren"
    ).click()
    expect(heading(page)).to_have_text("Plan publiceren")
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het plan is gepubliceerd.")).to_be_visible()
    axe(page)
    assert ActionPlan.objects.get().status == PlanStatus.PUBLISHED

    # --- 8. Anybody reads it as a plan of both, on the register and on both organisations' pages.
    visitor = watched_page(browser)
    visitor.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(visitor)
    for organisation, signer in ((LEUSDEN, "Willem Wethouder"), (WOUDENBERG, "Wendy Wethouder")):
        row = visitor.get_by_role("row").filter(has_text=organisation)
        expect(row).to_contain_text(signer)
        expect(row).to_contain_text("Actieplan gepubliceerd")
    for organisation, other in ((LEUSDEN, WOUDENBERG), (WOUDENBERG, LEUSDEN)):
        visitor.goto(live_server.url + "/manifest/ondertekenaars/")
        axe(visitor)
        visitor.get_by_role("row").filter(has_text=organisation).get_by_role("link", name=organisation).click()
        expect(heading(visitor)).to_have_text(organisation)
        section = visitor.get_by_role("region", name="Actieplan")
        expect(section).to_contain_text("Een gezamenlijk plan van:")
        expect(section).to_contain_text(other)
        expect(section).not_to_contain_text("nog niet vastgesteld")
        axe(visitor)
    visitor.get_by_role("region", name="Actieplan").get_by_role("link", name=TITLE).click()
    expect(heading(visitor)).to_have_text(TITLE)
    axe(visitor)
    main = visitor.locator("main")
    for organisation, adopted_on in ((LEUSDEN, (3, 3)), (WOUDENBERG, (3, 10))):
        expect(main).to_contain_text(organisation)
        expect(main).to_contain_text(date_format(datetime.date(this_year, *adopted_on), "j F Y"))
    expect(main).not_to_contain_text(re.compile("nog niet vastgesteld"))

    for other_page in (admin, woudenberg, visitor):
        other_page.axe_watch.assert_clean()
        other_page.context.close()
