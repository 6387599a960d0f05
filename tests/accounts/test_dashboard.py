"""'Mijn omgeving': only for the person logged in, showing their own organisations and what they may do there."""

import pytest
from django.urls import reverse

from manifest.models import CoordinatorRequest
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    current_edition,
    give_totp_authenticator,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db
URL = reverse("accounts:dashboard")


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_member_sees_own_organisation_what_a_member_may_do_and_how_to_get_more(client, people):
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert '<h1 class="utrecht-heading-1">Mijn omgeving</h1>' in html
    assert "U bent ingelogd als lid@utrecht.example." in html
    assert "Utrecht" in html
    assert '<span class="mvoi-badge mvoi-badge--ok">Lid</span>' in html
    assert "Als lid ondertekent u het manifest, werkt u het actieplan uit en volgt u de voortgang." in html
    assert "Coördinatoren stellen het plan ook vast, publiceren het, rapporteren erover" in html
    assert f'href="{reverse("manifest:coordinator_request", args=["gm0344"])}"' in html
    assert f'href="{reverse("manifest:organisation_members", args=["gm0344"])}"' in html
    assert "Zwolle" not in html


def test_member_of_other_organisation_sees_that_organisation_only(client, people):
    client.force_login(people.member_b)
    html = client.get(URL).content.decode()
    assert "Zwolle" in html
    assert "Utrecht" not in html


def test_coordinator_sees_the_coordinator_role_and_may_manage_members(client, people):
    client.force_login(people.coordinator_a)
    html = client.get(URL).content.decode()
    assert '<span class="mvoi-badge mvoi-badge--ok">Coördinator</span>' in html
    assert "u stelt het ook vast, publiceert het en rapporteert erover" in html
    assert "Leden van Utrecht beheren" in html
    assert reverse("manifest:coordinator_request", args=["gm0344"]) not in html


def test_a_waiting_request_for_the_coordinator_role_is_shown_instead_of_the_link(client, people):
    membership = people.member_a.memberships.get()
    CoordinatorRequest.objects.create(membership=membership, reason="Ik leid het inkoopteam.")
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert "rol van coördinator aangevraagd. Een VNG-medewerker besluit" in html
    assert reverse("manifest:coordinator_request", args=["gm0344"]) not in html


def test_staff_without_organisation_is_told_so(client, people):
    log_in_with_two_factor(client, people.staff)
    html = client.get(URL).content.decode()
    assert "U treedt nog niet namens een organisatie op." in html
    assert "Code invullen" not in html


def test_staff_in_a_session_without_the_code_are_told_where_to_enter_it(client, people):
    give_totp_authenticator(people.staff)
    client.force_login(people.staff)
    html = client.get(URL).content.decode()
    assert "is in deze sessie de code uit uw authenticator-app nodig" in html
    assert f'href="{reverse("mfa_reauthenticate")}?next=%2Fmijn-omgeving%2F"' in html


def test_pending_and_refused_requests_are_shown_with_their_status(client, people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b, status="requested")
    MembershipFactory(
        user=people.member_a, organisation=OrganisationFactory(name="Deventer"), status="refused", refusal_reason="Nee"
    )
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert "Zwolle" in html
    assert "Aangevraagd" in html
    assert "Een VNG-medewerker controleert uw aanvraag" in html
    assert "Afgewezen" in html


def test_links_to_account_settings_and_a_logout_button(client, people):
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("account_logout")}"' in html


def test_dashboard_queries_do_not_grow_with_memberships(client, people, django_assert_num_queries):
    client.force_login(people.member_a)
    client.get(URL)
    # Session, user, the edition open for signing, memberships with their waiting role requests and signatures,
    # where the organisations stand on the ladder, the bodies the user coordinates, the joint plans to decide
    # on, and saving the session.
    with django_assert_num_queries(9) as one:
        client.get(URL)
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    MembershipFactory(user=people.member_a, organisation=OrganisationFactory(), role="coordinator")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(URL)


def test_member_of_an_organisation_that_has_not_signed_gets_signing_as_next_step(client, people):
    current_edition()
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert "Volgende stap: onderteken het manifest" in html
    assert "Utrecht heeft het Manifest MVOI 2022-2025 nog niet ondertekend." in html
    assert f'href="{reverse("manifest:sign")}?organisatie=gm0344">Onderteken het manifest voor Utrecht</a>' in html


def test_member_of_an_organisation_that_has_signed_is_not_asked_to_sign(client, people):
    SignatureFactory(organisation=people.organisation_a, edition=current_edition())
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert "Volgende stap: onderteken het manifest" not in html
    assert "Onderteken het manifest voor Utrecht" not in html


def test_nobody_is_asked_to_sign_while_no_edition_is_open(client, people):
    edition = current_edition()
    edition.signing_closes = edition.signing_opens
    edition.save()
    client.force_login(people.member_a)
    assert "Onderteken het manifest voor Utrecht" not in client.get(URL).content.decode()


def test_member_of_a_signed_organisation_finds_its_action_plans(client, people):
    SignatureFactory(organisation=people.organisation_a, edition=current_edition())
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert f'href="{reverse("actionplans:index")}">Actieplannen en jaarverslagen van Utrecht</a>' in html
