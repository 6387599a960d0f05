"""Sign-up with bad input: a clear message on the form, the typed e-mail kept, nothing created."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD_PASSWORD = "Zonnepanelen-op-het-stadhuis-2026"


def sign_up(client, email, password1=GOOD_PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password1, "password2": password1 if password2 is None else password2},
    )


def assert_nothing_created(mailoutbox, users_before):
    assert User.objects.count() == users_before
    assert mailoutbox == []


def test_good_sign_up_creates_an_unverified_account_and_sends_the_confirmation_mail(client, mailoutbox):
    response = sign_up(client, "inkoper@utrecht.nl")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="inkoper@utrecht.nl")
    assert not EmailAddress.objects.get(user=user).verified
    assert [message.to for message in mailoutbox] == [["inkoper@utrecht.nl"]]
    message = mailoutbox[0]
    assert message.subject == "[MVOI-portaal] Bevestig uw e-mailadres"
    assert "heeft inkoper@utrecht.nl opgegeven als e-mailadres" in message.body
    assert "http://testserver/account/confirm-email/" in message.body
    assert "Met vriendelijke groet," in message.body


@pytest.mark.parametrize("email", ["inkoper-utrecht.nl", "inkoper@", "@utrecht.nl", "inkoper@utrecht"])
def test_malformed_email_gets_a_clear_message_and_keeps_what_was_typed(client, mailoutbox, email):
    users_before = User.objects.count()
    response = sign_up(client, email)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verbeter het volgende" in html
    assert "Voer een geldig e-mailadres in." in html
    assert f'value="{email}"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert_nothing_created(mailoutbox, users_before)


@pytest.mark.parametrize("email", ["lid@utrecht.example", "LID@Utrecht.Example"])
def test_already_used_email_is_not_revealed_and_creates_no_second_account(client, mailoutbox, email):
    """allauth prevents account enumeration: the form behaves as for a new address, and the owner is told."""
    owner = UserFactory(email="lid@utrecht.example")
    response = sign_up(client, email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="lid@utrecht.example").count() == 1
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.check_password(TEST_PASSWORD)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lid@utrecht.example"]
    assert mailoutbox[0].subject == "[MVOI-portaal] U hebt al een account"
    assert "Er bestaat al een account met dit e-mailadres." in mailoutbox[0].body
    assert "http://testserver/account/password/reset/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort1!", "Dit wachtwoord is te kort: gebruik minstens 10 tekens."),
        ("qwertyuiop", "Dit wachtwoord is te algemeen."),
        ("20260315904417", "Dit wachtwoord bevat alleen cijfers."),
        ("inkoper.utrecht", "Het wachtwoord lijkt te veel op"),
    ],
)
def test_weak_password_gets_a_clear_message_and_keeps_the_email(client, mailoutbox, password, message):
    response = sign_up(client, "inkoper.utrecht@utrecht.nl", password)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="inkoper.utrecht@utrecht.nl"' in html
    assert f'value="{password}"' not in html  # passwords are never sent back
    assert_nothing_created(mailoutbox, 0)


def test_mismatched_passwords_get_a_clear_message_and_keep_the_email(client, mailoutbox):
    response = sign_up(client, "inkoper@utrecht.nl", GOOD_PASSWORD, GOOD_PASSWORD + "x")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je moet hetzelfde wachtwoord twee keer intoetsen." in html
    assert 'href="#id_password2"' in html
    assert 'value="inkoper@utrecht.nl"' in html
    assert_nothing_created(mailoutbox, 0)


def test_empty_form_names_every_missing_field(client, mailoutbox):
    response = client.post(reverse("account_signup"), {})
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_email", "id_password1", "id_password2"):
        assert f'href="#{field}"' in html
    assert_nothing_created(mailoutbox, 0)
