"""Changing the password while logged in."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("account_change_password")
NEW_PASSWORD = "Fietsenstalling-bij-het-station-7"


def change(client, old, new1, new2=None):
    return client.post(URL, {"oldpassword": old, "password1": new1, "password2": new2 or new1})


def test_password_change_keeps_the_user_logged_in_with_the_new_password(client):
    user = UserFactory()
    client.force_login(user)
    response = change(client, TEST_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert "Uw wachtwoord is gewijzigd." in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("not-the-password", NEW_PASSWORD, "Vul uw huidige wachtwoord in."),
        (TEST_PASSWORD, "qwertyuiop", "Dit wachtwoord is te algemeen."),
    ],
)
def test_wrong_current_or_weak_new_password_gets_a_clear_message(client, old, new, message):
    user = UserFactory()
    client.force_login(user)
    response = change(client, old, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
