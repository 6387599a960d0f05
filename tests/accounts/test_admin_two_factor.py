"""VNG staff reach the admin only with two-factor authentication; nobody else reaches it at all."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory, give_totp_authenticator, totp_code
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db
ADMIN = reverse("admin:index")


def test_anonymous_visitor_of_the_admin_is_sent_to_the_portal_login(client):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=%2Fadmin%2F"
    assert '<h1 class="utrecht-heading-1">Inloggen</h1>' in response.content.decode()


@pytest.mark.django_db(transaction=True)  # allauth records the new app once the transaction commits, as in production
def test_staff_without_authenticator_is_led_to_set_one_up_before_the_admin(client, people):
    client.force_login(people.staff)
    response = client.get(ADMIN, follow=True)
    urls = [url for url, _status in response.redirect_chain]
    assert reverse("mfa_activate_totp") in urls
    # Setting up an authenticator first asks for the password again.
    assert urls[-1].startswith(reverse("account_reauthenticate"))
    assert "Stel eerst tweestapsverificatie in: die is nodig voor uw taken als VNG-medewerker." in (
        response.content.decode()
    )

    response = client.post(urls[-1], {"password": TEST_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    html = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Authenticator-app instellen</h1>' in html
    assert re.search(r'<img class="mvoi-qr-code" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR-code', html)
    secret = re.search(r'<code class="mvoi-secret" id="authenticator-secret">([A-Z2-7]+)</code>', html).group(1)
    assert client.get(ADMIN).status_code == 302

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    # Entering a code from the new app is the second factor for this session.
    # Next come the recovery codes, for when the phone is lost.
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert len(re.findall(r"<li><code>\d{8}</code></li>", response.content.decode())) == 10
    assert Authenticator.objects.filter(user=people.staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(ADMIN).status_code == 200


def test_staff_with_authenticator_in_a_session_without_the_code_enter_it_before_the_admin(client, people):
    """A session opened without the code (before the app was set up, say) is not enough."""
    give_totp_authenticator(people.staff)
    client.force_login(people.staff)
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"
    html = response.content.decode()
    assert "Vul de code uit uw authenticator-app in om verder te gaan met uw taken als VNG-medewerker." in html
    assert client.get(ADMIN).status_code == 302

    response = client.post(f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F", {"code": totp_code()})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_staff_who_already_entered_the_code_are_sent_on_from_the_admin_login(client, people):
    log_in_with_two_factor(client, people.staff)
    response = client.get(reverse("admin:login") + "?next=/admin/manifest/")
    assert response["Location"] == "/admin/manifest/"


def test_wrong_code_when_setting_up_gets_a_clear_message(client, people):
    client.force_login(people.staff)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Verbeter het volgende" in response.content.decode()
    assert not Authenticator.objects.filter(user=people.staff).exists()


def test_staff_with_authenticator_logs_in_with_password_and_code_and_opens_the_admin(client, people):
    give_totp_authenticator(people.staff)
    response = client.get(ADMIN, follow=True)
    login_url = response.redirect_chain[-1][0]

    response = client.post(login_url, {"login": people.staff.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    # Password alone is not enough: no admin yet.
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))
    two_factor_step = client.get(reverse("mfa_authenticate")).content.decode()
    assert '<h1 class="utrecht-heading-1">Vul uw code in</h1>' in two_factor_step

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response["Location"] == ADMIN
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert "MVOI-portaal beheer" in response.content.decode()


def test_wrong_code_at_login_is_refused_with_a_clear_message(client, people):
    give_totp_authenticator(people.staff)
    client.post(reverse("account_login"), {"login": people.staff.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "123456" if totp_code() != "123456" else "654321"})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get(ADMIN).status_code == 302


@pytest.mark.parametrize("who", ["member_a", "coordinator_a", "member_b"])
def test_non_staff_never_gets_the_admin_even_with_two_factor(client, people, who):
    user = getattr(people, who)
    give_totp_authenticator(user)
    client.force_login(user)
    for url in (ADMIN, reverse("admin:accounts_user_changelist")):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
        assert "Het beheer is alleen voor medewerkers van de VNG." in response.content.decode()


def test_without_the_admin_two_factor_requirement_staff_get_in_directly(client, people, settings):
    settings.ADMIN_REQUIRES_MFA = False
    client.force_login(people.staff)
    assert client.get(ADMIN).status_code == 200


def test_totp_helper_gives_codes_that_allauth_accepts(db):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory()
    authenticator = give_totp_authenticator(user)
    assert TOTP(authenticator).validate_code(totp_code())
    assert not TOTP(authenticator).validate_code("000000" if totp_code() != "000000" else "111111")


def test_recovery_code_lets_staff_log_in_once_without_the_phone(client, people):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    give_totp_authenticator(people.staff)
    recovery_code = RecoveryCodes.activate(people.staff).get_unused_codes()[0]
    client.post(reverse("account_login"), {"login": people.staff.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_code})
    assert response["Location"] == reverse("accounts:dashboard")

    client.logout()
    client.post(reverse("account_login"), {"login": people.staff.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_code})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
