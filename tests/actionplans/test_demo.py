import io

import pytest

from accounts.demo import load_demo_content as load_demo_staff
from actionplans.demo import UTRECHT_TITLE, ZWOLLE_EARLIER_TITLE, ZWOLLE_TITLE, load_demo_content
from actionplans.models import ActionPlan, PlanStatus, ReviewStatus
from manifest.demo import load_demo_content as load_demo_members

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


def test_demo_body_prepares_a_draft_for_one_of_the_two_members_that_let_it(people):
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
    assert plan.status == PlanStatus.DRAFT and plan.organisation.code == "gm1904"
    assert plan.created_by.email == "inkoop@vechtenvenen.example"
    assert ActionPlan.objects.visible_to(plan.created_by).get() == plan
