import io

import pytest

from actionplans.demo import UTRECHT_TITLE, ZWOLLE_TITLE, load_demo_content
from actionplans.models import ActionPlan, PlanStatus

pytestmark = pytest.mark.django_db


def test_demo_gives_a_published_plan_for_utrecht_and_a_draft_for_zwolle_once(people):
    for _ in range(2):
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    assert ActionPlan.objects.get(title=UTRECHT_TITLE).status == PlanStatus.PUBLISHED
    assert ActionPlan.objects.get(title=ZWOLLE_TITLE).status == PlanStatus.DRAFT
    assert ActionPlan.objects.count() == 2


def test_demo_plan_of_utrecht_has_submitted_reports_on_2024_and_2025(people):
    load_demo_content(stdout=io.StringIO(), verbosity=0)
    plan = ActionPlan.objects.get(title=UTRECHT_TITLE)
    assert list(plan.reports.submitted().values_list("year", flat=True).order_by("year")) == [2024, 2025]


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
