"""Public pages of the knowledge base: home, questions, themes, tools, search, feedback and contact."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.client_address import client_address
from core.page_cache import cached_public_page, keep_no_copy, paginate
from core.staff import require_staff_powers
from guidance import next_steps, services
from guidance.cache import GUIDANCE, THEMES
from guidance.featured import featured_blocks, featured_kinds
from guidance.forms import ContactForm, FeedbackMissingForm, ResourceFilterForm, SearchForm
from guidance.models import BODY_FIELDS, GuidancePage, Resource, Theme
from guidance.search import load_hits
from guidance.search import search as run_search

CONTACT_LIMIT = 5  # messages per address per window
CONTACT_WINDOW_SECONDS = 15 * 60
RESOURCES_PER_PAGE = 30
SEARCH_RESULTS_PER_PAGE = 20
QUESTIONS_PER_PAGE = 50


def _public_pages():
    # Scheduled changes whose moment has come replace their live pages before anything is read.
    services.scheduled_changes_publish_due()
    return GuidancePage.objects.published().select_related("section")


@require_safe
@cached_public_page(GUIDANCE, THEMES, featured_kinds)
def home(request):
    latest = _public_pages().defer(*BODY_FIELDS).order_by("-updated_at")[:5]
    return render(
        request,
        "guidance/home.html",
        {"latest_pages": latest, "themes": Theme.objects.all(), "featured": featured_blocks()},
    )


@require_safe
@cached_public_page(GUIDANCE, params=["page"])
def index(request):
    """The questions grouped by section, in the editors' order."""
    pages = _public_pages().defer(*BODY_FIELDS).order_by("section__order", "section__name", "order", "title")
    page_obj = paginate(request, pages, QUESTIONS_PER_PAGE)
    crumbs = [(reverse("guidance:index"), _("Knowledge base"))]
    context = {"page_obj": page_obj, "search_form": SearchForm(), "crumbs": crumbs}
    return render(request, "guidance/index.html", context)


def _page_context(page: GuidancePage) -> dict:
    return {
        "guidance_page": page,
        "crumbs": [(reverse("guidance:index"), _("Knowledge base")), (page.get_absolute_url(), page.display_title)],
        "next_step": next_steps.for_page(page.slug),
    }


@require_safe
@cached_public_page(GUIDANCE, THEMES)
def page_detail(request, slug):
    page = get_object_or_404(
        _public_pages().prefetch_related(
            "themes", Prefetch("related_pages", queryset=GuidancePage.objects.published().order_by("title"))
        ),
        slug=slug,
    )
    return render(request, "guidance/page_detail.html", _page_context(page))


@staff_member_required
@require_safe
def page_preview(request, pk):
    """A page exactly as the public will see it, whatever its status; VNG staff who may view pages only."""
    require_staff_powers(request.user)
    if not request.user.has_perm("guidance.view_guidancepage"):
        raise PermissionDenied
    page = get_object_or_404(GuidancePage.objects.select_related("section").prefetch_related("themes"), pk=pk)
    context = _page_context(page) | {"is_preview": True}
    response = render(request, "guidance/page_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def page_feedback(request, slug):
    page = get_object_or_404(GuidancePage.objects.published(), slug=slug)
    answer = request.POST.get("useful")
    if answer not in {"yes", "no"}:
        messages.error(request, _("Choose yes or no."))
    elif not services.page_feedback_record(page=page, is_useful=answer == "yes", session=request.session):
        messages.info(request, _("You already gave feedback on this page. Thank you!"))
    elif answer == "no":
        return redirect("guidance:page_feedback_missing", slug=page.slug)
    else:
        messages.success(request, _("Thank you for your feedback."))
    return redirect(page.get_absolute_url() + "#feedback")


def _themes_crumb():
    return (reverse("guidance:theme_list"), _("Themes"))


@require_safe
@cached_public_page(THEMES)
def theme_list(request):
    """The six MVOI themes of the manifest, each with what it is about."""
    context = {"themes": Theme.objects.all(), "crumbs": [_themes_crumb()]}
    return render(request, "guidance/theme_list.html", context)


@require_http_methods(["GET", "POST"])
def page_feedback_missing(request, slug):
    """The second step after "not useful": what the visitor missed, in their own words (optional)."""
    page = get_object_or_404(GuidancePage.objects.published(), slug=slug)
    feedback = services.page_feedback_to_explain(page=page, session=request.session)
    if feedback is None:
        return redirect(page.get_absolute_url() + "#feedback")
    form = FeedbackMissingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["missing"].strip():
            services.page_feedback_explain(
                feedback=feedback, missing=form.cleaned_data["missing"], session=request.session
            )
        messages.success(request, _("Thank you for your feedback. The editors use it to improve the page."))
        return redirect(page.get_absolute_url() + "#feedback")
    crumbs = [
        *_page_context(page)["crumbs"],
        (reverse("guidance:page_feedback_missing", kwargs={"slug": page.slug}), _("Your feedback")),
    ]
    context = {"guidance_page": page, "form": form, "crumbs": crumbs}
    response = render(request, "guidance/page_feedback_missing.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cached_public_page(GUIDANCE, THEMES, featured_kinds)
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = {
        "theme": theme,
        "featured": featured_blocks(theme),
        "pages": _public_pages().filter(themes=theme).defer(*BODY_FIELDS).order_by("section__order", "order", "title"),
        "resources": Resource.objects.published().filter(themes=theme).order_by("kind", "title"),
        "crumbs": [_themes_crumb(), (theme.get_absolute_url(), theme.display_name)],
    }
    return render(request, "guidance/theme_detail.html", context)


@require_safe
@cached_public_page(GUIDANCE, THEMES, params=["theme", "kind", "audience", "page"])
def resource_list(request):
    """The tools and guides library, filterable by theme, kind and audience."""
    form = ResourceFilterForm(request.GET or None, themes=list(Theme.objects.all()))
    resources = Resource.objects.published().annotate(
        theme_names=ArrayAgg("themes__name", distinct=True, filter=Q(themes__isnull=False), default=[]),
        theme_names_en=ArrayAgg("themes__name_en", distinct=True, filter=Q(themes__isnull=False), default=[]),
    )
    if form.is_valid():
        if theme := form.cleaned_data["theme"]:
            resources = resources.filter(themes__slug=theme)
        if kind := form.cleaned_data["kind"]:
            resources = resources.filter(kind=kind)
        if audience := form.cleaned_data["audience"]:
            resources = resources.filter(audience__in=[audience, "iedereen"])
    elif form.is_bound:
        keep_no_copy(request)
    page_obj = paginate(request, resources.order_by("title"), RESOURCES_PER_PAGE)
    crumbs = [(reverse("guidance:resource_list"), _("Tools and guides"))]
    return render(request, "guidance/resource_list.html", {"form": form, "page_obj": page_obj, "crumbs": crumbs})


@require_safe
@cached_public_page(GUIDANCE, THEMES, params=["q", "theme", "section", "page"])  # popular questions repeat
def search(request):
    form = SearchForm(request.GET or None)
    services.scheduled_changes_publish_due()
    outcome = None
    if form.is_bound and not form.is_valid():
        keep_no_copy(request)
    elif form.is_valid() and form.cleaned_data["q"].strip():
        outcome = run_search(
            form.cleaned_data["q"],
            language=get_language(),
            theme=form.cleaned_data["theme"],
            section=form.cleaned_data["section"],
        )
    page_obj = paginate(request, outcome.hits if outcome else [], SEARCH_RESULTS_PER_PAGE)
    if outcome:
        page_obj.object_list = load_hits(list(page_obj.object_list), outcome.searched_for, language=get_language())
    context = {
        "form": form,
        "outcome": outcome,
        "page_obj": page_obj,
        "crumbs": [(reverse("guidance:index"), _("Knowledge base")), (reverse("guidance:search"), _("Search"))],
    }
    response = render(request, "guidance/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _over_contact_limit(request) -> bool:
    key = f"guidance:contact-rate:{client_address(request) or 'unknown'}"
    cache.add(key, 0, CONTACT_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, CONTACT_WINDOW_SECONDS)
        count = 1
    return count > CONTACT_LIMIT


@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("guidance:contact_done")  # a robot gets the same answer and nothing is stored
        if _over_contact_limit(request):
            form.add_error(
                None, _("You sent several messages in a short time. Please wait a quarter of an hour and try again.")
            )
        else:
            services.contact_message_submit(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
                language=get_language(),
            )
            return redirect("guidance:contact_done")
    crumbs = [(reverse("guidance:contact"), _("Contact"))]
    return render(request, "guidance/contact.html", {"form": form, "crumbs": crumbs})


@require_safe
def contact_done(request):
    crumbs = [(reverse("guidance:contact"), _("Contact")), (reverse("guidance:contact_done"), _("Message sent"))]
    return render(request, "guidance/contact_done.html", {"crumbs": crumbs})


class LatestPagesFeed(Feed):
    """Atom feed of new and updated guidance pages."""

    feed_type = Atom1Feed
    title = gettext_lazy("MVOI portal: knowledge base")
    subtitle = gettext_lazy("New and updated guidance on socially responsible commissioning and procurement.")
    link = reverse_lazy("guidance:index")

    def items(self):
        services.scheduled_changes_publish_due()
        return GuidancePage.objects.published().order_by("-updated_at")[:20]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return item.display_summary

    def item_pubdate(self, item):
        return item.publish_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        "Disallow: /account/",
        "Disallow: /en/account/",
        "Disallow: /mijn-omgeving/",
        "Disallow: /en/mijn-omgeving/",
        "Disallow: /kennisbank/zoeken/",
        "Disallow: /en/kennisbank/zoeken/",
        "Disallow: /kennisbank/voorbeeld/",
        "Disallow: /en/kennisbank/voorbeeld/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
