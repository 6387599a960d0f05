"""The benchmark's data set: the real register of public bodies plus generated members and content.

Run as `python -m bench.generate_data [--scale 10] [--dry-run]` on a throwaway database; `make bench` and
`make audit` do that themselves. Tests call `call_command(Command(), ...)`.
"""

import os
import sys
from datetime import date, timedelta
from decimal import Decimal

import django

if __name__ == "__main__":  # run as a script: set Django up before the models are imported
    os.environ.setdefault("DEBUG", "true")  # a development tool on a throw-away database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from actionplans.indicators import load_common_indicators
from actionplans.models import (
    PLAN_SECTIONS,
    Action,
    ActionPlan,
    ActionStatus,
    AmbitionLevel,
    CommonIndicator,
    Goal,
    PlanStatus,
    ProductGroup,
    ReportedIndicatorValue,
    ReportStatus,
    ReportTender,
    YearReport,
)
from actionplans.product_groups import load_product_groups
from bench.sample import SAMPLE_ORGANISATION, bench_page_slug, bench_plan_uuid
from core.markdown import html_to_text, render_markdown, render_markdown_with_toc
from core.page_cache import every_kind_changed
from guidance.models import GuidancePage, PageStatus, Section, Theme
from guidance.services import search_words_refresh
from manifest.models import (
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Signature,
    SignatureStatus,
)

BENCH_EMAIL_DOMAIN = "bench.invalid"
# The realistic data set at scale 1; `--scale 10` makes the ten-times-larger one.
SIGNATURES = 150
PLANS = 120
GUIDANCE_PAGES = 60
MEMBERS_PER_ORGANISATION = 2
GOALS_PER_THEME = 5
ACTIONS_PER_GOAL = 10


class Command(BaseCommand):
    help = (
        "Fill an empty database with the benchmark's data set: the 375 public bodies, generated members and, "
        "once their apps exist, signatures, action plans and guidance pages. --scale 10 makes it ten times larger. "
        "Refuses a database that has accounts of real people."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply every generated count by this (1 or 10).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be made, keep nothing.")

    def handle(self, *args, scale=1, dry_run=False, verbosity=1, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        User = get_user_model()
        if User.objects.exclude(email__endswith="@" + BENCH_EMAIL_DOMAIN).exists():
            raise CommandError("This database has accounts of real people: use a throwaway database for benchmarks.")
        with transaction.atomic():
            call_command("load_public_bodies", verbosity=0)
            counts = {
                "organisations": generate_organisations(scale=scale),
                "memberships": generate_memberships(scale=scale),
                "themes": Theme.objects.count(),
                "signatures": generate_signatures(scale=scale),
                "plans": generate_plans(scale=scale),
                "guidance pages": generate_guidance_pages(scale=scale),
                "reported indicator values": generate_indicator_values(),
            }
            every_kind_changed()
            # After a bulk load the planner's statistics may still describe near-empty tables, and the
            # foreign-key checks PostgreSQL runs at commit (one per inserted row) would then scan whole tables
            # instead of using their primary keys: minutes instead of seconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(f"{'Would make' if dry_run else 'Made'} a data set at scale {scale}: {summary}.")


def generate_organisations(*, scale: int) -> int:
    """The real register (342 + 12 + 21 bodies), plus generated other public bodies up to `scale` times its size."""
    real = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(
            code=f"bench-{number:05d}", name=f"Benchmark-organisatie {number:05d}", kind=OrganisationKind.OTHER
        )
        for number in range(real * (scale - 1))
    )
    return Organisation.objects.count()


def generate_memberships(*, scale: int) -> int:
    """Two verified members per organisation (a coordinator and a member), with unusable passwords."""
    User = get_user_model()
    organisations = list(Organisation.objects.order_by("code"))
    users = User.objects.bulk_create(
        User(email=f"{organisation.code}-{number}@{BENCH_EMAIL_DOMAIN}", password=make_password(None))
        for organisation in organisations
        for number in range(MEMBERS_PER_ORGANISATION)
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            organisation=organisations[index // MEMBERS_PER_ORGANISATION],
            role=MembershipRole.COORDINATOR if index % MEMBERS_PER_ORGANISATION == 0 else MembershipRole.MEMBER,
            status=MembershipStatus.VERIFIED,
        )
        for index, user in enumerate(users)
    )
    return Membership.objects.count()


def spread(organisations: list[Organisation], count: int, *, first: str) -> list[Organisation]:
    """`count` organisations evenly over the register, `first` (the pages' sample) at the head."""
    count = min(count, len(organisations))
    step = len(organisations) / count
    chosen = [organisations[int(index * step)] for index in range(count)]
    sample = next(organisation for organisation in organisations if organisation.code == first)
    others = [organisation for organisation in chosen if organisation != sample]
    return [sample, *others[: count - 1]]


def generate_signatures(*, scale: int) -> int:
    """SIGNATURES * scale verified signatures of the current edition, spread over the register."""
    edition = ManifestEdition.objects.current()
    organisations = list(Organisation.objects.order_by("kind", "code"))
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            organisation=organisation,
            edition=edition,
            status=SignatureStatus.SIGNED,
            signatory_name=f"Bestuurder {number:05d}",
            signatory_role="wethouder duurzaamheid",
            decision_date=(now - timedelta(days=30 + number % 700)).date(),
            authority_confirmed=True,
            publication_consent=True,
            submitted_at=now - timedelta(days=number % 700),
            decided_at=now - timedelta(days=number % 700),
        )
        for number, organisation in enumerate(spread(organisations, SIGNATURES * scale, first=SAMPLE_ORGANISATION))
    )
    return Signature.objects.count()


def generate_plans(*, scale: int) -> int:
    """PLANS * scale action plans of 6 themes x 5 goals x 10 actions; every other one adopted and published."""
    themes = list(Theme.objects.order_by("order"))
    organisations = spread(
        list(Organisation.objects.order_by("kind", "code")), PLANS * scale, first=SAMPLE_ORGANISATION
    )
    sections = {text: BENCH_PLAN_TEXT for text, _html in PLAN_SECTIONS}
    sections_html = {html: render_markdown(BENCH_PLAN_TEXT) for _text, html in PLAN_SECTIONS}
    today = timezone.localdate()
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            uuid=bench_plan_uuid(organisation.code),
            organisation=organisation,
            title=f"Actieplan MVOI {organisation.name}",
            start_year=2026,
            end_year=2029,
            status=PlanStatus.PUBLISHED if number % 2 == 0 else PlanStatus.DRAFT,
            adopted_on=today if number % 2 == 0 else None,
            adopted_by="college van burgemeester en wethouders" if number % 2 == 0 else "",
            published_at=timezone.now() if number % 2 == 0 else None,
            **sections,
            **sections_html,
        )
        for number, organisation in enumerate(organisations)
    )
    for start in range(0, len(plans), 20):
        batch = plans[start : start + 20]
        goals = Goal.objects.bulk_create(
            Goal(
                plan=plan,
                theme=theme,
                title=f"Doel {goal_number + 1} voor {theme.name.lower()}",
                indicator="Aandeel inkopen met criteria",
                unit="%",
                baseline_value=10,
                baseline_year=2025,
                target_value=60,
                target_year=2029,
                order=theme_number * GOALS_PER_THEME + goal_number,
            )
            for plan in batch
            for theme_number, theme in enumerate(themes)
            for goal_number in range(GOALS_PER_THEME)
        )
        Action.objects.bulk_create(
            Action(
                goal=goal,
                title=f"Actie {action_number + 1}: criteria opnemen bij aanbesteding",
                owner="Team Inkoop",
                start_date=date(2026, 1, 1),
                due_date=date(2026, 1, 1) + timedelta(days=30 * (action_number + 1)),
                status=ACTION_STATUSES[action_number % len(ACTION_STATUSES)],
                progress=(action_number * 10) % 100,
                ambition_level=LEVELS[action_number % len(LEVELS)],
                order=action_number,
            )
            for goal in goals
            for action_number in range(ACTIONS_PER_GOAL)
        )
    tag_actions_and_report_tenders(themes)
    return ActionPlan.objects.count()


REPORT_YEARS = (2026, 2027, 2028)


def generate_indicator_values() -> int:
    """Submitted reports on three years for every plan, each with a value on every common indicator.

    The reports' snapshots stay minimal: the indicator monitor reads only the values. Follows the plans,
    so `--scale 10` gives ten times as many.
    """
    load_common_indicators()
    indicators = list(CommonIndicator.objects.all())
    plans = list(ActionPlan.objects.order_by("id").values_list("id", "organisation_id"))
    now = timezone.now()
    existing = set(YearReport.objects.values_list("plan_id", "year"))  # the published plans' tender reports
    YearReport.objects.bulk_create(
        YearReport(
            plan_id=plan_id,
            year=year,
            status=ReportStatus.SUBMITTED,
            snapshot={"themes": []},
            submitted_at=now,
        )
        for plan_id, _organisation_id in plans
        for year in REPORT_YEARS
        if (plan_id, year) not in existing
    )
    reports = list(YearReport.objects.filter(year__in=REPORT_YEARS).only("id", "plan_id", "year"))
    organisation_of = dict(plans)
    ReportedIndicatorValue.objects.bulk_create(
        (
            ReportedIndicatorValue(
                report=report,
                indicator=indicator,
                organisation_id=organisation_of[report.plan_id],
                year=report.year,
                value=(report.plan_id * 7 + indicator.pk * 3 + report.year) % 100,
            )
            for report in reports
            for indicator in indicators
        ),
        ignore_conflicts=True,  # an organisation with two plans reports once per indicator and year
        batch_size=2000,
    )
    return ReportedIndicatorValue.objects.count()


LEVELS = [AmbitionLevel.BASIC, AmbitionLevel.SIGNIFICANT, AmbitionLevel.AMBITIOUS]
TENDER_ROWS_PER_REPORT = 6


def tag_actions_and_report_tenders(themes) -> None:
    """Every action names two product groups; every published plan has a submitted report on 2026 with tenders."""
    load_product_groups()
    groups = list(ProductGroup.objects.order_by("name"))
    through = Action.product_groups.through
    # The ids are read first: a server-side cursor held open across the inserts made this take minutes.
    action_ids = list(Action.objects.order_by().values_list("id", flat=True))
    through.objects.bulk_create(
        (
            through(action_id=action_id, productgroup_id=groups[(action_id + offset) % len(groups)].pk)
            for action_id in action_ids
            for offset in (0, 7)
        ),
        batch_size=5000,
    )
    reports = YearReport.objects.bulk_create(
        YearReport(
            plan=plan,
            year=2026,
            status=ReportStatus.SUBMITTED,
            snapshot={"themes": [], "next_year": "", "year": 2026},
            submitted_at=timezone.now(),
        )
        for plan in ActionPlan.objects.published()
    )
    ReportTender.objects.bulk_create(
        ReportTender(
            report=report,
            product_group=groups[(number + row) % len(groups)],
            theme=themes[row % len(themes)],
            ambition_level=LEVELS[row % len(LEVELS)],
            tender_count=1 + row,
            contract_value=Decimal("250000.00") * (row + 1),
        )
        for number, report in enumerate(reports)
        for row in range(TENDER_ROWS_PER_REPORT)
    )


def generate_guidance_pages(*, scale: int) -> int:
    """GUIDANCE_PAGES * scale published pages of a realistic length, evenly over the six themes and sections."""
    themes = list(Theme.objects.order_by("order"))
    sections = list(Section.objects.order_by("order"))
    body_html, body_toc = render_markdown_with_toc(BENCH_PAGE_BODY)
    pages = GuidancePage.objects.bulk_create(
        GuidancePage(
            title=f"Vraag {number + 1:04d}: hoe koop ik maatschappelijk verantwoord in?",
            slug=bench_page_slug(number),
            summary="Een korte samenvatting van het antwoord op deze vraag over inkopen.",
            body=BENCH_PAGE_BODY,
            body_html=body_html,
            body_toc=body_toc,
            body_text=html_to_text(body_html),
            section=sections[number % len(sections)],
            order=number,
            status=PageStatus.PUBLISHED,
        )
        for number in range(GUIDANCE_PAGES * scale)
    )
    GuidancePage.themes.through.objects.bulk_create(
        GuidancePage.themes.through(guidancepage=page, theme=themes[number % len(themes)])
        for number, page in enumerate(pages)
    )
    # The same search vectors GuidancePage.save() writes, in one statement for all pages.
    GuidancePage.objects.update(
        search_vector=SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("body_text", weight="C", config="dutch")
    )
    search_words_refresh()  # the search's word list, as the services keep it
    return GuidancePage.objects.count()


ACTION_STATUSES = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.IN_PROGRESS]

BENCH_PLAN_TEXT = (
    "De gemeente koopt jaarlijks voor vele miljoenen in. Met dit actieplan maken we die inkoop "
    "**maatschappelijk verantwoord**: minder CO2, meer circulair, eerlijke ketens en werk voor mensen "
    "met afstand tot de arbeidsmarkt.\n\n- Draagvlak bij het college\n- Criteria in elke aanbesteding\n"
    "- Jaarlijkse monitoring"
)

BENCH_PAGE_BODY = "\n\n".join(
    f"## Stap {step}\n\n" + "Maatschappelijk verantwoord opdrachtgeven en inkopen begint met een duidelijke ambitie. "
    "Bepaal welke productgroepen de meeste impact hebben, spreek met de markt en neem criteria op "
    "in de aanbesteding. Volg de uitvoering in het contractmanagement. " * 4
    for step in range(1, 7)
)


if __name__ == "__main__":
    Command().run_from_argv(["manage.py", "generate_bench_data", *sys.argv[1:]])
