"""The admin of memberships, coordinator requests and e-mail domains: decisions only through the services.

A crafted change form cannot change a status, a role or the person; editors approve and refuse requests,
only VNG administrators give the coordinator role and change e-mail domains; nobody decides on their own
membership.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.services import ADMINISTRATOR_GROUP_NAME, EDITOR_GROUP_NAME
from audit.models import AuditEvent, AuditLogEntry
from manifest.models import CoordinatorRequest, EmailDomain, Membership, MembershipStatus
from tests.factories import EmailDomainFactory, MembershipFactory, UserFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

MEMBERSHIPS = reverse("admin:manifest_membership_changelist")
REQUESTS = reverse("admin:manifest_coordinatorrequest_changelist")


def staff_member(client, email, group):
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return log_in_with_two_factor(client, user)


@pytest.fixture
def editor_client(client):
    """A VNG editor (VNG-redactie): content, and approving or refusing membership requests."""
    staff_member(client, "redacteur@vng.example", EDITOR_GROUP_NAME)
    return client


@pytest.fixture
def administrator_client(client):
    """A VNG administrator: an editor who is also in VNG-beheer."""
    user = staff_member(client, "beheer@vng.example", EDITOR_GROUP_NAME)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP_NAME))
    return client


@pytest.fixture
def request_for_a(people):
    return MembershipFactory(
        user=UserFactory(email="adviseur@bureau.example"),
        organisation=people.organisation_a,
        status=MembershipStatus.REQUESTED,
        motivation="Inhuur",
    )


def act(client, url, action, *objects, **extra):
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], "index": 0, **extra}
    return client.post(url, data, follow=True)


def test_a_crafted_change_form_changes_no_status_role_or_person(editor_client, people, request_for_a):
    url = reverse("admin:manifest_membership_change", args=[request_for_a.pk])
    page = editor_client.get(url).content.decode()
    for field in ("status", "role", "user", "organisation"):
        assert f'name="{field}"' not in page
    editor_client.post(
        url,
        {
            "user": people.staff.pk,
            "organisation": people.organisation_b.pk,
            "status": "verified",
            "role": "coordinator",
            "refusal_reason": "",
            "_save": "Opslaan",
        },
    )
    request_for_a.refresh_from_db()
    assert (request_for_a.user.email, request_for_a.organisation, request_for_a.status, request_for_a.role) == (
        "adviseur@bureau.example",
        people.organisation_a,
        MembershipStatus.REQUESTED,
        "member",
    )
    assert not AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_APPROVED).exists()


def test_memberships_are_not_added_or_deleted_by_hand(editor_client, request_for_a):
    assert editor_client.get(reverse("admin:manifest_membership_add")).status_code == 403
    assert editor_client.get(reverse("admin:manifest_membership_delete", args=[request_for_a.pk])).status_code == 403


def test_an_editor_approves_a_request_as_member_through_the_service(
    editor_client, request_for_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = act(editor_client, MEMBERSHIPS, "approve_as_member", request_for_a)
    assert "1 besluit genomen." in response.content.decode()
    request_for_a.refresh_from_db()
    assert request_for_a.is_verified and request_for_a.role == "member"
    assert request_for_a.decided_by.email == "redacteur@vng.example"
    assert AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_APPROVED).exists()
    assert mailoutbox[0].to == ["adviseur@bureau.example"]


def test_an_editor_cannot_make_anyone_coordinator(editor_client, people, request_for_a):
    page = editor_client.get(MEMBERSHIPS).content.decode()
    assert 'value="approve_as_coordinator"' not in page
    assert 'value="make_coordinator"' not in page
    act(editor_client, MEMBERSHIPS, "approve_as_coordinator", request_for_a)
    act(editor_client, MEMBERSHIPS, "make_coordinator", Membership.objects.get(user=people.member_a))
    request_for_a.refresh_from_db()
    assert request_for_a.status == MembershipStatus.REQUESTED
    assert not Membership.objects.get(user=people.member_a).is_coordinator


def test_an_editor_who_asked_to_join_a_municipality_cannot_approve_it(editor_client, people):
    """The hole this closes: an editor requested membership and made themselves verified coordinator."""
    editor = get_user_model().objects.get(email="redacteur@vng.example")
    own = MembershipFactory(user=editor, organisation=people.organisation_a, status=MembershipStatus.REQUESTED)
    response = act(editor_client, MEMBERSHIPS, "approve_as_member", own)
    assert "U kunt niet over uw eigen lidmaatschap beslissen; dat doet een collega." in response.content.decode()
    own.refresh_from_db()
    assert own.status == MembershipStatus.REQUESTED


def test_an_administrator_who_is_a_member_cannot_make_themselves_coordinator_or_remove_themselves(
    administrator_client, people
):
    """A verified member who is also a VNG administrator: the role of their own membership is a colleague's call."""
    administrator = get_user_model().objects.get(email="beheer@vng.example")
    own = MembershipFactory(user=administrator, organisation=people.organisation_a)
    response = act(administrator_client, MEMBERSHIPS, "make_coordinator", own)
    assert "U kunt uzelf niet coördinator maken." in response.content.decode()
    own.refresh_from_db()
    assert not own.is_coordinator
    removed = act(administrator_client, MEMBERSHIPS, "remove_selected", own, apply="1", reason="Zelf weg")
    assert "Kies dan “De organisatie verlaten”." in removed.content.decode()
    own.refresh_from_db()
    assert own.status == MembershipStatus.VERIFIED
    assert not AuditLogEntry.objects.filter(
        event__in=[AuditEvent.MEMBERSHIP_ROLE_CHANGED, AuditEvent.MEMBERSHIP_REMOVED], actor=administrator
    ).exists()


def test_refusing_asks_for_a_reason_first(editor_client, request_for_a, mailoutbox, django_capture_on_commit_callbacks):
    page = act(editor_client, MEMBERSHIPS, "refuse_selected", request_for_a)
    assert 'name="reason"' in page.content.decode()
    request_for_a.refresh_from_db()
    assert request_for_a.status == MembershipStatus.REQUESTED
    empty = act(editor_client, MEMBERSHIPS, "refuse_selected", request_for_a, apply="1", reason="")
    assert "Geef een reden." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(editor_client, MEMBERSHIPS, "refuse_selected", request_for_a, apply="1", reason="Geen relatie")
    request_for_a.refresh_from_db()
    assert request_for_a.status == MembershipStatus.REFUSED
    assert request_for_a.refusal_reason == "Geen relatie"
    assert "Geen relatie" in mailoutbox[0].body


def test_the_change_form_offers_the_actions_that_fit_as_buttons(administrator_client, people, request_for_a):
    page = administrator_client.get(reverse("admin:manifest_membership_change", args=[request_for_a.pk]))
    html = page.content.decode()
    for action in ("approve_as_member", "approve_as_coordinator", "refuse_selected"):
        assert f'name="action" value="{action}"' in html
    assert 'value="make_coordinator"' not in html
    member = Membership.objects.get(user=people.member_a)
    html = administrator_client.get(reverse("admin:manifest_membership_change", args=[member.pk])).content.decode()
    assert 'name="action" value="make_coordinator"' in html
    assert 'name="action" value="remove_selected"' in html
    assert 'value="approve_as_member"' not in html


def test_an_administrator_makes_a_member_coordinator_and_takes_the_role_back(administrator_client, people):
    member = Membership.objects.get(user=people.member_a)
    act(administrator_client, MEMBERSHIPS, "make_coordinator", member)
    member.refresh_from_db()
    assert member.is_coordinator
    coordinator = Membership.objects.get(user=people.coordinator_a)
    act(administrator_client, MEMBERSHIPS, "make_member", coordinator)
    coordinator.refresh_from_db()
    assert not coordinator.is_coordinator
    assert AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED).count() == 2


def test_taking_the_role_from_the_last_coordinator_in_the_admin_says_why_not(administrator_client, people):
    coordinator = Membership.objects.get(user=people.coordinator_a)
    response = act(administrator_client, MEMBERSHIPS, "make_member", coordinator)
    assert "Utrecht heeft minstens één coördinator nodig." in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.is_coordinator


def test_an_administrator_decides_coordinator_requests(
    administrator_client, people, django_capture_on_commit_callbacks
):
    waiting = CoordinatorRequest.objects.create(
        membership=Membership.objects.get(user=people.member_a), reason="Ik leid het inkoopteam."
    )
    listing = administrator_client.get(REQUESTS).content.decode()
    assert 'value="approve_selected"' in listing
    with django_capture_on_commit_callbacks(execute=True):
        act(administrator_client, REQUESTS, "approve_selected", waiting)
    waiting.refresh_from_db()
    assert not waiting.is_waiting
    assert Membership.objects.get(user=people.member_a).is_coordinator


def test_an_editor_sees_coordinator_requests_but_cannot_decide(editor_client, people):
    waiting = CoordinatorRequest.objects.create(
        membership=Membership.objects.get(user=people.member_a), reason="Ik leid het inkoopteam."
    )
    listing = editor_client.get(REQUESTS)
    assert listing.status_code == 200
    assert 'value="approve_selected"' not in listing.content.decode()
    act(editor_client, REQUESTS, "approve_selected", waiting)
    waiting.refresh_from_db()
    assert waiting.is_waiting


# --- E-mail domains: they verify members automatically ---------------------------------------------


def organisation_form(organisation, domains, new_domain=None):
    """The organisation change form as posted, with its e-mail domain inline."""
    data = {
        "name": organisation.name,
        "official_name": organisation.official_name,
        "kind": organisation.kind,
        "code": organisation.code,
        "province": "",
        "cbs_code": organisation.cbs_code,
        "tooi_uri": "",
        "website_domain": "",
        "population": "",
        "is_active": "on",
        "ended_on": "",
        "successor": "",
        "email_domains-TOTAL_FORMS": len(domains) + (1 if new_domain else 0),
        "email_domains-INITIAL_FORMS": len(domains),
        "email_domains-MIN_NUM_FORMS": 0,
        "email_domains-MAX_NUM_FORMS": 1000,
        "_save": "Opslaan",
    }
    for index, domain in enumerate(domains):
        data |= {
            f"email_domains-{index}-id": domain.pk,
            f"email_domains-{index}-organisation": organisation.pk,
            f"email_domains-{index}-domain": domain.domain,
        }
    if new_domain:
        index = len(domains)
        data |= {
            f"email_domains-{index}-organisation": organisation.pk,
            f"email_domains-{index}-domain": new_domain,
        }
    return data


def test_an_editor_cannot_add_an_e_mail_domain_with_a_crafted_form(editor_client, people):
    url = reverse("admin:manifest_organisation_change", args=[people.organisation_a.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="email_domains-0-domain"' not in page
    editor_client.post(url, organisation_form(people.organisation_a, [], new_domain="utrecht.nl"))
    assert not EmailDomain.objects.filter(domain="utrecht.nl").exists()


def test_an_editor_cannot_change_an_e_mail_domain_with_a_crafted_form(editor_client, people):
    domain = EmailDomainFactory(organisation=people.organisation_a, domain="utrecht.nl")
    url = reverse("admin:manifest_organisation_change", args=[people.organisation_a.pk])
    data = organisation_form(people.organisation_a, [domain])
    data["email_domains-0-domain"] = "gmail.com"
    editor_client.post(url, data)
    domain.refresh_from_db()
    assert domain.domain == "utrecht.nl"


def test_an_administrator_adds_an_e_mail_domain_and_it_is_audited(administrator_client, people):
    url = reverse("admin:manifest_organisation_change", args=[people.organisation_a.pk])
    response = administrator_client.post(url, organisation_form(people.organisation_a, [], new_domain="utrecht.nl"))
    assert response.status_code == 302
    assert EmailDomain.objects.filter(organisation=people.organisation_a, domain="utrecht.nl").exists()
    entry = AuditLogEntry.objects.get(event=AuditEvent.EMAIL_DOMAIN_ADDED)
    assert (entry.actor_email, entry.subject, entry.detail) == ("beheer@vng.example", "Utrecht", "utrecht.nl")


def test_an_administrator_removes_an_e_mail_domain_and_it_is_audited(administrator_client, people):
    domain = EmailDomainFactory(organisation=people.organisation_a, domain="utrecht.nl")
    url = reverse("admin:manifest_organisation_change", args=[people.organisation_a.pk])
    data = organisation_form(people.organisation_a, [domain])
    data["email_domains-0-DELETE"] = "on"
    administrator_client.post(url, data)
    assert not EmailDomain.objects.filter(pk=domain.pk).exists()
    assert AuditLogEntry.objects.filter(event=AuditEvent.EMAIL_DOMAIN_REMOVED, detail="utrecht.nl").exists()


def test_the_administrator_group_is_created_with_the_database_and_again_changes_nothing():
    from accounts.services import administrator_group_ensure

    group = Group.objects.get(name=ADMINISTRATOR_GROUP_NAME)
    before = set(group.permissions.values_list("codename", flat=True))
    assert {"manage_coordinator_roles", "manage_email_domains"} <= before
    administrator_group_ensure()
    assert set(group.permissions.values_list("codename", flat=True)) == before
    editors = set(Group.objects.get(name=EDITOR_GROUP_NAME).permissions.values_list("codename", flat=True))
    assert not {"manage_coordinator_roles", "manage_email_domains"} & editors
