"""Writes with side effects in the knowledge base: saving with revisions, publishing, feedback, contact."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import ContactMessage, GuidancePage, PageFeedback, PageRevision, PageStatus
from guidance.search import refresh_search_words

logger = logging.getLogger(__name__)

SESSION_VOTES_KEY = "guidance_feedback_pages"


@dataclass
class EditConflict(Exception):
    """Someone else saved the page after the editor opened it."""

    current: GuidancePage
    latest_revision: PageRevision | None

    def __str__(self):
        return f"page {self.current.pk} is at version {self.current.version}"


def _revision_create(*, page: GuidancePage, editor, note: str = "") -> PageRevision:
    previous = page.revisions.order_by("-number").first()
    values = {field: getattr(page, field) for field in PageRevision.TRACKED_FIELDS}
    changed = [
        field for field in PageRevision.TRACKED_FIELDS if previous is None or getattr(previous, field) != values[field]
    ]
    return PageRevision.objects.create(
        page=page,
        number=(previous.number + 1) if previous else 1,
        changed_fields=changed,
        note=note,
        editor=editor,
        **values,
    )


@transaction.atomic
def search_words_refresh() -> None:
    """Rebuild the search's word list from the published pages; every write to page text ends with it."""
    refresh_search_words()


@transaction.atomic
def guidance_page_save(
    *, page: GuidancePage, editor, expected_version: int | None = None, note: str = "", m2m_save=None
) -> GuidancePage:
    """Save an edited page and keep a revision; raise EditConflict if it changed since it was opened.

    `expected_version` is the version the editor's form was based on; None skips the check (commands).
    `m2m_save` saves many-to-many fields (the admin form's save_m2m) before the revision is taken.
    """
    page = _page_save(page=page, editor=editor, expected_version=expected_version, note=note, m2m_save=m2m_save)
    search_words_refresh()
    return page


def _page_save(*, page: GuidancePage, editor, expected_version: int | None, note: str, m2m_save=None) -> GuidancePage:
    if page.pk:
        current = GuidancePage.objects.select_for_update().get(pk=page.pk)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(current=current, latest_revision=current.revisions.order_by("-number").first())
        page.version = current.version + 1
    else:
        page.version = 1
    page.last_editor = editor
    page.updated_at = timezone.now()
    page.save()
    if m2m_save:
        m2m_save()
    _revision_create(page=page, editor=editor, note=note)
    return page


@transaction.atomic
def guidance_pages_publish(*, pages, editor) -> int:
    """Publish the given pages (those with a future `publish_at` go live at that moment)."""
    count = 0
    for page in GuidancePage.objects.select_for_update().filter(pk__in=[p.pk for p in pages]).order_by("pk"):
        if page.status != PageStatus.PUBLISHED:
            page.status = PageStatus.PUBLISHED
            _page_save(page=page, editor=editor, expected_version=None, note=_("Published"))
            count += 1
    if count:
        search_words_refresh()
    return count


@transaction.atomic
def guidance_pages_unpublish(*, pages, editor) -> int:
    """Take the given pages off the public site; they stay as drafts."""
    count = 0
    for page in GuidancePage.objects.select_for_update().filter(pk__in=[p.pk for p in pages]).order_by("pk"):
        if page.status != PageStatus.DRAFT:
            page.status = PageStatus.DRAFT
            _page_save(page=page, editor=editor, expected_version=None, note=_("Unpublished"))
            count += 1
    if count:
        search_words_refresh()
    return count


@transaction.atomic
def page_revision_restore(*, revision: PageRevision, editor) -> GuidancePage:
    """Bring back the text of an earlier revision as a new revision; nothing in between is lost."""
    page = GuidancePage.objects.select_for_update().get(pk=revision.page_id)
    for field in PageRevision.TRACKED_FIELDS:
        setattr(page, field, getattr(revision, field))
    return guidance_page_save(
        page=page, editor=editor, note=_("Restored revision %(number)s") % {"number": revision.number}
    )


def page_feedback_record(*, page: GuidancePage, is_useful: bool, session) -> bool:
    """Count one vote per visitor session; return False when this session already voted on the page."""
    voted = session.get(SESSION_VOTES_KEY, [])
    if page.pk in voted:
        return False
    PageFeedback.objects.create(page=page, is_useful=is_useful)
    session[SESSION_VOTES_KEY] = [*voted, page.pk]
    return True


def contact_message_submit(*, name: str, email: str, organisation: str, message: str, language: str) -> ContactMessage:
    """Store the message, then e-mail it to the VNG; a failing mail server never loses the message."""
    with transaction.atomic():
        contact = ContactMessage.objects.create(
            name=name, email=email, organisation=organisation, message=message, language=language
        )
    contact_message_mail(contact=contact)
    return contact


def contact_message_mail(*, contact: ContactMessage) -> bool:
    """Send a stored message to VNG_CONTACT_EMAIL; record the outcome on the message."""
    body = render_to_string("guidance/email/contact_message.txt", {"contact": contact})
    try:
        EmailMessage(
            subject=f"[MVOI-portaal] Vraag van {contact.name}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[settings.VNG_CONTACT_EMAIL],
            reply_to=[contact.email],
        ).send()
    except Exception as error:  # any mail failure: the message is stored, staff see it in the admin
        logger.exception("Contact message %s could not be e-mailed", contact.pk)
        contact.mail_error = str(error)[:300]
        contact.save(update_fields=["mail_error"])
        return False
    contact.mailed_at = timezone.now()
    contact.mail_error = ""
    contact.save(update_fields=["mailed_at", "mail_error"])
    return True


@transaction.atomic
def contact_messages_delete_expired() -> int:
    """Delete contact messages past the retention period, answered or not; return how many."""
    deleted, _per_model = ContactMessage.objects.expired().delete()
    return deleted
