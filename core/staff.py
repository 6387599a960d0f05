"""What VNG staff may do beyond a member, decided in one place.

A staff account (`is_staff`) has staff powers only in a session that passed the second factor: the code
from an authenticator app (or a recovery code) at login, at reauthentication or when the app was set up.
Having an authenticator is not enough; a session opened another way (before the app was set up, say)
must enter a code first. `has_staff_powers(user)` is the one predicate: the admin site, the querysets
(`ActionPlan.objects.visible_to`, `Signature.objects.visible_to`), the permission getters, the staff-only
views and the services all ask it. With ADMIN_REQUIRES_MFA off (development only) the second factor is
not asked for.

`StaffSessionMiddleware` marks `request.user` with whether the session passed the second factor, so the
predicate needs only the user. A user loaded outside a request (a command, a shell) carries no mark and
has no staff powers.
"""

from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SESSION_MARK = "passed_second_factor"


class SecondFactorRequired(PermissionDenied):
    """A staff account asked for staff powers in a session that did not pass the second factor."""


def is_staff_account(user) -> bool:
    """An active account of a VNG staff member, whatever the session."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def has_staff_powers(user) -> bool:
    """A VNG staff member in a session that passed the second factor: may do more than a member."""
    if not is_staff_account(user):
        return False
    return not settings.ADMIN_REQUIRES_MFA or getattr(user, SESSION_MARK, False)


def require_staff_powers(user) -> None:
    """The service-level guard: PermissionDenied for non-staff, SecondFactorRequired for staff without the code."""
    if has_staff_powers(user):
        return
    if is_staff_account(user):
        raise SecondFactorRequired("Staff powers need a session that passed the second factor.")
    raise PermissionDenied("VNG staff only.")


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request, user) -> bool:
    """allauth records each authentication step of the session; one of them must be the second factor."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def second_factor_response(request, next_url: str | None = None):
    """Lead a staff member without a two-factor session on: set up an authenticator app, or enter its code."""
    if not has_authenticator(request.user):
        messages.warning(request, _("Set up two-factor authentication first: VNG staff tasks need it."))
        return redirect("mfa_activate_totp")
    if next_url is None:
        # After the code, a GET comes back where it was; a POST is not repeated behind the person's back.
        next_url = request.get_full_path() if request.method in {"GET", "HEAD"} else request.path
    messages.info(request, _("Enter the code from your authenticator app to continue with VNG staff tasks."))
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")


def staff_code_url(request) -> str | None:
    """For a staff account without the second factor in this session: where to enter the code (or set up an app)."""
    if not is_staff_account(request.user) or has_staff_powers(request.user):
        return None
    if not has_authenticator(request.user):
        return reverse("mfa_activate_totp")
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"


def staff_required(view):
    """For views only VNG staff may open: log in first, then the second factor; everybody else gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_staff_powers(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def record_second_factor_at_setup(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator app means entering a code from it: that session passed the second factor."""
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    # allauth's own record of an authentication step, as its code step writes it.
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


class StaffSessionMiddleware:
    """Marks `request.user` with whether the session passed the second factor; turns SecondFactorRequired
    into the way to it (set up an app, or enter its code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: self._marked_user(request))
        return self.get_response(request)

    @staticmethod
    def _marked_user(request):
        user = get_user(request)  # the user AuthenticationMiddleware loads, cached on the request
        setattr(user, SESSION_MARK, user.is_authenticated and session_passed_second_factor(request, user))
        return user

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorRequired) and is_staff_account(request.user):
            return second_factor_response(request)
        return None


@checks.register(checks.Tags.security, deploy=True)
def check_second_factor_required(app_configs=None, **kwargs):
    """`manage.py check --deploy` warns when staff powers need no second factor, as `make run` sets for the demo."""
    if settings.ADMIN_REQUIRES_MFA:
        return []
    return [
        checks.Warning(
            "ADMIN_REQUIRES_MFA is off: a stolen staff password alone gives staff powers.",
            hint="Leave ADMIN_REQUIRES_MFA unset (true) in production; only the demo of `make run` switches it off.",
            id="core.W001",
        )
    ]
