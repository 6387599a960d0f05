"""The benchmark's data set: the real register of public bodies plus generated members and content."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guidance.models import Theme
from manifest.models import Membership, MembershipRole, MembershipStatus, Organisation, OrganisationKind

BENCH_EMAIL_DOMAIN = "bench.invalid"
# The realistic data set at scale 1; `--scale 10` makes the ten-times-larger one.
SIGNATURES = 150
PLANS = 120
GUIDANCE_PAGES = 60
MEMBERS_PER_ORGANISATION = 2


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
            }
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
            code=f"bench-{number:05d}", name=f"Benchmark-organisatie {number:05d}", kind=OrganisationKind.OVERIG
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


def _not_landed_yet(model: str) -> None:
    """Generators below make nothing while their app has not landed; once its model exists they must be written."""
    app_label, model_name = model.split(".")
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return
    raise NotImplementedError(f"{model} exists now: write its generator in generate_bench_data.py.")


# --- To fill in when the apps land (the lead) --------------------------------------------------


def generate_signatures(*, scale: int) -> int:
    """SIGNATURES * scale approved signatures of the manifest, spread over the organisations."""
    _not_landed_yet("manifest.Signature")
    return 0


def generate_plans(*, scale: int) -> int:
    """PLANS * scale action plans of 6 themes x 5 goals x 10 actions, about half of them published."""
    _not_landed_yet("actionplans.ActionPlan")
    return 0


def generate_guidance_pages(*, scale: int) -> int:
    """GUIDANCE_PAGES * scale published guidance pages, evenly over the six themes."""
    _not_landed_yet("guidance.GuidancePage")
    return 0
