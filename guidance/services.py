"""Writes with side effects in the knowledge base: saving with revisions, publishing, feedback, contact.

Every write that changes what the public sees marks its kind of content changed (guidance/cache.py),
which makes the cached pages that show it stale; the admin saves through these functions too.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from guidance.cache import GUIDANCE, THEMES
from guidance.models import (
    FEEDBACK_MISSING_MAX_LENGTH,
    ContactMessage,
    ContactStatus,
    GuidancePage,
    PageFeedback,
    PageRevision,
    PageStatus,
    Resource,
    RevisionState,
    Section,
    Theme,
    review_date_after,
)
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


def _revision_create(
    *,
    page: GuidancePage,
    editor,
    note: str = "",
    state: str = RevisionState.SAVED,
    goes_live_at=None,
    scheduled_settings: dict | None = None,
) -> PageRevision:
    """A revision of the page's values; changes are counted against the last version the page itself had."""
    latest = page.revisions.order_by("-number").first()
    previous = page.revisions.filter(state=RevisionState.SAVED).order_by("-number").first()
    values = {field: getattr(page, field) for field in PageRevision.TRACKED_FIELDS}
    changed = [
        field for field in PageRevision.TRACKED_FIELDS if previous is None or getattr(previous, field) != values[field]
    ]
    return PageRevision.objects.create(
        page=page,
        number=(latest.number + 1) if latest else 1,
        changed_fields=changed,
        note=note,
        editor=editor,
        state=state,
        goes_live_at=goes_live_at,
        scheduled_settings=scheduled_settings or {},
        **values,
    )


def _locked_current(page: GuidancePage, expected_version: int | None) -> GuidancePage:
    current = GuidancePage.objects.select_for_update().get(pk=page.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current=current, latest_revision=current.revisions.order_by("-number").first())
    return current


@transaction.atomic
def search_words_refresh() -> None:
    """Rebuild the search's word list from the published pages; every write to page text ends with it.

    Its own transaction when called outside one (a loader, a script): the rebuild locks the list, and a
    lock holds only within a transaction.
    """
    refresh_search_words()


@transaction.atomic
def guidance_page_save(
    *,
    page: GuidancePage,
    editor,
    expected_version: int | None = None,
    note: str = "",
    themes=None,
    related_pages=None,
) -> GuidancePage:
    """Save an edited page now and keep a revision; raise EditConflict if it changed since it was opened.

    `expected_version` is the version the editor's form was based on; None skips the check (commands).
    `themes` and `related_pages`, when given, replace the page's; None leaves them as they are.
    A published page without a review date gets one, twelve months after it goes live.
    """
    page = _page_save(
        page=page,
        editor=editor,
        expected_version=expected_version,
        note=note,
        themes=themes,
        related_pages=related_pages,
    )
    search_words_refresh()
    return page


def _page_save(
    *,
    page: GuidancePage,
    editor,
    expected_version: int | None = None,
    note: str = "",
    themes=None,
    related_pages=None,
) -> GuidancePage:
    now = timezone.now()
    if page.pk:
        page.version = _locked_current(page, expected_version).version + 1
    else:
        page.version = 1
    if page.status == PageStatus.PUBLISHED and page.review_by is None:
        page.review_by = review_date_after(timezone.localdate(max(page.publish_at or now, now)))
    if page.pk and page.status == PageStatus.DRAFT:
        # A draft has no live version for a scheduled change to replace; it would publish the page again.
        page.revisions.scheduled().update(state=RevisionState.CANCELLED)
    page.last_editor = editor
    page.updated_at = now
    page.save()
    if themes is not None:
        page.themes.set(themes)
    if related_pages is not None:
        page.related_pages.set(related_pages)
    _revision_create(page=page, editor=editor, note=note)
    GUIDANCE.changed()
    return page


def changes_go_live_later(*, page: GuidancePage, now=None) -> bool:
    """True when saving `page` as edited should wait: the stored page is live and the edit names a future moment."""
    now = now or timezone.now()
    if not page.pk or page.publish_at is None or page.publish_at <= now:
        return False
    return GuidancePage.objects.published().filter(pk=page.pk).exists()


@transaction.atomic
def guidance_page_schedule_change(
    *,
    page: GuidancePage,
    editor,
    expected_version: int | None = None,
    note: str = "",
    themes=None,
    related_pages=None,
) -> PageRevision:
    """Keep an edit of a live page as a scheduled revision: the live page stays unchanged until `page.publish_at`.

    The edit replaces any change scheduled earlier for the page. The page's version moves on, so an editor
    who opened the page before this is told someone else saved it in the meantime.
    """
    current = _locked_current(page, expected_version)
    for earlier in current.revisions.scheduled():
        earlier.state = RevisionState.CANCELLED
        earlier.save(update_fields=["state"])
    themes = current.themes.all() if themes is None else themes
    related_pages = current.related_pages.all() if related_pages is None else related_pages
    settings = {
        "section": page.section_id,
        "order": page.order,
        "audience": page.audience,
        "review_by": page.review_by.isoformat() if page.review_by else None,
        "themes": sorted(theme.pk for theme in themes),
        "related_pages": sorted(related.pk for related in related_pages),
    }
    revision = _revision_create(
        page=page,
        editor=editor,
        note=note,
        state=RevisionState.SCHEDULED,
        goes_live_at=page.publish_at,
        scheduled_settings=settings,
    )
    GuidancePage.objects.filter(pk=current.pk).update(version=current.version + 1)
    page.version = current.version + 1
    GUIDANCE.changed()  # the cache learns the new moment at which the pages change by themselves
    return revision


@transaction.atomic
def page_revision_cancel_schedule(*, revision: PageRevision, editor) -> bool:
    """Cancel a scheduled change; the live page stays as it is. False when it was no longer scheduled."""
    revision = PageRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != RevisionState.SCHEDULED:
        return False
    revision.state = RevisionState.CANCELLED
    revision.save(update_fields=["state"])
    GUIDANCE.changed()
    return True


def scheduled_changes_publish_due(*, now=None) -> int:
    """Let every scheduled change whose moment has come replace its live page; return how many did.

    Public pages call this before they read the knowledge base, so a change goes live at its moment
    without anyone acting and without a cron job; the cache (guidance/cache.py) moves on at that moment
    too. A change that can no longer be applied (its web address was taken meanwhile) is cancelled.
    """
    now = now or timezone.now()
    if not PageRevision.objects.due(now).exists():
        return 0
    published = 0
    with transaction.atomic():
        # Another request applying the same change holds these rows; waiting for it means we read its result.
        for revision in PageRevision.objects.due(now).select_for_update().order_by("goes_live_at", "pk"):
            try:
                with transaction.atomic():
                    _scheduled_change_apply(revision=revision)
            except IntegrityError:
                logger.exception("Scheduled revision %s could not go live; it is cancelled", revision.pk)
                revision.state = RevisionState.CANCELLED
                revision.note = (_("Could not go live: the web address is taken.") + " " + revision.note)[:200]
                revision.save(update_fields=["state", "note"])
            else:
                published += 1
        if published:
            search_words_refresh()
    return published


def _scheduled_change_apply(*, revision: PageRevision) -> None:
    page = GuidancePage.objects.select_for_update().get(pk=revision.page_id)
    for field in PageRevision.TRACKED_FIELDS:
        setattr(page, field, getattr(revision, field))
    settings = revision.scheduled_settings
    if "section" in settings:
        page.section = Section.objects.filter(pk=settings["section"]).first()
        page.order = settings["order"]
        page.audience = settings["audience"]
        page.review_by = date.fromisoformat(settings["review_by"]) if settings["review_by"] else None
    revision.state = RevisionState.PUBLISHED
    revision.save(update_fields=["state"])
    _page_save(
        page=page,
        editor=revision.editor,
        note=_("Scheduled change (revision %(number)s) went live") % {"number": revision.number},
        themes=Theme.objects.filter(pk__in=settings.get("themes", [])) if "themes" in settings else None,
        related_pages=(
            GuidancePage.objects.filter(pk__in=settings.get("related_pages", [])).exclude(pk=page.pk)
            if "related_pages" in settings
            else None
        ),
    )


@transaction.atomic
def guidance_pages_delete(*, pages) -> None:
    for page in pages:
        page.delete()
    search_words_refresh()
    GUIDANCE.changed()


@transaction.atomic
def guidance_pages_publish(*, pages, editor) -> int:
    """Publish the given pages (those with a future `publish_at` go live at that moment)."""
    count = 0
    for page in GuidancePage.objects.select_for_update().filter(pk__in=[p.pk for p in pages]).order_by("pk"):
        if page.status != PageStatus.PUBLISHED:
            page.status = PageStatus.PUBLISHED
            _page_save(page=page, editor=editor, note=_("Published"))
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
            _page_save(page=page, editor=editor, note=_("Unpublished"))
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


# --- Themes, sections, tools and guides: plain edits that public pages show -----------------------


@transaction.atomic
def theme_save(*, theme: Theme) -> Theme:
    """Save a theme: its name also shows on published plans and the monitor."""
    theme.save()
    THEMES.changed()
    return theme


@transaction.atomic
def section_save(*, section: Section) -> Section:
    section.save()
    GUIDANCE.changed()
    return section


@transaction.atomic
def sections_delete(*, sections) -> None:
    for section in sections:
        section.delete()
    GUIDANCE.changed()


@transaction.atomic
def resource_save(*, resource: Resource) -> Resource:
    resource.save()
    GUIDANCE.changed()
    return resource


@transaction.atomic
def resources_delete(*, resources) -> None:
    for resource in resources:
        resource.delete()
    GUIDANCE.changed()


SESSION_FEEDBACK_TO_EXPLAIN_KEY = "guidance_feedback_to_explain"


def page_feedback_record(*, page: GuidancePage, is_useful: bool, session) -> bool:
    """Count one vote per visitor session; return False when this session already voted on the page.

    After a "no", the session remembers the vote, so the visitor (and no one else) may add what was missing.
    """
    voted = session.get(SESSION_VOTES_KEY, [])
    if page.pk in voted:
        return False
    feedback = PageFeedback.objects.create(page=page, is_useful=is_useful)
    session[SESSION_VOTES_KEY] = [*voted, page.pk]
    if not is_useful:
        session[SESSION_FEEDBACK_TO_EXPLAIN_KEY] = {
            **session.get(SESSION_FEEDBACK_TO_EXPLAIN_KEY, {}),
            str(page.pk): feedback.pk,
        }
    return True


def page_feedback_to_explain(*, page: GuidancePage, session) -> PageFeedback | None:
    """The "no" this session gave on the page and has not explained yet, if any."""
    feedback_pk = session.get(SESSION_FEEDBACK_TO_EXPLAIN_KEY, {}).get(str(page.pk))
    if feedback_pk is None:
        return None
    return PageFeedback.objects.filter(pk=feedback_pk, page=page, is_useful=False).first()


@transaction.atomic
def page_feedback_explain(*, feedback: PageFeedback, missing: str, session) -> PageFeedback:
    """Add what the visitor missed to their "no"; the session cannot change it afterwards."""
    feedback.missing = missing.strip()[:FEEDBACK_MISSING_MAX_LENGTH]
    feedback.save(update_fields=["missing"])
    waiting = dict(session.get(SESSION_FEEDBACK_TO_EXPLAIN_KEY, {}))
    waiting.pop(str(feedback.page_id), None)
    session[SESSION_FEEDBACK_TO_EXPLAIN_KEY] = waiting
    return feedback


@transaction.atomic
def page_feedback_mark_handled(*, feedback) -> int:
    """Mark feedback as read and dealt with; return how many were still open."""
    return PageFeedback.objects.filter(pk__in=[item.pk for item in feedback], is_handled=False).update(is_handled=True)


@transaction.atomic
def contact_messages_mark_answered(*, messages) -> int:
    """Mark contact messages as answered; return how many were still new."""
    still_new = ContactMessage.objects.filter(pk__in=[message.pk for message in messages], status=ContactStatus.NEW)
    return still_new.update(status=ContactStatus.ANSWERED)


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
    try:
        send_templated_mail(
            to=[settings.VNG_CONTACT_EMAIL],
            template_prefix="guidance/email/contact_message",
            context={"contact": contact},
            language=settings.LANGUAGE_CODE,  # VNG staff read Dutch, whatever language the sender wrote in
            reply_to=[contact.email],
        )
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
