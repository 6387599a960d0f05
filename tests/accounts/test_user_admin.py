"""VNG administrators manage accounts in the admin: by e-mail address, never a username."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory, give_totp_authenticator
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def administrator(client):
    user = give_totp_authenticator(UserFactory(email="beheer@vng.example", is_staff=True, is_superuser=True)).user
    log_in_with_two_factor(client, user)
    return user


def test_administrator_finds_a_user_by_email(client, administrator, people):
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "zwolle"})
    html = response.content.decode()
    assert "lid@zwolle.example" in html
    assert "lid@utrecht.example" not in html


def test_administrator_adds_an_account_with_email_and_password(client, administrator):
    password = "Zeer-geheim-wachtwoord-2026"
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nieuw@vng.example",
            "full_name": "Nieuwe Collega",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    user = User.objects.get(email="nieuw@vng.example")
    assert response["Location"] == reverse("admin:accounts_user_change", args=[user.pk])
    assert user.check_password(password)
    assert not user.is_staff


def test_administrator_switches_an_account_off(client, administrator, people):
    url = reverse("admin:accounts_user_change", args=[people.member_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="username"' not in response.content.decode()
    data = {
        "email": people.member_a.email,
        "full_name": people.member_a.full_name,
        "preferred_language": "nl",
        "is_staff": "",
        "is_superuser": "",
        "groups": [],
        "user_permissions": [],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    people.member_a.refresh_from_db()
    assert not people.member_a.is_active
