"""Sample content at the public pages' addresses; a throwaway PostgreSQL cluster and production-like
gunicorn servers for the fault and scale-out tests."""

import pytest
from django.utils import timezone

from actionplans.indicators import load_common_indicators
from actionplans.models import CommonIndicator, ReportedIndicatorValue, YearReport
from bench.sample import bench_page_slug, bench_plan_uuid
from bench.servers import Cluster, collect_static, manage, production_environment
from manifest.models import Organisation, OrganisationKind, Signature
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    GuidancePageFactory,
    OrganisationFactory,
    ProductGroupFactory,
    SignatureFactory,
)

TEMPLATE_DATABASE = "portal_template"
SEED = """
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
utrecht = OrganisationFactory(code="gm0344", name="Utrecht", cbs_code="GM0344")
OrganisationFactory(code="gm0193", name="Zwolle", cbs_code="GM0193")
UserFactory(email="lid@utrecht.example", full_name="Lid Utrecht")
"""


@pytest.fixture(scope="session")
def throwaway_cluster():
    cluster = Cluster()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session")
def _portal_template(throwaway_cluster, tmp_path_factory):
    """A migrated database with two organisations and one person, copied for every test; and static files."""
    static_root = tmp_path_factory.mktemp("static")
    environment = production_environment(
        throwaway_cluster.create_database(TEMPLATE_DATABASE), STATIC_ROOT=str(static_root)
    )
    manage("migrate", "--no-input", "-v", "0", environment=environment)
    manage("createcachetable", environment=environment)
    manage("shell", "--no-imports", "-c", SEED, environment=environment)
    collect_static(static_root, environment)
    return static_root


@pytest.fixture
def portal_environment(throwaway_cluster, _portal_template, request):
    """The environment of `make serve` against a fresh copy of the seeded database."""
    name = "portal_" + request.node.name.lower()[:40].replace("[", "_").replace("]", "")
    url = throwaway_cluster.create_database(name, template=TEMPLATE_DATABASE)
    return production_environment(url, STATIC_ROOT=str(_portal_template))


@pytest.fixture
def sample_content(people):
    """What the public pages show, at the benchmark's stable addresses: a signature, a published plan, a page.

    Returns `people`, whose organisation A (Utrecht) the content belongs to.
    """
    utrecht = people.organisation_a
    SignatureFactory(organisation=utrecht)
    plan = ActionPlanFactory(
        organisation=utrecht,
        uuid=bench_plan_uuid(utrecht.code),
        status="gepubliceerd",
        adopted_on="2026-03-01",
        published_at="2026-03-02T10:00:00+01:00",
    )
    catering = ProductGroupFactory(name="Catering")
    for _goal in range(6):
        goal = GoalFactory(plan=plan)
        for _action in range(10):
            ActionFactory(goal=goal, ambition_level="significant").product_groups.add(catering)
    # A submitted report with a value on every common indicator, for the indicator monitor's open data.
    load_common_indicators()
    report = YearReport.objects.create(
        plan=plan, year=2026, status="ingediend", snapshot={"themes": []}, submitted_at=timezone.now()
    )
    ReportedIndicatorValue.objects.bulk_create(
        ReportedIndicatorValue(report=report, indicator=indicator, organisation=utrecht, year=2026, value=12)
        for indicator in CommonIndicator.objects.all()
    )
    GuidancePageFactory(slug=bench_page_slug(0), body="## Aanbesteding\n\n" + "Een alinea over inkopen. " * 200)
    # Enough public bodies for the register's fifth page, which the benchmark's data set has too, and
    # enough signatures for the open data to gain from compression whatever gzip's random padding.
    others = Organisation.objects.bulk_create(OrganisationFactory.build_batch(200, kind=OrganisationKind.OTHER))
    Signature.objects.bulk_create(SignatureFactory.build(organisation=organisation) for organisation in others[:5])
    return people
