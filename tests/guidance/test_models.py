from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from guidance.models import GuidancePage, PageStatus, Resource, ResourcePublisher, Section, Theme
from tests.factories import GuidancePageFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_six_themes_and_two_sections_exist_from_the_migrations():
    assert Theme.objects.count() == 6
    assert list(Section.objects.values_list("name", flat=True)) == ["Informatie inwinnen", "Aan de slag"]


def test_published_includes_pages_without_a_moment_and_those_whose_moment_has_passed():
    now = timezone.now()
    plain = GuidancePageFactory()
    past = GuidancePageFactory(publish_at=now - timedelta(minutes=1))
    GuidancePageFactory(publish_at=now + timedelta(hours=1))
    GuidancePageFactory(status=PageStatus.DRAFT)
    assert set(GuidancePage.objects.published()) == {plain, past}


def test_a_scheduled_page_becomes_public_at_its_moment_without_anyone_acting():
    page = GuidancePageFactory(publish_at=timezone.now() + timedelta(seconds=1))
    assert not page.is_public
    GuidancePage.objects.filter(pk=page.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert GuidancePage.objects.published().filter(pk=page.pk).exists()


def test_review_due_lists_pages_whose_review_date_has_passed():
    today = timezone.localdate()
    due = GuidancePageFactory(review_by=today - timedelta(days=1))
    GuidancePageFactory(review_by=today + timedelta(days=10))
    GuidancePageFactory(review_by=None)
    assert list(GuidancePage.objects.review_due()) == [due]


def test_saving_stores_rendered_html_a_table_of_contents_and_plain_text():
    page = GuidancePageFactory(body="## Stap een\n\n**Vet** en [link](https://vng.nl)")
    assert page.body_html.startswith('<h2 id="h-stap-een">Stap een</h2>')
    assert page.body_toc == [{"id": "h-stap-een", "name": "Stap een", "level": 2}]
    assert page.body_text == "Stap een Vet en link"


def test_reserved_slugs_are_refused_by_the_database_and_by_clean():
    page = GuidancePageFactory.build(slug="zoeken")
    with pytest.raises(ValidationError):
        page.full_clean()
    with pytest.raises(IntegrityError):
        page.save()


def test_a_resource_with_another_publisher_needs_its_name():
    resource = ResourceFactory.build(publisher=ResourcePublisher.OTHER, publisher_name="")
    with pytest.raises(ValidationError):
        resource.full_clean()
    with pytest.raises(IntegrityError):
        resource.save()


def test_a_resource_link_must_be_a_web_address():
    with pytest.raises(IntegrityError):
        Resource.objects.create(title="x", description="x", url="javascript:alert(1)", publisher="vng", kind="tool")


def test_english_texts_are_used_on_the_english_site_and_dutch_otherwise(settings):
    from django.utils import translation

    page = GuidancePageFactory(title="Wat is MVOI?", title_en="What is MVOI?", body="Nederlands", body_en="")
    with translation.override("en"):
        assert page.display_title == "What is MVOI?"
        assert "Nederlands" in page.display_body_html
        assert not page.is_translated
    with translation.override("nl"):
        assert page.display_title == "Wat is MVOI?"
        assert page.is_translated


def test_string_representations():
    page = GuidancePageFactory(title="Wat is MVOI?")
    assert str(page) == "Wat is MVOI?"
    assert str(Theme.objects.get(slug="klimaat")) == "Klimaat"
    assert str(ResourceFactory(title="MVI-criteria")) == "MVI-criteria"
