from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from manifest.models import Signature, SignatureStatus
from manifest.services import (
    InvalidTransition,
    SignatureConflict,
    SigningClosed,
    SigningError,
    signature_approve,
    signature_reject,
    signature_submit,
    signature_withdraw,
)
from tests.factories import (
    ManifestEditionFactory,
    MembershipFactory,
    SignatureFactory,
    UserFactory,
    current_edition,
)

pytestmark = pytest.mark.django_db


def submit(user, organisation, **overrides):
    values = {
        "user": user,
        "edition": current_edition(),
        "organisation": organisation,
        "signatory_name": "Anna de Wethouder",
        "signatory_role": "wethouder duurzaamheid",
        "decision_date": date(2023, 3, 7),
        "contact_name": "Carla Contact",
        "contact_email": "carla@utrecht.example",
        "contact_phone": "030 286 00 00",
        "authority_confirmed": True,
        "publication_consent": True,
    }
    values.update(overrides)
    return signature_submit(**values)


def test_member_submits_a_signature_that_waits_for_verification(people, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        [signature] = submit(people.member_a, people.organisation_a)
    assert signature.status == SignatureStatus.SUBMITTED
    assert signature.submitted_by == people.member_a
    assert signature.joint_group is None
    assert not Signature.objects.public().exists()
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert recipients == {"lid@utrecht.example", "coordinator@utrecht.example", "CO2@vng.nl"}
    staff_mail = next(mail for mail in mailoutbox if mail.to == ["CO2@vng.nl"])
    assert f"/admin/manifest/signature/{signature.pk}/change/" in staff_mail.body


def test_joint_signature_gives_each_organisation_its_own_linked_signature(people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    signatures = submit(people.member_a, people.organisation_a, co_signers=[people.organisation_b])
    assert {s.organisation for s in signatures} == {people.organisation_a, people.organisation_b}
    assert signatures[0].joint_group is not None
    assert signatures[0].joint_group == signatures[1].joint_group


def test_co_signing_for_an_organisation_one_is_no_member_of_is_refused(people):
    with pytest.raises(PermissionDenied):
        submit(people.member_a, people.organisation_a, co_signers=[people.organisation_b])
    assert not Signature.objects.exists()


def test_an_organisation_cannot_co_sign_with_itself(people):
    with pytest.raises(SigningError):
        submit(people.member_a, people.organisation_a, co_signers=[people.organisation_a])


def test_member_of_another_organisation_cannot_sign(people):
    with pytest.raises(PermissionDenied):
        submit(people.member_b, people.organisation_a)
    assert not Signature.objects.exists()


def test_user_with_unverified_email_cannot_sign(people):
    user = UserFactory(email="nieuw@utrecht.example", verified=False)
    MembershipFactory(user=user, organisation=people.organisation_a)
    with pytest.raises(PermissionDenied):
        submit(user, people.organisation_a)


def test_pending_member_cannot_sign(people):
    user = UserFactory(email="wacht@utrecht.example")
    MembershipFactory(user=user, organisation=people.organisation_a, status="requested")
    with pytest.raises(PermissionDenied):
        submit(user, people.organisation_a)


def test_second_submission_gets_a_clear_conflict_and_no_second_row(people):
    submit(people.member_a, people.organisation_a)
    with pytest.raises(SignatureConflict) as error:
        submit(people.coordinator_a, people.organisation_a)
    assert "Utrecht" in error.value.message
    assert Signature.objects.count() == 1


def test_joint_submission_with_one_signed_organisation_submits_nothing(people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    SignatureFactory(organisation=people.organisation_b)
    with pytest.raises(SignatureConflict):
        submit(people.member_a, people.organisation_a, co_signers=[people.organisation_b])
    assert not Signature.objects.filter(organisation=people.organisation_a).exists()


def test_nothing_is_accepted_outside_the_signing_window(people):
    edition = ManifestEditionFactory()
    with pytest.raises(SigningClosed):
        submit(people.member_a, people.organisation_a, edition=edition)
    assert not Signature.objects.exists()


def test_the_service_checks_field_rules_for_every_caller(people):
    with pytest.raises(SigningError):
        submit(people.member_a, people.organisation_a, signatory_name="A" * 300)
    with pytest.raises(SigningError):
        submit(people.member_a, people.organisation_a, contact_email="geen-adres")
    assert not Signature.objects.exists()


def test_both_confirmations_are_required(people):
    with pytest.raises(SigningError):
        submit(people.member_a, people.organisation_a, publication_consent=False)


def test_database_refuses_a_second_live_signature_even_without_the_service(people):
    SignatureFactory(organisation=people.organisation_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(organisation=people.organisation_a, status=SignatureStatus.SUBMITTED)


def test_after_a_withdrawal_the_organisation_can_sign_again_and_the_history_stays(people):
    [first] = submit(people.member_a, people.organisation_a)
    signature_withdraw(signature=first, by=people.member_a, reason="Verkeerde bestuurder")
    [second] = submit(people.member_a, people.organisation_a)
    assert Signature.objects.filter(organisation=people.organisation_a).count() == 2
    first.refresh_from_db()
    assert first.status == SignatureStatus.WITHDRAWN
    assert first.withdrawn_by == people.member_a
    assert second.status == SignatureStatus.SUBMITTED


def test_staff_approval_publishes_the_signature_and_mails_the_organisation(
    people, staff_in_session, django_capture_on_commit_callbacks, mailoutbox
):
    [signature] = submit(people.member_a, people.organisation_a)
    with django_capture_on_commit_callbacks(execute=True):
        signature_approve(signature=signature, by=staff_in_session)
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED
    assert signature.decided_by == staff_in_session
    assert signature.decided_at is not None
    assert list(Signature.objects.public()) == [signature]
    [mail] = mailoutbox
    assert set(mail.to) == {"lid@utrecht.example", "coordinator@utrecht.example"}
    assert "Utrecht" in mail.subject


def test_the_approval_mail_links_to_the_plan_builder_it_names_as_the_next_step(
    people, staff_in_session, django_capture_on_commit_callbacks, mailoutbox, settings
):
    [signature] = submit(people.member_a, people.organisation_a)
    with django_capture_on_commit_callbacks(execute=True):
        signature_approve(signature=signature, by=staff_in_session)
    [mail] = mailoutbox
    assert "De volgende stap is uw actieplan" in mail.body
    assert f"{settings.SITE_URL}/actieplannen/nieuw/" in mail.body


def test_approving_twice_is_refused(people, staff_in_session):
    [signature] = submit(people.member_a, people.organisation_a)
    signature_approve(signature=signature, by=staff_in_session)
    with pytest.raises(InvalidTransition):
        signature_approve(signature=signature, by=staff_in_session)


def test_rejection_needs_a_reason_and_sends_it_to_the_submitter(
    people, staff_in_session, django_capture_on_commit_callbacks, mailoutbox
):
    [signature] = submit(people.member_a, people.organisation_a)
    with pytest.raises(SigningError):
        signature_reject(signature=signature, by=staff_in_session, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        signature_reject(signature=signature, by=staff_in_session, reason="Het collegebesluit ontbreekt.")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.REJECTED
    [mail] = mailoutbox
    assert "lid@utrecht.example" in mail.to
    assert "Het collegebesluit ontbreekt." in mail.body


def test_rejected_organisation_can_sign_again(people, staff_in_session):
    [signature] = submit(people.member_a, people.organisation_a)
    signature_reject(signature=signature, by=staff_in_session, reason="Onvolledig")
    submit(people.member_a, people.organisation_a)
    assert Signature.objects.live().count() == 1


def test_withdrawal_by_member_of_another_organisation_is_refused(people):
    signature = SignatureFactory(organisation=people.organisation_a)
    with pytest.raises(PermissionDenied):
        signature_withdraw(signature=signature, by=people.member_b, reason="Sabotage")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED


def test_withdrawing_a_rejected_signature_is_refused(people, staff_in_session):
    signature = SignatureFactory(
        organisation=people.organisation_a, status=SignatureStatus.REJECTED, rejection_reason="Onvolledig"
    )
    with pytest.raises(InvalidTransition):
        signature_withdraw(signature=signature, by=staff_in_session, reason="Opruimen")


def test_edition_text_is_sanitised_markdown():
    edition = ManifestEditionFactory(
        slug="2030-2033", text="## Kop\n\n<script>alert(1)</script> **vet** [link](javascript:alert(1))"
    )
    assert ">Kop</h2>" in edition.text_html
    assert "<strong>vet</strong>" in edition.text_html
    assert "<script" not in edition.text_html
    assert "javascript:" not in edition.text_html


def test_the_migration_creates_an_open_current_edition_with_three_commitments():
    edition = current_edition()
    assert edition.is_current
    assert edition.is_open(date(2026, 11, 25))
    assert edition.signing_closes == date(2027, 12, 31)
    assert len(edition.commitment_list) == 3
    assert "Concepttekst" in edition.text_html


def test_only_one_edition_can_be_current():
    with pytest.raises(IntegrityError), transaction.atomic():
        ManifestEditionFactory(slug="2026-2030", is_current=True)
