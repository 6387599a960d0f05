"""Demo login for `make run`: a VNG staff member who may use the admin."""

from allauth.account.models import EmailAddress

from accounts.models import User
from core.demo import DEMO_PASSWORD

STAFF_EMAIL = "redactie@vng.example"


def demo_user(email: str, full_name: str, *, is_staff: bool = False) -> User:
    """A demo user with a verified address and the demo password (made once, kept as it is after that)."""
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
    user.is_staff = user.is_superuser = is_staff
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> list[tuple[str, str]]:
    if not dry_run:
        demo_user(STAFF_EMAIL, "Vera VNG", is_staff=True)
    return [(STAFF_EMAIL, "VNG staff (admin at /admin/)")]
