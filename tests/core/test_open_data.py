"""The open-data catalogue: every dataset listed for people, and in DCAT-AP-NL 3.0 for harvesters."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from actionplans import services as plan_services
from actionplans.indicators import load_common_indicators
from actionplans.models import AmbitionLevel, CommonIndicator
from actionplans.product_groups import load_product_groups
from core.opendata import LICENCE_URI, datasets
from core.page_cache import every_kind_changed
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    ProductGroupFactory,
    SignatureFactory,
    publish_plan,
    submitted_report,
    theme,
)
from tests.opendata import csv_rows_matching_table_schema

pytestmark = pytest.mark.django_db

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
# DCAT-AP-NL 3.0: what every dataset must have (DCAT-AP's title and description, and the Dutch profile's own).
REQUIRED = [
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.identifier,
    DCTERMS.publisher,
    DCTERMS.creator,
    DCAT.contactPoint,
    DCTERMS.accessRights,
    DCAT.theme,
]


@pytest.fixture
def portal_data(people):
    SignatureFactory(organisation=people.organisation_a)
    plan = ActionPlanFactory(organisation=people.organisation_a)
    load_common_indicators()
    load_product_groups()
    indicator = CommonIndicator.objects.get(code="co2-reductie")
    goal = GoalFactory(plan=plan, theme=indicator.theme, common_indicator=indicator)
    action = ActionFactory(goal=goal, ambition_level=AmbitionLevel.AMBITIOUS)
    catering = ProductGroupFactory(slug="catering")
    action.product_groups.add(catering)
    publish_plan(plan)
    plan_services.showcase_save(action=action, user=people.coordinator_a, data={"result": "Inzicht in de inkoop."})
    tender = {
        "product_group": catering,
        "theme": theme("klimaat"),
        "ambition_level": AmbitionLevel.SIGNIFICANT,
        "tender_count": 2,
        "contract_value": Decimal("1250000.50"),
        "tenderned_number": "312345",
    }
    submitted_report(plan, 2026, user=people.coordinator_a, values={goal: "1250.5"}, tenders=[tender])
    every_kind_changed()


def catalogue(client) -> Graph:
    response = client.get(reverse("open_data_catalogue"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


def test_catalogue_lists_every_registered_dataset(client, portal_data):
    graph = catalogue(client)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    listed = set(graph.objects(catalog, DCAT.dataset))
    assert listed == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(graph.value(dataset, DCTERMS.identifier)).rstrip("/").rsplit("/", 1)[1] for dataset in listed} == {
        "ondertekenaars",
        "monitor",
        "indicatoren",
        "productgroepen",
        "actieplannen",
        "voorbeeldacties",
    }
    assert {dataset.identifier for dataset in datasets()} == {
        "ondertekenaars",
        "monitor",
        "indicatoren",
        "productgroepen",
        "actieplannen",
        "voorbeeldacties",
    }


def test_every_dataset_has_the_properties_dcat_ap_nl_requires(client, portal_data, settings):
    graph = catalogue(client)
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        for prop in REQUIRED:
            assert graph.value(dataset, prop) is not None, f"{dataset} lacks {prop}"
        assert len(list(graph.objects(dataset, DCTERMS.identifier))) == 1
        assert len(list(graph.objects(dataset, DCAT.contactPoint))) == 1
        titles = {title.language for title in graph.objects(dataset, DCTERMS.title)}
        descriptions = {text.language for text in graph.objects(dataset, DCTERMS.description)}
        assert titles == descriptions == {"nl", "en"}
        assert graph.value(dataset, DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
        assert URIRef(EU + "data-theme/GOVE") in set(graph.objects(dataset, DCAT.theme))
        assert graph.value(dataset, DCTERMS.license) == URIRef(LICENCE_URI)
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert Literal("Vereniging van Nederlandse Gemeenten", lang="nl") in set(graph.objects(publisher, FOAF.name))
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, VCARD.hasEmail) == URIRef(f"mailto:{settings.VNG_CONTACT_EMAIL}")
        assert graph.value(dataset, DCTERMS.modified).datatype.endswith("dateTime")
        period = graph.value(dataset, DCTERMS.temporal)
        assert graph.value(period, DCAT.startDate) <= graph.value(period, DCAT.endDate)
        assert list(graph.objects(dataset, DCAT.distribution))


def test_every_distribution_downloads_with_its_declared_media_type(client, portal_data):
    graph = catalogue(client)
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 3 + 2 + 3 + 2 + 2 + 2  # register, plans, monitor, showcases, indicators, groups
    for distribution in distributions:
        assert graph.value(distribution, DCTERMS.license) == URIRef(LICENCE_URI)
        assert str(graph.value(distribution, DCTERMS.format)).startswith(EU + "file-type/")
        download = str(graph.value(distribution, DCAT.downloadURL))
        assert str(graph.value(distribution, DCAT.accessURL)) == download
        media_type = str(graph.value(distribution, DCAT.mediaType)).removeprefix(
            "https://www.iana.org/assignments/media-types/"
        )
        response = client.get(download)
        assert response.status_code == 200, download
        assert response["Content-Type"].split(";")[0] == media_type, download


def test_every_csv_conforms_to_the_table_schema_the_catalogue_names(client, portal_data):
    graph = catalogue(client)
    csvs = [
        distribution
        for distribution in graph.subjects(RDF.type, DCAT.Distribution)
        if str(graph.value(distribution, DCAT.mediaType)).endswith("text/csv")
    ]
    assert len(csvs) == 6
    for distribution in csvs:
        schema = client.get(str(graph.value(distribution, DCTERMS.conformsTo)))
        assert schema.status_code == 200
        content = client.get(str(graph.value(distribution, DCAT.downloadURL))).content.decode()
        rows = csv_rows_matching_table_schema(content, json.loads(schema.content))
        assert rows, "every file holds data here"


def test_catalogue_names_datasets_the_same_in_english(client, portal_data):
    dutch = catalogue(client)
    response = client.get("/en" + reverse("open_data_catalogue"))
    english = Graph().parse(data=response.content, format="json-ld")
    assert set(dutch.subjects(RDF.type, DCAT.Dataset)) == set(english.subjects(RDF.type, DCAT.Dataset))


def test_open_data_page_lists_each_dataset_with_files_licence_and_columns(client, portal_data):
    response = client.get(reverse("open_data"))
    assert response.status_code == 200
    body = response.content.decode()
    for dataset in datasets():
        assert str(dataset.title) in body
        assert reverse("open_data_dataset", kwargs={"identifier": dataset.identifier}) in body
        for distribution in dataset.distributions:
            assert f'href="{reverse(distribution.url_name)}"' in body
    assert "CC0 1.0" in body
    assert reverse("open_data_catalogue") in body


def test_dataset_page_describes_every_column(client, portal_data):
    for dataset in datasets():
        response = client.get(reverse("open_data_dataset", kwargs={"identifier": dataset.identifier}))
        assert response.status_code == 200
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in response.content.decode()


def test_unknown_dataset_gets_404(client, db):
    assert client.get(reverse("open_data_dataset", kwargs={"identifier": "bestaat-niet"})).status_code == 404


def test_open_data_is_in_the_sitemap_and_the_footer_and_linked_from_register_and_monitor(client, portal_data):
    assert b"/open-data/</loc>" in client.get("/sitemap.xml").content
    url = reverse("open_data")
    for page in ("home", "manifest:register", "monitor:index"):
        assert f'href="{url}"' in client.get(reverse(page)).content.decode(), page


def test_register_csv_still_has_its_documented_columns(client, portal_data):
    response = client.get(reverse("manifest:register_csv"))
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header[:2] == ["organisation_code", "organisation_name"]


def test_old_showcase_columns_page_leads_to_the_dataset_page(client, db):
    response = client.get("/voorbeelden/kolommen/")
    assert response.status_code == 302
    assert response["Location"] == reverse("open_data_dataset", kwargs={"identifier": "voorbeeldacties"})


def test_showcase_list_links_to_its_dataset_page(client, portal_data):
    page = client.get(reverse("showcases:list")).content.decode()
    assert f'href="{reverse("open_data_dataset", kwargs={"identifier": "voorbeeldacties"})}"' in page
