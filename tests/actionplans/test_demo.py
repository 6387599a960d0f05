import io

import pytest

from accounts.demo import load_demo_content as load_demo_staff
from actionplans.demo import UTRECHT_TITLE, ZWOLLE_EARLIER_TITLE, ZWOLLE_TITLE, load_demo_content
from actionplans.ladder import annotate_stage
from actionplans.models import ActionPlan, PlanStatus, ReviewStatus
from manifest.demo import load_demo_content as load_demo_members
from manifest.ladder import Stage
from manifest.models import Signature
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_gives_a_published_plan_for_utrecht_and_a_draft_for_zwolle_once(people):
    for _ in range(2):
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    assert ActionPlan.objects.get(title=UTRECHT_TITLE).status == PlanStatus.PUBLISHED
    assert ActionPlan.objects.get(title=ZWOLLE_TITLE).status == PlanStatus.DRAFT
    assert ActionPlan.objects.get(title=ZWOLLE_EARLIER_TITLE).status == PlanStatus.ADOPTED
    assert ActionPlan.objects.count() == 3


def test_demo_plan_of_utrecht_has_submitted_reports_on_2024_and_2025(people):
    load_demo_content(stdout=io.StringIO(), verbosity=0)
    plan = ActionPlan.objects.get(title=UTRECHT_TITLE)
    assert list(plan.reports.submitted().values_list("year", flat=True).order_by("year")) == [2024, 2025]


def test_demo_has_a_reviewed_plan_and_one_with_feedback_waiting_for_a_reply(people):
    load_demo_staff(stdout=io.StringIO(), verbosity=0)
    load_demo_members(stdout=io.StringIO(), verbosity=0)
    load_demo_content(stdout=io.StringIO(), verbosity=0)
    utrecht = ActionPlan.objects.get(title=UTRECHT_TITLE)
    assert utrecht.reviews.get().status == ReviewStatus.COMPLETED
    assert utrecht.reviews.get().findings.filter(reply__isnull=False).exists()
    waiting = ActionPlan.objects.get(title=ZWOLLE_EARLIER_TITLE).reviews.get()
    assert waiting.status == ReviewStatus.FEEDBACK
    assert waiting.findings.filter(status="aandacht_nodig").exists()
    assert not waiting.findings.filter(reply__isnull=False).exists()


def test_demo_plan_of_utrecht_has_showcases_one_of_them_featured_on_the_home_page(people, client):
    load_demo_content(stdout=io.StringIO(), verbosity=0)
    plan = ActionPlan.objects.get(title=UTRECHT_TITLE)
    assert plan.showcases.count() == 3
    featured = plan.showcases.get(is_featured=True)
    assert featured.result in client.get("/").content.decode()


def test_demo_puts_signatories_on_every_step_one_behind_schedule_and_one_with_an_extension(people):
    for code, name in [("gm0363", "Amsterdam"), ("gm0014", "Groningen"), ("gm0150", "Deventer")]:
        OrganisationFactory(code=code, name=name)
    for code, name in [("pv26", "Utrecht"), ("gm0772", "Eindhoven"), ("gm0202", "Arnhem"), ("gm0268", "Nijmegen")]:
        OrganisationFactory(code=code, name=name)
    for _ in range(2):
        load_demo_members(stdout=io.StringIO(), verbosity=0)
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    rows = {s.organisation.code: s for s in annotate_stage(Signature.objects.public().select_related("organisation"))}
    assert {row.stage for row in rows.values()} == set(Stage.values)
    assert [code for code, row in rows.items() if row.behind_schedule] == ["gm0014"]
    assert [code for code, row in rows.items() if row.extended_until] == ["gm0150"]


def test_demo_plan_of_utrecht_reports_on_common_indicators_that_the_indicator_monitor_adds_up(people, client):
    from django.urls import reverse

    from actionplans.models import ReportedIndicatorValue

    load_demo_content(stdout=io.StringIO(), verbosity=0)
    values = {(value.indicator.code, value.year): str(value.value) for value in ReportedIndicatorValue.objects.all()}
    assert values[("co2-reductie", 2024)] == "5000.00"
    assert values[("circulaire-inkoop", 2025)] == "30.00"
    assert values[("social-return-aandeel", 2025)] == "3.50"
    page = client.get(reverse("monitor:indicators")).content.decode()
    assert "CO2-reductie door inkoop" in page and "10000" in page


def test_demo_body_prepares_a_joint_plan_of_the_two_members_that_let_it_adopted_by_both(people):
    from actionplans.demo import STICHTSE_VECHT_TITLE
    from manifest.models import Organisation, PreparationMandate
    from tests.factories import OrganisationFactory

    for code, name in [("gm1904", "Stichtse Vecht"), ("gm0736", "De Ronde Venen"), ("gm0589", "Oudewater")]:
        if not Organisation.objects.filter(code=code).exists():
            OrganisationFactory(code=code, name=name)
    for _ in range(2):
        load_demo_members(stdout=io.StringIO(), verbosity=0)
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    granted = PreparationMandate.objects.active().values_list("member__code", flat=True)
    assert sorted(granted) == ["gm0736", "gm1904"]
    plan = ActionPlan.objects.get(title=STICHTSE_VECHT_TITLE)
    assert plan.status == PlanStatus.ADOPTED and plan.organisation.code == "gm1904"
    assert plan.created_by.email == "inkoop@vechtenvenen.example"
    assert ActionPlan.objects.visible_to(plan.created_by).get() == plan
    # Joint with De Ronde Venen, which accepted; one goal has a target per owner; both adopted it.
    from actionplans.models import OwnerTarget, adoption_of

    co_owner = plan.co_owners.get()
    assert (co_owner.organisation.code, co_owner.status) == ("gm0736", "geaccepteerd")
    assert adoption_of(plan, plan.organisation) and adoption_of(plan, co_owner.organisation)
    targets = OwnerTarget.objects.filter(goal__plan=plan, goal__targets_per_owner=True)
    assert sorted(targets.values_list("organisation__code", flat=True)) == ["gm0736", "gm1904"]
    assert ActionPlan.objects.owned_by(co_owner.organisation).get() == plan
