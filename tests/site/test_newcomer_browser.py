"""A new municipality's whole path in a real browser, from nothing to a submitted yearly report.

A procurement officer of Gemeente Amersfoort (from the real register of public bodies) signs up, signs the
manifest, becomes coordinator, publishes an action plan made from a template and reports on a finished year;
VNG staff approve the signature and grant the role in the admin, in a browser of their own. Nobody has a role
made for them: every step goes through the screens, and each "done" page leads to the next. axe checks
every page.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.utils.formats import date_format
from playwright.sync_api import expect

from actionplans.ladder_services import current_signature
from actionplans.models import ActionPlan, PlanStatus
from guidance.reference import load_reference_data
from manifest.models import Membership
from manifest.public_bodies import load_public_bodies
from tests.browser import (
    approve_signatures_in_admin,
    ask_for_coordinator_role,
    grant_coordinator_role_in_admin,
    heading,
    links_in,
    log_in_to_admin,
    main_text,
    next_step,
    sign_manifest,
    sign_up,
    watched_page,
)
from tests.factories import UserFactory, current_edition

pytestmark = pytest.mark.django_db(transaction=True)

OFFICER = "inkoper@amersfoort.nl"


def test_a_new_municipality_goes_from_sign_up_to_a_published_plan_and_a_submitted_report(
    page, browser, live_server, axe, mailoutbox
):
    load_reference_data()  # the six themes the plan templates use
    current_edition()
    load_public_bodies()  # Amersfoort, with its own e-mail domain
    staff = UserFactory(email="redactie@vng.nl", full_name="Vera VNG", is_staff=True, is_superuser=True)
    this_year = datetime.date.today().year
    finished_year = this_year - 1  # the live server shares the real clock: last year has ended

    # VNG staff work in a browser of their own, logged in with password and authenticator code.
    admin = watched_page(browser)
    log_in_to_admin(admin, live_server, staff)

    # --- 1. The officer signs up and is a member of Amersfoort at once, by the e-mail domain.
    sign_up(page, live_server, mailoutbox, email=OFFICER, organisation="Gemeente Amersfoort")
    assert [message.to for message in mailoutbox] == [[OFFICER]]
    membership = Membership.objects.get(user__email=OFFICER)
    assert (membership.organisation.code, membership.is_verified) == ("gm0307", True)

    # --- 2. The officer signs the manifest for Amersfoort, from the dashboard's next step.
    sign_manifest(
        page,
        organisation="Gemeente Amersfoort",
        email=OFFICER,
        signer="Wim Wethouder",
        signer_role="wethouder duurzaamheid",
        decided_on=f"{this_year}-01-13",
    )
    # Amersfoort has nobody else in the portal: no message to coordinators is promised.
    done = main_text(page)
    assert "coördinatoren van" not in done
    assert "Gemeente Amersfoort heeft nog geen coördinator in het portaal" in done
    # The officer's confirmation says the same; the VNG is told there is a signature to check.
    submitted = mailoutbox[1:]
    assert sorted(message.to for message in submitted) == sorted([[OFFICER], [settings.VNG_CONTACT_EMAIL]])
    [confirmation] = [message for message in submitted if message.to == [OFFICER]]
    assert "coördinatoren van" not in confirmation.body
    assert "Gemeente Amersfoort heeft nog geen coördinator in het portaal" in confirmation.body

    # --- 3. VNG staff approve the signature; the public register shows Amersfoort.
    approve_signatures_in_admin(admin, live_server, "Gemeente Amersfoort")
    # The officer hears of it, with the way to the plan builder.
    [approved] = [message for message in mailoutbox if "heeft het Manifest MVOI" in message.subject]
    assert approved.to == [OFFICER]
    assert f"{settings.SITE_URL}/actieplannen/nieuw/" in approved.body

    page.get_by_role("link", name="Bekijk het register van ondertekenaars").click()
    expect(heading(page)).to_have_text(re.compile("ondertekenaars", re.IGNORECASE))
    axe(page)
    row = page.get_by_role("row").filter(has_text="Gemeente Amersfoort")
    expect(row).to_contain_text("Wim Wethouder")
    expect(row).to_contain_text("Ondertekend")
    # Amersfoort's own page tells its members when the action plan is due.
    row.get_by_role("link", name="Gemeente Amersfoort").click()
    expect(heading(page)).to_have_text("Gemeente Amersfoort")
    axe(page)
    due_on = current_signature(membership.organisation).plan_due_on
    expect(page.locator("main")).to_contain_text(f"Actieplan uiterlijk {date_format(due_on, 'j F Y')}")

    # --- 4. The officer asks for the coordinator role; staff grant it in the admin.
    page.get_by_role("link", name="Mijn omgeving").click()
    axe(page)
    ask_for_coordinator_role(page, organisation="Gemeente Amersfoort", reason="Ik stel het actieplan op en rapporteer.")
    grant_coordinator_role_in_admin(admin, live_server, organisation="Gemeente Amersfoort")
    membership.refresh_from_db()
    assert membership.is_coordinator

    # --- 5. The coordinator starts a plan from the template for starters, has it adopted, is refused
    # publication while template text remains, replaces it, adopts again and publishes. The way in is the
    # link in the mail that made the officer coordinator.
    [role_mail] = [message for message in mailoutbox if "U bent nu coördinator" in message.subject]
    assert role_mail.to == [OFFICER]
    page.goto(links_in(role_mail, live_server)[0])
    expect(heading(page)).to_have_text("Mijn omgeving")
    axe(page)
    expect(page.get_by_role("heading", name=re.compile("^Gemeente Amersfoort"))).to_contain_text("Coördinator")
    page.get_by_role("link", name="Actieplannen en jaarverslagen van Gemeente Amersfoort").click()
    expect(heading(page)).to_have_text("Actieplannen")
    axe(page)
    page.get_by_role("link", name="Nieuw plan beginnen").click()
    expect(heading(page)).to_have_text("Nieuw actieplan")
    axe(page)
    page.get_by_label("Sjabloon voor een startende organisatie", exact=False).check()
    page.get_by_label("Eerste jaar").fill(str(finished_year))  # a plan whose first year has ended
    page.get_by_label("Laatste jaar").fill(str(finished_year + 3))
    page.get_by_role("button", name="Conceptplan maken").click()
    title = f"Actieplan MVOI Gemeente Amersfoort {finished_year}–{finished_year + 3}"
    expect(heading(page)).to_have_text(title)
    expect(page.get_by_text("Uw conceptplan staat klaar.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="2 plaatsen bevatten nog tekst uit het sjabloon")).to_be_visible()
    axe(page)
    plan = ActionPlan.objects.get(organisation__code="gm0307")

    # Adopted as it is: the adoption page and its message warn about the template text.
    next_step(page, "Volgende stap: laat het plan vaststellen", "Vaststelling vastleggen")
    expect(heading(page)).to_have_text("Vaststelling vastleggen")
    expect(page.get_by_role("heading", name="2 plaatsen bevatten nog tekst uit het sjabloon")).to_be_visible()
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders")
    page.get_by_label("Vastgesteld op").fill(f"{this_year}-02-03")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld, maar bevat nog tekst uit het sjabloon.")).to_be_visible()
    axe(page)

    # Publication is refused with the places; back to draft, the plan's page links to each form.
    next_step(page, "Volgende stap: publiceer het plan", "Plan publiceren")
    expect(heading(page)).to_have_text("Plan publiceren")
    places = page.get_by_role("region", name="2 plaatsen bevatten nog tekst uit het sjabloon")
    expect(places.get_by_role("link")).to_have_text(
        ["Onderdeel “aanleiding en opdracht”", "Onderdeel “nulmeting”"], ignore_case=True
    )
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Terug naar concept").click()
    axe(page)
    page.get_by_role("button", name="Terug naar concept").click()
    expect(page.get_by_text("Het plan is weer een concept.")).to_be_visible()
    axe(page)
    places = page.get_by_role("region", name="2 plaatsen bevatten nog tekst uit het sjabloon")
    places.get_by_role("link").first.click()
    expect(heading(page)).to_have_text("Plan bewerken")
    axe(page)
    occasion = page.get_by_label("Aanleiding")
    occasion.fill(occasion.input_value().replace(
        "[[Vul hier aan welke besluiten van college of raad dit plan onderbouwen.]]",
        f"Het collegebesluit van 13 januari {this_year} over het Manifest MVOI.",
    ))  # fmt: skip
    baseline = page.get_by_role("textbox", name=re.compile("^Nulmeting"))
    baseline.fill(baseline.input_value().replace(
        "[[Beschrijf waar de organisatie nu staat:]]", "Amersfoort koopt jaarlijks voor 180 miljoen euro in:"
    ))  # fmt: skip
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("nog tekst uit het sjabloon")).to_have_count(0)
    axe(page)

    # Adopted again, now clean, and published.
    next_step(page, "Volgende stap: laat het plan vaststellen", "Vaststelling vastleggen")
    expect(page.get_by_text("nog tekst uit het sjabloon")).to_have_count(0)
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders")
    page.get_by_label("Vastgesteld op").fill(f"{this_year}-02-03")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld. Publiceer het", exact=False)).to_be_visible()
    axe(page)
    next_step(page, "Volgende stap: publiceer het plan", "Plan publiceren")
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het plan is gepubliceerd.")).to_be_visible()
    axe(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    # --- 6. The coordinator reports on the finished first year and submits the report.
    next_step(page, "Volgende stap: elk jaar rapporteren", "Jaarverslagen")
    expect(heading(page)).to_have_text("Jaarverslagen")
    axe(page)
    page.get_by_role("link", name=f"Verslag over {finished_year}").click()
    expect(heading(page)).to_have_text(f"Verslag over {finished_year}")
    expect(page.get_by_text("Dit verslag kunt u nu indienen.")).to_be_visible()
    axe(page)
    page.get_by_label("Plannen voor volgend jaar").fill(
        "De spendanalyse afronden en de eerste tenders met klimaatcriteria."
    )
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(heading(page)).to_have_text(f"Het verslag over {finished_year} indienen")
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()
    expect(heading(page)).to_have_text(f"Verslag over {finished_year}")
    expect(page.get_by_text(f"Het verslag over {finished_year} is ingediend.")).to_be_visible()
    expect(page.get_by_role("region", name="Volgende stappen")).to_be_visible()
    axe(page)

    # --- 7. An anonymous visitor finds Amersfoort in the register and reads its published plan.
    visitor = watched_page(browser)
    visitor.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(visitor)
    row = visitor.get_by_role("row").filter(has_text="Gemeente Amersfoort")
    expect(row).to_contain_text("Wim Wethouder")
    expect(row).not_to_contain_text("Ilse Inkoper")
    expect(row).to_contain_text(f"Gerapporteerd over {finished_year}")  # the ladder's top step
    row.get_by_role("link", name="Gemeente Amersfoort").click()
    expect(heading(visitor)).to_have_text("Gemeente Amersfoort")
    expect(visitor.locator("main")).not_to_contain_text("Actieplan uiterlijk")  # for members only
    axe(visitor)
    visitor.get_by_role("region", name="Actieplan").get_by_role("link", name=title).click()
    expect(heading(visitor)).to_have_text(title)
    axe(visitor)
    expect(visitor.locator("main")).to_contain_text("Amersfoort koopt jaarlijks voor 180 miljoen euro in")
    expect(visitor.locator("main")).not_to_contain_text("[[")
    expect(visitor.locator("main")).to_contain_text(date_format(datetime.date(this_year, 2, 3), "j F Y"))

    visitor.axe_watch.assert_clean()
    admin.axe_watch.assert_clean()
    visitor.context.close()
    admin.context.close()
