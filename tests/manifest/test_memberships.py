"""Asking to act for an organisation, automatic verification by e-mail domain, and VNG staff's decisions."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AuditEvent, AuditLogEntry
from manifest.models import Membership, MembershipStatus
from manifest.services import MembershipError, membership_approve, membership_refuse, membership_request
from tests.factories import EmailDomainFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Zonnepanelen-op-het-stadhuis-2026"


@pytest.fixture
def zwolle(db):
    organisation = OrganisationFactory(code="gm0193", name="Gemeente Zwolle")
    EmailDomainFactory(organisation=organisation, domain="zwolle.nl")
    return organisation


def confirmation_link(mail) -> str:
    return re.search(r"http://testserver(/account/confirm-email/\S+)", mail.body).group(1)


def sign_up_and_confirm(client, email, mailoutbox):
    """Sign up and follow the link in the confirmation e-mail, as a newcomer does."""
    client.post(reverse("account_signup"), {"email": email, "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    return client.post(confirmation_link(mailoutbox[-1]), follow=True)


def test_a_newcomer_on_the_organisations_own_domain_is_a_member_after_confirming_and_is_told_so(
    client, zwolle, mailoutbox
):
    response = sign_up_and_confirm(client, "inkoper@zwolle.nl", mailoutbox)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "Uw e-mailadres hoort bij Gemeente Zwolle: u bent nu lid." in html
    assert "Vraag de rol van coördinator aan voor Gemeente Zwolle" in html
    membership = Membership.objects.get(user__email="inkoper@zwolle.nl")
    assert membership.organisation == zwolle
    assert membership.status == MembershipStatus.VERIFIED
    assert membership.verified_automatically
    assert AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_VERIFIED, detail="zwolle.nl").exists()


def test_a_newcomer_on_another_domain_is_not_told_they_are_a_member(client, zwolle, mailoutbox):
    response = sign_up_and_confirm(client, "adviseur@bureau.example", mailoutbox)
    assert "u bent nu lid" not in response.content.decode()
    assert not Membership.objects.exists()


def test_a_shared_domain_never_verifies_anyone(client, mailoutbox):
    woerden = OrganisationFactory(code="gm0632", name="Gemeente Woerden")
    oudewater = OrganisationFactory(code="gm0589", name="Gemeente Oudewater")
    EmailDomainFactory(organisation=woerden, domain="woerden.nl", is_shared=True)
    EmailDomainFactory(organisation=oudewater, domain="woerden.nl", is_shared=True)
    sign_up_and_confirm(client, "inkoper@woerden.nl", mailoutbox)
    user = get_user_model().objects.get(email="inkoper@woerden.nl")
    assert not Membership.objects.filter(user=user).exists()
    membership = membership_request(user=user, organisation=woerden)
    assert membership.status == MembershipStatus.REQUESTED


def test_an_ended_organisation_verifies_nobody(client, zwolle, mailoutbox):
    zwolle.is_active = False
    zwolle.ended_on = "2025-01-01"
    zwolle.save()
    sign_up_and_confirm(client, "inkoper@zwolle.nl", mailoutbox)
    assert not Membership.objects.exists()


@pytest.mark.parametrize("status", [MembershipStatus.REFUSED, MembershipStatus.REMOVED])
def test_a_refused_or_removed_membership_stays_so_when_the_person_confirms_another_address_on_the_domain(
    client, zwolle, mailoutbox, status
):
    user = UserFactory(email="adviseur@bureau.example")
    membership = MembershipFactory(user=user, organisation=zwolle, status=status, refusal_reason="Geen medewerker")
    client.force_login(user)
    client.post(reverse("account_email"), {"action_add": "", "email": "adviseur@zwolle.nl"})
    response = client.post(confirmation_link(mailoutbox[-1]), follow=True)
    assert "u bent nu lid" not in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == status
    assert not membership.verified_automatically


def test_a_waiting_request_is_verified_when_the_person_confirms_an_address_on_the_domain(client, zwolle, mailoutbox):
    user = UserFactory(email="adviseur@bureau.example")
    membership = membership_request(user=user, organisation=zwolle)
    client.force_login(user)
    client.post(reverse("account_email"), {"action_add": "", "email": "adviseur@zwolle.nl"})
    response = client.post(confirmation_link(mailoutbox[-1]), follow=True)
    assert "Uw e-mailadres hoort bij Gemeente Zwolle: u bent nu lid." in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_verified and membership.verified_automatically


def test_request_from_another_domain_waits_for_vng_and_notifies_staff(
    zwolle, mailoutbox, django_capture_on_commit_callbacks, settings
):
    user = UserFactory(email="adviseur@bureau.example")
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_request(user=user, organisation=zwolle, motivation="Inhuur inkoopadviseur")
    assert membership.status == MembershipStatus.REQUESTED
    assert mailoutbox[0].to == [settings.VNG_CONTACT_EMAIL]
    assert "Gemeente Zwolle" in mailoutbox[0].subject
    assert f"/admin/manifest/membership/{membership.pk}/change/" in mailoutbox[0].body


def test_unverified_email_cannot_request(zwolle):
    user = UserFactory(email="nieuw@zwolle.nl", verified=False)
    with pytest.raises(MembershipError):
        membership_request(user=user, organisation=zwolle)
    assert not Membership.objects.exists()


def test_staff_approval_and_refusal_are_audited_and_email_the_person(
    zwolle, staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    first = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    second = membership_request(user=UserFactory(email="b@bureau.example"), organisation=zwolle)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=first, decided_by=staff_in_session, role="coordinator")
        membership_refuse(membership=second, decided_by=staff_in_session, reason="Geen relatie met de gemeente")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_coordinator and first.decided_by == staff_in_session
    assert second.status == MembershipStatus.REFUSED and second.decided_by == staff_in_session
    assert [mail.to for mail in mailoutbox] == [["a@bureau.example"], ["b@bureau.example"]]
    assert "Geen relatie met de gemeente" in mailoutbox[1].body
    events = list(AuditLogEntry.objects.order_by("created_at").values_list("event", "actor"))
    assert (AuditEvent.MEMBERSHIP_APPROVED, staff_in_session.pk) in events
    assert (AuditEvent.MEMBERSHIP_REFUSED, staff_in_session.pk) in events


def test_nobody_decides_on_their_own_membership(zwolle, staff_in_session):
    own = MembershipFactory(user=staff_in_session, organisation=zwolle, status=MembershipStatus.REQUESTED)
    with pytest.raises(MembershipError, match="niet over uw eigen lidmaatschap"):
        membership_approve(membership=own, decided_by=staff_in_session, role="coordinator")
    with pytest.raises(MembershipError):
        membership_refuse(membership=own, decided_by=staff_in_session, reason="Toch niet")
    own.refresh_from_db()
    assert own.status == MembershipStatus.REQUESTED and own.role == "member"
    assert not AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_APPROVED).exists()


def test_staff_in_a_session_without_the_code_cannot_decide(zwolle, people, client):
    """The guard is in the service: a staff account without the second factor decides nothing."""
    membership = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    people.staff.is_superuser = True
    people.staff.save()
    with pytest.raises(PermissionDenied):
        membership_approve(membership=membership, decided_by=people.staff)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


@pytest.mark.parametrize("who", ["member_a", "coordinator_a"])
def test_members_and_coordinators_cannot_decide_on_requests(zwolle, people, who):
    membership = membership_request(user=UserFactory(email="a@bureau.example"), organisation=people.organisation_a)
    with pytest.raises(PermissionDenied):
        membership_approve(membership=membership, decided_by=getattr(people, who))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


def test_an_editor_approves_as_member_but_only_administrators_make_someone_coordinator(client, zwolle):
    from django.contrib.auth.models import Group

    from accounts.services import EDITOR_GROUP_NAME

    editor = UserFactory(email="redacteur@vng.example", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    editor = log_in_with_two_factor(client, editor)
    first = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    with pytest.raises(PermissionDenied):
        membership_approve(membership=first, decided_by=editor, role="coordinator")
    membership_approve(membership=first, decided_by=editor, role="member")
    first.refresh_from_db()
    assert first.is_verified and not first.is_coordinator


def test_a_refusal_needs_a_reason(zwolle, staff_in_session):
    membership = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    with pytest.raises(MembershipError, match="Geef een reden"):
        membership_refuse(membership=membership, decided_by=staff_in_session, reason="  ")


def test_approving_a_verified_member_again_changes_nothing(zwolle, staff_in_session):
    membership = MembershipFactory(organisation=zwolle)
    with pytest.raises(MembershipError, match="al bevestigd"):
        membership_approve(membership=membership, decided_by=staff_in_session, role="coordinator")
    membership.refresh_from_db()
    assert membership.role == "member"


def test_the_database_refuses_a_coordinator_who_is_not_verified(zwolle):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MembershipFactory(organisation=zwolle, role="coordinator", status=MembershipStatus.REQUESTED)


# --- The request page -------------------------------------------------------------------------------


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


def test_user_with_the_organisations_domain_becomes_member_at_once_and_sees_what_a_member_may_do(client, zwolle):
    user = UserFactory(email="inkoper@zwolle.nl")
    client.force_login(user)
    response = client.post(reverse("manifest:membership_request"), {"organisation": "gm0193"}, follow=True)
    html = response.content.decode()
    assert "Uw e-mailadres hoort bij Gemeente Zwolle: u bent nu lid." in html
    assert "Als lid ondertekent u het manifest" in html
    assert reverse("manifest:coordinator_request", args=["gm0193"]) in html
    assert Membership.objects.get(user=user).is_verified


def test_user_on_another_domain_is_told_the_request_waits_for_the_vng(client, zwolle):
    client.force_login(UserFactory(email="adviseur@bureau.example"))
    response = client.post(reverse("manifest:membership_request"), {"organisation": "gm0193"}, follow=True)
    html = response.content.decode()
    assert "Uw aanvraag is verstuurd." in html
    assert "u bent nu lid" not in html
    assert "Aangevraagd" in html


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
