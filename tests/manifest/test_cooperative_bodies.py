"""Cooperative bodies: a tier of its own, member organisations with dated memberships that only VNG
administrators change (through audited services), and both sides shown on the public organisation pages."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.services import ADMINISTRATOR_GROUP_NAME, EDITOR_GROUP_NAME
from audit.models import AuditEvent, AuditLogEntry
from manifest import services
from manifest.cache import REGISTER
from manifest.models import BodyKind, CooperationMember, Organisation, OrganisationKind
from manifest.services import CooperationError
from tests.factories import CooperationMemberFactory, CooperativeBodyFactory, OrganisationFactory, UserFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_YEAR = TODAY - timedelta(days=365)
# The body page: the organisation, its signatures, its bodies and members (one query each), the other
# apps' sections and the page cache's own look-ups; the same for 3 members as for 30.
BODY_PAGE_QUERIES = 7


@pytest.fixture
def body(db):
    return CooperativeBodyFactory(code="inkoop-vecht", name="Inkoopsamenwerking Vecht")


@pytest.fixture
def municipalities(db):
    return [
        OrganisationFactory(code="gm1904", name="Gemeente Stichtse Vecht"),
        OrganisationFactory(code="gm0736", name="Gemeente De Ronde Venen"),
        OrganisationFactory(code="gm0589", name="Gemeente Oudewater"),
    ]


def staff_member(client, email, *groups):
    user = UserFactory(email=email, is_staff=True)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return log_in_with_two_factor(client, user)


@pytest.fixture
def administrator(client):
    """A VNG administrator in a two-factor session (the client is logged in as them)."""
    return staff_member(client, "beheer@vng.example", EDITOR_GROUP_NAME, ADMINISTRATOR_GROUP_NAME)


@pytest.fixture
def editor(client):
    """A VNG editor without the administrators' group."""
    return staff_member(client, "redacteur@vng.example", EDITOR_GROUP_NAME)


# --- The rules, through the services ---------------------------------------------------------------


def test_administrator_adds_a_member_and_the_audit_log_says_who_and_when(administrator, body, municipalities):
    link = services.cooperation_member_add(
        body=body, member=municipalities[0], starts_on=date(2023, 1, 1), by=administrator
    )
    assert list(Organisation.objects.members_of(body)) == [municipalities[0]]
    entry = AuditLogEntry.objects.get(event=AuditEvent.BODY_MEMBER_ADDED)
    assert (entry.actor_email, entry.subject) == ("beheer@vng.example", "Inkoopsamenwerking Vecht")
    assert "Gemeente Stichtse Vecht (gm1904): 2023-01-01" in entry.detail
    services.cooperation_member_change(
        cooperation_member=link, starts_on=date(2023, 1, 1), ends_on=LAST_YEAR, by=administrator
    )
    assert not Organisation.objects.members_of(body).exists()
    assert AuditLogEntry.objects.filter(event=AuditEvent.BODY_MEMBER_CHANGED).exists()


@pytest.mark.parametrize(
    ("make_body", "member_is_body", "starts_on", "ends_on", "message"),
    [
        (True, True, date(2023, 1, 1), None, "Een samenwerkingsverband kan geen lid van zichzelf zijn."),
        (True, False, date(2024, 1, 1), date(2023, 12, 31), "Een lidmaatschap kan niet eindigen voordat het begint."),
        (False, False, date(2023, 1, 1), None, "Alleen een samenwerkingsverband heeft lidorganisaties."),
    ],
    ids=["body-joins-itself", "ends-before-it-starts", "municipality-with-members"],
)
def test_bad_membership_gets_a_clear_message_and_nothing_is_saved(
    administrator, body, municipalities, make_body, member_is_body, starts_on, ends_on, message
):
    target = body if make_body else municipalities[1]
    member = target if member_is_body else municipalities[0]
    with pytest.raises(CooperationError) as error:
        services.cooperation_member_add(
            body=target, member=member, starts_on=starts_on, ends_on=ends_on, by=administrator
        )
    assert message in str(error.value)
    assert not CooperationMember.objects.exists()
    assert not AuditLogEntry.objects.filter(event=AuditEvent.BODY_MEMBER_ADDED).exists()


def test_overlapping_membership_of_the_same_pair_is_refused_but_rejoining_later_is_fine(
    administrator, body, municipalities
):
    stichtse_vecht = municipalities[0]
    services.cooperation_member_add(
        body=body, member=stichtse_vecht, starts_on=date(2020, 1, 1), ends_on=date(2021, 12, 31), by=administrator
    )
    with pytest.raises(CooperationError, match="al lid van dit samenwerkingsverband"):
        services.cooperation_member_add(body=body, member=stichtse_vecht, starts_on=date(2021, 6, 1), by=administrator)
    services.cooperation_member_add(body=body, member=stichtse_vecht, starts_on=date(2022, 1, 1), by=administrator)
    assert CooperationMember.objects.filter(body=body, member=stichtse_vecht).count() == 2
    assert list(Organisation.objects.members_of(body, on=date(2021, 6, 1))) == [stichtse_vecht]
    assert list(Organisation.objects.bodies_of(stichtse_vecht, on=date(2019, 6, 1))) == []


def test_the_database_holds_the_rules_even_past_the_services(body, municipalities):
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationMember.objects.create(body=body, member=body, starts_on=date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationMember.objects.create(
            body=body, member=municipalities[0], starts_on=date(2023, 1, 1), ends_on=date(2022, 1, 1)
        )
    CooperationMember.objects.create(body=body, member=municipalities[0], starts_on=date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationMember.objects.create(body=body, member=municipalities[0], starts_on=date(2030, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="zonder-vorm", name="Zonder vorm", kind=OrganisationKind.COOPERATIVE_BODY)


def test_a_body_with_members_cannot_become_another_tier(body, municipalities):
    CooperationMemberFactory(body=body, member=municipalities[0])
    body.kind, body.body_kind = OrganisationKind.OTHER, ""
    with pytest.raises(ValidationError, match="blijft daarom een samenwerkingsverband"):
        services.organisation_save(organisation=body)
    body.refresh_from_db()
    assert body.kind == OrganisationKind.COOPERATIVE_BODY


def test_an_editor_without_the_administrators_group_cannot_change_members(editor, body, municipalities):
    with pytest.raises(PermissionDenied):
        services.cooperation_member_add(body=body, member=municipalities[0], starts_on=date(2023, 1, 1), by=editor)
    assert not CooperationMember.objects.exists()


# --- The admin ------------------------------------------------------------------------------------


def body_form(body, members=(), new=None):
    """The organisation change form of a body as posted, with its member inline."""
    data = {
        "name": body.name,
        "official_name": "",
        "kind": body.kind,
        "body_kind": body.body_kind,
        "code": body.code,
        "province": "",
        "cbs_code": "",
        "tooi_uri": "",
        "website_domain": "",
        "population": "",
        "is_active": "on",
        "ended_on": "",
        "successor": "",
        "email_domains-TOTAL_FORMS": 0,
        "email_domains-INITIAL_FORMS": 0,
        "email_domains-MIN_NUM_FORMS": 0,
        "email_domains-MAX_NUM_FORMS": 1000,
        "member_links-TOTAL_FORMS": len(members) + (1 if new else 0),
        "member_links-INITIAL_FORMS": len(members),
        "member_links-MIN_NUM_FORMS": 0,
        "member_links-MAX_NUM_FORMS": 1000,
        "_save": "Opslaan",
    }
    rows = [(link.pk, link.member_id, link.starts_on, link.ends_on) for link in members]
    if new:
        rows.append((None, *new))
    for index, (pk, member_id, starts_on, ends_on) in enumerate(rows):
        data |= {
            f"member_links-{index}-id": pk or "",
            f"member_links-{index}-body": body.pk,
            f"member_links-{index}-member": member_id,
            f"member_links-{index}-starts_on": starts_on.isoformat() if starts_on else "",
            f"member_links-{index}-ends_on": ends_on.isoformat() if ends_on else "",
        }
    return data


def change_url(organisation):
    return reverse("admin:manifest_organisation_change", args=[organisation.pk])


def test_administrator_adds_a_member_in_the_admin_and_it_is_audited(client, administrator, body, municipalities):
    response = client.post(change_url(body), body_form(body, new=(municipalities[0].pk, date(2023, 1, 1), None)))
    assert response.status_code == 302
    assert list(Organisation.objects.members_of(body)) == [municipalities[0]]
    assert AuditLogEntry.objects.filter(event=AuditEvent.BODY_MEMBER_ADDED, actor_email="beheer@vng.example").exists()


@pytest.mark.parametrize(
    ("member", "starts_on", "ends_on", "message"),
    [
        ("body", date(2023, 1, 1), None, "Een samenwerkingsverband kan geen lid van zichzelf zijn."),
        ("municipality", date(2024, 1, 1), date(2023, 1, 1), "Een lidmaatschap kan niet eindigen voordat het begint."),
    ],
    ids=["itself", "end-before-start"],
)
def test_admin_explains_a_bad_member_row_keeps_the_input_and_saves_nothing(
    client, administrator, body, municipalities, member, starts_on, ends_on, message
):
    member_pk = body.pk if member == "body" else municipalities[0].pk
    body_name = body.name
    data = body_form(body, new=(member_pk, starts_on, ends_on))
    data["name"] = "Inkoopsamenwerking Vecht en Venen"
    response = client.post(change_url(body), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Inkoopsamenwerking Vecht en Venen"' in page
    body.refresh_from_db()
    assert body.name == body_name
    assert not CooperationMember.objects.exists()


def test_two_overlapping_rows_for_one_member_in_one_form_are_refused(client, administrator, body, municipalities):
    data = body_form(body, new=(municipalities[0].pk, date(2023, 1, 1), None))
    data |= {
        "member_links-TOTAL_FORMS": 2,
        "member_links-1-id": "",
        "member_links-1-body": body.pk,
        "member_links-1-member": municipalities[0].pk,
        "member_links-1-starts_on": "2024-01-01",
        "member_links-1-ends_on": "",
    }
    response = client.post(change_url(body), data)
    assert response.status_code == 200
    assert "komt twee keer voor" in response.content.decode()
    assert not CooperationMember.objects.exists()


def test_editor_sees_the_members_but_a_crafted_form_changes_nothing(client, editor, body, municipalities):
    link = CooperationMemberFactory(body=body, member=municipalities[0], starts_on=date(2023, 1, 1))
    page = client.get(change_url(body)).content.decode()
    assert "Gemeente Stichtse Vecht" in page
    assert 'name="member_links-0-starts_on"' not in page
    client.post(change_url(body), body_form(body, [link], new=(municipalities[1].pk, date(2023, 1, 1), None)))
    assert list(Organisation.objects.members_of(body)) == [municipalities[0]]
    assert not AuditLogEntry.objects.filter(event=AuditEvent.BODY_MEMBER_ADDED).exists()


def test_administrator_removes_a_member_recorded_by_mistake(client, administrator, body, municipalities):
    link = CooperationMemberFactory(body=body, member=municipalities[0])
    data = body_form(body, [link])
    data["member_links-0-DELETE"] = "on"
    client.post(change_url(body), data)
    assert not CooperationMember.objects.exists()
    assert AuditLogEntry.objects.filter(event=AuditEvent.BODY_MEMBER_REMOVED).exists()


def test_staff_without_a_two_factor_session_do_not_reach_the_body_admin(client, body):
    user = UserFactory(email="beheer@vng.example", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get(change_url(body))
    assert response.status_code in (302, 403)
    assert "member_links" not in response.content.decode()


def test_municipality_admin_page_lists_its_bodies_read_only(client, administrator, body, municipalities):
    CooperationMemberFactory(body=body, member=municipalities[0])
    page = client.get(change_url(municipalities[0])).content.decode()
    assert "Inkoopsamenwerking Vecht" in page
    assert "member_links-TOTAL_FORMS" not in page


# --- The public pages -----------------------------------------------------------------------------


def test_anyone_sees_a_bodys_current_members_and_its_former_ones_marked(client, body, municipalities):
    stichtse_vecht, ronde_venen, oudewater = municipalities
    CooperationMemberFactory(body=body, member=stichtse_vecht, starts_on=date(2023, 1, 1))
    CooperationMemberFactory(body=body, member=ronde_venen, starts_on=date(2023, 1, 1))
    CooperationMemberFactory(body=body, member=oudewater, starts_on=date(2020, 1, 1), ends_on=date(2022, 12, 31))
    REGISTER.changed()
    page = client.get(body.get_absolute_url()).content.decode()
    current, former = page.split("Voormalige leden")
    assert "Gemeente Stichtse Vecht" in current and "Gemeente De Ronde Venen" in current
    assert "Gemeente Oudewater" not in current
    assert "Gemeente Oudewater" in former and "Voormalig lid" in former
    assert "van 1 januari 2020 tot en met 31 december 2022" in former
    assert "Inkoopsamenwerking" in page and "Samenwerkingsverband" in page


def test_a_members_page_lists_its_body(client, body, municipalities):
    CooperationMemberFactory(body=body, member=municipalities[0], starts_on=date(2023, 1, 1))
    REGISTER.changed()
    page = client.get(municipalities[0].get_absolute_url()).content.decode()
    assert f'href="{body.get_absolute_url()}"' in page
    assert "lid sinds 1 januari 2023" in page
    other = client.get(municipalities[1].get_absolute_url()).content.decode()
    assert "Inkoopsamenwerking Vecht" not in other


def test_the_cached_body_page_shows_a_member_added_through_the_service(
    client, locmem_cache, administrator, body, municipalities
):
    REGISTER.changed()
    client.logout()
    assert "Gemeente Oudewater" not in client.get(body.get_absolute_url()).content.decode()
    services.cooperation_member_add(body=body, member=municipalities[2], starts_on=date(2023, 1, 1), by=administrator)
    assert "Gemeente Oudewater" in client.get(body.get_absolute_url()).content.decode()


def test_body_page_query_count_does_not_grow_with_its_members(client, locmem_cache, body, django_assert_num_queries):
    def add_members(count):
        for _ in range(count):
            CooperationMemberFactory(body=body)
        REGISTER.changed()  # the factories write past the services

    client.get(body.get_absolute_url())  # the first request of a process fills a few lasting caches
    add_members(3)
    with django_assert_num_queries(BODY_PAGE_QUERIES):
        response = client.get(body.get_absolute_url())
    assert response.content.decode().count("lid sinds") == 3
    add_members(27)
    with django_assert_num_queries(BODY_PAGE_QUERIES):
        response = client.get(body.get_absolute_url())
    assert response.content.decode().count("lid sinds") == 30


def test_register_filter_finds_cooperative_bodies_and_ministries(client, body, municipalities):
    OrganisationFactory(code="mnre1034", name="Ministerie van BZK", kind=OrganisationKind.CENTRAL_GOVERNMENT)
    REGISTER.changed()
    page = client.get(reverse("manifest:organisation_list"), {"kind": "samenwerkingsverband"}).content.decode()
    assert "Inkoopsamenwerking Vecht" in page and "Gemeente Oudewater" not in page
    page = client.get(reverse("manifest:organisation_list"), {"kind": "rijk"}).content.decode()
    assert "Ministerie van BZK" in page and "Inkoopsamenwerking Vecht" not in page


def test_body_kind_belongs_only_to_cooperative_bodies(body):
    municipality = Organisation(code="gm9999", name="Gemeente X", kind=OrganisationKind.MUNICIPALITY)
    municipality.body_kind = BodyKind.JOINT_ARRANGEMENT
    with pytest.raises(ValidationError, match="Alleen een samenwerkingsverband"):
        municipality.clean()
