"""Every account page renders inside the portal layout, in Dutch and English, without inline code."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory, give_totp_authenticator

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_reset_password_from_key_done",
    "account_inactive",
]
LOGGED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
]


def assert_portal_page(response, language="nl"):
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert '<main id="main-content"' in html
    assert 'aria-label="Hoofdnavigatie"' in html or 'aria-label="Main navigation"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert " style=" not in html
    # Every visible input has a label.
    for input_id in re.findall(r'<(?:input|textarea|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, f"input {input_id} has no label"
    return html


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anonymous_account_pages_use_the_portal_layout(client, name, prefix):
    language = "en" if prefix else "nl"
    assert_portal_page(client.get(prefix + reverse(name)), language)


@pytest.mark.parametrize("name", LOGGED_IN_PAGES)
def test_account_settings_pages_use_the_portal_layout(client, name):
    client.force_login(give_totp_authenticator(UserFactory()).user)
    html = assert_portal_page(client.get(reverse(name)))
    assert 'href="/mijn-omgeving/"' in html


@pytest.mark.parametrize("name", [name for name in LOGGED_IN_PAGES if name != "account_logout"])
def test_account_settings_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_two_factor_pages_after_confirming_the_password_use_the_portal_layout(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    html = assert_portal_page(client.get(reverse("mfa_activate_totp")))
    assert re.search(r'<img class="mvoi-qr-code" src="data:image/svg\+xml;base64,', html)
    give_totp_authenticator(user)
    for name in ("mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        assert_portal_page(client.get(reverse(name)))


def test_two_factor_step_at_login_uses_the_portal_layout():
    client = Client()
    user = give_totp_authenticator(UserFactory()).user
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert_portal_page(client.get(reverse("mfa_authenticate")))


def test_broken_links_get_a_portal_page_that_explains(client):
    html = assert_portal_page(client.get(reverse("account_confirm_email", args=["not-a-key"])))
    assert "Deze bevestigingslink is verlopen of ongeldig." in html
    html = assert_portal_page(client.get("/account/password/reset/key/1-not-a-key/"))
    assert "Link niet meer geldig" in html


def test_password_reset_for_an_unknown_address_tells_the_address_owner(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "onbekend@utrecht.nl"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert [message.to for message in mailoutbox] == [["onbekend@utrecht.nl"]]
    assert mailoutbox[0].subject == "[MVOI-portaal] Geen account met dit e-mailadres"
    assert "http://testserver/account/signup/" in mailoutbox[0].body


def test_password_reset_mail_is_in_the_portal_wording(client, mailoutbox):
    UserFactory(email="inkoper@utrecht.nl")
    client.post(reverse("account_reset_password"), {"email": "inkoper@utrecht.nl"})
    (message,) = mailoutbox
    assert message.subject == "[MVOI-portaal] Kies een nieuw wachtwoord"
    assert "http://testserver/account/password/reset/key/" in message.body
    assert "De link werkt één keer." in message.body


def test_page_asking_for_a_verified_email_uses_the_portal_layout(rf):
    from django.template.loader import render_to_string

    request = rf.get("/manifest/ondertekenen/")
    request.user = UserFactory(verified=False)
    html = render_to_string("account/verified_email_required.html", request=request)
    assert '<h1 class="utrecht-heading-1">Bevestig eerst uw e-mailadres</h1>' in html
    assert '<main id="main-content"' in html
