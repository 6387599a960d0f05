"""The public register of signatories and its open data (CSV, JSON and their schema)."""

import datetime
import hashlib
import json

from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from core.csv_export import write_csv
from core.page_cache import cached_public_page, keep_no_copy, paginate, shared_pages, versions
from core.xlsx_export import Sheet, xlsx_response
from manifest import opendata
from manifest.cache import REGISTER
from manifest.forms import RegisterFilterForm
from manifest.ladder import has_stage_rule, stage_kinds, with_stage
from manifest.models import ManifestEdition, Organisation, OrganisationKind, Signature, SignatureStatus

REGISTER_PAGE_SIZE = 100


def _register_filters(request):
    current = ManifestEdition.objects.current()
    form = RegisterFilterForm(request.GET or None, initial={"editie": current})
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not filters:
        keep_no_copy(request)
    edition = filters.get("editie") or current
    return form, filters, edition


@require_safe
@cached_public_page(REGISTER, stage_kinds, params=["editie", "niveau", "provincie", "q", "fase", "achter", "page"])
def register(request):
    """Signatories of an edition, grouped by tier in the official order, with progress per province."""
    form, filters, edition = _register_filters(request)
    if edition is None:
        raise Http404("No edition.")
    signatures = with_stage(
        Signature.objects.public()
        .filter(edition=edition)
        .select_related("organisation", "organisation__province")
        .in_register_order()
    )
    if filters.get("fase"):
        signatures = signatures.filter(stage=filters["fase"])
    if filters.get("achter"):
        signatures = signatures.filter(behind_schedule=True)
    if filters.get("niveau"):
        signatures = signatures.filter(organisation__kind=filters["niveau"])
    if filters.get("provincie"):
        province = filters["provincie"]
        signatures = signatures.filter(Q(organisation__province=province) | Q(organisation=province))
    if filters.get("q"):
        signatures = signatures.filter(
            Q(organisation__name__icontains=filters["q"]) | Q(organisation__official_name__icontains=filters["q"])
        )
    page_obj = paginate(request, signatures, REGISTER_PAGE_SIZE)
    provinces = (
        Organisation.objects.provinces()
        .annotate(
            municipalities_total=Count(
                "municipalities",
                filter=Q(municipalities__is_active=True, municipalities__kind=OrganisationKind.MUNICIPALITY),
                distinct=True,
            ),
            municipalities_signed=Count(
                "municipalities",
                filter=Q(
                    municipalities__is_active=True,
                    municipalities__kind=OrganisationKind.MUNICIPALITY,
                    municipalities__signatures__edition=edition,
                    municipalities__signatures__status=SignatureStatus.SIGNED,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    province_rows = [
        (p, p.municipalities_signed, p.municipalities_total, 100 * p.municipalities_signed / p.municipalities_total)
        for p in provinces
        if p.municipalities_total
    ]
    return render(
        request,
        "manifest/register.html",
        {
            "form": form,
            "edition": edition,
            "page_obj": page_obj,
            "is_filtered": any(filters.get(name) for name in ("niveau", "provincie", "q", "fase", "achter")),
            "shows_stage": has_stage_rule(),
            "counts": edition.signatory_counts(),
            "province_rows": province_rows,
            "crumbs": [(reverse("manifest:index"), _("Manifest")), (reverse("manifest:register"), _("Signatories"))],
        },
    )


def _open_data_edition(request):
    slug = request.GET.get("editie")
    edition = ManifestEdition.objects.filter(slug=slug).first() if slug else ManifestEdition.objects.current()
    if edition is None:
        raise Http404("No such edition.")
    return edition


def _open_data_state(request) -> dict:
    """When the requested edition's open data last changed, and a fingerprint of it.

    Harvesters poll often: the state is kept with the cached pages under the versions of the register
    and of what the stage depends on (plans, reports, due dates), so a conditional request that ends in
    304 costs no query of its own. A stage that moved (a plan published elsewhere, a due date passed)
    counts as a change at the moment its kind got its version.
    """
    if not hasattr(request, "open_data_state"):
        stage_versions = versions(stage_kinds())
        stamp = "-".join(str(version) for version in [REGISTER.version(), *stage_versions])
        key = f"manifest:open-data-state:{stamp}:{request.GET.get('editie', '')}"
        state = shared_pages().get(key)
        if state is None:
            edition = _open_data_edition(request)
            signatures = Signature.objects.filter(edition=edition).aggregate(latest=Max("updated_at"), n=Count("pk"))
            # Versions are the time of the change in nanoseconds.
            stage_moved = (
                datetime.datetime.fromtimestamp(max(stage_versions) / 1e9, tz=datetime.UTC) if stage_versions else None
            )
            state = {
                "modified": max(filter(None, [edition.updated_at, signatures["latest"], stage_moved])),
                "fingerprint": f"{edition.pk}|{edition.updated_at.isoformat()}|{signatures['latest']}|"
                f"{signatures['n']}|{stage_versions}",
            }
            shared_pages().set(key, state)
        request.open_data_state = state
    return request.open_data_state


def _open_data_modified(request, *args, **kwargs):
    return _open_data_state(request)["modified"]


def _open_data_etag(request, *args, **kwargs):
    key = f"{request.path}|{_open_data_state(request)['fingerprint']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _open_data_signatures(edition):
    return with_stage(
        Signature.objects.public()
        .filter(edition=edition)
        .select_related("organisation", "organisation__province", "edition")
        .in_register_order()
    )


def _open_data_headers(response, edition, extension):
    filename = f"mvoi-ondertekenaars-{edition.slug}.{extension}"
    disposition = "inline" if extension == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@require_safe
@condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)
@cached_public_page(REGISTER, stage_kinds, params=["editie"])
def register_csv(request):
    edition = _open_data_edition(request)
    rows = [opendata.COLUMN_NAMES]
    for signature in _open_data_signatures(edition):
        record = opendata.signature_record(signature)
        rows.append([record[name] for name in opendata.COLUMN_NAMES])
    response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
    write_csv(response, rows)
    return _open_data_headers(response, edition, "csv")


@require_safe
@condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)
@cached_public_page(REGISTER, stage_kinds, params=["editie"])
def register_xlsx(request):
    """The register as an Excel workbook: the open data's columns, with a sheet that explains them."""
    edition = _open_data_edition(request)
    signatures = (opendata.signature_values(s) for s in _open_data_signatures(edition))
    sheets = [
        Sheet(
            _("Signatories"),
            opendata.COLUMN_NAMES,
            ([record[name] for name in opendata.COLUMN_NAMES] for record in signatures),
        ),
        Sheet(
            _("Columns"),
            [_("Column"), _("Meaning")],
            [[column.name, column.description] for column in opendata.COLUMNS],
        ),
    ]
    response = xlsx_response(sheets, filename=f"mvoi-ondertekenaars-{edition.slug}.xlsx")
    return _open_data_headers(response, edition, "xlsx")


@require_safe
@condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)
@cached_public_page(REGISTER, stage_kinds, params=["editie"])
def register_json(request):
    edition = _open_data_edition(request)
    records = [opendata.signature_record(s) for s in _open_data_signatures(edition)]
    document = {
        "title": f"Ondertekenaars {edition.title}",
        "edition": {
            "slug": edition.slug,
            "title": edition.title,
            "start_year": edition.start_year,
            "end_year": edition.end_year,
        },
        "licence": {"id": opendata.LICENCE_ID, "url": opendata.LICENCE_URL},
        "schema": request.build_absolute_uri(reverse("manifest:register_schema")),
        "modified": _open_data_modified(request).isoformat(timespec="seconds"),
        "count": len(records),
        "signatories": records,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    return _open_data_headers(response, edition, "json")


@require_safe
def register_schema(request):
    """The open data's Table Schema, machine-readable."""
    response = HttpResponse(
        json.dumps(opendata.table_schema(), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_public_page(REGISTER)
def open_data(request):
    """Documentation of the open data: every column, the licence and how often it changes."""
    return render(
        request,
        "manifest/open_data.html",
        {
            "columns": opendata.COLUMNS,
            "editions": ManifestEdition.objects.all(),
            "licence_url": opendata.LICENCE_URL,
            "tiers": OrganisationKind.choices,
            "crumbs": [(reverse("manifest:index"), _("Manifest")), (reverse("manifest:open_data"), _("Open data"))],
        },
    )
