import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils.http import http_date

from core.page_cache import every_kind_changed
from manifest import cache as manifest_cache
from manifest.models import OrganisationKind, SignatureStatus
from manifest.opendata import COLUMN_NAMES, COLUMNS
from tests.factories import ManifestEditionFactory, OrganisationFactory, SignatureFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("manifest:register")
CSV_URL = reverse("manifest:register_csv")
JSON_URL = reverse("manifest:register_json")


@pytest.fixture
def utrecht_province(db):
    return OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)


@pytest.fixture
def signatories(utrecht_province):
    """One signatory per tier, plus an unsigned municipality in the province."""
    utrecht = OrganisationFactory(
        code="gm0344",
        name="Utrecht",
        province=utrecht_province,
        tooi_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm0344",
    )
    OrganisationFactory(code="gm0355", name="Zeist", province=utrecht_province)
    organisations = {
        "rijk": OrganisationFactory(
            code="min-bzk", name="Ministerie van BZK", kind=OrganisationKind.CENTRAL_GOVERNMENT, cbs_code=""
        ),
        "waterschap": OrganisationFactory(code="ws0155", name="Waterschap Vallei", kind=OrganisationKind.WATER_BOARD),
        "provincie": utrecht_province,
        "gemeente": utrecht,
        "overig": OrganisationFactory(code="vng", name="VNG", kind=OrganisationKind.OTHER),
    }
    return {
        kind: SignatureFactory(organisation=o, signatory_name=f"Bestuurder {kind}") for kind, o in organisations.items()
    }


def test_register_groups_signatories_by_tier_in_the_official_order(client, signatories):
    page = client.get(REGISTER).content.decode()
    results = page.split('id="results"')[1].split('id="province-heading"')[0]
    headings = ["Rijksoverheid", "Waterschap", "Provincie", "Gemeente", "Overige organisatie"]
    heading_positions = [results.index(f'<h3 class="utrecht-heading-3">{label}</h3>') for label in headings]
    assert heading_positions == sorted(heading_positions)
    names = ["Ministerie van BZK", "Waterschap Vallei", "Provincie Utrecht", "Bestuurder gemeente", "VNG"]
    name_positions = [results.index(name) for name in names]
    assert name_positions == sorted(name_positions)
    assert "wethouder duurzaamheid" in results


def test_register_counts_municipalities_of_the_active_ones(client, signatories):
    OrganisationFactory(code="gm0001", name="Opgeheven", is_active=False, ended_on="2020-12-31")
    page = client.get(REGISTER).content.decode()
    assert "1 van de 2 gemeenten" in page
    assert "5 organisaties hebben getekend" in page


def test_register_counts_per_province(client, signatories):
    page = client.get(REGISTER).content.decode()
    assert "Provincie Utrecht</a></th>" in page
    assert "1 van 2" in page


def test_register_shows_only_verified_signatures(client, signatories):
    pending = SignatureFactory(organisation__name="Wachtdorp", status=SignatureStatus.SUBMITTED)
    withdrawn = SignatureFactory(
        organisation__name="Spijtstad",
        status=SignatureStatus.WITHDRAWN,
        withdrawal_reason="Nieuw college",
        withdrawn_at=datetime.now(UTC),
    )
    page = client.get(REGISTER).content.decode()
    assert pending.organisation.name not in page
    assert withdrawn.organisation.name not in page


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("?niveau=waterschap", "Waterschap Vallei", "Ministerie van BZK"),
        ("?provincie=pv26", "Bestuurder gemeente", "Waterschap Vallei"),
        ("?q=vall", "Waterschap Vallei", "Ministerie van BZK"),
    ],
)
def test_register_filters_by_tier_province_and_name(client, signatories, query, present, absent):
    page = client.get(REGISTER + query).content.decode()
    results = page.split('id="results"')[1].split("Gemeenten per provincie")[0]
    assert present in results
    assert absent not in results


def test_register_with_a_bad_filter_value_says_so_and_shows_everything(client, signatories):
    response = client.get(REGISTER + "?niveau=koninkrijk&provincie=pv99")
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()


def test_register_switches_to_an_earlier_edition(client, signatories):
    old = ManifestEditionFactory()
    SignatureFactory(organisation__name="Oudstad", edition=old)
    page = client.get(REGISTER + "?editie=2016-2020").content.decode()
    assert "Oudstad" in page
    assert "Waterschap Vallei" not in page


def test_register_query_count_does_not_grow_with_the_number_of_signatures(
    client, locmem_cache, utrecht_province, django_assert_num_queries
):
    def add(n, offset):
        for i in range(n):
            SignatureFactory(organisation=OrganisationFactory(code=f"gm{offset + i:04d}", province=utrecht_province))

    add(3, 1000)
    every_kind_changed()  # the factories write past the services
    # The page's nine, and once per change (for the page cache) when a signing window next opens or closes
    # and when an action of a published plan next falls overdue (the stage shows plans).
    with django_assert_num_queries(11) as few:
        client.get(REGISTER)
    add(250, 2000)
    every_kind_changed()
    with django_assert_num_queries(11) as many:
        response = client.get(REGISTER)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert "253 organisaties hebben getekend" in response.content.decode()
    assert 'rel="next"' in response.content.decode()


def test_edition_page_shows_text_commitments_counts_and_the_call_to_sign(client, signatories):
    page = client.get(reverse("manifest:index")).content.decode()
    assert "Manifest MVOI 2022-2025" in page
    assert "Wij rapporteren elk jaar over onze voortgang." in page
    assert "5 organisaties hebben getekend" in page
    assert reverse("manifest:sign") in page


def test_earlier_edition_has_its_own_page_without_a_call_to_sign(client):
    ManifestEditionFactory()
    page = client.get(reverse("manifest:edition_detail", kwargs={"slug": "2016-2020"})).content.decode()
    assert "Manifest MVI 2016-2020" in page
    assert reverse("manifest:sign") not in page.split('id="main-content"')[1].split("<footer")[0]


def test_current_edition_page_redirects_to_the_manifest_page(client):
    response = client.get(reverse("manifest:edition_detail", kwargs={"slug": "2022-2025"}))
    assert response.url == reverse("manifest:index")


# --- Open data ---------------------------------------------------------------------------------


def test_csv_has_the_documented_columns_and_parses_back(client, signatories):
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == 'attachment; filename="mvoi-ondertekenaars-2022-2025.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0].keys()) == COLUMN_NAMES
    assert [row["tier"] for row in rows] == ["rijk", "waterschap", "provincie", "gemeente", "overig"]
    utrecht = next(row for row in rows if row["organisation_code"] == "gm0344")
    assert utrecht["province_code"] == "pv26"
    assert utrecht["tooi_uri"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"
    assert utrecht["status"] == "signed"
    for row in rows:
        for column in COLUMNS:
            value = row[column.name]
            if column.required:
                assert value, column.name
            if value and column.type == "date":
                datetime.strptime(value, "%Y-%m-%d")


def test_json_matches_the_csv_and_the_schema(client, signatories):
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'filename="mvoi-ondertekenaars-2022-2025.json"' in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["licence"]["id"] == "CC0-1.0"
    assert document["count"] == 5
    for record in document["signatories"]:
        assert list(record) == COLUMN_NAMES
        for column in COLUMNS:
            assert (record[column.name] is not None) or not column.required
    schema = client.get(reverse("manifest:register_schema")).json()
    assert [field["name"] for field in schema["fields"]] == COLUMN_NAMES


def test_schema_page_describes_every_column_the_licence_and_the_frequency(client):
    page = client.get(reverse("manifest:open_data")).content.decode()
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in page
    assert "CC0" in page
    assert "Doorlopend" in page


def test_open_data_answers_304_when_nothing_changed_and_200_after_a_change(client, signatories):
    first = client.get(CSV_URL)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(CSV_URL, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    signature = signatories["rijk"]
    signature.signatory_name = "Nieuwe naam"
    signature.save()
    manifest_cache.REGISTER.changed()  # as every service that changes a signature does
    changed = client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Nieuwe naam" in changed.content.decode()
    assert changed["Last-Modified"] == http_date(signature.updated_at.timestamp())


def test_csv_and_json_have_different_etags(client, signatories):
    assert client.get(CSV_URL)["ETag"] != client.get(JSON_URL)["ETag"]


def test_open_data_of_an_unknown_edition_is_404(client):
    assert client.get(CSV_URL + "?editie=1900-1901").status_code == 404


def test_harvesters_can_poll_with_head(client, signatories):
    response = client.head(CSV_URL)
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, reverse("manifest:index")])
def test_open_data_and_manifest_page_query_counts_do_not_grow(
    client, locmem_cache, utrecht_province, url, django_assert_max_num_queries
):
    def add(n, offset):
        for i in range(n):
            SignatureFactory(organisation=OrganisationFactory(code=f"gm{offset + i:04d}", province=utrecht_province))

    add(2, 1000)
    every_kind_changed()  # the factories write past the services
    with django_assert_max_num_queries(9) as few:
        client.get(url)
    add(120, 2000)
    every_kind_changed()
    with django_assert_max_num_queries(9) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)


def test_unknown_edition_page_is_404(client):
    assert client.get(reverse("manifest:edition_detail", kwargs={"slug": "1900-1901"})).status_code == 404
