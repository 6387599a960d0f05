from datetime import date, datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.markdown import html_to_text, render_markdown, render_markdown_with_toc
from core.retention import months_ago

MARKDOWN_HELP = _("Markdown: ## heading, **bold**, [link text](https://…), lists with - or 1., tables with |.")


def _english() -> bool:
    return get_language() == "en"


def _lf(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class Audience(models.TextChoices):
    EVERYONE = "iedereen", _("Everyone")
    STARTING = "startend", _("Starting organisations")
    ADVANCED = "gevorderd", _("Advanced organisations")


class Theme(models.Model):
    """One of the six MVOI themes of the manifest; created by migration, edited by VNG staff."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One sentence shown on the theme tile."))
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(_("description (HTML)"), blank=True, editable=False)
    description_en = models.TextField(_("description (English)"), blank=True, help_text=MARKDOWN_HELP)
    description_en_html = models.TextField(_("description in English (HTML)"), blank=True, editable=False)
    why_it_matters = models.TextField(_("why it matters for a municipality"), blank=True, help_text=MARKDOWN_HELP)
    why_it_matters_html = models.TextField(_("why it matters (HTML)"), blank=True, editable=False)
    why_it_matters_en = models.TextField(_("why it matters (English)"), blank=True, help_text=MARKDOWN_HELP)
    why_it_matters_en_html = models.TextField(_("why it matters in English (HTML)"), blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        for field in ("description", "description_en", "why_it_matters", "why_it_matters_en"):
            setattr(self, field, _lf(getattr(self, field)))
        self.description_html = render_markdown(self.description)
        self.description_en_html = render_markdown(self.description_en)
        self.why_it_matters_html = render_markdown(self.why_it_matters)
        self.why_it_matters_en_html = render_markdown(self.why_it_matters_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("guidance:theme_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name

    @property
    def display_summary(self) -> str:
        return self.summary_en if _english() and self.summary_en else self.summary

    @property
    def is_translated(self) -> bool:
        return not _english() or bool(self.description_en or not self.description)

    @property
    def display_description_html(self) -> str:
        return self.description_en_html if _english() and self.description_en else self.description_html

    @property
    def display_why_it_matters_html(self) -> str:
        return self.why_it_matters_en_html if _english() and self.why_it_matters_en else self.why_it_matters_html


class Section(models.Model):
    """A group of questions on the knowledge base index, such as "Informatie inwinnen" or "Aan de slag"."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name


class PageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class GuidancePageQuerySet(models.QuerySet):
    def published(self):
        """Pages the public may see: published, and their `publish_at` moment (if any) has passed."""
        return self.filter(status=PageStatus.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )

    def scheduled(self):
        return self.filter(status=PageStatus.PUBLISHED, publish_at__gt=timezone.now())

    def review_due(self):
        return self.filter(review_by__lte=timezone.localdate())


REVIEW_AFTER_MONTHS = 12


def review_date_after(day: date) -> date:
    """The default review date of a page published on `day`: twelve months later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + REVIEW_AFTER_MONTHS // 12)
    except ValueError:
        return day.replace(year=day.year + REVIEW_AFTER_MONTHS // 12, day=28)


# The large fields of a page: lists of pages leave them out.
BODY_FIELDS = [
    "body", "body_html", "body_toc", "body_text", "body_en", "body_en_html", "body_en_toc", "body_en_text",
    "search_vector", "search_vector_en",
]  # fmt: skip


class GuidancePage(models.Model):
    """A page of the knowledge base, usually answering one question."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_('A question works well, e.g. "Hoe stel ik een Actieplan MVOI op?".')
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("The page's web address."))
    summary = models.CharField(
        _("summary"), max_length=400, help_text=_("One or two sentences: shown in lists, search results and feeds.")
    )
    body = models.TextField(_("body"), help_text=MARKDOWN_HELP)
    body_html = models.TextField(_("body (HTML)"), blank=True, editable=False)
    body_toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    body_text = models.TextField(_("body (plain text)"), blank=True, editable=False)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    body_en = models.TextField(
        _("body (English)"),
        blank=True,
        help_text=_("Leave empty if there is no translation: the English site then shows the Dutch text."),
    )
    body_en_html = models.TextField(_("body in English (HTML)"), blank=True, editable=False)
    body_en_toc = models.JSONField(_("table of contents (English)"), default=list, blank=True, editable=False)
    body_en_text = models.TextField(_("body in English (plain text)"), blank=True, editable=False)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="pages", null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position within the section."))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="pages")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    related_pages = models.ManyToManyField("self", verbose_name=_("related pages"), blank=True, symmetrical=False)
    status = models.CharField(_("status"), max_length=20, choices=PageStatus.choices, default=PageStatus.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "A new page with a future moment goes live by itself at that moment. On a page that is already live, a "
            "future moment schedules your changes: the current version stays online until then."
        ),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "The page appears in the review list from this date. Left empty, it is set to twelve months after "
            "publication."
        ),
    )
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False)
    search_vector_en = SearchVectorField(null=True, editable=False)

    objects = GuidancePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")
        ordering = ["section__order", "order", "title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="guidance_page_search"),
            GinIndex(fields=["search_vector_en"], name="guidance_page_search_en"),
            models.Index(fields=["status", "publish_at"], name="guidance_page_visibility"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=["zoeken", "feed", "voorbeeld"]), name="guidance_page_slug_not_reserved"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Browsers send textareas with CRLF line ends; store LF so revisions only differ in real changes.
        self.body, self.body_en = _lf(self.body), _lf(self.body_en)
        self.body_html, self.body_toc = render_markdown_with_toc(self.body)
        self.body_en_html, self.body_en_toc = render_markdown_with_toc(self.body_en)
        self.body_text = html_to_text(self.body_html)
        self.body_en_text = html_to_text(self.body_en_html)
        super().save(*args, **kwargs)
        GuidancePage.objects.filter(pk=self.pk).update(
            search_vector=SearchVector("title", weight="A", config="dutch")
            + SearchVector("summary", weight="B", config="dutch")
            + SearchVector("body_text", weight="C", config="dutch"),
            search_vector_en=SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary_en", weight="B", config="english")
            + SearchVector("body_en_text", weight="C", config="english"),
        )

    def get_absolute_url(self):
        return reverse("guidance:page_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in {"zoeken", "feed", "voorbeeld"}:
            raise ValidationError({"slug": _("This web address is reserved; choose another.")})

    @property
    def is_public(self) -> bool:
        return self.status == PageStatus.PUBLISHED and (self.publish_at is None or self.publish_at <= timezone.now())

    @property
    def is_translated(self) -> bool:
        """False on the English site when the page has no English body yet."""
        return not _english() or bool(self.body_en)

    @property
    def display_title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en if _english() and self.summary_en else self.summary

    @property
    def display_body_html(self) -> str:
        return self.body_en_html if _english() and self.body_en else self.body_html

    @property
    def display_toc(self) -> list[dict]:
        return self.body_en_toc if _english() and self.body_en else self.body_toc


class SearchWord(models.Model):
    """A word of the published pages, for the search's "did you mean".

    `guidance.search.refresh_search_words` rebuilds the list whenever the services save, publish or
    unpublish a page, so a suggestion is one trigram lookup here instead of a read of every page.
    """

    word = models.CharField(_("word"), max_length=100, unique=True)
    pages = models.PositiveIntegerField(_("pages"), help_text=_("Published pages the word occurs in."))
    visible_from = models.DateTimeField(
        _("visible from"),
        null=True,
        blank=True,
        help_text=_("When the first page with this word goes live, if all of them are scheduled for later."),
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        ordering = ["word"]
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="guidance_searchword_trigram")]

    def __str__(self):
        return self.word


class PageDueForReview(GuidancePage):
    """Pages whose review date has passed: the editors' review list in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("page due for review")
        verbose_name_plural = _("pages due for review")


class RevisionState(models.TextChoices):
    SAVED = "saved", _("Saved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published at its moment")
    CANCELLED = "cancelled", _("Cancelled")


class PageRevisionQuerySet(models.QuerySet):
    def scheduled(self):
        """Changes to live pages that wait for their moment."""
        return self.filter(state=RevisionState.SCHEDULED)

    def due(self, now: datetime | None = None):
        return self.scheduled().filter(goes_live_at__lte=now or timezone.now())


class PageRevision(models.Model):
    """What a guidance page looked like after one save: kept for comparing and restoring.

    A change to a live page saved with a future moment is a scheduled revision: the page itself stays
    as it is until the moment, when the revision's text and settings take its place.
    """

    TRACKED_FIELDS = ["title", "slug", "summary", "body", "title_en", "summary_en", "body_en", "status"]

    page = models.ForeignKey(GuidancePage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("body"))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    body_en = models.TextField(_("body (English)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PageStatus.choices)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=20, choices=RevisionState.choices, default=RevisionState.SAVED)
    goes_live_at = models.DateTimeField(
        _("goes live at"), null=True, blank=True, help_text=_("For a scheduled change: when it replaces the live page.")
    )
    scheduled_settings = models.JSONField(
        _("scheduled settings"),
        default=dict,
        blank=True,
        help_text=_("For a scheduled change: the page's other settings (section, themes, …) as they will be."),
    )

    objects = PageRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["page", "-number"]
        indexes = [models.Index(fields=["state", "goes_live_at"], name="page_revision_schedule")]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_revision_number_unique"),
            models.UniqueConstraint(
                fields=["page"], condition=Q(state="scheduled"), name="page_revision_one_scheduled_per_page"
            ),
            models.CheckConstraint(
                condition=Q(state="saved") | Q(goes_live_at__isnull=False), name="page_revision_scheduled_has_moment"
            ),
        ]

    def __str__(self):
        return f"{self.page} #{self.number}"

    @property
    def changed_field_labels(self) -> list[str]:
        return [str(PageRevision._meta.get_field(name).verbose_name) for name in self.changed_fields]


class ResourcePublisher(models.TextChoices):
    PIANOO = "pianoo", "PIANOo"
    VNG = "vng", "VNG"
    RIJKSOVERHEID = "rijksoverheid", "Rijksoverheid"
    OTHER = "other", _("Other")


class ResourceKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    GUIDE = "handreiking", _("Guide")
    PRACTICE_EXAMPLE = "praktijkvoorbeeld", _("Practice example")
    TRAINING = "training", _("Training")
    BUYER_GROUP = "buyer-group", _("Buyer group")


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Resource(models.Model):
    """A tool, guide, practice example, training or buyer group elsewhere on the web."""

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=1000, help_text=_("Plain text, a few sentences."))
    description_en = models.TextField(_("description (English)"), max_length=1000, blank=True)
    url = models.URLField(_("link"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=20, choices=ResourcePublisher.choices)
    publisher_name = models.CharField(
        _("publisher name"), max_length=120, blank=True, help_text=_("Only when the publisher is 'Other'.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="resources")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    product_group = models.CharField(
        _("product group"), max_length=120, blank=True, help_text=_("For example Catering or ICT-hardware.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tool or guide")
        verbose_name_plural = _("tools and guides")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"), name="resource_url_is_web"
            ),
            models.CheckConstraint(
                condition=~Q(publisher="other") | ~Q(publisher_name=""), name="resource_other_publisher_named"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guidance:resource_list") + f"#resource-{self.pk}"

    def clean(self):
        if self.publisher == ResourcePublisher.OTHER and not self.publisher_name:
            raise ValidationError({"publisher_name": _("Name the publisher.")})

    @property
    def display_title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title

    @property
    def display_description(self) -> str:
        return self.description_en if _english() and self.description_en else self.description

    @property
    def is_translated(self) -> bool:
        """False on the English site when the description has no English text yet."""
        return not _english() or bool(self.description_en)

    @property
    def is_title_translated(self) -> bool:
        return not _english() or bool(self.title_en)

    @property
    def display_publisher(self) -> str:
        return self.publisher_name or self.get_publisher_display()

    @property
    def domain(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).hostname or ""


class FactCheck(models.Model):
    """A fact in the content that VNG editors still have to verify ("te controleren")."""

    description = models.CharField(_("what to verify"), max_length=300)
    page = models.ForeignKey(
        GuidancePage,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fact_checks",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("tool or guide"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fact_checks",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.CASCADE, related_name="fact_checks"
    )
    is_resolved = models.BooleanField(_("checked"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("fact to verify")
        verbose_name_plural = _("facts to verify")
        ordering = ["is_resolved", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["description", "page", "resource", "theme"],
                name="fact_check_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return self.description


FEEDBACK_MISSING_MAX_LENGTH = 500


class PageFeedback(models.Model):
    """One anonymous "was this page useful?" vote, with what was missing when it was not; no personal data."""

    page = models.ForeignKey(GuidancePage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="feedback")
    is_useful = models.BooleanField(_("useful"))
    missing = models.CharField(
        _("what was missing"),
        max_length=FEEDBACK_MISSING_MAX_LENGTH,
        blank=True,
        help_text=_("The visitor's own words, when the page was not useful."),
    )
    is_handled = models.BooleanField(
        _("handled"), default=False, help_text=_("An editor has read this and done what was needed.")
    )
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_useful", "is_handled"], name="page_feedback_to_handle")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_useful=False) | Q(missing=""), name="page_feedback_missing_only_when_not_useful"
            )
        ]

    def __str__(self):
        return f"{self.page}: {'+' if self.is_useful else '-'}"

    def clean(self):
        if self.is_useful and self.missing:
            raise ValidationError({"missing": _("Only a page that was not useful can have something missing.")})


class ContactStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")


class ContactMessageQuerySet(models.QuerySet):
    def expired(self):
        """Messages that arrived longer ago than CONTACT_MESSAGE_RETENTION_MONTHS, answered or not:
        personal data the VNG no longer needs (a question left unanswered that long is not going to be)."""
        return self.filter(created_at__lt=months_ago(settings.CONTACT_MESSAGE_RETENTION_MONTHS))


class ContactMessage(models.Model):
    """A question or contact request for the VNG CO2 programme, stored before it is e-mailed.

    Every message is deleted CONTACT_MESSAGE_RETENTION_MONTHS after it arrived (`delete_expired_contact_messages`).
    """

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("question or request"), max_length=5000)
    language = models.CharField(_("language"), max_length=8, default="nl")
    status = models.CharField(_("status"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.NEW)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail error"), max_length=300, blank=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.created_at:%Y-%m-%d})"
