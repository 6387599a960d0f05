import pytest
from django.core.management import call_command

from manifest.models import EmailDomain, Membership, Organisation, OrganisationKind
from manifest.public_bodies import load_public_bodies
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    load_public_bodies()


def test_register_loads_342_municipalities_12_provinces_and_21_water_boards(register):
    counts = {kind: Organisation.objects.active().filter(kind=kind).count() for kind in OrganisationKind.values}
    assert counts[OrganisationKind.MUNICIPALITY] == 342
    assert counts[OrganisationKind.PROVINCE] == 12
    assert counts[OrganisationKind.WATER_BOARD] == 21


def test_second_load_changes_nothing(register):
    before = list(Organisation.objects.order_by("code").values())
    report = load_public_bodies()
    assert not report.changed
    assert list(Organisation.objects.order_by("code").values()) == before


def test_municipality_has_codes_province_domains_and_population(register):
    utrecht = Organisation.objects.get(code="gm0344")
    assert utrecht.name == "Gemeente Utrecht"
    assert utrecht.cbs_code == "GM0344"
    assert utrecht.tooi_uri == "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"
    assert utrecht.province.code == "pv26"
    assert utrecht.population > 300_000
    assert list(utrecht.email_domains.values_list("domain", "is_shared")) == [("utrecht.nl", False)]


def test_domains_used_by_several_bodies_are_marked_shared(register):
    shared = EmailDomain.objects.filter(domain="woerden.nl")
    assert {item.organisation.code for item in shared} == {"gm0632", "gm0589"}
    assert all(item.is_shared for item in shared)


def test_rename_in_the_data_updates_the_row_and_keeps_its_memberships(register):
    utrecht = Organisation.objects.get(code="gm0344")
    membership = MembershipFactory(organisation=utrecht)
    Organisation.objects.filter(pk=utrecht.pk).update(name="Gemeente Oude Naam")
    report = load_public_bodies()
    assert report.updated == ["gm0344"]
    utrecht.refresh_from_db()
    assert utrecht.name == "Gemeente Utrecht"
    assert Membership.objects.get(pk=membership.pk).organisation_id == utrecht.pk


def test_a_merged_municipality_in_the_database_is_ended_not_deleted(register):
    bedum = Organisation.objects.create(code="gm0005", name="Gemeente Bedum", kind=OrganisationKind.MUNICIPALITY)
    load_public_bodies()
    bedum.refresh_from_db()
    assert not bedum.is_active
    assert str(bedum.ended_on) == "2019-01-01"


def test_command_dry_run_changes_nothing(db, capsys):
    call_command("load_public_bodies", "--dry-run")
    assert Organisation.objects.count() == 0
    assert "Would load public bodies: 394 new" in capsys.readouterr().out
