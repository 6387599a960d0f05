"""The part of the organisation page (/organisaties/<code>/) that shows its signatures per edition."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from manifest.models import SignatureStatus
from manifest.views.organisations import edition_history
from tests.factories import ManifestEditionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def render(organisation, user):
    return render_to_string(
        "manifest/includes/organisation_signatures.html",
        {"organisation": organisation, **edition_history(organisation, user)},
        request=RequestFactory().get("/"),
    )


def test_everyone_sees_the_signed_editions_newest_first(people):
    old = ManifestEditionFactory()
    SignatureFactory(organisation=people.organisation_a, edition=old, signatory_name="Oud Bestuurder")
    SignatureFactory(organisation=people.organisation_a, signatory_name="Nieuw Bestuurder")
    html = render(people.organisation_a, None)
    assert html.index("Manifest MVOI 2022-2025") < html.index("Manifest MVI 2016-2020")
    assert "Nieuw Bestuurder" in html and "Oud Bestuurder" in html
    assert "Onderteken het" not in html


def test_a_submitted_signature_is_visible_to_members_and_staff_only(people, staff_in_session):
    SignatureFactory(
        organisation=people.organisation_a, status=SignatureStatus.SUBMITTED, decided_at=None, signatory_name="Wacht"
    )
    assert "Wacht" not in render(people.organisation_a, None)
    assert "Wacht" not in render(people.organisation_a, people.member_b)
    assert "wacht op beoordeling" in render(people.organisation_a, people.member_a)
    assert "Wacht" in render(people.organisation_a, staff_in_session)
    assert "Wacht" not in render(people.organisation_a, people.staff)  # loaded outside a session with the code


def test_unsigned_organisation_gets_a_link_to_sign_for_it(people):
    html = render(people.organisation_b, None)
    assert "Zwolle heeft het manifest niet ondertekend." in html
    assert "/manifest/ondertekenen/?organisatie=gm0193" in html


def test_query_count_of_the_organisation_page_part_is_constant(people, django_assert_num_queries):
    SignatureFactory(organisation=people.organisation_a)
    with django_assert_num_queries(3):  # signatures, editions, the edition to sign
        render(people.organisation_a, None)
    for year in (2010, 2014, 2018):
        edition = ManifestEditionFactory(slug=f"{year}-{year + 3}", title=f"Manifest {year}", start_year=year)
        SignatureFactory(organisation=people.organisation_a, edition=edition)
    with django_assert_num_queries(3):
        render(people.organisation_a, None)
