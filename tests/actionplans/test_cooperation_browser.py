"""A cooperative body drafts a plan for a member municipality; the municipality adopts it and later revokes the right."""

from playwright.sync_api import expect

from manifest import services as manifest_services
from tests.browser import log_in
from tests.factories import CooperationMemberFactory, CooperativeBodyFactory, MembershipFactory, UserFactory


def test_body_drafts_a_plan_the_member_adopts_and_revoking_locks_the_body_out(page, live_server, axe, people):
    body = CooperativeBodyFactory(code="inkoop-utrecht", name="Inkoopsamenwerking Utrecht")
    CooperationMemberFactory(body=body, member=people.organisation_a)
    body_coordinator = MembershipFactory(
        user=UserFactory(email="inkoop@samenwerking.example"), organisation=body, role="coordinator"
    ).user

    # Utrecht's coordinator lets the body prepare its action plans.
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + "/mijn-omgeving/organisaties/gm0344/leden/")
    axe(page)
    page.get_by_role("link", name="Samenwerkingsverbanden die onze actieplannen voorbereiden").click()
    expect(page.locator("h1")).to_have_text("Samenwerkingsverbanden van Utrecht")
    axe(page)
    page.get_by_role("row", name="Inkoopsamenwerking Utrecht").get_by_role(
        "button", name="Laat onze actieplannen voorbereiden"
    ).click()
    expect(page.get_by_text("Inkoopsamenwerking Utrecht mag nu de actieplannen")).to_be_visible()
    axe(page)

    # The body's coordinator sees Utrecht on "My portal" and drafts a plan for it.
    page.context.clear_cookies()
    log_in(page, live_server, body_coordinator)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    overview = page.get_by_role("region", name="Leden van Inkoopsamenwerking Utrecht")
    expect(overview.get_by_role("rowheader", name="Utrecht")).to_be_visible()
    overview.get_by_role("link", name="Begin een plan voor een lid").click()
    expect(page.locator("h1")).to_have_text("Nieuw actieplan")
    axe(page)
    page.get_by_label("Organisatie", exact=True).select_option(label="Utrecht")
    page.get_by_label("Een leeg plan").check()
    page.locator("#id_title").fill("Actieplan MVOI Utrecht, voorbereid door de samenwerking")
    page.get_by_role("button", name="Conceptplan maken").click()
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Utrecht, voorbereid door de samenwerking")
    expect(page.get_by_text("Utrecht laat uw samenwerkingsverband dit plan voorbereiden")).to_be_visible()
    expect(page.get_by_role("link", name="Vaststelling vastleggen")).to_have_count(0)
    axe(page)
    plan_url = page.url

    # Utrecht's coordinator adopts it.
    page.context.clear_cookies()
    log_in(page, live_server, people.coordinator_a)
    page.goto(plan_url)
    axe(page)
    tools = page.get_by_role("navigation", name="Wat u met dit plan kunt doen")
    tools.get_by_role("link", name="Vaststelling vastleggen").click()
    expect(page.locator("h1")).to_have_text("Vaststelling vastleggen")
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld.")).to_be_visible()
    axe(page)

    # ... and takes the right back: the body no longer opens the plan.
    page.goto(live_server.url + "/mijn-omgeving/organisaties/gm0344/samenwerking/")
    page.get_by_role("row", name="Inkoopsamenwerking Utrecht").get_by_role("button", name="Recht intrekken").click()
    expect(
        page.get_by_text("Inkoopsamenwerking Utrecht bereidt de actieplannen van Utrecht niet meer voor.")
    ).to_be_visible()
    axe(page)
    assert not manifest_services.PreparationMandate.objects.active().exists()
    page.context.clear_cookies()
    log_in(page, live_server, body_coordinator)
    response = page.goto(plan_url)
    assert response.status == 404
    axe(page)
