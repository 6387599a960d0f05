"""The manifest's own pages: the current edition with its commitments and figures, and earlier editions."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.page_cache import cached_public_page
from manifest.cache import REGISTER
from manifest.models import ManifestEdition


def _render_edition(request, edition):
    crumbs = [(reverse("manifest:index"), _("Manifest"))]
    if edition and not edition.is_current:
        crumbs.append((edition.get_absolute_url(), edition.title))
    return render(
        request,
        "manifest/edition.html",
        {
            "edition": edition,
            "crumbs": crumbs,
            "counts": edition.signatory_counts() if edition else None,
            "other_editions": ManifestEdition.objects.exclude(pk=edition.pk if edition else None),
        },
    )


@require_safe
@cached_public_page(REGISTER)
def index(request):
    """The current edition: its text and commitments, who signed, and the call to sign."""
    return _render_edition(request, ManifestEdition.objects.current())


@require_safe
@cached_public_page(REGISTER)
def edition_detail(request, slug):
    edition = get_object_or_404(ManifestEdition, slug=slug)
    if edition.is_current:
        return redirect("manifest:index")
    return _render_edition(request, edition)
