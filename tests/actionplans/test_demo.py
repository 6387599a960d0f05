import io

import pytest

from actionplans.demo import UTRECHT_TITLE, ZWOLLE_TITLE, load_demo_content
from actionplans.ladder import annotate_stage
from actionplans.models import ActionPlan, PlanStatus
from manifest.demo import load_demo_content as load_manifest_demo
from manifest.ladder import Stage
from manifest.models import Signature
from tests.factories import OrganisationFactory

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


def test_demo_puts_signatories_on_every_step_one_behind_schedule_and_one_with_an_extension(people):
    for code, name in [("gm0363", "Amsterdam"), ("gm0014", "Groningen"), ("gm0150", "Deventer")]:
        OrganisationFactory(code=code, name=name)
    for code, name in [("gm0772", "Eindhoven"), ("gm0202", "Arnhem"), ("gm0268", "Nijmegen")]:
        OrganisationFactory(code=code, name=name)
    for _ in range(2):
        load_manifest_demo(stdout=io.StringIO(), verbosity=0)
        load_demo_content(stdout=io.StringIO(), verbosity=0)
    rows = {s.organisation.code: s for s in annotate_stage(Signature.objects.public().select_related("organisation"))}
    assert {row.stage for row in rows.values()} == set(Stage.values)
    assert [code for code, row in rows.items() if row.behind_schedule] == ["gm0014"]
    assert [code for code, row in rows.items() if row.extended_until] == ["gm0150"]
