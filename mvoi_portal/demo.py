"""Demo content for `make run`: people, memberships and each app's example content.

Each app adds its own `load_demo_content(stdout, verbosity)` to DEMO_LOADERS below.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from actionplans.demo import load_demo_content as load_demo_action_plans
from manifest import demo as manifest_demo
from manifest.models import Membership, MembershipRole, MembershipStatus, Organisation

DEMO_PASSWORD = "mvoi-demo-2026"  # noqa: S105 - development only; the command refuses to run with DEBUG off

DEMO_PEOPLE = [
    # (e-mail, name, organisation code, role, description)
    ("redactie@vng.example", "Vera VNG", None, None, "VNG staff (admin at /admin/)"),
    ("inkoop@utrecht.example", "Ufuk Utrecht", "gm0344", MembershipRole.COORDINATOR, "coordinator, Gemeente Utrecht"),
    ("lid@utrecht.example", "Uma Utrecht", "gm0344", MembershipRole.MEMBER, "member, Gemeente Utrecht"),
    ("inkoop@zwolle.example", "Zeno Zwolle", "gm0193", MembershipRole.COORDINATOR, "coordinator, Gemeente Zwolle"),
]

# Loaders of the apps' demo content, run in this order after the people exist.
DEMO_LOADERS: list = [manifest_demo.load_demo_content, load_demo_action_plans]


@transaction.atomic
def load_demo_people(*, dry_run: bool = False) -> list[tuple[str, str]]:
    User = get_user_model()
    logins = []
    for email, name, code, role, description in DEMO_PEOPLE:
        logins.append((email, description))
        if dry_run:
            continue
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = code is None
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if code:
            Membership.objects.update_or_create(
                user=user,
                organisation=Organisation.objects.get(code=code),
                defaults={"role": role, "status": MembershipStatus.VERIFIED},
            )
    return logins


def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> list[tuple[str, str]]:
    logins = load_demo_people(dry_run=dry_run)
    if not dry_run:
        for loader in DEMO_LOADERS:
            loader(stdout=stdout, verbosity=verbosity)
        bump_every_content_version()
    return logins


def bump_every_content_version() -> None:
    """Loaders may write in bulk, past the signals: make every cached public page stale."""
    from actionplans.cache import PLAN_CONTENT
    from guidance.cache import GUIDANCE_CONTENT
    from manifest.cache import REGISTER_CONTENT

    for content in (GUIDANCE_CONTENT, REGISTER_CONTENT, PLAN_CONTENT):
        content.bump()
