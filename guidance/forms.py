from django import forms
from django.utils.translation import gettext_lazy as _

from guidance.models import (
    FEEDBACK_MISSING_MAX_LENGTH,
    Audience,
    GuidancePage,
    PageRevision,
    ResourceKind,
    Section,
    Theme,
)


class ResourceFilterForm(forms.Form):
    """Filters of the tools library; the themes are passed in so the page needs one query for them."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *ResourceKind.choices], required=False)
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("Everyone")), *Audience.choices[1:]], required=False
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(theme.slug, theme.display_name) for theme in themes]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the knowledge base"), max_length=200, required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All sections"),
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("We only use it to answer your question."))
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, help_text=_("For example: Gemeente Utrecht.")
    )
    message = forms.CharField(
        label=_("Your question or request"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Honeypot: hidden from people by CSS, filled in by spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        template_name="guidance/includes/honeypot_field.html",
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class FeedbackMissingForm(forms.Form):
    missing = forms.CharField(
        label=_("What were you missing?"),
        max_length=FEEDBACK_MISSING_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional, at most 500 characters. Do not enter personal data such as your name, e-mail address or "
            "phone number: this answer is anonymous. Would you like an answer? Use the contact form."
        ),
    )


class GuidancePageAdminForm(forms.ModelForm):
    """The admin form; `base_version` carries the version the editor started from.

    Opened on a scheduled change (`start_from_revision`), the form shows that change instead of the live
    page, and `scheduled_revision` remembers it: saving it again replaces or publishes that change.
    """

    base_version = forms.IntegerField(label=_("version you started from"), widget=forms.HiddenInput, required=False)
    scheduled_revision = forms.ModelChoiceField(
        label=_("scheduled change you edit"),
        queryset=PageRevision.objects.scheduled(),
        widget=forms.HiddenInput,
        required=False,
    )
    start_from_revision = None

    class Meta:
        model = GuidancePage
        fields = [
            "title", "slug", "summary", "body", "section", "order", "themes", "audience", "related_pages",
            "status", "publish_at", "review_by", "title_en", "summary_en", "body_en",
        ]  # fmt: skip
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        revision = self.start_from_revision
        if revision is not None and not kwargs.get("data"):
            settings = revision.scheduled_settings
            kwargs["initial"] = {
                **{field: getattr(revision, field) for field in PageRevision.TRACKED_FIELDS},
                **{name: settings[name] for name in ("section", "order", "audience", "themes", "related_pages")},
                "review_by": settings["review_by"],
                "publish_at": revision.goes_live_at,
                "scheduled_revision": revision.pk,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["base_version"] = self.instance.version if self.instance.pk else 0
        self.conflict = None

    def clean_scheduled_revision(self):
        revision = self.cleaned_data.get("scheduled_revision")
        if revision is not None and revision.page_id != self.instance.pk:
            return None  # a change of another page: ignore it rather than cancel it
        return revision
