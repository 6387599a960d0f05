import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.urls import reverse

from manifest.models import Membership, MembershipStatus
from manifest.services import MembershipError, membership_approve, membership_refuse, membership_request
from tests.factories import EmailDomainFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zwolle(db):
    organisation = OrganisationFactory(code="gm0193", name="Gemeente Zwolle")
    EmailDomainFactory(organisation=organisation, domain="zwolle.nl")
    return organisation


def confirm(user):
    address = EmailAddress.objects.get(user=user)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)


def test_confirming_an_address_on_the_organisations_own_domain_makes_a_verified_member(zwolle):
    user = UserFactory(email="inkoper@zwolle.nl")
    confirm(user)
    membership = Membership.objects.get(user=user)
    assert membership.organisation == zwolle
    assert membership.status == MembershipStatus.VERIFIED
    assert membership.verified_automatically


def test_a_shared_domain_never_verifies_anyone(db):
    woerden = OrganisationFactory(code="gm0632", name="Gemeente Woerden")
    oudewater = OrganisationFactory(code="gm0589", name="Gemeente Oudewater")
    EmailDomainFactory(organisation=woerden, domain="woerden.nl", is_shared=True)
    EmailDomainFactory(organisation=oudewater, domain="woerden.nl", is_shared=True)
    user = UserFactory(email="inkoper@woerden.nl")
    confirm(user)
    assert not Membership.objects.filter(user=user).exists()
    membership = membership_request(user=user, organisation=woerden)
    assert membership.status == MembershipStatus.REQUESTED


def test_an_ended_organisation_verifies_nobody(zwolle):
    zwolle.is_active = False
    zwolle.ended_on = "2025-01-01"
    zwolle.save()
    user = UserFactory(email="inkoper@zwolle.nl")
    confirm(user)
    assert not Membership.objects.filter(user=user).exists()


def test_request_from_another_domain_waits_for_vng_and_notifies_staff(
    zwolle, mailoutbox, django_capture_on_commit_callbacks, settings
):
    user = UserFactory(email="adviseur@bureau.example")
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_request(user=user, organisation=zwolle, motivation="Inhuur inkoopadviseur")
    assert membership.status == MembershipStatus.REQUESTED
    assert mailoutbox[0].to == [settings.VNG_CONTACT_EMAIL]
    assert "Gemeente Zwolle" in mailoutbox[0].subject


def test_unverified_email_cannot_request(zwolle):
    user = UserFactory(email="nieuw@zwolle.nl", verified=False)
    with pytest.raises(MembershipError):
        membership_request(user=user, organisation=zwolle)
    assert not Membership.objects.exists()


def test_staff_approval_and_refusal_email_the_person(zwolle, mailoutbox, django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    first = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    second = membership_request(user=UserFactory(email="b@bureau.example"), organisation=zwolle)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=first, decided_by=staff, role="coordinator")
        membership_refuse(membership=second, decided_by=staff, reason="Geen relatie met de gemeente")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_coordinator and first.decided_by == staff
    assert second.status == MembershipStatus.REFUSED
    assert [mail.to for mail in mailoutbox] == [["a@bureau.example"], ["b@bureau.example"]]
    assert "Geen relatie met de gemeente" in mailoutbox[1].body


def test_request_page_requires_login(client):
    url = reverse("manifest:membership_request")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_request_form_for_a_non_existent_organisation_shows_an_error_and_keeps_input(client, zwolle):
    user = UserFactory(email="adviseur@bureau.example")
    client.force_login(user)
    response = client.post(
        reverse("manifest:membership_request"), {"organisation": "gm9999", "motivation": "Mijn toelichting"}
    )
    assert response.status_code == 200
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert "Mijn toelichting" in response.content.decode()
    assert not Membership.objects.exists()


def test_tampered_organisation_id_is_refused_with_a_form_error(client, zwolle):
    client.force_login(UserFactory(email="adviseur@bureau.example"))
    response = client.post(reverse("manifest:membership_request"), {"organisation": str(zwolle.pk)})
    assert response.status_code == 200
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert not Membership.objects.exists()


def test_second_request_for_the_same_organisation_gets_a_clear_message(client, zwolle):
    user = UserFactory(email="adviseur@bureau.example")
    client.force_login(user)
    url = reverse("manifest:membership_request")
    assert client.post(url, {"organisation": "gm0193"}).status_code == 302
    response = client.post(url, {"organisation": "gm0193"})
    assert "U heeft al een lidmaatschap of aanvraag voor deze organisatie." in response.content.decode()
    assert Membership.objects.filter(user=user).count() == 1


def test_user_with_the_organisations_domain_becomes_member_at_once(client, zwolle):
    user = UserFactory(email="inkoper@zwolle.nl")
    client.force_login(user)
    response = client.post(reverse("manifest:membership_request"), {"organisation": "gm0193"}, follow=True)
    assert "u bent nu lid" in response.content.decode()
    assert Membership.objects.get(user=user).is_verified


def test_after_the_request_the_user_returns_where_they_came_from(client, zwolle):
    client.force_login(UserFactory(email="inkoper@zwolle.nl"))
    url = reverse("manifest:membership_request") + "?next=/manifest/ondertekenen/"
    response = client.post(url, {"organisation": "gm0193"})
    assert response["Location"] == "/manifest/ondertekenen/"


def test_a_foreign_next_address_is_ignored(client, zwolle):
    client.force_login(UserFactory(email="inkoper@zwolle.nl"))
    url = reverse("manifest:membership_request") + "?next=https://evil.example/"
    response = client.post(url, {"organisation": "gm0193"})
    assert response["Location"] == reverse("accounts:dashboard")
