"""The ministries in the register: loaded from the TOOi ministry list, ended ones with their successor,
and counted by the monitor as the Rijksoverheid tier."""

from io import StringIO

import pytest
from django.urls import reverse

from actionplans.monitor import compute_figures
from manifest.cache import REGISTER
from manifest.demo import load_demo_content
from manifest.models import Organisation, OrganisationKind, Signature, SignatureChannel, SignatureStatus
from manifest.public_bodies import load_public_bodies
from tests.factories import current_edition

pytestmark = pytest.mark.django_db

TOOI_MINISTRY = "https://identifier.overheid.nl/tooi/id/ministerie/"


@pytest.fixture
def register(db):
    load_public_bodies()


def test_the_fifteen_current_ministries_are_loaded_with_their_tooi_identifiers(register):
    ministries = Organisation.objects.active().ministries()
    assert ministries.count() == 15
    bzk = ministries.get(code="mnre1034")
    assert bzk.name == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert bzk.tooi_uri == TOOI_MINISTRY + "mnre1034"
    assert {"mnre1162", "mnre1182", "mnre1153", "mnre1171"} <= set(ministries.values_list("code", flat=True))


def test_ended_ministries_keep_their_end_date_and_point_at_their_successor(register):
    lnv = Organisation.objects.get(code="mnre1150")
    assert (lnv.is_active, lnv.ended_on.isoformat(), lnv.successor.code) == (False, "2010-10-14", "mnre1045")
    assert Organisation.objects.get(code="mnre0170").successor.code == "mnre1130"
    # VROM was split over two ministries: no single successor.
    assert Organisation.objects.get(code="mnre0180").successor is None


def test_loading_twice_changes_nothing_ministries_and_successors_included(register):
    before = list(Organisation.objects.order_by("code").values())
    report = load_public_bodies()
    assert not report.changed
    assert list(Organisation.objects.order_by("code").values()) == before


def test_a_wrong_successor_is_put_right_by_the_next_load(register):
    Organisation.objects.filter(code="mnre1150").update(successor=Organisation.objects.get(code="mnre1010"))
    report = load_public_bodies()
    assert report.updated == ["mnre1150"]
    assert Organisation.objects.get(code="mnre1150").successor.code == "mnre1045"


def test_an_ended_ministry_page_names_its_successor(client, register):
    REGISTER.changed()
    page = client.get("/organisaties/mnre1150/").content.decode()
    assert "Deze organisatie is opgeheven op 14 oktober 2010." in page
    assert 'Haar opvolger is <a class="utrecht-link" href="/organisaties/mnre1045/">' in page


def test_the_monitor_counts_the_ministries_and_the_cooperative_bodies_as_tiers(client, register):
    tiers = {row["group"]: row for row in compute_figures()["figures"]["signatories_per_tier"]}
    assert (tiers["rijk"]["value"], tiers["rijk"]["total"]) == (0, 15)
    assert tiers["samenwerkingsverband"]["total"] == 0
    assert list(tiers) == ["rijk", "waterschap", "provincie", "gemeente", "samenwerkingsverband", "overig"]
    page = client.get(reverse("monitor:index")).content.decode()
    assert "Rijksoverheid" in page and "Samenwerkingsverband" in page


def test_the_demo_records_that_every_ministry_of_november_2022_signed_the_2022_2025_edition(register):
    current_edition()
    load_demo_content(stdout=StringIO())
    load_demo_content(stdout=StringIO())
    signed = Signature.objects.filter(
        edition__slug="2022-2025", organisation__kind=OrganisationKind.CENTRAL_GOVERNMENT
    ).select_related("organisation")
    codes = {signature.organisation.code for signature in signed}
    assert len(codes) == signed.count() == 12
    # Ministries that began with the cabinet of July 2024 did not exist yet.
    assert not codes & {"mnre1162", "mnre1182", "mnre1171"}
    assert {(s.status, s.channel, s.submitted_at.date().isoformat()) for s in signed} == {
        (SignatureStatus.SIGNED, SignatureChannel.CEREMONY, "2022-11-24")
    }


def test_the_demo_has_a_cooperative_body_of_three_municipalities_and_its_coordinator(register):
    logins = dict(load_demo_content(stdout=StringIO()))
    body = Organisation.objects.get(code="demo-inkoop-vecht-en-venen")
    assert "(demo)" in body.name and body.is_cooperative_body
    assert sorted(Organisation.objects.members_of(body).values_list("code", flat=True)) == [
        "gm0589",
        "gm0736",
        "gm1904",
    ]
    coordinator = body.memberships.get()
    assert coordinator.is_coordinator and coordinator.user.email == "inkoop@vechtenvenen.example"
    assert logins["inkoop@vechtenvenen.example"] == "coordinator, Inkoopsamenwerking Vecht en Venen (demo)"
