from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from manifest.management.commands.erase_signature_contacts import months_before
from manifest.models import ManifestEdition, Signature, SignatureStatus
from tests.factories import ManifestEditionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signatures(people):
    old = ManifestEditionFactory()  # 2016-2020, ended long ago
    return {
        "live": SignatureFactory(organisation=people.organisation_a),
        "withdrawn": SignatureFactory(
            organisation=people.organisation_b,
            status=SignatureStatus.WITHDRAWN,
            withdrawal_reason="Nieuw college",
            withdrawn_at=datetime.now(UTC),
        ),
        "old": SignatureFactory(organisation=people.organisation_a, edition=old),
    }


def run(*args):
    out = StringIO()
    call_command("erase_signature_contacts", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_what_it_would_erase_and_changes_nothing(signatures):
    output = run("--dry-run")
    assert "2 signature(s)" in output
    assert "Zwolle" in output and "2016-2020" in output
    assert not Signature.objects.filter(contact_name="").exists()


def test_erases_contacts_of_withdrawn_and_ended_editions_and_keeps_the_rest(signatures):
    run()
    for key in ["withdrawn", "old"]:
        signature = Signature.objects.get(pk=signatures[key].pk)
        assert (signature.contact_name, signature.contact_email, signature.contact_phone) == ("", "", "")
        assert signature.contact_erased_at is not None
        assert signature.signatory_name == signatures[key].signatory_name
    live = Signature.objects.get(pk=signatures["live"].pk)
    assert live.contact_email == signatures["live"].contact_email
    assert "0 signature(s)" in run()


def test_contacts_of_an_edition_go_once_it_ended_more_than_the_months_ago(signatures):
    ManifestEdition.objects.filter(slug="2022-2025").update(signing_closes=date(2023, 1, 1))
    run("--months", "0")
    assert Signature.objects.get(pk=signatures["live"].pk).contact_name == ""


def test_months_before_handles_month_ends():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
