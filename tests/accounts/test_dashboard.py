"""'Mijn omgeving': only for the person logged in, showing their own organisations."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
URL = reverse("accounts:dashboard")


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_member_sees_own_organisation_and_role_only(client, people):
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert '<h1 class="utrecht-heading-1">Mijn omgeving</h1>' in html
    assert "U bent ingelogd als lid@utrecht.example." in html
    assert "Utrecht" in html
    assert "Bevestigd" in html
    assert "Zwolle" not in html


def test_member_of_other_organisation_sees_that_organisation_only(client, people):
    client.force_login(people.member_b)
    html = client.get(URL).content.decode()
    assert "Zwolle" in html
    assert "Utrecht" not in html


def test_coordinator_sees_the_coordinator_role(client, people):
    client.force_login(people.coordinator_a)
    assert "Coördinator" in client.get(URL).content.decode()


def test_staff_without_organisation_is_told_so(client, people):
    client.force_login(people.staff)
    assert "U treedt nog niet namens een organisatie op." in client.get(URL).content.decode()


def test_pending_and_refused_requests_are_shown_with_their_status(client, people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b, status="requested")
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    assert "Zwolle" in html
    assert "Aangevraagd" in html


def test_links_to_account_settings_and_a_logout_button(client, people):
    client.force_login(people.member_a)
    html = client.get(URL).content.decode()
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("account_logout")}"' in html


def test_dashboard_queries_do_not_grow_with_memberships(client, people, django_assert_max_num_queries):
    client.force_login(people.member_a)
    with django_assert_max_num_queries(6):
        client.get(URL)
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    with django_assert_max_num_queries(6):
        client.get(URL)
