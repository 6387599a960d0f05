import io

import pytest

from actionplans.demo import UTRECHT_TITLE, ZWOLLE_TITLE, load_demo_content
from actionplans.models import ActionPlan, PlanStatus

pytestmark = pytest.mark.django_db


def test_demo_gives_a_published_plan_for_utrecht_and_a_draft_for_zwolle_once(people):
    for _ in range(2):
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    assert ActionPlan.objects.get(title=UTRECHT_TITLE).status == PlanStatus.GEPUBLICEERD
    assert ActionPlan.objects.get(title=ZWOLLE_TITLE).status == PlanStatus.CONCEPT
    assert ActionPlan.objects.count() == 2
