"""The portal's open data: the datasets it publishes, their columns, and the catalogue that lists them.

Each app registers its datasets when it is ready (`register_dataset(...)` in its `apps.py`); core
knows none of them. The catalogue page (/open-data/), its DCAT-AP-NL description
(/open-data/catalogus.jsonld) and the page per dataset read this registry, so a new dataset is one
registration. See docs/open-data.md.

`Column` and `table_schema()` are the one way a file's columns are documented: the same list gives
the column table on the pages, the Frictionless Table Schema that harvesters read, and the header
the tests hold each file to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.functional import Promise

from core.page_cache import ContentKind

LICENCE_ID = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"  # for people
# The licence as data.overheid.nl's licence list and the DCAT-AP-NL 3.0 examples name it.
LICENCE_URI = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"

# The EU vocabularies DCAT-AP-NL 3.0 uses for themes, access rights, formats, frequency and language.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
THEME_GOVERNMENT = EU_AUTHORITY + "data-theme/GOVE"
THEME_ENVIRONMENT = EU_AUTHORITY + "data-theme/ENVI"
THEME_ECONOMY = EU_AUTHORITY + "data-theme/ECON"


@dataclass(frozen=True)
class Format:
    name: str  # as people know it
    media_type: str
    file_type: str  # the EU file-type vocabulary's code

    @property
    def media_type_uri(self) -> str:
        return f"https://www.iana.org/assignments/media-types/{self.media_type}"

    @property
    def file_type_uri(self) -> str:
        return f"{EU_AUTHORITY}file-type/{self.file_type}"


CSV = Format("CSV", "text/csv", "CSV")
JSON = Format("JSON", "application/json", "JSON")
XLSX = Format("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")


@dataclass(frozen=True)
class Column:
    """One column of a published file, as a Table Schema field."""

    name: str
    type: str  # Table Schema type: string, integer, number, date, datetime
    description: Promise
    example: str
    required: bool = False
    format: str = "default"
    source: str = ""  # where an app wants to say which of its fields the column comes from


def table_schema(columns: list[Column], *, primary_key: list[str] | None = None) -> dict:
    """`columns` as a Frictionless Table Schema, for harvesters and validators."""
    schema = {
        "fields": [
            {
                "name": column.name,
                "type": column.type,
                "format": column.format,
                "description": str(column.description),
                "constraints": {"required": column.required},
                "example": column.example,
            }
            for column in columns
        ],
        "missingValues": [""],
    }
    if primary_key:
        schema["primaryKey"] = primary_key
    return schema


@dataclass(frozen=True)
class Distribution:
    """One file of a dataset: the URL name that serves it and its format."""

    url_name: str
    format: Format
    schema_url_name: str = ""  # the Table Schema or JSON Schema the file conforms to


@dataclass(frozen=True)
class DatasetState:
    modified: datetime | None  # the newest change of the data
    period: tuple[date, date] | None  # the time the data cover


@dataclass(frozen=True)
class Dataset:
    """A dataset the portal publishes. Titles and descriptions are translated strings (English source)."""

    identifier: str  # stable: part of the dataset's URL and its identifier in the catalogue
    title: Promise
    description: Promise
    columns: list[Column]  # of its CSV (and the rows of its JSON)
    distributions: list[Distribution]
    kinds: tuple[ContentKind, ...]  # what its files show, for the page cache
    state: Callable[[], DatasetState]  # a fixed number of queries, however much data there is
    page_url_name: str = ""  # the app's own page about the data, if it has one
    themes: tuple[str, ...] = (THEME_GOVERNMENT,)
    keywords: tuple[str, ...] = field(default=("MVOI", "duurzaam inkopen", "maatschappelijk verantwoord inkopen"))


_DATASETS: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    """Add a dataset to the catalogue; called from an app's `ready()`."""
    known = _DATASETS.get(dataset.identifier)
    if known is not None and known != dataset:
        raise ValueError(f"Two datasets are called {dataset.identifier!r}.")
    _DATASETS[dataset.identifier] = dataset


def datasets() -> list[Dataset]:
    return list(_DATASETS.values())


def get_dataset(identifier: str) -> Dataset | None:
    return _DATASETS.get(identifier)


def dataset_kinds() -> list[ContentKind]:
    """The kinds of content of every dataset: the catalogue shows when each last changed."""
    found = []
    for dataset in _DATASETS.values():
        found.extend(kind for kind in dataset.kinds if kind not in found)
    return found


def open_data_headers(response, *, filename: str, inline: bool = False):
    """What every open-data file says about itself: its name, that any site may read it, and its licence."""
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
