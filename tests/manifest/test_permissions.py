"""Who may open which page of the manifest app: every URL of the app, for every kind of person.

The URL names come from the URLconf, so a new URL in the manifest namespace without a row here fails.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.factories import ManifestEditionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "member_a", "coordinator_a", "member_b", "staff"]
LOGIN = "/account/login/"
SIGN = "/manifest/ondertekenen/"
PUBLIC = dict.fromkeys(PEOPLE, 200)

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
    "sign_signatory": {"anonymous": LOGIN, "member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN, "staff": 200},
    "sign_contact": {"anonymous": LOGIN, "member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN, "staff": 200},
    "sign_review": {"anonymous": LOGIN, "member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN, "staff": 200},
    "sign_done": {"anonymous": LOGIN, "member_a": SIGN, "coordinator_a": SIGN, "member_b": SIGN, "staff": SIGN},
    "signature_withdraw": {"anonymous": LOGIN, "member_a": 200, "coordinator_a": 200, "member_b": 404, "staff": 200},
    "organisation_list": PUBLIC,
    "organisation_detail": PUBLIC,
    "membership_request": {"anonymous": LOGIN, "member_a": 200, "coordinator_a": 200, "member_b": 200, "staff": 200},
}


def manifest_url_names() -> list[str]:
    _prefix, resolver = get_resolver().namespace_dict["manifest"]
    return sorted({pattern.name for pattern in resolver.url_patterns})


def test_every_manifest_url_has_a_row_in_the_permission_matrix():
    assert manifest_url_names() == sorted(EXPECTED)


def url_for(name, signature):
    kwargs = {
        "edition_detail": {"slug": ManifestEditionFactory().slug},
        "signature_withdraw": {"public_id": signature.public_id},
        "organisation_detail": {"code": signature.organisation.code},
    }.get(name, {})
    return reverse(f"manifest:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", manifest_url_names())
@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_gets_what_the_matrix_says(client, people, name, person):
    signature = SignatureFactory(organisation=people.organisation_a)
    user = getattr(people, person)
    if user is not None:
        client.force_login(user)
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
}


def manifest_admin_url_names() -> list[str]:
    from django.contrib import admin

    from manifest.models import ManifestEdition, Signature

    return sorted(
        url.name for model in [Signature, ManifestEdition] for url in admin.site._registry[model].get_urls() if url.name
    )


def test_every_manifest_admin_url_has_an_expectation():
    assert manifest_admin_url_names() == sorted(ADMIN_EXPECTED_FOR_STAFF)


@pytest.mark.parametrize("name", manifest_admin_url_names())
@pytest.mark.parametrize("person", PEOPLE)
def test_manifest_admin_pages_are_for_vng_staff_only(client, people, staff_with_two_factor, name, person):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    signature = SignatureFactory(organisation=people.organisation_a)
    args = []
    if name.startswith("manifest_signature_") and name not in {
        "manifest_signature_export",
        "manifest_signature_signed_elsewhere",
        "manifest_signature_changelist",
        "manifest_signature_add",
    }:
        args = [signature.pk]
    elif name.startswith("manifest_manifestedition_") and name not in {
        "manifest_manifestedition_changelist",
        "manifest_manifestedition_add",
    }:
        args = [signature.edition.pk]
    user = getattr(people, person)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(f"admin:{name}", args=args))
    if person == "staff":
        assert response.status_code == ADMIN_EXPECTED_FOR_STAFF[name]
    else:
        assert response.status_code == 302
        assert "login" in response.url
