"""The admin site for VNG staff, and its "To do" overview that every app adds its own items to."""

import json
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from core.markdown import render_markdown
from core.staff import has_staff_powers, is_staff_account, second_factor_response

MARKDOWN_PREVIEW_MAX_LENGTH = 100_000

# Strings of Django's own admin templates that its Dutch catalogue lacks. Marked here, they are in the
# portal's locale/nl, which Django consults before its own.
DJANGO_ADMIN_STRINGS_MISSING_IN_DUTCH = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]


@dataclass(frozen=True)
class ToDo:
    """One kind of thing that waits for VNG staff: counted on the admin's home page, linked to its list.

    `filters` are the admin list's own filters as they appear in its address (`status__exact="submitted"`):
    the same lookups count the items, so the number and the list always agree.
    """

    label: str
    model: str
    filters: dict = field(default_factory=dict)


class ToDoList:
    """The registry behind "To do": apps add items in their admin.py, the admin site only reads it.

    Adding an item is one line: `TO_DO.add(_("Requests waiting"), "app.Model", status__exact="requested")`.
    """

    def __init__(self):
        self.items: list[ToDo] = []

    def add(self, label, model: str, **filters) -> None:
        item = ToDo(label=label, model=model, filters={name: str(value) for name, value in filters.items()})
        if item not in self.items:  # a module imported twice adds nothing twice
            self.items.append(item)

    def for_request(self, site: admin.AdminSite, request) -> list[dict]:
        """The items this person may see, each with its count (one query each) and the address of its list."""
        shown = []
        for item in self.items:
            model = apps.get_model(item.model)
            model_admin = site._registry.get(model)
            if model_admin is None or not model_admin.has_view_or_change_permission(request):
                continue
            opts = model._meta
            url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
            shown.append(
                {
                    "label": item.label,
                    "count": model_admin.get_queryset(request).filter(**item.filters).count(),
                    "url": f"{url}?{urlencode(item.filters)}" if item.filters else url,
                }
            )
        return shown


TO_DO = ToDoList()


class PortalAdminSite(admin.AdminSite):
    """The admin for VNG staff: login goes through allauth, and staff powers need a two-factor session."""

    def has_permission(self, request):
        return has_staff_powers(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        if self.has_permission(request):
            return redirect(next_url)
        if is_staff_account(user):
            return second_factor_response(request, next_url)
        if user.is_authenticated:
            # Sending a logged-in non-staff user to the login page would redirect straight back here.
            messages.error(request, _("The admin is for VNG staff only."))
            return redirect("accounts:dashboard")
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "to_do": TO_DO.for_request(self, request)}
        return super().index(request, extra_context)

    def get_urls(self):
        preview = self.admin_view(require_POST(markdown_preview))
        return [path("markdown-preview/", preview, name="markdown_preview"), *super().get_urls()]


def markdown_preview(request):
    """The editor's preview: markdown rendered and cleaned exactly as the public pages get it."""
    text = request.POST.get("text", "")[:MARKDOWN_PREVIEW_MAX_LENGTH]
    response = HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


class ReadOnlyAdmin:
    """Staff with staff powers read; nobody adds, changes or deletes through the admin (the services decide)."""

    def has_view_permission(self, request, obj=None):
        return has_staff_powers(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MarkdownEditorWidget(AdminTextareaWidget):
    """A textarea that static/js/markdown_editor.js turns into an editor with a toolbar and a preview.

    Without JavaScript it stays the admin's plain textarea. Its script and styles come with the widget, so
    only forms that edit markdown load them.
    """

    class Media:
        css = {"all": ["vendor/easymde/easymde.min.css", "css/markdown_editor.css"]}
        js = ["vendor/easymde/easymde.min.js", "js/markdown_editor.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-markdown-editor": json.dumps(_editor_labels()),
                "data-markdown-preview-url": reverse("admin:markdown_preview"),
            }
        )
        return context


def _editor_labels() -> dict:
    return {
        "bold": _("Bold"),
        "italic": _("Italic"),
        "heading": _("Heading"),
        "smallerHeading": _("Smaller heading"),
        "bulletList": _("Bulleted list"),
        "numberedList": _("Numbered list"),
        "quote": _("Quote"),
        "link": _("Link"),
        "table": _("Table"),
        "preview": _("Preview"),
        "sideBySide": _("Preview beside the text"),
        "undo": _("Undo"),
        "redo": _("Redo"),
        "previewLoading": _("The preview is loading…"),
        "previewFailed": _("The preview could not be loaded. Your text is safe; save to see the result."),
        "toolbar": _("Formatting"),
    }


class LabelledListEditableAdmin:
    """ModelAdmin mixin: each input of `list_editable` gets a label naming its column and row, for screen readers."""

    def get_changelist_formset(self, request, **kwargs):
        formset_class = super().get_changelist_formset(request, **kwargs)
        model = self.model

        class LabelledFormSet(formset_class):
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                for name, form_field in form.fields.items():
                    if name in form._meta.fields:
                        column = model._meta.get_field(name).verbose_name
                        form_field.widget.attrs["aria-label"] = f"{capfirst(column)}: {form.instance}"
                return form

        return LabelledFormSet


class MarkdownEditorAdmin:
    """ModelAdmin mixin: the fields named in `markdown_fields` get the markdown editor."""

    markdown_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = MarkdownEditorWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def name_third_party_models_in_dutch() -> None:
    """Give allauth's apps, model and columns the portal's translated names in the admin.

    Set on the running app registry only: migrations read the names a model declares, so nothing changes there.
    """
    apps.get_app_config("account").verbose_name = gettext_lazy("Sign-in")
    apps.get_app_config("mfa").verbose_name = gettext_lazy("Two-factor authentication")
    opts = Authenticator._meta
    opts.verbose_name = gettext_lazy("authenticator app")
    opts.verbose_name_plural = gettext_lazy("authenticator apps")
    for name, label in [
        ("user", gettext_lazy("user")),
        ("type", gettext_lazy("type")),
        ("data", gettext_lazy("data")),
        ("created_at", gettext_lazy("created at")),
        ("last_used_at", gettext_lazy("last used at")),
    ]:
        opts.get_field(name).verbose_name = label
