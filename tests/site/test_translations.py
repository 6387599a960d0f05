import subprocess
from pathlib import Path

from django.utils import translation

from tests.users import log_in_with_two_factor

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


def test_the_admin_javascript_catalogue_is_served_in_dutch_including_the_strings_django_lacks(client, db):
    from tests.factories import UserFactory, give_totp_authenticator

    staff = give_totp_authenticator(UserFactory(email="beheer@vng.example", is_staff=True)).user
    log_in_with_two_factor(client, staff)
    catalogue = client.get("/admin/jsi18n/").content.decode()
    for english, dutch in [
        ("Choose all", "Alle kiezen"),
        ("Choose all %s", "Alle %s kiezen"),
        ("Remove selected %s", "Geselecteerde %s verwijderen"),
        ("Remove all %s", "Alle %s verwijderen"),
    ]:
        assert f'"{english}": "{dutch}"' in catalogue


def test_the_admin_javascript_translations_are_complete():
    js_po = PO_FILE.with_name("djangojs.po")
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(js_po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


# Words that are the same in Dutch and English.
SAME_IN_BOTH_LANGUAGES = {"Accounts", "Auditlog", "auditlog", "status", "link", "e-mail", "Feedback", "type", "code"}


def _in_both_languages(name_of) -> list[tuple[str, str]]:
    with translation.override("nl"):
        dutch = [str(name) for name in name_of()]
    with translation.override("en"):
        english = [str(name) for name in name_of()]
    return list(zip(dutch, english, strict=True))


def test_every_app_model_and_column_the_admin_shows_has_a_dutch_name():
    from django.contrib import admin
    from django.contrib.admin.utils import label_for_field

    untranslated = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta

        def names(opts=opts, model=model, model_admin=model_admin):
            columns = [name for name in model_admin.list_display if name != "__str__"]
            return [
                opts.app_config.verbose_name,
                opts.verbose_name,
                opts.verbose_name_plural,
                *[label_for_field(column, model, model_admin) for column in columns],
            ]

        untranslated |= {
            f"{opts.label}: {dutch}"
            for dutch, english in _in_both_languages(names)
            if dutch == english and dutch not in SAME_IN_BOTH_LANGUAGES
        }
    assert sorted(untranslated) == []
