from manifest.models import Membership, OrganisationKind
from tests.browser import log_in
from tests.factories import EmailDomainFactory, OrganisationFactory, UserFactory


def test_visitor_finds_a_municipality_and_requests_membership(page, live_server, axe, db):
    overijssel = OrganisationFactory(code="pv23", name="Provincie Overijssel", kind=OrganisationKind.PROVINCE)
    zwolle = OrganisationFactory(code="gm0193", name="Gemeente Zwolle", province=overijssel)
    EmailDomainFactory(organisation=zwolle, domain="zwolle.nl")
    user = UserFactory(email="adviseur@bureau.example")
    log_in(page, live_server, user)

    page.goto(live_server.url + "/organisaties/")
    axe(page)
    page.get_by_label("Zoeken op naam").fill("Zwolle")
    page.get_by_role("button", name="Filteren").click()
    axe(page)
    page.get_by_role("link", name="Gemeente Zwolle").click()
    axe(page)
    page.get_by_role("link", name="Lidmaatschap aanvragen").click()
    axe(page)
    assert page.get_by_label("Organisatie", exact=True).input_value() == "gm0193"
    page.get_by_label("Uw rol in de organisatie").fill("Inkoopadviseur")
    page.get_by_role("button", name="Aanvraag versturen").click()
    axe(page)
    assert "Uw aanvraag is verstuurd" in page.content()
    assert Membership.objects.get(user=user).motivation == "Inkoopadviseur"
