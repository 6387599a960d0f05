"""Changing the e-mail address: confirmed by a link to the new address; bad input gets a clear message."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import UserFactory, give_totp_authenticator

pytestmark = pytest.mark.django_db
URL = reverse("account_email")


def test_new_address_waits_for_confirmation_and_gets_the_link(client, mailoutbox):
    user = UserFactory(email="inkoper@utrecht.nl")
    client.force_login(user)
    response = client.post(URL, {"action_add": "", "email": "inkoper@gemeente-utrecht.nl"}, follow=True)
    html = response.content.decode()
    assert "U hebt gevraagd het te wijzigen in <strong>inkoper@gemeente-utrecht.nl</strong>." in html
    assert [message.to for message in mailoutbox] == [["inkoper@gemeente-utrecht.nl"]]
    user.refresh_from_db()
    assert user.email == "inkoper@utrecht.nl"
    assert not EmailAddress.objects.get(email="inkoper@gemeente-utrecht.nl").verified


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("geen-adres", "Voer een geldig e-mailadres in."),
        ("inkoper@utrecht.nl", "Dit is al uw e-mailadres."),
    ],
)
def test_bad_new_address_gets_a_clear_message_and_keeps_what_was_typed(client, mailoutbox, email, message):
    client.force_login(UserFactory(email="inkoper@utrecht.nl"))
    response = client.post(URL, {"action_add": "", "email": email})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{email}"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert mailoutbox == []
    assert EmailAddress.objects.count() == 1


def test_address_of_another_account_is_not_revealed_and_not_taken(client, mailoutbox):
    UserFactory(email="collega@utrecht.nl")
    user = UserFactory(email="inkoper@utrecht.nl")
    client.force_login(user)
    client.post(URL, {"action_add": "", "email": "collega@utrecht.nl"})
    assert not EmailAddress.objects.filter(user=user, email="collega@utrecht.nl", verified=True).exists()
    user.refresh_from_db()
    assert user.email == "inkoper@utrecht.nl"


def test_account_with_two_factor_is_told_to_contact_us(client, mailoutbox):
    user = give_totp_authenticator(UserFactory(email="redactie@vng.example", is_staff=True)).user
    client.force_login(user)
    response = client.post(URL, {"action_add": "", "email": "redactie@vng.nl"})
    assert "Uw account is beveiligd met tweestapsverificatie." in response.content.decode()
    assert mailoutbox == []
    assert EmailAddress.objects.filter(user=user).count() == 1
