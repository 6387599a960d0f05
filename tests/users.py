from dataclasses import dataclass

from django.contrib.auth import get_user_model

from manifest.models import Organisation

User = get_user_model()


@dataclass
class People:
    """The named people every permission test walks through."""

    anonymous: None
    member_a: User
    coordinator_a: User
    member_b: User
    staff: User
    organisation_a: Organisation
    organisation_b: Organisation


def log_in_with_two_factor(client, user):
    """Log `user` in as a person does: the password, then the code from the authenticator app.

    Gives `user` the test authenticator when they have none. Returns the user as the portal sees them in
    that session (with staff powers, for VNG staff). allauth accepts each code once: log the same user in
    at most once per 30 seconds.
    """
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    from tests.factories import TEST_PASSWORD, give_totp_authenticator, totp_code

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        give_totp_authenticator(user)
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"), response
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302, "the code step refused the code"
    return client.get(reverse("accounts:dashboard")).wsgi_request.user


def log_in(client, user):
    """Log `user` in for a permission test: VNG staff through the real code step, others directly."""
    if user is None:
        return None
    if user.is_staff:
        return log_in_with_two_factor(client, user)
    client.force_login(user)
    return user


# The two ways a staff account without staff powers is led on (see core/staff.py).
CODE_STEP = "/account/2fa/reauthenticate/"
SET_UP_APP = "/account/2fa/totp/activate/"
# People in permission tests: besides `People`, VNG staff in a session without the code step (with an
# authenticator app) and without any authenticator app. "staff" itself logs in through the code step.
STAFF_VARIANTS = ["staff_without_code", "staff_without_app"]


def log_in_as(client, people, person: str):
    """Log `client` in as one of the people of a permission test; returns the user (None for anonymous)."""
    from tests.factories import give_totp_authenticator

    if person == "staff_without_code":
        give_totp_authenticator(people.staff)
        client.force_login(people.staff)
        return people.staff
    if person == "staff_without_app":
        client.force_login(people.staff)
        return people.staff
    return log_in(client, getattr(people, person))
