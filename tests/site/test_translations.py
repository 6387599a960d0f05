import subprocess
from pathlib import Path

from django.utils import translation

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_dutch_translation_is_complete():
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics


def test_a_known_string_is_translated_to_dutch():
    with translation.override("nl"):
        assert translation.gettext("Skip to main content") == "Naar de inhoud"
