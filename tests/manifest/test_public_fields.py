"""What the signing step promises to publish is exactly what the register publishes, and nothing more."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from manifest import opendata
from tests.factories import SignatureFactory
from tests.manifest.test_signing_flow import REVIEW, walk_to_review

pytestmark = pytest.mark.django_db

DECISION_DATE = "2021-11-23"  # a date nothing else in these tests has


def section(html: str, heading: str) -> str:
    """The part of the page from the h2 `heading` up to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def terms(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", term)).strip() for term in re.findall(r"<dt>(.*?)</dt>", html, re.S)]


def test_every_open_data_column_comes_from_a_public_field_and_every_public_field_is_published():
    assert {column.source for column in opendata.COLUMNS} == set(opendata.PUBLIC_FIELD_NAMES)
    assert [field["name"] for field in opendata.table_schema()["fields"]] == opendata.COLUMN_NAMES
    assert "decision_date" not in opendata.COLUMN_NAMES
    private = {field.name for field in opendata.PRIVATE_FIELDS}
    assert private.isdisjoint(opendata.PUBLIC_FIELD_NAMES)


def test_review_step_lists_as_published_exactly_the_public_fields_and_the_decision_date_as_private(client, people):
    client.force_login(people.member_a)
    walk_to_review(
        client,
        people.organisation_a,
        signatory={
            "signatory_name": "Anna de Wethouder",
            "signatory_role": "wethouder duurzaamheid",
            "decision_date": DECISION_DATE,
        },
    )
    page = client.get(REVIEW).content.decode()
    published = section(page, "Komt in het openbare register")
    private = section(page, "Alleen voor uw organisatie en de VNG")
    assert terms(published) == [str(field.label) for field in opendata.PUBLIC_FIELDS]
    assert terms(private) == [str(field.label) for field in opendata.PRIVATE_FIELDS]
    assert "23 november 2021" in private and "23 november 2021" not in published
    assert "Anna de Wethouder" in published and "carla@utrecht.example" in private


def test_no_open_data_file_holds_the_decision_date(client, people):
    SignatureFactory(organisation=people.organisation_a, decision_date=DECISION_DATE)
    csv_response = client.get(reverse("manifest:register_csv"))
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert len(rows) == 1 and list(rows[0]) == opendata.COLUMN_NAMES
    records = json.loads(client.get(reverse("manifest:register_json")).content)["signatories"]
    assert len(records) == 1 and list(records[0]) == opendata.COLUMN_NAMES
    schema = client.get(reverse("manifest:register_schema")).content.decode()
    for content in [csv_response.content.decode(), json.dumps(records), schema]:
        assert DECISION_DATE not in content
        assert "decision" not in content


def test_privacy_statement_names_what_is_published_and_what_stays_private(client):
    page = client.get(reverse("privacy")).content.decode()
    published = re.search(r'<ul class="utrecht-unordered-list" id="published-signature-fields">(.*?)</ul>', page, re.S)
    items = [unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", published.group(1), re.S)]
    assert items == [str(field.label) for field in opendata.PUBLIC_FIELDS]
    assert "datum van het collegebesluit" in page.lower()
