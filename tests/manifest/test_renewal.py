"""A new edition: VNG staff open it, invite the signatories of earlier editions, and those renew with a filled-in form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, AuditLogEntry
from core.staff import SecondFactorRequired
from manifest import services
from manifest.models import ManifestEdition, RenewalInvitation, Signature, SignatureStatus
from tests.factories import (
    ManifestEditionFactory,
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
    current_edition,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

SIGN = reverse("manifest:sign")
SIGNATORY = reverse("manifest:sign_signatory")
CONTACT = reverse("manifest:sign_contact")
REVIEW = reverse("manifest:sign_review")
EDITIONS = reverse("admin:manifest_manifestedition_changelist")


def new_edition() -> ManifestEdition:
    today = timezone.localdate()
    return ManifestEditionFactory(
        title="Manifest MVOI 2026-2029",
        slug="2026-2029",
        start_year=2026,
        end_year=2029,
        signing_opens=today - timedelta(days=1),
        signing_closes=today + timedelta(days=365),
    )


@pytest.fixture
def previous(people):
    """Utrecht signed the 2022-2025 edition (the current one until the new one opens)."""
    edition = current_edition()
    SignatureFactory(
        organisation=people.organisation_a,
        edition=edition,
        signatory_name="Anna de Vries",
        signatory_role="wethouder duurzaamheid",
        contact_name="Carla Contactpersoon",
        contact_email="carla@utrecht.example",
    )
    return edition


@pytest.fixture
def opened(previous):
    """The new edition, opened by a staff member of its own (allauth takes each code once per account)."""
    opener = UserFactory(email="opener@vng.example", is_staff=True)
    return services.edition_open(edition=new_edition(), by=log_in_with_two_factor(Client(), opener))


# --- opening an edition -------------------------------------------------------------------------


def test_staff_open_a_new_edition_with_the_admin_action(client, staff_with_two_factor, previous):
    edition = new_edition()
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    log_in_with_two_factor(client, staff_with_two_factor)
    response = client.post(EDITIONS, {"action": "open_edition", "_selected_action": [edition.pk]}, follow=True)
    assert "Manifest MVOI 2026-2029 is nu de huidige editie." in response.content.decode()
    assert ManifestEdition.objects.current() == edition
    assert list(ManifestEdition.objects.filter(is_current=True)) == [edition]
    entry = AuditLogEntry.objects.get(event=AuditEvent.EDITION_OPENED)
    assert entry.subject == "Manifest MVOI 2026-2029"
    assert client.get(reverse("manifest:index")).context["edition"] == edition


def test_staff_without_the_second_factor_and_members_cannot_open_an_edition(people, previous):
    edition = new_edition()
    with pytest.raises(SecondFactorRequired):
        services.edition_open(edition=edition, by=people.staff)
    with pytest.raises(PermissionDenied):
        services.edition_open(edition=edition, by=people.coordinator_a)
    assert ManifestEdition.objects.current() == previous


def test_opening_the_current_edition_again_says_so_and_changes_nothing(staff_in_session, previous):
    with pytest.raises(services.EditionError, match="is al de huidige editie"):
        services.edition_open(edition=previous, by=staff_in_session)
    assert ManifestEdition.objects.current() == previous
    assert not AuditLogEntry.objects.filter(event=AuditEvent.EDITION_OPENED).exists()


def test_the_database_keeps_one_current_edition(previous):
    from django.db import IntegrityError, transaction

    edition = new_edition()
    edition.is_current = True
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


# --- invitations ----------------------------------------------------------------------------------


@pytest.fixture
def signatories(people, previous):
    """Besides Utrecht (two coordinators): Zwolle signed but has no coordinator, Amersfoort renewed already,
    and Utrecht's coordinator also coordinates Delft, which signed too. Ede signed nothing."""
    second = MembershipFactory(
        user=UserFactory(email="tweede@utrecht.example", preferred_language="en"),
        organisation=people.organisation_a,
        role="coordinator",
    ).user
    SignatureFactory(organisation=people.organisation_b, edition=previous)
    delft = OrganisationFactory(code="gm0503", name="Delft")
    SignatureFactory(organisation=delft, edition=previous)
    MembershipFactory(user=people.coordinator_a, organisation=delft, role="coordinator")
    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort")
    SignatureFactory(organisation=amersfoort, edition=previous)
    MembershipFactory(
        user=UserFactory(email="coordinator@amersfoort.example"), organisation=amersfoort, role="coordinator"
    )
    ede = OrganisationFactory(code="gm0228", name="Ede")
    MembershipFactory(user=UserFactory(email="coordinator@ede.example"), organisation=ede, role="coordinator")
    return {"second": second, "amersfoort": amersfoort, "delft": delft}


def test_each_coordinator_is_invited_once_with_one_mail_for_all_their_organisations(
    people, signatories, opened, staff_in_session
):
    SignatureFactory(organisation=signatories["amersfoort"], edition=opened, status=SignatureStatus.SUBMITTED)
    mail.outbox.clear()
    result = services.renewal_invitations_send(edition=opened, by=staff_in_session)
    assert (result.mails, result.organisations, result.without_coordinator) == (2, 2, 1)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["coordinator@utrecht.example", "tweede@utrecht.example"]
    to_coordinator = next(m for m in mail.outbox if m.to == ["coordinator@utrecht.example"])
    assert f"?vernieuw={people.organisation_a.code}" in to_coordinator.body
    assert "?vernieuw=gm0503" in to_coordinator.body  # Delft, in the same mail
    assert RenewalInvitation.objects.filter(edition=opened).count() == 3

    again = services.renewal_invitations_send(edition=opened, by=staff_in_session)
    assert (again.mails, again.organisations) == (0, 0)
    assert len(mail.outbox) == 2
    assert AuditLogEntry.objects.filter(event=AuditEvent.RENEWAL_INVITED).count() == 1


def test_invitations_are_written_in_each_coordinators_language(signatories, opened, staff_in_session):
    mail.outbox.clear()
    services.renewal_invitations_send(edition=opened, by=staff_in_session)
    english = next(m for m in mail.outbox if m.to == ["tweede@utrecht.example"])
    dutch = next(m for m in mail.outbox if m.to == ["coordinator@utrecht.example"])
    assert "Sign the Manifest MVOI 2026-2029 again" in english.subject
    assert "/en/manifest/" in english.body
    assert "Onderteken het Manifest MVOI 2026-2029 opnieuw" in dutch.subject
    assert "Manifest MVOI 2026-2029" in dutch.body and "{%" not in dutch.body


def test_no_invitations_for_an_edition_that_is_not_current(signatories, staff_in_session):
    edition = new_edition()
    with pytest.raises(services.EditionError, match="alleen uit voor de huidige editie"):
        services.renewal_invitations_send(edition=edition, by=staff_in_session)
    assert not mail.outbox
    assert not RenewalInvitation.objects.exists()


def test_only_staff_in_a_two_factor_session_send_invitations(people, signatories, opened):
    with pytest.raises(SecondFactorRequired):
        services.renewal_invitations_send(edition=opened, by=people.staff)
    with pytest.raises(PermissionDenied):
        services.renewal_invitations_send(edition=opened, by=people.coordinator_a)
    assert not RenewalInvitation.objects.exists()


def test_admin_action_says_how_many_were_invited_and_skipped(client, staff_with_two_factor, signatories, opened):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    log_in_with_two_factor(client, staff_with_two_factor)
    mail.outbox.clear()
    page = client.post(
        EDITIONS, {"action": "invite_to_renew", "_selected_action": [opened.pk]}, follow=True
    ).content.decode()
    assert "3 coördinatoren kregen een uitnodiging, voor 3 organisaties." in page
    assert "1 organisatie is overgeslagen: er is geen actieve coördinator om naar te schrijven." in page
    assert len(mail.outbox) == 3


def test_admin_action_for_an_old_edition_says_why_nothing_was_sent(client, staff_with_two_factor, signatories, opened):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    log_in_with_two_factor(client, staff_with_two_factor)
    mail.outbox.clear()
    old = ManifestEdition.objects.get(slug="2022-2025")
    page = client.post(EDITIONS, {"action": "invite_to_renew", "_selected_action": [old.pk]}, follow=True)
    assert "alleen uit voor de huidige editie" in page.content.decode()
    assert not mail.outbox


def test_staff_without_a_two_factor_session_do_not_reach_the_admin_actions(client, people, signatories, opened):
    people.staff.is_superuser = True
    people.staff.save()
    client.force_login(people.staff)
    client.post(EDITIONS, {"action": "invite_to_renew", "_selected_action": [opened.pk]})
    assert not RenewalInvitation.objects.exists()


# --- renewing: the form filled in from the last signature -----------------------------------------


def renewal_link(organisation) -> str:
    return f"{SIGN}?vernieuw={organisation.code}"


@pytest.mark.parametrize("who", ["coordinator_a", "member_a"])
def test_member_following_the_renewal_link_gets_the_form_filled_in(client, people, opened, who):
    client.force_login(getattr(people, who))
    page = client.get(renewal_link(people.organisation_a)).content.decode()
    assert "ingevuld met de ondertekening van Utrecht" in page
    step = client.post(SIGN, {"organisation": people.organisation_a.code})
    assert step.url == SIGNATORY
    signatory = client.get(SIGNATORY).content.decode()
    assert 'value="Anna de Vries"' in signatory
    assert 'value="wethouder duurzaamheid"' in signatory
    assert 'value="carla@utrecht.example"' in client.get(CONTACT).content.decode()
    assert not Signature.objects.filter(edition=opened).exists()  # nothing is saved before signing


def test_renewal_is_submitted_as_a_new_signature_of_the_new_edition(client, people, opened):
    client.force_login(people.coordinator_a)
    client.get(renewal_link(people.organisation_a))
    client.post(SIGN, {"organisation": people.organisation_a.code})
    client.post(SIGNATORY, {"signatory_name": "Anna de Vries", "signatory_role": "wethouder duurzaamheid"})
    client.post(CONTACT, {"contact_name": "Carla Contactpersoon", "contact_email": "carla@utrecht.example"})
    response = client.post(REVIEW, {"authority_confirmed": "on", "publication_consent": "on"})
    assert response.url == reverse("manifest:sign_done")
    renewed = Signature.objects.get(edition=opened)
    assert (renewed.organisation, renewed.signatory_name, renewed.status) == (
        people.organisation_a,
        "Anna de Vries",
        SignatureStatus.SUBMITTED,
    )


def test_member_of_another_organisation_gets_nothing_of_it_from_the_renewal_link(client, people, opened):
    client.force_login(people.member_b)
    page = client.get(renewal_link(people.organisation_a)).content.decode()
    assert "Anna de Vries" not in page and "Carla" not in page and "ingevuld met" not in page
    assert client.get(SIGNATORY).url == SIGN  # no data in the flow: back to the start
    assert not Signature.objects.filter(edition=opened).exists()


def test_anonymous_visitor_of_the_renewal_link_is_asked_to_log_in_and_sees_nothing_of_it(client, people, opened):
    page = client.get(renewal_link(people.organisation_a)).content.decode()
    assert "Anna de Vries" not in page and "Carla" not in page
    assert "vernieuw%3Dgm0344" in page  # after logging in the link works


def test_staff_following_a_renewal_link_get_no_filled_in_form(client, people, opened):
    log_in_with_two_factor(client, people.staff)
    page = client.get(renewal_link(people.organisation_a)).content.decode()
    assert "Anna de Vries" not in page and "Carla" not in page


def test_renewal_link_of_an_organisation_that_renewed_already_fills_in_nothing(client, people, opened):
    SignatureFactory(organisation=people.organisation_a, edition=opened, signatory_name="Bert Nieuw")
    client.force_login(people.coordinator_a)
    page = client.get(renewal_link(people.organisation_a)).content.decode()
    assert "ingevuld met" not in page


# --- history across editions ----------------------------------------------------------------------


def test_organisation_page_lists_every_edition_with_status_and_date(client, people, opened):
    page = client.get(people.organisation_a.get_absolute_url()).content.decode()
    assert "Manifest MVOI 2026-2029" in page
    assert "Niet ondertekend" in page
    assert "Anna de Vries" in page
    assert page.index("Manifest MVOI 2026-2029") < page.index(current_edition().title)  # newest first


def test_register_of_a_former_edition_links_to_the_organisation_page(client, people, opened):
    page = client.get(reverse("manifest:register") + "?editie=2022-2025").content.decode()
    assert f'href="{people.organisation_a.get_absolute_url()}"' in page


def test_organisation_page_queries_stay_constant_with_more_editions(
    client, people, opened, django_assert_max_num_queries, locmem_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = people.organisation_a.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2030, 2040, 4):
        ManifestEditionFactory(title=f"Manifest {year}", slug=f"{year}-{year + 3}", start_year=year, end_year=year + 3)
        SignatureFactory(organisation=people.organisation_a, edition=ManifestEdition.objects.get(start_year=year))
    from core.page_cache import every_kind_changed

    every_kind_changed()
    with django_assert_max_num_queries(len(few)):
        client.get(url)
