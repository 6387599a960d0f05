import datetime

import pytest

from manifest import reference
from manifest.models import ManifestEdition
from tests.factories import ManifestEditionFactory

pytestmark = pytest.mark.django_db


def test_the_edition_file_gives_the_2022_2025_edition_open_for_signing_with_three_commitments():
    ManifestEdition.objects.all().delete()
    assert reference.load_reference_data() == 1
    edition = ManifestEdition.objects.get()
    assert (edition.slug, edition.title, edition.period) == ("2022-2025", "Manifest MVOI 2022-2025", "2022-2025")
    assert edition.is_current
    assert edition.is_open(datetime.date(2025, 6, 1)) and not edition.is_open(datetime.date(2028, 1, 1))
    assert len(edition.commitment_list) == 3
    assert ">Zes thema’s</h3>" in edition.text_html


def test_loading_the_editions_again_changes_nothing_and_keeps_what_staff_wrote():
    edition = ManifestEdition.objects.get(slug="2022-2025")  # from the migration
    edition.text = "De officiële tekst."
    edition.save()
    before = list(ManifestEdition.objects.values())
    assert reference.load_reference_data() == 0
    assert list(ManifestEdition.objects.values()) == before


def test_the_edition_is_created_as_an_earlier_one_when_another_edition_is_current():
    ManifestEdition.objects.all().delete()
    ManifestEditionFactory(slug="2026-2029", title="Manifest MVOI 2026-2029", is_current=True)
    reference.load_reference_data()
    assert ManifestEdition.objects.current().slug == "2026-2029"
    assert not ManifestEdition.objects.get(slug="2022-2025").is_current


def test_every_edition_file_parses_with_its_required_keys():
    editions = reference.editions()
    assert [edition["slug"] for edition in editions] == ["2022-2025"]
    for edition in editions:
        assert set(reference.EDITION_KEYS) <= set(edition)
        assert edition["text"] and edition["commitments"].endswith("\n")
        assert isinstance(edition["signing_opens"], datetime.date)
