"""The ladder in a real browser: a freshly signed organisation's coordinator sees when the plan is due, asks
for more time, VNG staff grant it in the admin and the public register shows the extension. axe checks
every page."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from actionplans.ladder_services import current_signature
from tests.browser import log_in, log_in_to_admin
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_asks_for_more_time_staff_grant_it_and_the_register_shows_it(page, live_server, axe, people):
    SignatureFactory(organisation=people.organisation_a)
    due_on = current_signature(people.organisation_a).plan_due_on
    new_date = due_on + datetime.timedelta(days=90)
    assert due_on > timezone.localdate()

    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + people.organisation_a.get_absolute_url())
    axe(page)
    main = page.locator("main").inner_text()
    assert f"Actieplan uiterlijk {date_format(due_on, 'j F Y')}" in main
    assert "Ondertekend" in main
    page.get_by_role("link", name="Meer tijd vragen").click()
    axe(page)
    page.get_by_role("button", name="Aanvraag versturen").click()
    axe(page, "(nothing filled in)")
    assert "Kies de stap waarvoor u meer tijd nodig hebt." in page.locator("#error-summary").inner_text()
    page.get_by_label(f"Actieplan, uiterlijk {date_format(due_on, 'j F Y')}").check()
    page.get_by_label("Nieuwe uiterste datum").fill(new_date.isoformat())
    page.get_by_label("Waarom hebt u meer tijd nodig?").fill("De raad besluit na de verkiezingen.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    axe(page)
    assert "Uw verzoek is verstuurd." in page.locator("main").inner_text()

    people.staff.is_superuser = True
    people.staff.save()
    page.context.clear_cookies()
    log_in_to_admin(page, live_server, people.staff)
    page.goto(live_server.url + "/admin/actionplans/deadlineextension/")
    axe(page)
    page.locator("#result_list").get_by_role("link", name="Utrecht").click()
    axe(page)
    page.get_by_role("button", name="Uitstel toekennen").click()
    axe(page)
    assert "1 besluit genomen." in page.locator(".messagelist").inner_text()

    page.context.clear_cookies()
    page.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(page)
    row = page.get_by_role("row").filter(has_text="Utrecht")
    assert f"uitstel tot {date_format(new_date, 'j F Y')}" in row.inner_text()
