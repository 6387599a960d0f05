"""A newcomer's way in: the getting-started page, and a published plan as the start of one's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans import services
from actionplans.forms import CopyPlanForm
from actionplans.journey import organisations_progress
from actionplans.models import ActionPlan
from actionplans.permissions import organisations_for_new_plan
from core.page_cache import cached_public_page
from guidance.cache import GUIDANCE
from guidance.models import GuidancePage
from guidance.next_steps import NEXT_STEPS
from manifest.models import Membership


@require_safe
@cached_public_page(GUIDANCE)
def getting_started(request):
    """The steps from understanding MVOI to a reported plan; logged in, where each of one's organisations stands.

    Anonymous visitors get the page from the cache; the part about one's organisations is only ever
    rendered for a logged-in person, whose pages are never cached.
    """
    pages = GuidancePage.objects.published().filter(slug__in=[step.page_slug for step in NEXT_STEPS.values()])
    by_slug = {page.slug: page for page in pages.only("slug", "title", "title_en")}
    progress = organisations_progress(request.user)
    return render(
        request,
        "actionplans/getting_started.html",
        {
            "guide": {key: by_slug.get(step.page_slug) for key, step in NEXT_STEPS.items()},
            "progress": progress,
            "member_progress": [row for row in progress if row.membership.is_verified],
            "crumbs": [(request.path, _("Getting started"))],
        },
    )


def no_organisation_page(request, *, heading: str, source: ActionPlan | None = None):
    """Instead of a refusal: how to become a member of one's organisation, and back here afterwards."""
    return render(
        request,
        "actionplans/no_organisation.html",
        {
            "heading": heading,
            "source": source,
            "pending_memberships": Membership.objects.pending()
            .filter(user=request.user)
            .select_related("organisation")
            .order_by("organisation__name"),
            "membership_request_url": (
                f"{reverse('manifest:membership_request')}?{urlencode({'next': request.get_full_path()})}"
            ),
            "crumbs": [(reverse("actionplans:index"), _("Action plans")), (request.path, heading)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request, uuid):
    """A published plan copied into a new draft for one of the user's organisations."""
    source = get_object_or_404(ActionPlan.objects.published().select_related("organisation"), uuid=uuid)
    heading = _("Use this plan as a starting point")
    own = organisations_for_new_plan(request.user)
    organisations = own.exclude(pk=source.organisation_id)
    if not organisations.exists():
        if own.exists():  # only a member of the plan's own organisation
            return render(request, "actionplans/plan_copy_own.html", {"source": source, "heading": heading})
        return no_organisation_page(request, heading=heading, source=source)
    # An empty post is still a post: it shows what is missing.
    form = CopyPlanForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_copy(source=source, organisation=form.cleaned_data["organisation"], user=request.user)
        messages.success(
            request,
            _(
                "Your draft is ready: a copy of “%(title)s” of %(organisation)s. Make it your own: change what "
                "does not fit your organisation, then have it adopted."
            )
            % {"title": source.title, "organisation": source.organisation.name},
        )
        return redirect(plan)
    start_year, end_year = services.plan_copy_period(source)
    return render(
        request,
        "actionplans/plan_copy.html",
        {
            "source": source,
            "form": form,
            "heading": heading,
            "start_year": start_year,
            "end_year": end_year,
            "crumbs": [
                (reverse("actionplans:published_list"), _("Published action plans")),
                (source.get_public_url(), source.title),
                (request.path, heading),
            ],
        },
    )
