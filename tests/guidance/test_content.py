import pytest
from django.core.management import call_command

from core.content_files import ContentFileError
from guidance import reference, starting_content
from guidance.models import (
    Audience,
    FactCheck,
    GuidancePage,
    PageRevision,
    Resource,
    ResourceKind,
    ResourcePublisher,
    Section,
    Theme,
)

pytestmark = pytest.mark.django_db

VNG_QUESTIONS = [
    "Wat is MVOI?",
    "Waarom is MVOI belangrijk?",
    "Hoe kan ik draagvlak creëren bij het college van B en W?",
    "Wat is het Manifest MVOI?",
    "Hoe stel ik een Actieplan MVOI op?",
    "Welke tools en handreikingen zijn beschikbaar om MVOI toe te passen?",
    "Welke partijen kunnen mij ondersteunen?",
    "Waar vind ik meer informatie over MVOI?",
]


def test_starting_content_has_a_published_page_for_every_question_of_the_vng_page(client):
    call_command("load_guidance_content", verbosity=0)
    assert set(GuidancePage.objects.published().values_list("title", flat=True)) == set(VNG_QUESTIONS)
    for page in GuidancePage.objects.all():
        assert client.get(page.get_absolute_url()).status_code == 200
        assert page.revisions.count() == 1


def test_starting_content_fills_every_theme_page_and_the_tools_library():
    call_command("load_guidance_content", verbosity=0)
    assert not Theme.objects.filter(description="").exists()
    assert not Theme.objects.filter(why_it_matters="").exists()
    assert Resource.objects.count() >= 10
    assert set(Resource.objects.values_list("publisher", flat=True)) >= {"pianoo", "vng", "rijksoverheid"}
    assert FactCheck.objects.filter(is_resolved=False).exists()


def test_loading_twice_changes_nothing_and_never_overwrites_an_editors_work():
    call_command("load_guidance_content", verbosity=0)
    page = GuidancePage.objects.get(slug="wat-is-mvoi")
    page.body = "Door de redactie herschreven."
    page.save()
    theme = Theme.objects.get(slug="klimaat")
    theme.name = "Klimaat en energie"
    theme.save()
    before = _everything_loaded()
    call_command("load_guidance_content", verbosity=0)
    assert _everything_loaded() == before
    assert GuidancePage.objects.get(slug="wat-is-mvoi").body == "Door de redactie herschreven."
    assert Theme.objects.get(slug="klimaat").name == "Klimaat en energie"


def _everything_loaded() -> list[list[dict]]:
    """Every row the command writes, with every field, `updated_at` included."""
    models = [Theme, Section, GuidancePage, PageRevision, Resource, FactCheck]
    rows = [list(model.objects.order_by("pk").values()) for model in models]
    rows.append(list(GuidancePage.themes.through.objects.order_by("pk").values()))
    rows.append(list(Resource.themes.through.objects.order_by("pk").values()))
    return rows


def test_dry_run_changes_nothing(capsys):
    call_command("load_guidance_content", dry_run=True)
    assert "Would create 8 guidance pages" in capsys.readouterr().out
    assert not GuidancePage.objects.exists()


def test_the_long_action_plan_page_gets_a_table_of_contents():
    call_command("load_guidance_content", verbosity=0)
    page = GuidancePage.objects.get(slug="hoe-stel-ik-een-actieplan-mvoi-op")
    assert len(page.body_toc) >= 8


def test_the_command_restores_themes_and_sections_that_a_database_flush_removed():
    from guidance.models import Section

    Theme.objects.all().delete()
    Section.objects.all().delete()
    call_command("load_guidance_content", verbosity=0)
    assert Theme.objects.count() == 6
    assert Section.objects.count() == 2


def test_the_first_question_is_translated_into_english(client):
    call_command("load_guidance_content", verbosity=0)
    body = client.get("/en/kennisbank/wat-is-mvoi/").content.decode()
    assert "What is MVOI?" in body and "From MVI to MVOI" in body
    assert "not yet available in English" not in body


def test_verbosity_two_names_each_page_created_and_zero_prints_nothing(capsys):
    call_command("load_guidance_content", verbosity=0)
    assert capsys.readouterr().out == ""
    GuidancePage.objects.filter(slug="wat-is-mvoi").delete()
    call_command("load_guidance_content", verbosity=2)
    out = capsys.readouterr().out
    assert "Created 1 guidance pages" in out
    assert "  page wat-is-mvoi" in out


# --- The content files themselves ------------------------------------------------------------------


def test_every_page_file_parses_with_its_required_keys_and_known_values():
    pages = starting_content.pages()
    assert len(pages) == len(VNG_QUESTIONS)
    sections = {record["slug"] for record in reference.sections()}
    themes = {record["slug"] for record in reference.themes()}
    for page in pages:
        assert page["title"] and page["summary"] and page["body"], page["slug"]
        assert page["title_en"] and page["summary_en"], page["slug"]
        assert page["section"] in sections, page["slug"]
        assert page["audience"] in Audience.values, page["slug"]
        assert set(page["themes"]) <= themes, page["slug"]
        assert all(isinstance(fact, str) and fact for fact in page["to_verify"]), page["slug"]


def test_every_english_body_belongs_to_a_page():
    slugs = {page["slug"] for page in starting_content.pages()}
    english = {path.name.removesuffix(".en.md") for path in starting_content.PAGES_DIR.glob("*.en.md")}
    assert english and english <= slugs


def test_every_resource_parses_with_its_required_keys_and_known_values():
    resources = starting_content.resources()
    assert len(resources) >= 10
    themes = {record["slug"] for record in reference.themes()}
    for resource in resources:
        assert resource["url"].startswith("https://"), resource["title"]
        assert resource["publisher"] in ResourcePublisher.values, resource["title"]
        assert resource["kind"] in ResourceKind.values, resource["title"]
        assert resource["audience"] in Audience.values, resource["title"]
        assert set(resource["themes"]) <= themes, resource["title"]
    assert len({resource["title"] for resource in resources}) == len(resources)  # the title is the key


def test_the_reference_files_hold_the_six_themes_and_two_sections():
    assert [theme["slug"] for theme in reference.themes()] == [
        "milieu-biodiversiteit",
        "klimaat",
        "circulair",
        "ketenverantwoordelijkheid",
        "diversiteit-inclusie",
        "social-return",
    ]
    assert all(theme["description"] and theme["why_it_matters"] for theme in reference.themes())
    assert [section["name"] for section in reference.sections()] == ["Informatie inwinnen", "Aan de slag"]


def test_a_page_file_without_a_required_key_is_refused_naming_the_file_and_the_key(tmp_path, monkeypatch):
    (tmp_path / "nieuwe-pagina.md").write_text(
        '+++\ntitle = "Nieuw"\nsection = "aan-de-slag"\norder = 9\n+++\n\nTekst.\n', encoding="utf-8"
    )
    monkeypatch.setattr(starting_content, "PAGES_DIR", tmp_path)
    with pytest.raises(ContentFileError, match=r"nieuwe-pagina\.md: missing summary, themes, audience"):
        starting_content.pages()


def test_a_page_file_with_broken_front_matter_is_refused_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "kapot.md").write_text('+++\ntitle = "Niet afgesloten\n+++\n\nTekst.\n', encoding="utf-8")
    (tmp_path / "zonder-front-matter.md").write_text("# Alleen tekst\n", encoding="utf-8")
    monkeypatch.setattr(starting_content, "PAGES_DIR", tmp_path)
    with pytest.raises(ContentFileError, match=r"(kapot|zonder-front-matter)\.md"):
        starting_content.pages()


def test_a_page_file_whose_name_is_not_a_slug_is_refused(tmp_path, monkeypatch):
    page = (starting_content.PAGES_DIR / "wat-is-mvoi.md").read_text(encoding="utf-8")
    (tmp_path / "Wat is MVOI.md").write_text(page, encoding="utf-8")
    monkeypatch.setattr(starting_content, "PAGES_DIR", tmp_path)
    with pytest.raises(ContentFileError, match="the file name is the page's slug"):
        starting_content.pages()
