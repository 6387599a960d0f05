"""The whole journey in a real browser: a member of Gemeente Utrecht signs, VNG staff approve it in the
admin, and Utrecht appears in the public register and in the open data. axe checks every page."""

import csv
import io

import pytest

from tests.browser import log_in, log_in_to_admin
from tests.factories import current_edition

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_signs_staff_approve_and_utrecht_appears_in_register_and_csv(page, live_server, axe, people, mailoutbox):
    current_edition()
    people.staff.is_superuser = True
    people.staff.save()

    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + "/manifest/")
    axe(page)
    assert page.locator("h1").inner_text() == "Manifest MVOI 2022-2025"
    page.get_by_role("link", name="Teken voor uw organisatie").click()
    axe(page)
    assert page.get_by_label("Utrecht").is_checked()
    page.get_by_role("button", name="Volgende").click()
    axe(page)

    # Bad input first: the page says what is wrong and keeps the rest.
    page.get_by_label("Naam van de bestuurder die tekent").fill("<script>alert(1)</script>")
    page.get_by_label("Functie of portefeuille").fill("wethouder duurzaamheid")
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    assert "de tekens < en > zijn niet toegestaan" in page.locator("#error-summary").inner_text()
    assert page.get_by_label("Functie of portefeuille").input_value() == "wethouder duurzaamheid"
    page.get_by_label("Naam van de bestuurder die tekent").fill("Anna de Wethouder")
    page.get_by_label("Datum van het besluit van het college om te tekenen").fill("2023-03-07")
    page.get_by_role("button", name="Volgende").click()
    axe(page)

    assert page.get_by_label("E-mailadres van de contactpersoon").input_value() == "lid@utrecht.example"
    page.get_by_label("Naam van de contactpersoon").fill("Carla Contact")
    page.get_by_label("Telefoonnummer van de contactpersoon").fill("030 286 00 00")
    page.get_by_role("button", name="Volgende").click()
    axe(page)

    assert "Anna de Wethouder" in page.locator("main").inner_text()
    page.get_by_label("De bestuurder is bevoegd").check()
    page.get_by_label("De organisatie gaat ermee akkoord").check()
    page.get_by_role("button", name="Manifest ondertekenen").click()
    axe(page)
    assert page.locator("h1").inner_text() == "Ondertekening ontvangen"
    assert any(mail.to == ["CO2@vng.nl"] for mail in mailoutbox)

    # Not public before VNG staff approve.
    page.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(page)
    assert "Anna de Wethouder" not in page.locator("main").inner_text()

    # The member leaves; VNG staff log in to the admin with password and authenticator code.
    page.context.clear_cookies()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(live_server.url + "/admin/manifest/signature/")
    axe(page)
    # The moderation queue: tick the waiting signature, choose the action, run it.
    page.locator('input[name="_selected_action"]').first.check()
    page.locator('select[name="action"]').select_option("approve_selected")
    page.locator('button[name="index"]').click()
    axe(page)
    assert "1 ondertekening(en) goedgekeurd." in page.locator("body").inner_text()

    page.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(page)
    register = page.locator("main").inner_text()
    assert "Utrecht" in register and "Anna de Wethouder" in register
    assert "Carla Contact" not in register

    response = page.request.get(live_server.url + "/manifest/ondertekenaars.csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert [(row["organisation_code"], row["signatory_name"]) for row in rows] == [("gm0344", "Anna de Wethouder")]


def test_public_manifest_pages_and_the_ways_in_pass_axe(page, live_server, axe, people):
    from manifest.models import OrganisationKind
    from tests.factories import ManifestEditionFactory, OrganisationFactory, SignatureFactory, UserFactory

    current_edition()
    ManifestEditionFactory()
    province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    people.organisation_a.province = province
    people.organisation_a.save()
    SignatureFactory(organisation=people.organisation_a, signatory_name="Anna de Wethouder")
    SignatureFactory(organisation=province, signatory_name="Gedeputeerde Piet")

    for path in [
        "/manifest/",
        "/manifest/2016-2020/",
        "/manifest/ondertekenaars/",
        "/manifest/ondertekenaars/?provincie=pv26&niveau=gemeente&q=utr",
        "/manifest/ondertekenaars/?niveau=koninkrijk",
        "/manifest/open-data/",
        "/en/manifest/ondertekenaars/",
        "/manifest/ondertekenen/",
    ]:
        page.goto(live_server.url + path)
        axe(page, path)
    assert "next=%2Fmanifest%2Fondertekenen%2F" in page.locator("main").get_by_role(
        "link", name="Inloggen"
    ).get_attribute("href")

    # Someone without a membership is told how to get one.
    log_in(page, live_server, UserFactory(email="los@example.org"))
    page.goto(live_server.url + "/manifest/ondertekenen/")
    axe(page)
    assert page.get_by_role("heading", name="Word lid van uw organisatie").is_visible()

    # A member sees the signed organisation and can withdraw its signature.
    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + "/manifest/ondertekenen/")
    axe(page)
    page.get_by_role("link", name="Ondertekening van Utrecht intrekken").click()
    axe(page)
    page.get_by_role("button", name="Ondertekening intrekken").click()
    axe(page)
    assert "Geef een reden" in page.locator("#error-summary").inner_text()
    page.get_by_label("Reden").fill("Het nieuwe college tekent opnieuw.")
    page.get_by_role("button", name="Ondertekening intrekken").click()
    axe(page)
    assert "De ondertekening van Utrecht is ingetrokken." in page.locator("main").inner_text()
    # Utrecht can sign again.
    assert page.get_by_label("Utrecht").is_checked()


def test_staff_record_a_ceremony_signature_that_the_register_shows_at_once(page, live_server, axe, people):
    current_edition()
    people.staff.is_superuser = True
    people.staff.save()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(live_server.url + "/admin/manifest/signature/")
    axe(page)
    page.get_by_role("link", name="Ondertekening van elders vastleggen").click()
    axe(page)

    page.get_by_label("Organisatie:", exact=True).select_option(label="Zwolle")
    page.get_by_label("Naam van de bestuurder die tekent").fill("Joost Wethouder")
    page.get_by_label("Functie of portefeuille").fill("wethouder duurzaamheid")
    page.get_by_label("Ondertekend op").fill("2023-03-14")
    page.get_by_label("Tijdens een ondertekeningsbijeenkomst").check()
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    axe(page)
    # Without the consent the form says why, and keeps what was typed.
    assert "register van ondertekenaars is openbaar" in page.locator("body").inner_text()
    assert page.get_by_label("Naam van de bestuurder die tekent").input_value() == "Joost Wethouder"
    page.locator('input[name="publication_consent"]').check()
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    axe(page)
    assert "is vastgelegd en staat in het register" in page.locator("body").inner_text()

    page.context.clear_cookies()
    page.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(page)
    register = page.locator("main").inner_text()
    assert "Zwolle" in register and "Joost Wethouder" in register and "14 maart 2023" in register
