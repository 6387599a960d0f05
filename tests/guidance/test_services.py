import pytest
from django.core import mail

from guidance import services
from guidance.models import ContactMessage, GuidancePage, PageFeedback, PageStatus
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


def test_every_save_keeps_a_revision_with_who_and_what_changed(editor, second_editor):
    page = services.guidance_page_save(
        page=GuidancePage(title="Vraag", slug="vraag", summary="Kort", body="Eerste tekst"), editor=editor
    )
    page.body = "Tweede tekst"
    services.guidance_page_save(page=page, editor=second_editor, expected_version=1)
    first, second = page.revisions.order_by("number")
    assert (first.number, first.editor, second.number, second.editor) == (1, editor, 2, second_editor)
    assert second.changed_fields == ["body"]
    assert page.version == 2
    assert page.last_editor == second_editor


def test_saving_from_an_outdated_version_raises_a_conflict_and_changes_nothing(editor, second_editor):
    page = services.guidance_page_save(
        page=GuidancePage(title="Vraag", slug="vraag", summary="Kort", body="Origineel"), editor=editor
    )
    first_copy = GuidancePage.objects.get(pk=page.pk)
    second_copy = GuidancePage.objects.get(pk=page.pk)
    first_copy.body = "Van Eva"
    services.guidance_page_save(page=first_copy, editor=editor, expected_version=1)
    second_copy.body = "Van Piet"
    with pytest.raises(services.EditConflict) as raised:
        services.guidance_page_save(page=second_copy, editor=second_editor, expected_version=1)
    assert raised.value.current.body == "Van Eva"
    assert raised.value.latest_revision.editor == editor
    assert GuidancePage.objects.get(pk=page.pk).body == "Van Eva"


def test_restoring_a_revision_brings_its_text_back_as_a_new_revision(editor):
    page = services.guidance_page_save(
        page=GuidancePage(title="Vraag", slug="vraag", summary="Kort", body="Versie een"), editor=editor
    )
    page.body = "Versie twee"
    services.guidance_page_save(page=page, editor=editor)
    services.page_revision_restore(revision=page.revisions.get(number=1), editor=editor)
    page.refresh_from_db()
    assert page.body == "Versie een"
    assert page.body_html == "<p>Versie een</p>"
    assert list(page.revisions.values_list("number", flat=True)) == [3, 2, 1]


def test_bulk_publish_and_unpublish_go_through_revisions(editor):
    drafts = [GuidancePageFactory(status=PageStatus.DRAFT) for _ in range(2)]
    assert services.guidance_pages_publish(pages=drafts, editor=editor) == 2
    assert GuidancePage.objects.published().count() == 2
    assert services.guidance_pages_publish(pages=drafts, editor=editor) == 0
    assert services.guidance_pages_unpublish(pages=drafts[:1], editor=editor) == 1
    assert GuidancePage.objects.published().count() == 1
    assert drafts[0].revisions.first().note == "Niet meer gepubliceerd"


def test_feedback_counts_once_per_visitor_session():
    page = GuidancePageFactory()
    session = {}
    assert services.page_feedback_record(page=page, is_useful=True, session=session)
    assert not services.page_feedback_record(page=page, is_useful=False, session=session)
    assert list(PageFeedback.objects.values_list("is_useful", flat=True)) == [True]


def test_a_contact_message_is_stored_and_mailed_to_the_vng(settings):
    settings.VNG_CONTACT_EMAIL = "co2@vng.example"
    contact = services.contact_message_submit(
        name="Ada", email="ada@gemeente.example", organisation="Gemeente X", message="Hulp gevraagd", language="nl"
    )
    assert contact.mailed_at is not None
    assert mail.outbox[0].to == ["co2@vng.example"]
    assert mail.outbox[0].reply_to == ["ada@gemeente.example"]
    assert "Hulp gevraagd" in mail.outbox[0].body


def test_a_contact_message_is_kept_when_the_mail_server_fails(settings):
    settings.EMAIL_BACKEND = "tests.guidance.broken_mail.BrokenBackend"
    contact = services.contact_message_submit(
        name="Ada", email="ada@gemeente.example", organisation="", message="Hallo", language="nl"
    )
    stored = ContactMessage.objects.get(pk=contact.pk)
    assert stored.message == "Hallo"
    assert stored.mailed_at is None
    assert "refused" in stored.mail_error


def test_a_browser_s_crlf_line_ends_do_not_count_as_a_change(editor):
    page = services.guidance_page_save(
        page=GuidancePage(title="Vraag", slug="vraag", summary="Kort", body="Regel een\nRegel twee"), editor=editor
    )
    page.body = "Regel een\r\nRegel twee"
    page.summary = "Korter"
    services.guidance_page_save(page=page, editor=editor)
    assert page.revisions.first().changed_fields == ["summary"]
    assert page.revisions.first().changed_field_labels == ["samenvatting"]
