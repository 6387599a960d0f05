"""Roles in a real browser: a member of a municipality without a coordinator asks for the role, VNG staff
give it in the admin, and the new coordinator manages the members. axe checks every page."""

import pytest

from tests.browser import log_in, log_in_to_admin
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_asks_for_the_role_staff_give_it_and_the_coordinator_manages_the_members(
    page, live_server, axe, people
):
    colleague = MembershipFactory(
        user=UserFactory(email="collega@zwolle.example", full_name="Cor Collega"), organisation=people.organisation_b
    )

    # Zwolle has no coordinator: its member sees what a member may do and asks for more.
    log_in(page, live_server, people.member_b)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    page.get_by_role("link", name="Vraag de rol van coördinator aan voor Zwolle").click()
    axe(page)
    page.get_by_role("button", name="Aanvraag versturen").click()
    axe(page, "(no reason)")
    assert "Vertel waarom u de rol van coördinator nodig hebt." in page.locator("#error-summary").inner_text()
    page.get_by_label("Waarom hebt u de rol van coördinator nodig?").fill("Ik leid het inkoopteam van Zwolle.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    axe(page)
    assert page.locator("h1").inner_text() == "Leden van Zwolle"
    assert "Deze organisatie heeft nog geen coördinator" in page.locator("main").inner_text()
    assert "rol van coördinator aangevraagd" in page.locator("main").inner_text()

    # A VNG administrator decides in the admin, with the button on the request.
    people.staff.is_superuser = True
    people.staff.save()
    page.context.clear_cookies()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(live_server.url + "/admin/manifest/coordinatorrequest/")
    axe(page)
    page.get_by_role("link", name=str(people.member_b)).click()
    axe(page)
    page.get_by_role("button", name="Coördinator maken, zoals gevraagd").click()
    axe(page)
    assert "1 besluit genomen." in page.locator(".messagelist").inner_text()

    # The new coordinator manages the members: makes a colleague coordinator and removes them again.
    page.context.clear_cookies()
    log_in(page, live_server, people.member_b)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    page.get_by_role("link", name="Leden van Zwolle beheren").click()
    axe(page)
    colleague_row = page.get_by_role("row").filter(has_text="Cor Collega")
    colleague_row.get_by_role("button", name="Coördinator maken").click()
    axe(page)
    assert "Cor Collega is nu coördinator van Zwolle." in page.locator("main").inner_text()
    colleague_row.get_by_role("button", name="Verwijderen").click()
    axe(page)
    assert page.locator("h1").inner_text() == "Een lid verwijderen"
    page.get_by_label("Reden").fill("Werkt niet meer bij de gemeente.")
    page.get_by_role("button", name="Uit de organisatie verwijderen").click()
    axe(page)
    assert "Cor Collega treedt niet meer op namens Zwolle." in page.locator("main").inner_text()
    colleague.refresh_from_db()
    assert colleague.status == "removed"

    # The last coordinator cannot give up the role by accident.
    page.get_by_role("button", name="Rol van coördinator opgeven").click()
    axe(page)
    assert "Zwolle heeft minstens één coördinator nodig." in page.locator("main").inner_text()


def test_staff_refuse_a_membership_request_with_a_reason_in_the_admin(page, live_server, axe, people):
    from manifest.models import Membership

    request = MembershipFactory(
        user=UserFactory(email="adviseur@bureau.example", full_name="Ad Adviseur"),
        organisation=people.organisation_a,
        status="requested",
        motivation="Inhuur",
    )
    people.staff.is_superuser = True
    people.staff.save()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(live_server.url + "/admin/manifest/membership/")
    axe(page)
    page.get_by_role("link", name="Ad Adviseur").first.click()
    axe(page)
    assert not page.locator('select[name="status"], select[name="role"]').count()  # decided only by the buttons
    page.get_by_role("button", name="Afwijzen (met reden)").click()
    axe(page, "(reason)")
    page.get_by_label("Reden").fill("Geen medewerker van de gemeente.")
    page.get_by_role("button", name="Aanvragen voor lidmaatschap afwijzen").click()
    axe(page)
    assert "1 besluit genomen." in page.locator(".messagelist").inner_text()
    assert Membership.objects.get(pk=request.pk).status == "refused"
