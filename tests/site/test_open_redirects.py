"""No `next` address sends a person off the portal: after logging in, the code step, the admin's login or a
membership request, a foreign address is replaced by one of the portal's own pages."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory, give_totp_authenticator, totp_code
from tests.users import log_in_as

pytestmark = pytest.mark.django_db

FOREIGN = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    " https://evil.example/",
    "http://testserver.evil.example/",
]


def stays_on_the_portal(location: str) -> bool:
    parts = urlsplit(location)
    return parts.scheme in {"", "http", "https"} and parts.netloc in {"", "testserver"} and location.startswith("/")


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("next_url", FOREIGN)
def test_logging_in_with_a_foreign_next_address_stays_on_the_portal(client, next_url):
    UserFactory(email="inkoper@utrecht.nl")
    response = client.post(
        with_next("account_login", next_url), {"login": "inkoper@utrecht.nl", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert stays_on_the_portal(response["Location"]), response["Location"]


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_code_step_with_a_foreign_next_address_stays_on_the_portal(client, people, next_url):
    log_in_as(client, people, "staff_without_code")
    response = client.post(with_next("mfa_reauthenticate", next_url), {"code": totp_code()})
    assert response.status_code == 302, "the code step refused the code"
    assert stays_on_the_portal(response["Location"]), response["Location"]


@pytest.mark.parametrize("next_url", FOREIGN)
@pytest.mark.parametrize("person", ["anonymous", "staff", "staff_without_code", "member_a"])
def test_the_admin_login_with_a_foreign_next_address_stays_on_the_portal(client, people, person, next_url):
    log_in_as(client, people, person)
    response = client.get(with_next("admin:login", next_url))
    assert response.status_code == 302
    assert stays_on_the_portal(response["Location"]), response["Location"]
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("next_url", FOREIGN)
def test_a_membership_request_with_a_foreign_next_address_stays_on_the_portal(client, next_url):
    OrganisationFactory(code="gm0193", name="Gemeente Zwolle")
    client.force_login(UserFactory(email="inkoper@zwolle.nl"))
    response = client.post(with_next("manifest:membership_request", next_url), {"organisation": "gm0193"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_a_next_address_of_the_portal_itself_is_followed(client):
    give_totp_authenticator(UserFactory(email="inkoper@utrecht.nl"))
    response = client.post(
        with_next("account_login", "/manifest/ondertekenen/"),
        {"login": "inkoper@utrecht.nl", "password": TEST_PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response["Location"] == "/manifest/ondertekenen/"
