"""Contact persons stay private: no public page or file of the manifest ever shows them."""

import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from core.xlsx_export import CONTENT_TYPE
from manifest.models import Signature, SignatureStatus
from manifest.views.organisations import edition_history
from tests.factories import ManifestEditionFactory, SignatureFactory
from tests.manifest.test_permissions import manifest_url_names, url_for
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

SECRETS = ["Geheime Contactpersoon", "geheim.contact@utrecht.example", "06 98765432"]


@pytest.fixture
def signatures(people):
    ManifestEditionFactory()
    signed = SignatureFactory(
        organisation=people.organisation_a,
        contact_name=SECRETS[0],
        contact_email=SECRETS[1],
        contact_phone=SECRETS[2],
        joint_group="5b0e2f0c-8f7e-4d8f-9a59-1f0f3c7e2a11",
    )
    SignatureFactory(
        organisation=people.organisation_b,
        status=SignatureStatus.SUBMITTED,
        decided_at=None,
        contact_name=SECRETS[0],
        contact_email=SECRETS[1],
        contact_phone=SECRETS[2],
    )
    return signed


def assert_private(content: str, where: str):
    for secret in SECRETS:
        assert secret not in content, f"{secret!r} leaked in {where}"


def readable(response) -> str:
    """The response as text; a workbook as the text of all its cells."""
    if response["Content-Type"] != CONTENT_TYPE:
        return response.content.decode()
    book = load_workbook(io.BytesIO(response.content))
    return "\n".join(str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row)


@pytest.mark.parametrize("name", manifest_url_names())
def test_no_public_output_shows_contact_details(client, signatures, name):
    url = url_for(name, signatures)
    for query in ["", "?editie=2022-2025", "?q=Utrecht", "?niveau=gemeente"]:
        response = client.get(url + query)
        assert_private(readable(response), url + query)


def test_the_data_really_is_there_to_leak(signatures):
    """Guards the test above: the contact details exist in the database."""
    assert Signature.objects.filter(contact_email=SECRETS[1]).count() == 2


def test_organisation_page_signatures_show_no_contact_details_even_to_members(people, signatures):
    for user in [None, people.member_a, people.staff]:
        request = RequestFactory().get("/")
        html = render_to_string(
            "manifest/includes/organisation_signatures.html",
            {"organisation": people.organisation_a, **edition_history(people.organisation_a, user)},
            request=request,
        )
        assert signatures.signatory_name in html
        assert_private(html, f"organisation page as {user}")


def test_admin_export_for_staff_does_include_contact_details(client, staff_with_two_factor, signatures):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    log_in_with_two_factor(client, staff_with_two_factor)
    content = client.get(reverse("admin:manifest_signature_export")).content.decode()
    for secret in SECRETS:
        assert secret in content
