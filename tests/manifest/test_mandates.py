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


def admin_list_rows(page: str) -> dict[str, str]:
    """The rows of the admin's list of rights: member name to the row's html."""
    import re

    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    return {
        re.search(r"field-member[^>]*>(?:<a [^>]*>)?([^<]+)", row).group(1): row
        for row in rows
        if "field-member" in row
    }


def test_staff_read_every_right_in_the_admin_and_see_whether_the_body_may_act_now(client, people, body):
    in_force = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    left = CooperationMemberFactory(body=body, member=people.organisation_b)
    coordinator_b = MembershipFactory(organisation=people.organisation_b, role="coordinator").user
    services.mandate_grant(member=people.organisation_b, body=body, by=coordinator_b)
    left.ends_on = left.starts_on
    left.save()
    log_in_as(client, people, "staff")
    response = client.get(reverse("admin:manifest_preparationmandate_changelist"))
    assert response.status_code == 200
    rows = admin_list_rows(response.content.decode())
    assert set(rows) == {people.organisation_a.name, people.organisation_b.name}
    assert 'alt="True"' in rows[people.organisation_a.name]
    assert 'alt="False"' in rows[people.organisation_b.name]  # the member left the body: the right no longer works
    services.mandate_revoke(mandate=in_force, by=people.coordinator_a)
    rows = admin_list_rows(client.get(reverse("admin:manifest_preparationmandate_changelist")).content.decode())
    assert 'alt="False"' in rows[people.organisation_a.name]


def test_staff_cannot_grant_change_or_delete_a_right_in_the_admin(client, people, body):
    mandate = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    log_in_as(client, people, "staff")
    assert client.get(reverse("admin:manifest_preparationmandate_add")).status_code == 403
    change = reverse("admin:manifest_preparationmandate_change", args=[mandate.pk])
    page = client.get(change).content.decode()
    assert 'name="_save"' not in page
    assert client.post(change, {"revoked_at_0": "2026-01-01", "revoked_at_1": "10:00"}).status_code == 403
    assert client.post(reverse("admin:manifest_preparationmandate_delete", args=[mandate.pk])).status_code == 403
    mandate.refresh_from_db()
    assert mandate.is_active


@pytest.mark.parametrize("person", ["anonymous", "coordinator_a", "staff_without_code"])
def test_only_staff_in_a_two_factor_session_open_the_rights_in_the_admin(client, people, body, person):
    services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    log_in_as(client, people, person)
    response = client.get(reverse("admin:manifest_preparationmandate_changelist"))
    assert response.status_code == 302
    assert people.organisation_a.name not in response.content.decode()
