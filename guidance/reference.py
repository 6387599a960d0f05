"""The reference data the knowledge base cannot work without: the six MVOI themes and its sections.

They live in guidance/content/themes.toml and sections.toml. The migrations that first created them
keep a frozen copy of their own, as migrations must; this module is what commands and tests use.
"""

from pathlib import Path

from django.db import transaction

from core.content_files import read_toml, require
from guidance.cache import GUIDANCE, THEMES
from guidance.models import Section, Theme

CONTENT_DIR = Path(__file__).resolve().parent / "content"
THEME_KEYS = ["slug", "name", "name_en", "summary", "summary_en"]
SECTION_KEYS = ["slug", "name", "name_en"]


def _records(name: str, table: str, keys: list[str]) -> list[dict]:
    path = CONTENT_DIR / name
    records = read_toml(path).get(table, [])
    for position, record in enumerate(records, start=1):
        require(record, keys, path=path, where=f"{table} {record.get('slug', position)}")
    return records


def themes() -> list[dict]:
    """The themes in the order the portal shows them, each with the starting texts of its page."""
    return _records("themes.toml", "theme", THEME_KEYS)


def sections() -> list[dict]:
    return _records("sections.toml", "section", SECTION_KEYS)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create the themes and sections that are missing; never change one that exists.

    Idempotent, so VNG staff's edits in the admin survive. Returns how many of each it created.
    """
    created = {
        "themes": _create_missing(Theme, themes(), THEME_KEYS),
        "sections": _create_missing(Section, sections(), SECTION_KEYS),
    }
    if created["themes"]:
        THEMES.changed()
    if created["sections"]:
        GUIDANCE.changed()
    return created


def _create_missing(model, records: list[dict], keys: list[str]) -> int:
    created = 0
    for order, record in enumerate(records, start=1):
        fields = {key: record[key] for key in keys if key != "slug"}
        _object, was_created = model.objects.get_or_create(slug=record["slug"], defaults={**fields, "order": order})
        created += was_created
    return created
