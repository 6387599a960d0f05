import pytest
from django.core.management import call_command

from guidance.models import FactCheck, GuidancePage, Resource, Theme

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
    counts = (GuidancePage.objects.count(), Resource.objects.count(), FactCheck.objects.count())
    call_command("load_guidance_content", verbosity=0)
    assert (GuidancePage.objects.count(), Resource.objects.count(), FactCheck.objects.count()) == counts
    assert GuidancePage.objects.get(slug="wat-is-mvoi").body == "Door de redactie herschreven."


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
