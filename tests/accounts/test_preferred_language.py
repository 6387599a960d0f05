"""The language of the portal's e-mails: chosen at sign-up by the language used, changed in 'Mijn omgeving'."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = reverse("accounts:settings")
PASSWORD = "Zonnepanelen-op-het-stadhuis-2026"


def sign_up(client, path, email):
    return client.post(path, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_signing_up_in_english_gives_english_mail_from_then_on(client, mailoutbox):
    response = sign_up(client, "/en" + reverse("account_signup"), "buyer@utrecht.nl")
    assert response.status_code == 302
    user = User.objects.get(email="buyer@utrecht.nl")
    assert user.preferred_language == "en"
    [message] = mailoutbox
    assert message.subject == "[MVOI-portaal] Confirm your e-mail address"


def test_signing_up_in_dutch_gives_dutch_mail(client, mailoutbox):
    sign_up(client, reverse("account_signup"), "inkoper@utrecht.nl")
    assert User.objects.get(email="inkoper@utrecht.nl").preferred_language == "nl"
    assert mailoutbox[0].subject == "[MVOI-portaal] Bevestig uw e-mailadres"


def test_a_password_reset_asked_on_a_dutch_page_reaches_an_english_reader_in_english(client, mailoutbox):
    UserFactory(email="buyer@utrecht.nl", preferred_language="en")
    client.post(reverse("account_reset_password"), {"email": "buyer@utrecht.nl"})
    [message] = mailoutbox
    assert message.subject == "[MVOI-portaal] Choose a new password"


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("person", ["member_a", "coordinator_a", "member_b", "staff"])
def test_every_person_changes_their_own_language_only(client, people, person):
    user = getattr(people, person)
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert "Taal van e-mails van het portaal" in page
    assert re.search(r'value="nl"[^>]*checked', page) and not re.search(r'value="en"[^>]*checked', page)
    response = client.post(URL, {"preferred_language": "en"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    dashboard = client.get(response["Location"]).content.decode()
    assert "Uw instellingen zijn opgeslagen." in dashboard
    assert "Taal van e-mails van het portaal</a>: Engels" in dashboard
    user.refresh_from_db()
    assert user.preferred_language == "en"
    others = User.objects.exclude(pk=user.pk)
    assert not others.filter(preferred_language="en").exists()


def test_an_unknown_language_gets_a_message_and_nothing_changes(client, people):
    client.force_login(people.member_a)
    response = client.post(URL, {"preferred_language": "fr"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    people.member_a.refresh_from_db()
    assert people.member_a.preferred_language == "nl"


def test_database_refuses_a_language_the_portal_does_not_have(people):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=people.member_a.pk).update(preferred_language="fr")
