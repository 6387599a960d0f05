"""The manifest editions the portal starts with, so it can be used at once: today the 2022-2025 edition.

Each file in manifest/content/editions/ is one edition: its slug is the file name, its fields are the
front matter and its text (Markdown) the body. The migration that first created the 2022-2025 edition
keeps a frozen copy of its own, as migrations must; the tests use this module to put the edition back
after a database flush.
"""

from pathlib import Path

from django.db import transaction

from core.content_files import read_markdown, require
from manifest.cache import REGISTER
from manifest.models import ManifestEdition

EDITIONS_DIR = Path(__file__).resolve().parent / "content" / "editions"
EDITION_KEYS = [
    "title",
    "start_year",
    "end_year",
    "summary",
    "commitments",
    "signing_opens",
    "signing_closes",
    "is_current",
]


def editions() -> list[dict]:
    """Each edition's model fields, read from its file."""
    records = []
    for path in sorted(EDITIONS_DIR.glob("*.md")):
        data, text = read_markdown(path)
        require(data, EDITION_KEYS, path=path)
        fields = {key: data[key] for key in EDITION_KEYS}
        fields["commitments"] = "".join(f"{commitment}\n" for commitment in data["commitments"])
        records.append({**fields, "slug": path.stem, "text": text})
    return records


@transaction.atomic
def load_reference_data() -> int:
    """Create the editions that are missing and return how many; never change one that exists.

    Only one edition can be current: one whose file says it is, while another already is, is created
    as an earlier edition.
    """
    created = 0
    for fields in editions():
        if ManifestEdition.objects.filter(slug=fields["slug"]).exists():
            continue
        if fields["is_current"] and ManifestEdition.objects.current() is not None:
            fields["is_current"] = False
        ManifestEdition.objects.create(**fields)
        created += 1
    if created:
        REGISTER.changed()
    return created
