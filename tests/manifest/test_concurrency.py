"""Two tabs, a double click or two colleagues at once: one signature, and a clear message for the others."""

import threading

import pytest
from django.db import connection

from manifest.models import Signature
from manifest.services import SignatureConflict, signature_submit
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, current_edition

SUBMISSIONS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submissions_for_one_organisation_give_one_signature_and_no_errors():
    organisation = OrganisationFactory(code="gm0344", name="Utrecht")
    colleagues = [
        MembershipFactory(user=UserFactory(email=f"collega{n}@utrecht.example"), organisation=organisation).user
        for n in range(SUBMISSIONS)
    ]
    edition = current_edition()
    start = threading.Barrier(SUBMISSIONS)
    outcomes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(user):
        try:
            start.wait(timeout=30)
            signature_submit(
                user=user,
                edition=edition,
                organisation=organisation,
                signatory_name="Anna de Wethouder",
                signatory_role="wethouder duurzaamheid",
                contact_name="Carla Contact",
                contact_email="carla@utrecht.example",
                authority_confirmed=True,
                publication_consent=True,
            )
            outcome = "signed"
        except SignatureConflict:
            outcome = "already signed"
        except BaseException as error:  # every unexpected error fails the test below
            with lock:
                errors.append(error)
            return
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit, args=(user,)) for user in colleagues]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == ["already signed"] * (SUBMISSIONS - 1) + ["signed"]
    assert Signature.objects.filter(organisation=organisation).count() == 1
