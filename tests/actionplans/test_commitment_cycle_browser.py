"""The whole commitment cycle of Gemeente Utrecht through the real screens, with axe on every page.

A member signs the Manifest MVOI and VNG staff approve it; the coordinator sees when the action plan is
due, asks for more time and gets it; adopts the plan, has VNG review it, replies to the feedback and
agrees; publishes it with a showcase; and an anonymous visitor sees where Utrecht stands in the register.
VNG staff work in a browser of their own, logged in once through the code step (allauth accepts each
code once).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from tests.actionplans.test_actionplans_browser import for_item
from tests.browser import BrowserWatch, log_in, log_in_to_admin
from tests.conftest import AXE_SOURCE
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, current_edition, theme

# The live server's transactional database loses the migrated themes after each test; bring them back.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("six_themes")]


def long_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def watched_page(browser):
    """A page in a browser context of its own (its own cookies), watched like the `page` fixture's."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.axe_watch = BrowserWatch(page, AXE_SOURCE)
    return page


def stage_in_register(visitor, live_server, axe):
    """What an anonymous visitor reads about Utrecht in the public register of signatories."""
    visitor.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(visitor)
    return visitor.get_by_role("row").filter(has_text="Utrecht")


def mail_subjects_to(mailoutbox, address):
    """The subjects of the mails `address` got, without the portal's prefix."""
    return [message.subject.removeprefix("[MVOI-portaal] ") for message in mailoutbox if address in message.to]


def test_utrecht_goes_from_signing_to_a_reviewed_published_plan_that_the_register_shows(
    page, live_server, axe, people, browser, mailoutbox
):
    current_edition()
    people.staff.is_superuser = True
    people.staff.save()
    staff = watched_page(browser)
    visitor = watched_page(browser)  # an anonymous visitor who follows Utrecht in the register
    today = timezone.localdate()

    # 1. A member of Utrecht signs the manifest for the organisation ...
    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + "/manifest/")
    axe(page)
    page.get_by_role("link", name="Teken voor uw organisatie").click()
    axe(page)
    expect(page.get_by_label("Utrecht")).to_be_checked()
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    page.get_by_label("Naam van de bestuurder die tekent").fill("Anna de Wethouder")
    page.get_by_label("Functie of portefeuille").fill("wethouder duurzaamheid")
    page.get_by_label("Datum van het besluit van het college om te tekenen").fill(today.isoformat())
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    page.get_by_label("Naam van de contactpersoon").fill("Carla Contact")
    page.get_by_label("Telefoonnummer van de contactpersoon").fill("030 286 00 00")
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    page.get_by_label("De bestuurder is bevoegd").check()
    page.get_by_label("De organisatie gaat ermee akkoord").check()
    page.get_by_role("button", name="Manifest ondertekenen").click()
    expect(page.locator("h1")).to_have_text("Ondertekening ontvangen")
    axe(page)

    # ... and VNG staff, through the code step, approve it in the admin's moderation queue.
    log_in_to_admin(staff, live_server, people.staff)
    staff.goto(live_server.url + "/admin/manifest/signature/")
    axe(staff)
    staff.locator('input[name="_selected_action"]').first.check()
    staff.locator('select[name="action"]').select_option("approve_selected")
    staff.locator('button[name="index"]').click()
    expect(staff.locator(".messagelist")).to_contain_text("1 ondertekening(en) goedgekeurd.")
    axe(staff)
    row = stage_in_register(visitor, live_server, axe)
    expect(row).to_contain_text("Anna de Wethouder")
    expect(row).to_contain_text("Ondertekend")

    # 2. The coordinator sees on Utrecht's page when the action plan is due.
    from actionplans.ladder_services import current_signature

    due_on = current_signature(people.organisation_a).plan_due_on
    assert due_on > today
    new_date = due_on + datetime.timedelta(days=90)
    page.context.clear_cookies()
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    # Signed now: Mijn omgeving no longer asks to sign, and leads to the action plans.
    expect(page.get_by_role("heading", name="Volgende stap: onderteken het manifest")).to_have_count(0)
    expect(page.get_by_role("link", name="Actieplannen en jaarverslagen van Utrecht")).to_be_visible()
    page.goto(live_server.url + people.organisation_a.get_absolute_url())
    axe(page)
    deadlines = page.get_by_role("region", name="Wat moet wanneer")
    expect(deadlines).to_contain_text(f"Actieplan uiterlijk {long_date(due_on)}")

    # 3. ... asks for more time, and VNG staff grant it in the admin.
    deadlines.get_by_role("link", name="Meer tijd vragen").click()
    assert page.url == f"{live_server.url}/organisaties/{people.organisation_a.code}/uitstel/"
    axe(page)
    page.get_by_label(f"Actieplan, uiterlijk {long_date(due_on)}").check()
    page.get_by_label("Nieuwe uiterste datum").fill(new_date.isoformat())
    page.get_by_label("Waarom hebt u meer tijd nodig?").fill("De raad besluit na de verkiezingen.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Uw verzoek is verstuurd.")).to_be_visible()
    axe(page)

    staff.goto(live_server.url + "/admin/actionplans/deadlineextension/")
    axe(staff)
    staff.locator("#result_list").get_by_role("link", name="Utrecht").click()
    axe(staff)
    staff.get_by_role("button", name="Uitstel toekennen").click()
    expect(staff.locator(".messagelist")).to_contain_text("1 besluit genomen.")
    axe(staff)

    page.goto(live_server.url + people.organisation_a.get_absolute_url())
    axe(page)
    expect(deadlines).to_contain_text(f"Actieplan uiterlijk {long_date(new_date)}")
    assert "Uitstel toegekend aan Utrecht" in mail_subjects_to(mailoutbox, people.coordinator_a.email)
    expect(stage_in_register(visitor, live_server, axe)).to_contain_text(f"uitstel tot {long_date(new_date)}")

    # 4. The plan the team drafted (communication still to describe) is adopted by the college.
    plan = ActionPlanFactory(
        organisation=people.organisation_a,
        title="Actieplan MVOI Utrecht",
        monitoring="We meten elk jaar.",
        communication="",
        budget=Decimal("50000"),
    )
    goal = GoalFactory(
        plan=plan,
        theme=theme("klimaat"),
        title="Minder CO2 bij inkoop",
        indicator="CO2",
        baseline_value=100,
        baseline_year=2025,
    )
    action = ActionFactory(goal=goal, title="Elektrische dienstauto's", start_date=datetime.date(2026, 1, 1))
    page.goto(live_server.url + plan.get_absolute_url())
    axe(page)
    tools = page.get_by_role("navigation", name="Wat u met dit plan kunt doen")
    tools.get_by_role("link", name="Vaststelling vastleggen").click()
    expect(page.locator("h1")).to_have_text("Vaststelling vastleggen")
    axe(page)
    page.get_by_label("Vastgesteld op").fill(today.isoformat())
    page.get_by_label("Vastgesteld door").fill("College van B en W")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld.")).to_be_visible()
    axe(page)
    row = stage_in_register(visitor, live_server, axe)
    expect(row).to_contain_text("Actieplan vastgesteld")
    expect(row).not_to_contain_text("uitstel")  # the plan came in time: no extension to mention any more
    page.goto(live_server.url + people.organisation_a.get_absolute_url())
    axe(page)
    expect(deadlines).to_contain_text("Er hoeft niets ingeleverd te worden: het actieplan is vastgesteld")
    page.goto(live_server.url + plan.get_absolute_url())
    axe(page)

    # 5. The coordinator asks VNG for a review ...
    page.get_by_role("link", name="Toets door VNG").click()
    review_url = page.url
    assert review_url == f"{live_server.url}/actieplannen/{plan.uuid}/toets/"
    axe(page)
    page.get_by_role("button", name="Vraag VNG om een toets").click()
    expect(page.get_by_text("Het plan is ter toetsing naar VNG gestuurd.")).to_be_visible()
    axe(page)
    assert "Actieplan van Utrecht ingediend ter toetsing" in mail_subjects_to(mailoutbox, "CO2@vng.nl")

    # ... VNG staff give feedback on the checklist the plan's data filled in ...
    staff.goto(review_url)
    axe(staff)
    staff.get_by_role("link", name="Terugkoppeling geven").click()
    axe(staff)
    staff.get_by_label("Toelichting bij “Monitoring, communicatie en budget").fill("Beschrijf de communicatie.")
    staff.get_by_role("button", name="Terugkoppeling versturen").click()
    expect(staff.get_by_text("De terugkoppeling is naar de coördinatoren van de organisatie gestuurd.")).to_be_visible()
    axe(staff)
    assert "Terugkoppeling van VNG op het actieplan van Utrecht" in mail_subjects_to(
        mailoutbox, people.coordinator_a.email
    )

    # ... and the coordinator replies to one item and agrees.
    page.goto(review_url)
    axe(page)
    page.get_by_role("link", name=re.compile("^Reageren.*Monitoring, communicatie")).click()
    axe(page)
    page.get_by_label("Uw reactie").fill("De communicatie staat in het collegevoorstel.")
    page.get_by_role("button", name="Reactie versturen").click()
    finding = page.locator("#finding-onderdelen")
    expect(finding).to_contain_text("Beschrijf de communicatie.")
    expect(finding).to_contain_text("De communicatie staat in het collegevoorstel.")
    axe(page)
    page.get_by_role("link", name="Akkoord geven op de terugkoppeling").click()
    axe(page)
    page.get_by_role("button", name="Akkoord geven en toets afronden").click()
    expect(page.get_by_text("De toets is afgerond.")).to_be_visible()
    axe(page)

    # 6. The coordinator publishes the plan; its public page says VNG reviewed it.
    page.goto(live_server.url + plan.get_absolute_url())
    axe(page)
    tools.get_by_role("link", name="Plan publiceren").click()
    expect(page.locator("h1")).to_have_text("Plan publiceren")
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het plan is gepubliceerd.")).to_be_visible()
    axe(page)

    # 7. ... and shows one of its actions as a showcase.
    page.get_by_role("link", name="Voorbeeldacties kiezen").click()
    expect(page.locator("h1")).to_have_text("Voorbeeldacties")
    axe(page)
    page.get_by_role("link", name=for_item("Als voorbeeldactie tonen", action.title)).click()
    expect(page.locator("h1")).to_have_text("Deze actie als voorbeeld tonen")
    axe(page)
    page.get_by_label("Resultaat", exact=False).first.fill("Het hele wagenpark rijdt elektrisch.")
    page.get_by_role("spinbutton", name="Getal").fill("35")
    page.get_by_label("Eenheid van het getal").fill("auto's")
    page.get_by_role("button", name="Voorbeeldactie opslaan").click()
    expect(page.get_by_text(f"“{action.title}” is een voorbeeldactie van dit plan.")).to_be_visible()
    axe(page)

    # 8. The anonymous visitor finds Utrecht in the register with its published plan, reviewed by VNG.
    expect(stage_in_register(visitor, live_server, axe)).to_contain_text("Actieplan gepubliceerd")
    visitor.goto(live_server.url + plan.get_public_url())
    expect(visitor.locator("h1")).to_have_text("Actieplan MVOI Utrecht")
    expect(visitor.get_by_text(f"Getoetst door VNG op {long_date(today)}")).to_be_visible()
    expect(visitor.locator(f"#action-{action.pk}")).to_contain_text("Voorbeeldactie")
    axe(visitor)

    for other in (staff, visitor):
        other.axe_watch.assert_clean()
        other.context.close()
