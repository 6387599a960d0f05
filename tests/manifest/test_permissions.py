"""Who may open which page of the manifest app: every URL of the app, for every kind of person.

The URL names come from the URLconf, so a new URL in the manifest namespace without a row here fails.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.factories import ManifestEditionFactory, SignatureFactory
from tests.users import CODE_STEP, SET_UP_APP, STAFF_VARIANTS, log_in_as

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "member_a", "coordinator_a", "member_b", "staff", *STAFF_VARIANTS]
LOGIN = "/account/login/"
SIGN = "/manifest/ondertekenen/"
MEMBERS_A = "/mijn-omgeving/organisaties/gm0344/leden/"
PUBLIC = dict.fromkeys(PEOPLE, 200)
# A staff power: VNG staff with the code step get it, without it they are led to the code or to setting up an app.
STAFF_POWER = {"staff": 200, "staff_without_code": CODE_STEP, "staff_without_app": SET_UP_APP}
LOGGED_IN = dict.fromkeys(PEOPLE[1:], 200)
POST_ONLY = {"anonymous": LOGIN, **dict.fromkeys(PEOPLE[1:], 405)}

# Per URL name: what each person gets. An int is a status code; a string is a redirect target (prefix).
EXPECTED = {
    "index": PUBLIC,
    "edition_detail": PUBLIC,
    "register": PUBLIC,
    "register_csv": PUBLIC,
    "register_json": PUBLIC,
    "register_xlsx": PUBLIC,
    "register_schema": PUBLIC,
    "open_data": PUBLIC,
    # The start of signing leads everyone on: anonymous visitors and staff without membership get the
    # explanation of what is needed; members get the form.
    "sign": PUBLIC,
    "sign_signatory": {"anonymous": LOGIN, **LOGGED_IN} | {"member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN},
    "sign_contact": {"anonymous": LOGIN, **LOGGED_IN} | {"member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN},
    "sign_review": {"anonymous": LOGIN, **LOGGED_IN} | {"member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN},
    "sign_done": {"anonymous": LOGIN, **dict.fromkeys(PEOPLE[1:], SIGN)},
    "signature_withdraw": {"anonymous": LOGIN, "member_a": 200, "coordinator_a": 200, "member_b": 404, **STAFF_POWER},
    "organisation_list": PUBLIC,
    "organisation_detail": PUBLIC,
    "membership_request": {"anonymous": LOGIN, **LOGGED_IN},
    # Mijn omgeving: an organisation's members. VNG staff read it; roles change in the admin.
    "organisation_members": {"anonymous": LOGIN, "member_a": 200, "coordinator_a": 200, "member_b": 404, **STAFF_POWER},
    "coordinator_request": {
        "anonymous": LOGIN,
        "member_a": 200,
        "coordinator_a": MEMBERS_A,  # already coordinator: back to the members, with a message
        "member_b": 404,
        **STAFF_POWER,
        "staff": 403,  # not a member: nothing to ask for
    },
    "membership_leave": {
        "anonymous": LOGIN,
        "member_a": 200,
        "coordinator_a": 200,
        "member_b": 404,
        **STAFF_POWER,
        "staff": 403,
    },
    "member_role": POST_ONLY,
    "member_remove": POST_ONLY,
    # Which cooperative bodies prepare the organisation's action plans: read like the members page.
    "organisation_mandates": {
        "anonymous": LOGIN,
        "member_a": 200,
        "coordinator_a": 200,
        "member_b": 404,
        **STAFF_POWER,
    },
    "mandate_grant": POST_ONLY,
    "mandate_revoke": POST_ONLY,
}


def manifest_url_names() -> list[str]:
    _prefix, resolver = get_resolver().namespace_dict["manifest"]
    return sorted({pattern.name for pattern in resolver.url_patterns})


def test_every_manifest_url_has_a_row_in_the_permission_matrix():
    assert manifest_url_names() == sorted(EXPECTED)


def url_for(name, signature):
    code = {"code": signature.organisation.code}
    kwargs = {
        "edition_detail": {"slug": ManifestEditionFactory().slug},
        "signature_withdraw": {"public_id": signature.public_id},
        "organisation_detail": code,
        "organisation_members": code,
        "coordinator_request": code,
        "membership_leave": code,
        "member_role": code,
        "member_remove": code,
        "organisation_mandates": code,
        "mandate_grant": code,
        "mandate_revoke": code,
    }.get(name, {})
    return reverse(f"manifest:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", manifest_url_names())
@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_gets_what_the_matrix_says(client, people, name, person):
    signature = SignatureFactory(organisation=people.organisation_a)
    log_in_as(client, people, person)
    response = client.get(url_for(name, signature))
    expected = EXPECTED[name][person]
    if isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 302
        assert response.url.startswith(expected)


@pytest.mark.parametrize("person", ["member_a", "coordinator_a", "member_b"])
def test_members_get_the_form_of_the_first_step_with_only_their_own_organisation(client, people, person):
    client.force_login(getattr(people, person))
    page = client.get(SIGN).content.decode()
    own = people.organisation_b if person == "member_b" else people.organisation_a
    other = people.organisation_a if person == "member_b" else people.organisation_b
    assert f'value="{own.code}"' in page
    assert f'value="{other.code}"' not in page


@pytest.mark.parametrize("person", ["anonymous", "staff"])
def test_people_without_membership_get_no_form(client, people, person):
    if getattr(people, person):
        client.force_login(getattr(people, person))
    assert 'name="organisation"' not in client.get(SIGN).content.decode()


def test_withdrawing_by_member_of_another_organisation_is_404_and_changes_nothing(client, people):
    signature = SignatureFactory(organisation=people.organisation_a)
    client.force_login(people.member_b)
    url = reverse("manifest:signature_withdraw", kwargs={"public_id": signature.public_id})
    assert client.post(url, {"reason": "Sabotage"}).status_code == 404
    signature.refresh_from_db()
    assert signature.status == "signed"


def test_the_open_data_refuses_changes(client, people):
    assert client.post(reverse("manifest:register_csv")).status_code == 405
    assert client.post(reverse("manifest:register")).status_code == 405


def test_admin_of_signatures_is_for_staff_only(client, people):
    url = reverse("admin:manifest_signature_changelist")
    for person in ["member_a", "coordinator_a", "member_b"]:
        client.force_login(getattr(people, person))
        assert client.get(url).status_code == 302
    client.logout()
    assert client.get(url).status_code == 302
    assert client.get(reverse("admin:manifest_signature_export")).status_code == 302


# --- The admin pages of the manifest models -----------------------------------------------------

ADMIN_EXPECTED_FOR_STAFF = {
    "manifest_signature_export": 200,
    "manifest_signature_signed_elsewhere": 200,
    "manifest_signature_changelist": 200,
    "manifest_signature_add": 403,
    "manifest_signature_history": 200,
    "manifest_signature_delete": 403,
    "manifest_signature_change": 200,
    "manifest_manifestedition_changelist": 200,
    "manifest_manifestedition_add": 200,
    "manifest_manifestedition_history": 200,
    "manifest_manifestedition_delete": 403,
    "manifest_manifestedition_change": 200,
    # Memberships and role requests are decided with actions, never added or deleted by hand.
    "manifest_membership_changelist": 200,
    "manifest_membership_add": 403,
    "manifest_membership_history": 200,
    "manifest_membership_delete": 403,
    "manifest_membership_change": 200,
    "manifest_coordinatorrequest_changelist": 200,
    "manifest_coordinatorrequest_add": 403,
    "manifest_coordinatorrequest_history": 200,
    "manifest_coordinatorrequest_delete": 403,
    "manifest_coordinatorrequest_change": 200,
}
ADMIN_MODELS = ["Signature", "ManifestEdition", "Membership", "CoordinatorRequest"]


def manifest_admin_url_names() -> list[str]:
    from django.contrib import admin

    from manifest import models

    return sorted(
        url.name
        for model in ADMIN_MODELS
        for url in admin.site._registry[getattr(models, model)].get_urls()
        if url.name
    )


def test_every_manifest_admin_url_has_an_expectation():
    assert manifest_admin_url_names() == sorted(ADMIN_EXPECTED_FOR_STAFF)


def admin_url(name, signature, coordinator_request):
    model, _, view = name.removeprefix("manifest_").rpartition("_")
    if view in {"changelist", "add", "export", "elsewhere"}:
        return reverse(f"admin:{name}")
    obj = {
        "signature": signature,
        "manifestedition": signature.edition,
        "membership": coordinator_request.membership,
        "coordinatorrequest": coordinator_request,
    }[model]
    return reverse(f"admin:{name}", args=[obj.pk])


@pytest.mark.parametrize("name", manifest_admin_url_names())
@pytest.mark.parametrize("person", PEOPLE)
def test_manifest_admin_pages_are_for_vng_staff_only(client, people, name, person):
    from manifest.models import CoordinatorRequest

    people.staff.is_superuser = True
    people.staff.save()
    signature = SignatureFactory(organisation=people.organisation_a)
    coordinator_request = CoordinatorRequest.objects.create(
        membership=people.member_a.memberships.get(), reason="Ik leid het inkoopteam."
    )
    log_in_as(client, people, person)
    response = client.get(admin_url(name, signature, coordinator_request))
    if person == "staff":
        assert response.status_code == ADMIN_EXPECTED_FOR_STAFF[name]
    else:
        assert response.status_code == 302
        assert "login" in response.url
