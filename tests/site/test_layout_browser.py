"""What people notice in a real browser: pages that fit a phone, form controls that look like what
they are, a confirmation that reads top to bottom. axe checks every page."""

from decimal import Decimal
from itertools import pairwise

import pytest
from django.conf import settings
from django.test import Client

from actionplans.models import ActionStatus
from guidance.reference import load_reference_data
from manifest.views.signing import SUBMITTED_KEY
from tests.browser import log_in
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    ProductGroupFactory,
    SignatureFactory,
    publish_plan,
    submitted_report,
    theme,
)

PHONE = {"width": 390, "height": 844}
LONG = "Circulaire en natuurinclusieve uitvraag bij alle grond-, weg- en waterbouwprojecten vanaf 2027"


@pytest.fixture
def plans(people):
    """Utrecht's draft (editable, with move buttons) and Zwolle's published plan; long texts and dates."""
    load_reference_data()  # the themes, after an earlier browser test's flush
    draft = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht 2026–2029")
    published = ActionPlanFactory(organisation=people.organisation_b, title="Actieplan MVOI Zwolle 2026–2029")
    for plan in (draft, published):
        for slug in ("klimaat", "circulair"):
            goal = GoalFactory(
                plan=plan,
                theme=theme(slug),
                title=LONG,
                indicator="Aandeel aanbestedingen met eisen voor materialen, bodem en biodiversiteit",
                unit="procent",
                baseline_value=Decimal("12.5"),
                baseline_year=2025,
                target_value=Decimal("80"),
                target_year=2029,
            )
            for status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE):
                action = ActionFactory(
                    goal=goal,
                    title=LONG,
                    description="Samen met de regio een uitvraag opstellen en marktconsultaties houden.",
                    owner="Team Openbare ruimte en Inkoop",
                    start_date="2026-09-01",
                    due_date="2027-12-31",
                    status=status,
                    progress=40,
                )
                action.product_groups.add(
                    ProductGroupFactory(name="Netwerken, datacenterhardware en telefoniediensten"),
                    ProductGroupFactory(name="Bedrijfskleding"),
                )
    submitted_report(published, 2026)
    return {"draft": draft, "published": publish_plan(published)}


def assert_fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a {PHONE['width']} px phone"


def test_member_reads_their_plan_on_a_phone_without_scrolling_sideways(page, live_server, axe, people, plans):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + plans["draft"].get_absolute_url())
    axe(page)
    assert_fits_a_phone(page)
    # Each action's facts stand one under the other, each named by its column.
    cells = page.locator(".mvoi-action-table tbody tr").first.locator("td")
    boxes = [cells.nth(index).bounding_box() for index in range(cells.count())]
    for above, below in pairwise(boxes):
        assert below["y"] >= above["y"] + above["height"] - 1
    owner = cells.nth(1)
    assert owner.get_attribute("data-label") == "Eigenaar"
    assert "Eigenaar" in owner.evaluate("cell => getComputedStyle(cell, '::before').content")


def test_public_plan_and_its_yearly_report_fit_a_phone(page, live_server, axe, people, plans):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + plans["published"].get_public_url())
    axe(page)
    assert_fits_a_phone(page)

    log_in(page, live_server, people.member_b)
    for year in (2026, 2027):  # submitted, and the form of the next one
        page.goto(f"{live_server.url}{plans['published'].get_absolute_url()}rapportage/{year}/")
        axe(page)
        assert_fits_a_phone(page)


def test_signatory_register_fits_a_phone(page, live_server, axe, people):
    page.set_viewport_size(PHONE)
    province = OrganisationFactory(code="pv21", name="Fryslân", kind="provincie")
    for number in range(12):
        organisation = OrganisationFactory(
            code=f"gm19{number:02}", name=f"Súdwest-Fryslân en omstreken {number}", province=province
        )
        SignatureFactory(organisation=organisation, signatory_role="wethouder duurzaamheid, inkoop en economie")
    page.goto(live_server.url + "/manifest/ondertekenaars/")
    axe(page)
    assert_fits_a_phone(page)


def test_radio_buttons_and_select_boxes_look_like_what_they_are(page, live_server, axe, people):
    load_reference_data()
    log_in(page, live_server, people.member_a)
    page.goto(live_server.url + "/actieplannen/nieuw/")
    axe(page)
    radios = page.locator('input[type="radio"]')
    chosen, other = radios.nth(0), radios.nth(1)
    assert chosen.is_checked() and not other.is_checked()
    style = "(element, name) => getComputedStyle(element).getPropertyValue(name)"
    # Not chosen: a white circle with a ring, no dot (the component's default is a black disc).
    assert other.evaluate(style, "background-color") == "rgb(255, 255, 255)"
    assert other.evaluate(style, "border-top-color") == "rgb(74, 74, 74)"
    assert "rgb(20, 70, 125)" not in other.evaluate(style, "background-image")
    # Chosen: a blue dot in the middle.
    assert "rgb(20, 70, 125)" in chosen.evaluate(style, "background-image")

    select = page.get_by_label("Organisatie", exact=True)
    assert select.evaluate(style, "appearance") == "none"
    assert "data:image/svg+xml" in select.evaluate(style, "background-image")  # the arrow


def test_signing_confirmation_reads_from_top_to_bottom(page, live_server, axe, people):
    signatures = [
        SignatureFactory(organisation=organisation, status="submitted")
        for organisation in (people.organisation_a, people.organisation_b)
    ]
    client = Client()
    client.force_login(people.coordinator_a, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[SUBMITTED_KEY] = [str(signatures[0].public_id)]
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/manifest/ondertekenen/ingediend/")
        axe(page)
        box = page.locator(".utrecht-alert--ok")
        parts = [box.locator(selector).bounding_box() for selector in ("h1", "p", "ul")]
        inner = box.bounding_box()
        for above, below in pairwise(parts):
            assert below["y"] >= above["y"] + above["height"] - 1, "the box's content sits side by side"
        for part in parts:
            assert part["width"] >= inner["width"] * 0.6, "the box's content is squeezed into a column"
