"""A cooperative body drafts a joint plan for two members; both adopt it, it shows on both organisation pages,
and revoking the body's right locks it out."""

from playwright.sync_api import expect

from actionplans import owner_services
from actionplans.models import PlanOwner
from manifest import services as manifest_services
from tests.browser import log_in
from tests.factories import CooperationMemberFactory, CooperativeBodyFactory, MembershipFactory, UserFactory

TITLE = "Gezamenlijk actieplan MVOI Utrecht en Zwolle"


def test_body_drafts_a_joint_plan_both_members_adopt_and_anybody_sees_it_on_both_pages(page, live_server, axe, people):
    body = CooperativeBodyFactory(code="inkoop-midden", name="Inkoopsamenwerking Midden")
    for member in (people.organisation_a, people.organisation_b):
        CooperationMemberFactory(body=body, member=member)
    body_coordinator = MembershipFactory(
        user=UserFactory(email="inkoop@midden.example"), organisation=body, role="coordinator"
    ).user
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    manifest_services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)

    # The body's coordinator drafts the plan for Utrecht and asks Zwolle to own it too.
    log_in(page, live_server, body_coordinator)
    page.goto(live_server.url + "/actieplannen/nieuw/")
    axe(page)
    page.get_by_label("Organisatie", exact=True).select_option(label="Utrecht")
    page.get_by_label("Een leeg plan").check()
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("button", name="Conceptplan maken").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    axe(page)
    plan_url = page.url
    page.get_by_role("link", name="Vraag een mede-eigenaar").click()
    expect(page.locator("h1")).to_have_text("Vraag een mede-eigenaar")
    axe(page)
    page.get_by_label("Organisatie").select_option(label="Zwolle")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Zwolle is gevraagd mede-eigenaar van dit plan te worden.")).to_be_visible()
    axe(page)

    # Zwolle's coordinator finds the request on "My portal" and accepts it.
    page.context.clear_cookies()
    log_in(page, live_server, coordinator_b)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    tasks = page.get_by_role("region", name="Gezamenlijke actieplannen om over te beslissen")
    tasks.get_by_role("link", name=f"Accepteren of afwijzen: {TITLE}").click()
    expect(page.locator("h1")).to_have_text(f"Mede-eigenaarschap van “{TITLE}”")
    axe(page)
    page.get_by_role("button", name="Mede-eigenaarschap accepteren").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.get_by_text("Uw organisatie is samen met Utrecht eigenaar van dit plan")).to_be_visible()
    axe(page)

    # Utrecht's coordinator adopts and publishes it.
    page.context.clear_cookies()
    log_in(page, live_server, people.coordinator_a)
    page.goto(plan_url)
    axe(page)
    tools = page.get_by_role("navigation", name="Wat u met dit plan kunt doen")
    tools.get_by_role("link", name="Vaststelling vastleggen").click()
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders van Utrecht")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("Het plan is vastgesteld.")).to_be_visible()
    axe(page)
    tools.get_by_role("link", name="Plan publiceren").click()
    expect(page.locator("h1")).to_have_text("Plan publiceren")
    axe(page)
    page.get_by_role("button", name="Publiceren").click()
    owners = page.get_by_role("region", name="Eigenaren")
    expect(owners.get_by_role("row", name="Zwolle")).to_contain_text("nog niet vastgesteld door Zwolle")
    axe(page)

    # Zwolle's coordinator records Zwolle's own adoption.
    page.context.clear_cookies()
    log_in(page, live_server, coordinator_b)
    page.goto(plan_url)
    axe(page)
    page.get_by_role("link", name="Vaststelling door Zwolle vastleggen").click()
    expect(page.locator("h1")).to_have_text("Vaststelling door Zwolle vastleggen")
    axe(page)
    page.get_by_label("Vastgesteld door").fill("College van burgemeester en wethouders van Zwolle")
    page.get_by_role("button", name="Vaststelling vastleggen").click()
    expect(page.get_by_text("De vaststelling door Zwolle is vastgelegd.")).to_be_visible()
    axe(page)
    assert PlanOwner.objects.get().adopted_by == "College van burgemeester en wethouders van Zwolle"

    # Anybody sees the plan on both organisation pages, with both adoptions.
    page.context.clear_cookies()
    for code in ("gm0344", "gm0193"):
        page.goto(f"{live_server.url}/organisaties/{code}/")
        section = page.get_by_role("region", name="Actieplan")
        expect(section.get_by_role("link", name=TITLE)).to_be_visible()
        expect(section).to_contain_text("Een gezamenlijk plan van:")
        expect(section).not_to_contain_text("nog niet vastgesteld")
        axe(page)

    # Utrecht's coordinator takes the body's right back: the body no longer opens the plan.
    log_in(page, live_server, people.coordinator_a)
    page.goto(live_server.url + "/mijn-omgeving/organisaties/gm0344/samenwerking/")
    axe(page)
    page.get_by_role("row", name="Inkoopsamenwerking Midden").get_by_role("button", name="Recht intrekken").click()
    expect(
        page.get_by_text("Inkoopsamenwerking Midden bereidt de actieplannen van Utrecht niet meer voor.")
    ).to_be_visible()
    axe(page)
    page.context.clear_cookies()
    log_in(page, live_server, body_coordinator)
    response = page.goto(plan_url)
    assert response.status == 404
    axe(page)


def test_the_lead_withdraws_an_open_request_and_a_co_owner_leaves_the_draft(page, live_server, axe, people):
    from actionplans.models import ActionPlan
    from tests.factories import ActionPlanFactory, OrganisationFactory, co_owner

    plan = ActionPlanFactory(organisation=people.organisation_a, title=TITLE)
    co_owner(plan, people.organisation_b)
    co_owner(plan, OrganisationFactory(code="gm0310", name="De Bilt"), "aangevraagd")
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    plan_url = live_server.url + plan.get_absolute_url()

    # Utrecht's coordinator takes the open request to De Bilt back.
    log_in(page, live_server, people.coordinator_a)
    page.goto(plan_url)
    axe(page)
    owners = page.get_by_role("region", name="Eigenaren")
    owners.get_by_role("button", name="Verzoek aan De Bilt intrekken").click()
    expect(page.get_by_text("Het verzoek aan De Bilt is ingetrokken.")).to_be_visible()
    expect(page.get_by_role("button", name="Verzoek aan De Bilt intrekken")).to_have_count(0)
    axe(page)

    # Zwolle's coordinator leaves the draft: Zwolle no longer owns the plan.
    page.context.clear_cookies()
    log_in(page, live_server, coordinator_b)
    page.goto(plan_url)
    axe(page)
    page.get_by_role("button", name="Dit plan verlaten als Zwolle").click()
    expect(page.get_by_text("Zwolle is geen eigenaar meer van")).to_be_visible()
    axe(page)
    assert not ActionPlan.objects.owned_by(people.organisation_b).exists()
    assert page.goto(plan_url).status == 404


def test_a_co_owner_that_adopted_the_plan_withdraws_with_a_reason_the_lead_reads(page, live_server, axe, people):
    import datetime

    from actionplans.models import ActionPlan, OwnerStatus
    from tests.factories import ActionPlanFactory, co_owner, publish_plan

    plan = ActionPlanFactory(organisation=people.organisation_a, title=TITLE)
    co_owner(plan, people.organisation_b)
    plan = publish_plan(plan, people.coordinator_a)
    co_owner_row = PlanOwner.objects.get()
    owner_services.owner_adopt(
        owner=co_owner_row, user=None, adopted_on=datetime.date(2026, 2, 1), adopted_by="Gemeenteraad van Zwolle"
    )
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    plan_url = live_server.url + plan.get_absolute_url()

    # Zwolle's coordinator withdraws Zwolle; without a reason the form says what is missing.
    log_in(page, live_server, coordinator_b)
    page.goto(plan_url)
    axe(page)
    page.get_by_role("region", name="Eigenaren").get_by_role("link", name="Zwolle laten uittreden uit dit plan").click()
    expect(page.locator("h1")).to_have_text("Zwolle laten uittreden uit dit plan")
    axe(page)
    page.get_by_label("Reden van uittreden").fill("   ")
    page.get_by_role("button", name="Uittreden uit dit plan").click()
    expect(page.get_by_text("Geef aan waarom de organisatie uit het plan stapt.").first).to_be_visible()
    axe(page)
    page.get_by_label("Reden van uittreden").fill("De raad van Zwolle besloot op 3 november uit het plan te stappen.")
    page.get_by_role("button", name="Uittreden uit dit plan").click()
    expect(page.get_by_text(f"Zwolle is uitgetreden uit “{TITLE}”.")).to_be_visible()
    axe(page)
    assert PlanOwner.objects.get().status == OwnerStatus.LEFT
    assert not ActionPlan.objects.owned_by(people.organisation_b).exists()

    # Anybody: the public plan and Zwolle's organisation page no longer show it for Zwolle.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/organisaties/gm0193/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    axe(page)

    # Utrecht's coordinator reads who left and why, on the plan and in its history.
    log_in(page, live_server, people.coordinator_a)
    page.goto(plan_url)
    owners = page.get_by_role("region", name="Eigenaren")
    expect(owners.get_by_role("row", name="Zwolle")).to_have_count(0)
    expect(owners).to_contain_text("Uitgetreden")
    axe(page)
    owners.get_by_role("link", name="Zwolle").click()
    expect(page.get_by_text("De raad van Zwolle besloot op 3 november uit het plan te stappen.")).to_be_visible()
    axe(page)
    page.goto(plan_url + "geschiedenis/")
    expect(page.get_by_role("table")).to_contain_text("De raad van Zwolle besloot op 3 november")
    axe(page)


def test_the_lead_hands_the_plan_to_a_co_owner_whose_coordinator_takes_over(page, live_server, axe, people):
    from actionplans.models import ActionPlan
    from tests.factories import ActionPlanFactory, co_owner

    plan = ActionPlanFactory(organisation=people.organisation_a, title=TITLE)
    co_owner(plan, people.organisation_b)
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    plan_url = live_server.url + plan.get_absolute_url()

    log_in(page, live_server, people.coordinator_a)
    page.goto(plan_url)
    page.get_by_role("link", name="Leiding overdragen").click()
    expect(page.locator("h1")).to_have_text("Leiding overdragen")
    axe(page)
    page.get_by_label("Nieuwe leidende organisatie").select_option(label="Zwolle")
    page.get_by_role("button", name="Leiding aanbieden").click()
    expect(page.get_by_text("De leiding is aangeboden aan Zwolle.")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    log_in(page, live_server, coordinator_b)
    page.goto(plan_url)
    page.get_by_role("link", name="De overdracht").click()
    expect(page.locator("h1")).to_have_text(f"Leiding van “{TITLE}”")
    axe(page)
    page.get_by_role("button", name="Leiding overnemen").click()
    expect(page.get_by_text(f"Zwolle is nu de leidende organisatie van “{TITLE}”.")).to_be_visible()
    owners = page.get_by_role("region", name="Eigenaren")
    expect(owners.get_by_role("row", name="Zwolle")).to_contain_text("Leidend")
    expect(owners.get_by_role("row", name="Utrecht")).to_contain_text("Mede-eigenaar")
    axe(page)
    assert ActionPlan.objects.get().organisation == people.organisation_b
