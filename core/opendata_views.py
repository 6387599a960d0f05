"""The open-data catalogue: a page for people, a page per dataset, and DCAT-AP-NL for harvesters.

Not in the page cache: they show when each dataset last changed, to the second, which no content
version follows; they cost a few queries per registered dataset, however much data there is.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import dcat
from core.opendata import LICENCE_URL, datasets, get_dataset


def _crumbs(*extra):
    return [(reverse("open_data"), _("Open data")), *extra]


@require_safe
def open_data(request):
    """Every dataset the portal publishes, with its files, licence and column descriptions."""
    listed = [(dataset, dataset.state()) for dataset in datasets()]
    return render(
        request,
        "core/open_data.html",
        {"datasets": listed, "licence_url": LICENCE_URL, "crumbs": _crumbs()},
    )


@require_safe
def open_data_dataset(request, identifier):
    """One dataset: what it holds, its files and every column."""
    dataset = get_dataset(identifier)
    if dataset is None:
        raise Http404("No such dataset.")
    return render(
        request,
        "core/open_data_dataset.html",
        {
            "dataset": dataset,
            "state": dataset.state(),
            "licence_url": LICENCE_URL,
            "crumbs": _crumbs((request.path, dataset.title)),
        },
    )


@require_safe
def open_data_catalogue(request):
    """The catalogue in DCAT-AP-NL 3.0 (JSON-LD), for data.overheid.nl and other harvesters."""
    response = HttpResponse(
        json.dumps(dcat.catalogue(request), ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = 'inline; filename="catalogus.jsonld"'
    return response
