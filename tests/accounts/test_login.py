"""Logging in and out: rate limit, verification required, sessions that end."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
WRONG_PASSWORD = "not-the-password-at-all"
TOO_MANY = "Te veel mislukte pogingen om in te loggen op dit account."


def log_in(client, email, password=TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_with_the_right_password_opens_my_portal(client):
    UserFactory(email="inkoper@utrecht.nl")
    response = log_in(client, "inkoper@utrecht.nl")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert "U bent ingelogd als inkoper@utrecht.nl." in client.get(response["Location"]).content.decode()


def test_login_is_case_insensitive_for_the_email_address(client):
    UserFactory(email="inkoper@utrecht.nl")
    assert log_in(client, "Inkoper@Utrecht.NL")["Location"] == reverse("accounts:dashboard")


def test_wrong_password_gets_a_clear_message_and_keeps_the_email(client):
    UserFactory(email="inkoper@utrecht.nl")
    response = log_in(client, "inkoper@utrecht.nl", WRONG_PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in html
    assert 'value="inkoper@utrecht.nl"' in html
    assert SESSION_KEY not in client.session


def test_sixth_failed_login_in_a_row_is_refused_even_with_the_right_password(client):
    cache.clear()  # the counters live in the database cache
    UserFactory(email="inkoper@utrecht.nl")
    for _attempt in range(5):
        response = log_in(client, "inkoper@utrecht.nl", WRONG_PASSWORD)
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
    response = log_in(client, "inkoper@utrecht.nl")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert SESSION_KEY not in client.session
    # The limit is per account: somebody else on the same network still gets in.
    UserFactory(email="collega@utrecht.nl")
    assert log_in(Client(), "collega@utrecht.nl")["Location"] == reverse("accounts:dashboard")


def test_unverified_account_cannot_log_in_until_the_email_is_confirmed(client, mailoutbox):
    UserFactory(email="nieuw@utrecht.nl", verified=False)
    response = log_in(client, "nieuw@utrecht.nl")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert SESSION_KEY not in client.session
    assert mailoutbox[-1].to == ["nieuw@utrecht.nl"]


def test_inactive_account_cannot_log_in(client):
    UserFactory(email="vertrokken@utrecht.nl", is_active=False)
    response = log_in(client, "vertrokken@utrecht.nl")
    assert SESSION_KEY not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_logout_invalidates_the_session(client):
    UserFactory(email="inkoper@utrecht.nl")
    log_in(client, "inkoper@utrecht.nl")
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=old_cookie).exists()

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = replay.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_logout_needs_a_post(client):
    UserFactory(email="inkoper@utrecht.nl")
    log_in(client, "inkoper@utrecht.nl")
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert "Wilt u uitloggen uit het MVOI-portaal?" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_session_cookie_has_a_max_age_and_is_renewed_on_every_request(client):
    UserFactory(email="inkoper@utrecht.nl")
    response = log_in(client, "inkoper@utrecht.nl")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    session = Session.objects.get(session_key=cookie.value)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    response = client.get(reverse("accounts:dashboard"))
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + timedelta(minutes=110)


def test_session_ends_after_inactivity(client):
    UserFactory(email="inkoper@utrecht.nl")
    log_in(client, "inkoper@utrecht.nl")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_login_gives_a_new_session_key(client):
    """Session fixation: a key planted before login is worthless afterwards."""
    UserFactory(email="inkoper@utrecht.nl")
    client.get(reverse("account_login"))
    session = client.session
    session["planted"] = True
    session.save()
    planted_key = session.session_key
    log_in(client, "inkoper@utrecht.nl")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted_key
