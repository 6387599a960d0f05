"""A new organisation can finish what it signed up for: members ask for the coordinator role, coordinators
manage the members of their own organisation, and an organisation keeps at least one coordinator."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, AuditLogEntry
from manifest import services
from manifest.models import CoordinatorRequest, CoordinatorRequestStatus, Membership, MembershipStatus
from tests.factories import ActionPlanFactory, MembershipFactory, UserFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

MEMBERS = reverse("manifest:organisation_members", args=["gm0344"])
ROLE = reverse("manifest:member_role", args=["gm0344"])
REMOVE = reverse("manifest:member_remove", args=["gm0344"])
ASK = reverse("manifest:coordinator_request", args=["gm0344"])
LEAVE = reverse("manifest:membership_leave", args=["gm0344"])


def membership(user, organisation=None):
    queryset = Membership.objects.filter(user=user)
    return queryset.get(organisation=organisation) if organisation else queryset.get()


# --- The members page ------------------------------------------------------------------------------


def test_member_sees_colleagues_their_own_role_and_how_to_get_more(client, people):
    client.force_login(people.member_a)
    html = client.get(MEMBERS).content.decode()
    assert '<h1 class="utrecht-heading-1">Leden van Utrecht</h1>' in html
    assert "U bent lid van deze organisatie." in html
    assert "Als lid ondertekent u het manifest, werkt u het actieplan uit en volgt u de voortgang." in html
    assert f'href="{ASK}"' in html
    assert "coordinator@utrecht.example" in html and "lid@utrecht.example" in html
    assert "lid@zwolle.example" not in html
    assert f'action="{ROLE}"' not in html and f'action="{REMOVE}"' not in html
    assert f'href="{LEAVE}"' in html


def test_coordinator_sees_buttons_to_change_roles_and_remove_others_but_not_to_remove_themselves(client, people):
    client.force_login(people.coordinator_a)
    html = client.get(MEMBERS).content.decode()
    assert "U bent coördinator van deze organisatie." in html
    assert "Coördinator maken" in html
    assert "Rol van coördinator opgeven" in html
    own = membership(people.coordinator_a)
    other = membership(people.member_a)
    assert html.count(f'action="{REMOVE}"') == 1
    assert f'name="membership" value="{other.pk}"' in html
    assert f'<input type="hidden" name="membership" value="{own.pk}">' in html  # only in the role form
    assert f'href="{ASK}"' not in html


def test_an_organisation_without_a_coordinator_says_so(client, people):
    client.force_login(people.member_b)
    html = client.get(reverse("manifest:organisation_members", args=["gm0193"])).content.decode()
    assert "Deze organisatie heeft nog geen coördinator" in html


def test_vng_staff_read_the_members_of_any_organisation_without_buttons(client, people):
    log_in_with_two_factor(client, people.staff)
    html = client.get(MEMBERS).content.decode()
    assert "U ziet deze pagina als VNG-medewerker. Rollen wijzigt u in het beheer." in html
    assert "coordinator@utrecht.example" in html
    assert f'action="{ROLE}"' not in html


def test_a_waiting_request_shows_next_to_the_member(client, people):
    CoordinatorRequest.objects.create(membership=membership(people.member_a), reason="Ik leid het inkoopteam.")
    client.force_login(people.coordinator_a)
    assert "vraagt de rol van coördinator" in client.get(MEMBERS).content.decode()


def test_members_page_queries_do_not_grow_with_members(
    client, people, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(people.coordinator_a)
    client.get(MEMBERS)
    with django_assert_max_num_queries(10) as few:
        client.get(MEMBERS)
    for _ in range(5):
        member = MembershipFactory(organisation=people.organisation_a)
        CoordinatorRequest.objects.create(membership=member, reason="Graag")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(MEMBERS)
    assert response.content.decode().count("vraagt de rol van coördinator") == 5


# --- Changing roles ----------------------------------------------------------------------------------


def test_coordinator_makes_a_member_coordinator_audited_and_mailed(
    client, people, mailoutbox, django_capture_on_commit_callbacks
):
    target = membership(people.member_a)
    client.force_login(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ROLE, {"membership": target.pk, "role": "coordinator"}, follow=True)
    assert f"{people.member_a} is nu coördinator van Utrecht." in response.content.decode()
    target.refresh_from_db()
    assert target.is_coordinator
    entry = AuditLogEntry.objects.get(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED)
    assert (entry.actor, entry.detail) == (people.coordinator_a, "coordinator")
    [mail] = mailoutbox
    assert mail.to == ["lid@utrecht.example"]
    assert mail.subject == "[MVOI-portaal] U bent nu coördinator van Utrecht"


def test_making_a_member_coordinator_approves_their_waiting_request(client, people):
    target = membership(people.member_a)
    waiting = CoordinatorRequest.objects.create(membership=target, reason="Ik leid het inkoopteam.")
    client.force_login(people.coordinator_a)
    client.post(ROLE, {"membership": target.pk, "role": "coordinator"})
    waiting.refresh_from_db()
    assert waiting.status == CoordinatorRequestStatus.APPROVED
    assert waiting.decided_by == people.coordinator_a


def test_the_last_coordinator_cannot_give_up_the_role(client, people):
    own = membership(people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.post(ROLE, {"membership": own.pk, "role": "member"}, follow=True)
    assert "Utrecht heeft minstens één coördinator nodig. Maak eerst iemand anders coördinator" in (
        response.content.decode()
    )
    own.refresh_from_db()
    assert own.is_coordinator
    assert not AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED).exists()


def test_a_coordinator_gives_up_the_role_once_a_colleague_has_it(client, people):
    client.force_login(people.coordinator_a)
    client.post(ROLE, {"membership": membership(people.member_a).pk, "role": "coordinator"})
    own = membership(people.coordinator_a)
    client.post(ROLE, {"membership": own.pk, "role": "member"})
    own.refresh_from_db()
    assert not own.is_coordinator and own.is_verified


def test_an_inactive_coordinator_does_not_count_as_the_one_that_stays(client, people):
    other = MembershipFactory(organisation=people.organisation_a, role="coordinator", user__is_active=False)
    own = membership(people.coordinator_a)
    client.force_login(people.coordinator_a)
    client.post(ROLE, {"membership": own.pk, "role": "member"})
    own.refresh_from_db()
    assert own.is_coordinator
    assert other.is_coordinator


def test_a_member_cannot_change_roles(client, people):
    target = membership(people.member_a)
    client.force_login(people.member_a)
    assert client.post(ROLE, {"membership": target.pk, "role": "coordinator"}).status_code == 403
    target.refresh_from_db()
    assert not target.is_coordinator


def test_vng_staff_change_roles_in_the_admin_not_here(client, people):
    target = membership(people.member_a)
    log_in_with_two_factor(client, people.staff)
    assert client.post(ROLE, {"membership": target.pk, "role": "coordinator"}).status_code == 403
    target.refresh_from_db()
    assert not target.is_coordinator


def test_a_coordinator_cannot_change_roles_in_another_organisation(client, people):
    foreign = membership(people.member_b)
    client.force_login(people.coordinator_a)
    # Through their own organisation's address: not a member of it, so 404.
    assert client.post(ROLE, {"membership": foreign.pk, "role": "coordinator"}).status_code == 404
    # Through the other organisation's address: not a member there either.
    other = reverse("manifest:member_role", args=["gm0193"])
    assert client.post(other, {"membership": foreign.pk, "role": "coordinator"}).status_code == 404
    foreign.refresh_from_db()
    assert not foreign.is_coordinator


def test_a_tampered_role_changes_nothing_and_says_so(client, people):
    target = membership(people.member_a)
    client.force_login(people.coordinator_a)
    response = client.post(ROLE, {"membership": target.pk, "role": "superuser"}, follow=True)
    assert "Kies een lid en een rol." in response.content.decode()
    target.refresh_from_db()
    assert target.role == "member"


def test_the_role_pages_refuse_get(client, people):
    client.force_login(people.coordinator_a)
    assert client.get(ROLE).status_code == 405
    assert client.get(REMOVE).status_code == 405


# --- Removing members and leaving --------------------------------------------------------------------


def test_a_coordinator_removes_a_member_after_confirming(
    client, people, mailoutbox, django_capture_on_commit_callbacks
):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    target = membership(people.member_a)
    client.force_login(people.coordinator_a)
    confirm = client.post(REMOVE, {"membership": target.pk})
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Een lid verwijderen" in html and "lid@utrecht.example" in html
    target.refresh_from_db()
    assert target.is_verified
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMOVE, {"membership": target.pk, "confirm": "1", "reason": "Uit dienst"}, follow=True)
    assert "treedt niet meer op namens Utrecht" in response.content.decode()
    target.refresh_from_db()
    assert target.status == MembershipStatus.REMOVED and target.decided_by == people.coordinator_a
    assert AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_REMOVED, detail="Uit dienst").exists()
    assert mailoutbox[0].to == ["lid@utrecht.example"] and "Uit dienst" in mailoutbox[0].body
    # The removed person no longer reads the plan and cannot simply ask again.
    client.force_login(people.member_a)
    assert client.get(plan.get_absolute_url()).status_code == 404
    again = client.post(reverse("manifest:membership_request"), {"organisation": "gm0344"})
    assert "U heeft al een lidmaatschap of aanvraag voor deze organisatie." in again.content.decode()


def test_a_removal_reason_with_markup_keeps_what_was_typed_and_removes_nobody(client, people):
    target = membership(people.member_a)
    client.force_login(people.coordinator_a)
    response = client.post(REMOVE, {"membership": target.pk, "confirm": "1", "reason": "<b>weg</b>"})
    assert response.status_code == 400
    assert "&lt;b&gt;weg&lt;/b&gt;" in response.content.decode()
    target.refresh_from_db()
    assert target.is_verified


def test_a_member_cannot_remove_anyone(client, people):
    target = membership(people.coordinator_a)
    client.force_login(people.member_a)
    assert client.post(REMOVE, {"membership": target.pk, "confirm": "1"}).status_code == 403
    target.refresh_from_db()
    assert target.is_coordinator


def test_a_coordinator_cannot_remove_themselves_but_leaves(client, people):
    own = membership(people.coordinator_a)
    services_error = None
    try:
        services.membership_remove(membership=own, by=people.coordinator_a)
    except services.MembershipError as error:
        services_error = str(error)
    assert "Kies dan “De organisatie verlaten”." in services_error


def test_the_last_coordinator_cannot_leave(client, people):
    client.force_login(people.coordinator_a)
    assert client.get(LEAVE).status_code == 200
    response = client.post(LEAVE, follow=True)
    assert "Utrecht heeft minstens één coördinator nodig." in response.content.decode()
    assert membership(people.coordinator_a).is_coordinator


def test_a_member_leaves_and_may_ask_again_later(client, people):
    client.force_login(people.member_a)
    html = client.get(LEAVE).content.decode()
    assert "U kunt later opnieuw een lidmaatschap aanvragen." in html
    response = client.post(LEAVE, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "U treedt niet meer op namens Utrecht." in response.content.decode()
    assert not Membership.objects.filter(user=people.member_a).exists()
    entry = AuditLogEntry.objects.get(event=AuditEvent.MEMBERSHIP_REMOVED)
    assert (entry.actor, entry.detail) == (people.member_a, "left")


def test_vng_administrators_cannot_remove_the_last_coordinator_either(people, staff_in_session):
    with pytest.raises(services.MembershipError, match="minstens één coördinator"):
        services.membership_remove(membership=membership(people.coordinator_a), by=staff_in_session)


# --- Asking for the coordinator role -----------------------------------------------------------------


def test_a_member_asks_for_the_coordinator_role_and_sees_it_waiting(
    client, people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.force_login(people.member_a)
    form = client.get(ASK).content.decode()
    assert "Waarom hebt u de rol van coördinator nodig?" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, {"reason": "Ik leid het inkoopteam."}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == MEMBERS
    assert "Uw aanvraag is verstuurd." in html
    assert "rol van coördinator aangevraagd. Een VNG-medewerker besluit" in html
    request = CoordinatorRequest.objects.get()
    assert request.membership == membership(people.member_a) and request.is_waiting
    assert AuditLogEntry.objects.filter(event=AuditEvent.COORDINATOR_REQUESTED, actor=people.member_a).exists()
    to = sorted(mail.to[0] for mail in mailoutbox)
    assert to == sorted([settings.VNG_CONTACT_EMAIL, "coordinator@utrecht.example"])
    staff_mail = next(mail for mail in mailoutbox if mail.to == [settings.VNG_CONTACT_EMAIL])
    assert f"/admin/manifest/coordinatorrequest/{request.pk}/change/" in staff_mail.body
    assert "Ik leid het inkoopteam." in staff_mail.body
    # Asking again shows the waiting request, not a second form.
    again = client.get(ASK).content.decode()
    assert 'name="reason"' not in again
    assert "rol van coördinator van Utrecht aangevraagd" in again


def test_asking_without_a_reason_gets_a_clear_message(client, people):
    client.force_login(people.member_a)
    response = client.post(ASK, {"reason": ""})
    assert response.status_code == 400
    assert "Vertel waarom u de rol van coördinator nodig hebt." in response.content.decode()
    assert not CoordinatorRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused_by_the_service(people):
    own = membership(people.member_a)
    services.coordinator_request_submit(membership=own, by=people.member_a, reason="Eerste keer")
    with pytest.raises(services.MembershipError, match="wacht al"):
        services.coordinator_request_submit(membership=own, by=people.member_a, reason="Tweede keer")
    assert CoordinatorRequest.objects.count() == 1


def test_nobody_asks_on_behalf_of_someone_else(people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.coordinator_request_submit(
            membership=membership(people.member_a), by=people.coordinator_a, reason="Namens"
        )


def test_a_coordinator_asking_is_sent_back_to_the_members(client, people):
    client.force_login(people.coordinator_a)
    response = client.get(ASK, follow=True)
    assert response.redirect_chain[-1][0] == MEMBERS
    assert "U bent al coördinator van Utrecht." in response.content.decode()


def test_vng_administrator_approves_the_request_audited_and_mailed(
    people, staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    own = membership(people.member_a)
    request = services.coordinator_request_submit(membership=own, by=people.member_a, reason="Ik leid het team.")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.coordinator_request_approve(coordinator_request=request, by=staff_in_session)
    own.refresh_from_db()
    request.refresh_from_db()
    assert own.is_coordinator
    assert request.status == CoordinatorRequestStatus.APPROVED and request.decided_by == staff_in_session
    assert AuditLogEntry.objects.filter(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED, actor=staff_in_session).exists()
    [mail] = mailoutbox
    assert mail.to == ["lid@utrecht.example"]
    assert "heeft u coördinator van Utrecht gemaakt" in mail.body


def test_vng_administrator_refuses_the_request_with_a_reason(
    people, staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    own = membership(people.member_a)
    request = services.coordinator_request_submit(membership=own, by=people.member_a, reason="Ik leid het team.")
    mailoutbox.clear()
    with pytest.raises(services.MembershipError):
        services.coordinator_request_refuse(coordinator_request=request, by=staff_in_session, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.coordinator_request_refuse(
            coordinator_request=request, by=staff_in_session, reason="Eerst de wethouder"
        )
    own.refresh_from_db()
    assert not own.is_coordinator
    assert AuditLogEntry.objects.filter(
        event=AuditEvent.COORDINATOR_REQUEST_REFUSED, detail="Eerst de wethouder"
    ).exists()
    assert "Eerst de wethouder" in mailoutbox[0].body


def test_nobody_decides_on_their_own_coordinator_request(people, staff_in_session):
    own = MembershipFactory(user=staff_in_session, organisation=people.organisation_a)
    request = services.coordinator_request_submit(membership=own, by=staff_in_session, reason="Ik help mee.")
    with pytest.raises(services.MembershipError, match="niet over uw eigen lidmaatschap"):
        services.coordinator_request_approve(coordinator_request=request, by=staff_in_session)
    own.refresh_from_db()
    assert not own.is_coordinator


def test_an_editor_cannot_decide_on_the_coordinator_role(client, people):
    from django.contrib.auth.models import Group
    from django.core.exceptions import PermissionDenied

    from accounts.services import EDITOR_GROUP_NAME

    editor = UserFactory(email="redacteur@vng.example", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    editor = log_in_with_two_factor(client, editor)
    request = services.coordinator_request_submit(
        membership=membership(people.member_a), by=people.member_a, reason="Ik leid het team."
    )
    with pytest.raises(PermissionDenied):
        services.coordinator_request_approve(coordinator_request=request, by=editor)


# --- What each page says the user may do ------------------------------------------------------------


def test_the_organisation_page_tells_a_member_what_they_may_do(client, people):
    client.force_login(people.member_a)
    html = client.get(reverse("manifest:organisation_detail", args=["gm0344"])).content.decode()
    assert "U bent lid van deze organisatie." in html
    assert f'href="{ASK}"' in html and f'href="{MEMBERS}"' in html


@pytest.mark.parametrize(
    ("who", "text", "link"),
    [
        ("member_a", "Als lid van Utrecht werkt u dit plan uit en volgt u de voortgang", ASK),
        ("coordinator_a", "Als coördinator van Utrecht werkt u dit plan uit", MEMBERS),
    ],
)
def test_the_plan_page_says_what_the_user_may_do_and_how_to_get_more(client, people, who, text, link):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(getattr(people, who))
    html = client.get(plan.get_absolute_url()).content.decode()
    assert text in html
    assert f'href="{link}"' in html
