"""The national MVOI monitor (public) and its open data."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actionplans import product_group_monitor
from actionplans.monitor import (
    COLUMNS,
    FIGURES,
    LICENCE_ID,
    LICENCE_URL,
    MONITOR_KINDS,
    POPULATIONS,
    csv_rows,
    monitor_figures,
)
from actionplans.product_group_monitor import COLUMNS as PRODUCT_GROUP_COLUMNS
from actionplans.product_group_monitor import NATIONAL, PRODUCT_GROUP_MONITOR_KINDS, product_group_figures
from core.csv_export import csv_response
from core.page_cache import cached_public_page, keep_no_copy
from core.xlsx_export import Sheet, xlsx_response
from manifest.models import OrganisationKind


def _add_bar_lengths(rows: list[dict]) -> None:
    """Bars for counts without a total: relative to the largest count of the figure."""
    largest = max((row["value"] for row in rows), default=0)
    for row in rows:
        row["bar"] = row["value"] * 100 / largest if largest else 0


@require_GET
@cached_public_page(*MONITOR_KINDS)
def index(request):
    figures = monitor_figures()
    rows = figures["figures"]
    _add_bar_lengths(rows["goals_per_theme"])
    _add_bar_lengths(rows["reports_per_year"])
    municipalities = next((row for row in rows["signatories_per_tier"] if row["group"] == "gemeente"), None)
    return render(
        request,
        "actionplans/monitor.html",
        {
            "monitor": figures,
            "figures": rows,
            "municipalities": municipalities,
            "columns": COLUMNS,
            "figure_names": FIGURES,
            "populations": POPULATIONS,
            "licence_url": LICENCE_URL,
            "crumbs": [(reverse("monitor:index"), _("National MVOI monitor"))],
        },
    )


@require_GET
@cached_public_page(*MONITOR_KINDS)
def data_csv(request):
    return csv_response(csv_rows(monitor_figures()), filename="mvoi-monitor.csv")


@require_GET
@cached_public_page(*MONITOR_KINDS)
def data_xlsx(request):
    """The monitor's open data as an Excel workbook: the same rows as the CSV and a sheet of columns."""
    header, *rows = csv_rows(monitor_figures())
    sheets = [
        Sheet(_("Monitor"), header, rows),
        Sheet(_("Columns"), [_("Column"), _("Meaning")], [[c.name, c.description] for c in COLUMNS]),
    ]
    return xlsx_response(sheets, filename="mvoi-monitor.xlsx")


@require_GET
@cached_public_page(*MONITOR_KINDS)
def data_json(request):
    figures = monitor_figures()
    body = {
        "title": "Monitor MVOI",
        "licence": LICENCE_ID,
        "licence_url": LICENCE_URL,
        "edition": figures["edition"],
        "generated_at": figures["generated_at"],
        "columns": [{"name": c.name, "type": c.type, "description": str(c.description)} for c in COLUMNS],
        "figures": {
            name: [{**row, "share": None if row["share"] is None else float(row["share"])} for row in rows]
            for name, rows in figures["figures"].items()
        },
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})


# --- product groups: planned level against applied level -----------------------------------------


@require_GET
@cached_public_page(*PRODUCT_GROUP_MONITOR_KINDS, params=["tier"])
def product_groups(request):
    """Per product group and theme: the levels published plans aim for beside the levels reported tenders applied."""
    tiers = [(NATIONAL, _("All organisations")), *OrganisationKind.choices]
    scope = request.GET.get("tier") or NATIONAL
    if scope not in dict(tiers):
        keep_no_copy(request)
        scope = NATIONAL
    figures = product_group_figures()
    return render(
        request,
        "actionplans/monitor_product_groups.html",
        {
            "rows": [row for row in figures["rows"] if row["scope"] == scope],
            "generated_at": figures["generated_at"],
            "tiers": tiers,
            "scope": scope,
            "scope_label": dict(tiers)[scope],
            "columns": PRODUCT_GROUP_COLUMNS,
            "licence_url": LICENCE_URL,
            "crumbs": [
                (reverse("monitor:index"), _("National MVOI monitor")),
                (reverse("monitor:product_groups"), _("Product groups")),
            ],
        },
    )


@require_GET
@cached_public_page(*PRODUCT_GROUP_MONITOR_KINDS)
def product_groups_csv(request):
    return csv_response(product_group_monitor.csv_rows(product_group_figures()), filename="mvoi-productgroepen.csv")


@require_GET
@cached_public_page(*PRODUCT_GROUP_MONITOR_KINDS)
def product_groups_json(request):
    body = product_group_monitor.json_body(product_group_figures())
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
