"""A coordinator renews in a real browser: from the invitation e-mail to the filled-in form to the signature. axe checks every page."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from manifest import services
from manifest.models import Signature, SignatureStatus
from tests.browser import log_in
from tests.factories import ManifestEditionFactory, SignatureFactory, UserFactory, current_edition
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_follows_the_invitation_and_signs_the_new_edition_with_the_filled_in_form(
    page, live_server, axe, people, mailoutbox
):
    SignatureFactory(
        organisation=people.organisation_a,
        edition=current_edition(),
        signatory_name="Anna de Vries",
        signatory_role="wethouder duurzaamheid",
        contact_name="Carla Contactpersoon",
        contact_email="carla@utrecht.example",
    )
    today = timezone.localdate()
    edition = ManifestEditionFactory(
        title="Manifest MVOI 2026-2029",
        slug="2026-2029",
        start_year=2026,
        end_year=2029,
        signing_opens=today - timedelta(days=1),
        signing_closes=today + timedelta(days=365),
    )
    staff = log_in_with_two_factor(Client(), UserFactory(email="beheer@vng.example", is_staff=True))
    services.edition_open(edition=edition, by=staff)
    mailoutbox.clear()
    services.renewal_invitations_send(edition=edition, by=staff)
    (invitation,) = [mail for mail in mailoutbox if mail.to == ["coordinator@utrecht.example"]]
    link = re.search(re.escape(settings.SITE_URL) + r"(\S+vernieuw=gm0344)", invitation.body).group(1)

    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + link)
    axe(page)
    assert "ingevuld met de ondertekening van Utrecht" in page.locator("main").inner_text()
    assert page.get_by_label("Utrecht").is_checked()
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    assert page.get_by_label("Naam van de bestuurder die tekent").input_value() == "Anna de Vries"
    assert page.get_by_label("Functie of portefeuille").input_value() == "wethouder duurzaamheid"
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    assert page.get_by_label("E-mailadres van de contactpersoon").input_value() == "carla@utrecht.example"
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    page.get_by_label("De bestuurder is bevoegd").check()
    page.get_by_label("De organisatie gaat ermee akkoord").check()
    page.get_by_role("button", name="Manifest ondertekenen").click()
    axe(page)
    assert page.locator("h1").inner_text() == "Ondertekening ontvangen"
    renewed = Signature.objects.get(edition=edition)
    assert (renewed.signatory_name, renewed.status) == ("Anna de Vries", SignatureStatus.SUBMITTED)

    page.goto(live_server.url + people.organisation_a.get_absolute_url())
    axe(page)
    history = page.locator("#manifest-signatures-heading + .mvoi-table-wrapper").inner_text()
    assert "Manifest MVOI 2026-2029" in history and "Manifest MVOI 2022-2025" in history
