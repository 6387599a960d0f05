"""A member organisation lets a cooperative body prepare its action plans, and takes that right back."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent, AuditLogEntry
from manifest import services
from manifest.models import PreparationMandate
from tests.factories import CooperationMemberFactory, CooperativeBodyFactory, MembershipFactory, UserFactory
from tests.users import log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(people):
    body = CooperativeBodyFactory(code="inkoop-utrecht", name="Inkoopsamenwerking Utrecht")
    CooperationMemberFactory(body=body, member=people.organisation_a)
    MembershipFactory(user=UserFactory(email="inkoop@samenwerking.example"), organisation=body, role="coordinator")
    return body


def page_url(organisation):
    return reverse("manifest:organisation_mandates", args=[organisation.code])


def grant_url(organisation):
    return reverse("manifest:mandate_grant", args=[organisation.code])


def revoke_url(organisation):
    return reverse("manifest:mandate_revoke", args=[organisation.code])


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", 302), ("member_a", 200), ("coordinator_a", 200), ("member_b", 404), ("staff", 200)],
)
def test_who_sees_the_cooperation_page(client, people, body, person, expected):
    log_in_as(client, people, person)
    response = client.get(page_url(people.organisation_a))
    assert response.status_code == expected
    if expected == 200:
        has_button = "Laat onze actieplannen voorbereiden" in response.content.decode()
        assert has_button == (person == "coordinator_a")


def test_coordinator_grants_the_right_the_body_is_told_and_both_pages_show_it(
    client, people, body, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(grant_url(people.organisation_a), {"body": body.code}, follow=True)
    assert "Inkoopsamenwerking Utrecht mag nu de actieplannen en jaarverslagen van Utrecht voorbereiden." in (
        response.content.decode()
    )
    mandate = PreparationMandate.objects.get()
    assert (mandate.member, mandate.body, mandate.granted_by, mandate.is_active) == (
        people.organisation_a,
        body,
        people.coordinator_a,
        True,
    )
    assert AuditLogEntry.objects.filter(event=AuditEvent.MANDATE_GRANTED, subject="Utrecht").exists()
    assert [message.to for message in mailoutbox] == [["inkoop@samenwerking.example"]]
    assert "actieplannen van Utrecht" in mailoutbox[0].subject
    client.logout()
    for organisation in (people.organisation_a, body):
        page = client.get(organisation.get_absolute_url()).content.decode()
        assert "laat zijn actieplan voorbereiden door Inkoopsamenwerking Utrecht" in page


def test_coordinator_revokes_the_right_and_the_body_is_told(
    client, people, body, mailoutbox, django_capture_on_commit_callbacks
):
    services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    client.force_login(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(revoke_url(people.organisation_a), {"body": body.code}, follow=True)
    assert "bereidt de actieplannen van Utrecht niet meer voor" in response.content.decode()
    mandate = PreparationMandate.objects.get()
    assert mandate.revoked_by == people.coordinator_a and not mandate.is_active
    assert AuditLogEntry.objects.filter(event=AuditEvent.MANDATE_REVOKED).exists()
    assert len(mailoutbox) == 1 and "niet meer" in mailoutbox[0].subject
    assert "laat zijn actieplan voorbereiden" not in client.get(body.get_absolute_url()).content.decode()


def test_member_without_the_coordinator_role_gets_403_and_nothing_is_granted(client, people, body):
    client.force_login(people.member_a)
    assert client.post(grant_url(people.organisation_a), {"body": body.code}).status_code == 403
    assert not PreparationMandate.objects.exists()


def test_staff_do_not_grant_for_a_member(client, people, body):
    log_in_as(client, people, "staff")
    assert client.post(grant_url(people.organisation_a), {"body": body.code}).status_code == 403
    assert not PreparationMandate.objects.exists()


def test_body_coordinator_cannot_grant_itself_the_right(client, people, body):
    coordinator = body.memberships.get().user
    client.force_login(coordinator)
    response = client.post(grant_url(body), {"body": body.code}, follow=True)
    assert "Kies een samenwerkingsverband waarvan Inkoopsamenwerking Utrecht nu lid is." in response.content.decode()
    assert not PreparationMandate.objects.exists()
    with pytest.raises(services.MandateError):
        services.mandate_grant(member=body, body=body, by=coordinator)
    assert not PreparationMandate.objects.exists()


def test_body_coordinator_cannot_grant_on_the_members_behalf(client, people, body):
    client.force_login(body.memberships.get().user)
    assert client.post(grant_url(people.organisation_a), {"body": body.code}).status_code == 404
    assert not PreparationMandate.objects.exists()


def test_a_body_the_organisation_does_not_belong_to_gets_a_clear_message(client, people, body):
    elsewhere = CooperativeBodyFactory(code="elders", name="Samenwerking Elders")
    client.force_login(people.coordinator_a)
    response = client.post(grant_url(people.organisation_a), {"body": elsewhere.code}, follow=True)
    assert "Kies een samenwerkingsverband waarvan Utrecht nu lid is." in response.content.decode()
    with pytest.raises(services.MandateError, match="geen lid"):
        services.mandate_grant(member=people.organisation_a, body=elsewhere, by=people.coordinator_a)
    assert not PreparationMandate.objects.exists()


def test_granting_twice_says_so_and_the_database_refuses_a_second_active_grant(client, people, body):
    services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.post(grant_url(people.organisation_a), {"body": body.code}, follow=True)
    assert "bereidt de actieplannen van Utrecht al voor" in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        PreparationMandate.objects.create(member=people.organisation_a, body=body)
    assert PreparationMandate.objects.count() == 1


def test_revoking_a_right_that_was_revoked_already_says_so(client, people, body):
    mandate = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    services.mandate_revoke(mandate=mandate, by=people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.post(revoke_url(people.organisation_a), {"body": body.code}, follow=True)
    assert "Dit samenwerkingsverband heeft geen recht" in response.content.decode()
    with pytest.raises(services.MandateError):
        services.mandate_revoke(mandate=mandate, by=people.coordinator_a)


def test_a_right_can_be_granted_again_after_it_was_revoked(people, body):
    first = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    services.mandate_revoke(mandate=first, by=people.coordinator_a)
    again = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    assert PreparationMandate.objects.active().get() == again
