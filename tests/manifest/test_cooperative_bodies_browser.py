from datetime import date

from manifest.models import OrganisationKind
from tests.factories import CooperationMemberFactory, CooperativeBodyFactory, OrganisationFactory


def test_visitor_opens_a_body_sees_its_members_and_finds_the_body_on_a_members_page(page, live_server, axe, db):
    utrecht = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    body = CooperativeBodyFactory(code="inkoop-vecht", name="Inkoopsamenwerking Vecht en Venen")
    for code, name in [("gm1904", "Gemeente Stichtse Vecht"), ("gm0736", "Gemeente De Ronde Venen")]:
        CooperationMemberFactory(body=body, member=OrganisationFactory(code=code, name=name, province=utrecht))
    CooperationMemberFactory(
        body=body,
        member=OrganisationFactory(code="gm0589", name="Gemeente Oudewater", province=utrecht),
        starts_on=date(2019, 1, 1),
        ends_on=date(2022, 12, 31),
    )

    page.goto(live_server.url + body.get_absolute_url())
    axe(page)
    members = page.get_by_role("region", name="Lidorganisaties")
    assert members.get_by_role("link", name="Gemeente Stichtse Vecht").is_visible()
    assert members.get_by_role("link", name="Gemeente De Ronde Venen").is_visible()
    assert "Voormalig lid" in members.inner_text()

    members.get_by_role("link", name="Gemeente De Ronde Venen").click()
    axe(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente De Ronde Venen"
    bodies = page.get_by_role("region", name="Samenwerkingsverbanden")
    bodies.get_by_role("link", name="Inkoopsamenwerking Vecht en Venen").click()
    axe(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Inkoopsamenwerking Vecht en Venen"
