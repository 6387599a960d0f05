"""A change to a live page with a future moment waits for that moment; the live page stays online until then."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from guidance import services
from guidance.models import GuidancePage, PageRevision, PageStatus, RevisionState, Section, Theme

pytestmark = pytest.mark.django_db


def _live_page(editor, **values) -> GuidancePage:
    fields = {
        "title": "Wat is MVOI?",
        "slug": "wat-is-mvoi",
        "summary": "Kort",
        "body": "De live tekst",
        "section": Section.objects.first(),
        "status": PageStatus.PUBLISHED,
        **values,
    }
    return services.guidance_page_save(page=GuidancePage(**fields), editor=editor)


def _schedule(page, editor, moment, **changes) -> PageRevision:
    for name, value in changes.items():
        setattr(page, name, value)
    page.publish_at = moment
    return services.guidance_page_schedule_change(page=page, editor=editor)


def _public_text(path: str) -> str:
    response = Client().get(path)  # a new anonymous visitor each time
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_public_sees_the_live_text_until_the_moment_and_the_new_text_after_it(editor, clock, locmem_cache):
    page = _live_page(editor)
    _schedule(page, editor, clock.now + timedelta(hours=2), title="Wat is MVOI precies?", body="De nieuwe tekst")
    for _visit in range(2):  # the second visit is answered from the kept copy
        body = _public_text("/kennisbank/wat-is-mvoi/")
        assert "De live tekst" in body and "De nieuwe tekst" not in body
    assert "Wat is MVOI?" in _public_text("/kennisbank/")

    clock.move(hours=1, minutes=59)
    assert "De live tekst" in _public_text("/kennisbank/wat-is-mvoi/")

    clock.move(minutes=1, seconds=1)  # nobody saves anything: only the clock moved past the moment
    body = _public_text("/kennisbank/wat-is-mvoi/")
    assert "De nieuwe tekst" in body and "De live tekst" not in body
    assert "Wat is MVOI precies?" in _public_text("/kennisbank/")
    page.refresh_from_db()
    assert page.body == "De nieuwe tekst"
    assert page.revisions.get(state=RevisionState.PUBLISHED).goes_live_at == clock.now - timedelta(seconds=1)
    assert page.revisions.order_by("-number").first().note.startswith("Geplande wijziging")


def test_scheduling_leaves_the_live_page_and_its_settings_untouched_until_the_moment(editor, clock):
    climate, circular = Theme.objects.get(slug="klimaat"), Theme.objects.get(slug="circulair")
    page = _live_page(editor)
    page.themes.set([climate])
    second_section = Section.objects.order_by("order").last()
    page.publish_at = clock.now + timedelta(days=1)
    page.body = "Morgen"
    page.section = second_section
    services.guidance_page_schedule_change(page=page, editor=editor, themes=[circular])

    stored = GuidancePage.objects.get(pk=page.pk)
    assert (stored.body, stored.section, stored.publish_at) == ("De live tekst", Section.objects.first(), None)
    assert list(stored.themes.all()) == [climate]
    assert GuidancePage.objects.published().filter(pk=page.pk).exists()

    clock.move(days=1)
    assert services.scheduled_changes_publish_due() == 1
    stored.refresh_from_db()
    assert (stored.body, stored.section) == ("Morgen", second_section)
    assert list(stored.themes.all()) == [circular]
    assert services.scheduled_changes_publish_due() == 0  # applied once


def test_a_second_schedule_replaces_the_first(editor, clock):
    page = _live_page(editor)
    first = _schedule(page, editor, clock.now + timedelta(days=1), body="Eerste plan")
    second = _schedule(page, editor, clock.now + timedelta(days=2), body="Tweede plan")
    first.refresh_from_db()
    assert first.state == RevisionState.CANCELLED
    assert list(page.revisions.scheduled()) == [second]
    clock.move(days=2)
    services.scheduled_changes_publish_due()
    page.refresh_from_db()
    assert page.body == "Tweede plan"


def test_the_database_allows_one_scheduled_change_per_page(editor, clock):
    from django.db import IntegrityError

    page = _live_page(editor)
    revision = _schedule(page, editor, clock.now + timedelta(days=1), body="Plan")
    with pytest.raises(IntegrityError):
        PageRevision.objects.create(
            page=page, number=revision.number + 1, title="x", slug="x", summary="x", body="x", status="published",
            state=RevisionState.SCHEDULED, goes_live_at=revision.goes_live_at,
        )  # fmt: skip


def test_unpublishing_a_page_cancels_its_scheduled_change(editor, clock):
    page = _live_page(editor)
    revision = _schedule(page, editor, clock.now + timedelta(hours=1), body="Straks")
    services.guidance_pages_unpublish(pages=[page], editor=editor)
    clock.move(hours=2)
    assert services.scheduled_changes_publish_due() == 0
    revision.refresh_from_db()
    assert revision.state == RevisionState.CANCELLED
    assert not GuidancePage.objects.published().filter(pk=page.pk).exists()


def test_a_change_whose_web_address_was_taken_meanwhile_is_cancelled_and_the_live_page_stays(editor, clock):
    page = _live_page(editor)
    revision = _schedule(page, editor, clock.now + timedelta(hours=1), slug="nieuw-adres", body="Straks")
    _live_page(editor, title="Ander", slug="nieuw-adres")
    clock.move(hours=2)
    assert services.scheduled_changes_publish_due() == 0
    revision.refresh_from_db()
    page.refresh_from_db()
    assert revision.state == RevisionState.CANCELLED
    assert revision.note.startswith("Kon niet live gaan")
    assert (page.slug, page.body) == ("wat-is-mvoi", "De live tekst")
    assert "De live tekst" in _public_text("/kennisbank/wat-is-mvoi/")


def test_an_editor_who_opened_the_page_before_a_change_was_scheduled_gets_a_conflict(editor, second_editor, clock):
    page = _live_page(editor)
    opened_at_version = page.version
    _schedule(page, editor, clock.now + timedelta(days=1), body="Gepland")
    stale = GuidancePage.objects.get(pk=page.pk)
    stale.body = "Snelle correctie"
    with pytest.raises(services.EditConflict):
        services.guidance_page_save(page=stale, editor=second_editor, expected_version=opened_at_version)


def test_a_new_page_with_a_future_moment_simply_goes_live_then(editor, clock, locmem_cache):
    page = services.guidance_page_save(
        page=GuidancePage(
            title="Nieuw", slug="nieuw", summary="x", body="Nieuwe pagina", status=PageStatus.PUBLISHED,
            publish_at=clock.now + timedelta(hours=1),
        ),
        editor=editor,
    )  # fmt: skip
    assert not services.changes_go_live_later(page=page)  # not live: nothing to keep online meanwhile
    assert Client().get("/kennisbank/nieuw/").status_code == 404
    clock.move(hours=1)
    assert "Nieuwe pagina" in _public_text("/kennisbank/nieuw/")
    assert not page.revisions.scheduled().exists()


def test_the_cache_knows_the_moment_of_the_next_scheduled_change(editor, clock):
    from guidance.cache import _next_scheduled_moment

    page = _live_page(editor)
    assert _next_scheduled_moment() is None
    _schedule(page, editor, clock.now + timedelta(hours=3), body="Later")
    _live_page(editor, title="Nieuw", slug="nieuw", publish_at=clock.now + timedelta(hours=5))
    assert _next_scheduled_moment() == clock.now + timedelta(hours=3)
    assert timezone.is_aware(_next_scheduled_moment())
