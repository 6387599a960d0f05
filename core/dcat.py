"""The open-data catalogue in DCAT-AP-NL 3.0, as JSON-LD, for data.overheid.nl and other harvesters.

Which DCAT-AP-NL property comes from where is in docs/open-data.md. Identifiers are the Dutch URLs of
the pages (without a language prefix), so the catalogue names every dataset the same way in either
language; titles and descriptions carry both languages with their tags.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.opendata import EU_AUTHORITY, LICENCE_URI, Dataset, DatasetState, datasets

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGES = ("nl", "en")
PUBLIC = EU_AUTHORITY + "access-right/PUBLIC"
DUTCH = EU_AUTHORITY + "language/NLD"
CONTINUOUS = EU_AUTHORITY + "frequency/CONT"
PUBLISHER_NAME = {"nl": "Vereniging van Nederlandse Gemeenten", "en": "Association of Netherlands Municipalities"}
PUBLISHER_HOMEPAGE = "https://vng.nl/"


def _texts(text) -> list[dict]:
    """A translated string in every language of the portal, each with its language tag."""
    found = []
    for language in LANGUAGES:
        with translation.override(language):
            found.append({"@value": str(text), "@language": language})
    return found


def _uri(value: str) -> dict:
    return {"@id": value}


def _url(request, name: str, **kwargs) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the Dutch address, without a language prefix
        return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))


def _publisher() -> dict:
    return {
        "@type": "foaf:Agent",
        "foaf:name": [{"@value": name, "@language": language} for language, name in PUBLISHER_NAME.items()],
        "foaf:homepage": _uri(PUBLISHER_HOMEPAGE),
    }


def _contact_point() -> dict:
    return {
        "@type": "vcard:Organization",
        "vcard:fn": [{"@value": name, "@language": language} for language, name in PUBLISHER_NAME.items()],
        "vcard:hasEmail": _uri(f"mailto:{settings.VNG_CONTACT_EMAIL}"),
    }


def _date_time(value) -> dict:
    return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def _date(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _distributions(request, dataset: Dataset, landing_page: str) -> list[dict]:
    found = []
    for distribution in dataset.distributions:
        url = _url(request, distribution.url_name)
        entry = {
            "@id": f"{landing_page}#{distribution.format.file_type.lower()}",
            "@type": "dcat:Distribution",
            "dct:title": [
                {"@value": f"{value['@value']} ({distribution.format.name})", "@language": value["@language"]}
                for value in _texts(dataset.title)
            ],
            "dcat:accessURL": _uri(url),
            "dcat:downloadURL": _uri(url),
            "dcat:mediaType": _uri(distribution.format.media_type_uri),
            "dct:format": _uri(distribution.format.file_type_uri),
            "dct:license": _uri(LICENCE_URI),
            "dct:language": _uri(DUTCH),
        }
        if distribution.schema_url_name:
            entry["dct:conformsTo"] = _uri(_url(request, distribution.schema_url_name))
        found.append(entry)
    return found


def dataset_entry(request, dataset: Dataset, state: DatasetState) -> dict:
    landing_page = _url(request, "open_data_dataset", identifier=dataset.identifier)
    entry = {
        "@id": landing_page,
        "@type": "dcat:Dataset",
        "dct:identifier": landing_page,
        "dct:title": _texts(dataset.title),
        "dct:description": _texts(dataset.description),
        "dct:publisher": _publisher(),
        "dct:creator": _publisher(),
        "dcat:contactPoint": _contact_point(),
        "dct:accessRights": _uri(PUBLIC),
        "dct:license": _uri(LICENCE_URI),
        "dct:language": _uri(DUTCH),
        "dct:accrualPeriodicity": _uri(CONTINUOUS),
        "dcat:theme": [_uri(theme) for theme in dataset.themes],
        "dcat:keyword": [{"@value": keyword, "@language": "nl"} for keyword in dataset.keywords],
        "dcat:landingPage": _uri(landing_page),
        "dcat:distribution": _distributions(request, dataset, landing_page),
    }
    if dataset.page_url_name:
        entry["foaf:page"] = _uri(_url(request, dataset.page_url_name))
    if state.modified:
        entry["dct:modified"] = _date_time(state.modified)
    if state.period:
        entry["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(state.period[0]),
            "dcat:endDate": _date(state.period[1]),
        }
    return entry


def catalogue(request) -> dict:
    """The catalogue of every registered dataset as a JSON-LD document."""
    states = [(dataset, dataset.state()) for dataset in datasets()]
    modified = [state.modified for _dataset, state in states if state.modified]
    document = {
        "@context": CONTEXT,
        "@id": _url(request, "open_data_catalogue"),
        "@type": "dcat:Catalog",
        "dct:title": _texts(_("Open data of the MVOI portal")),
        "dct:description": _texts(
            _(
                "The open data of the portal for socially responsible procurement (MVOI) of the VNG: the "
                "signatories of the Manifest MVOI, the national monitor and the published action plans."
            )
        ),
        "dct:publisher": _publisher(),
        "dcat:contactPoint": _contact_point(),
        "dct:license": _uri(LICENCE_URI),
        "dct:language": _uri(DUTCH),
        "foaf:homepage": _uri(_url(request, "open_data")),
        "dcat:themeTaxonomy": _uri(EU_AUTHORITY + "data-theme"),
        "dcat:dataset": [dataset_entry(request, dataset, state) for dataset, state in states],
    }
    if modified:
        document["dct:modified"] = _date_time(max(modified))
    return document
