"""The national MVOI monitor (public) and its open data."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actionplans import indicator_monitor, product_group_monitor
from actionplans.indicator_monitor import COLUMNS as COLUMNS_OF_INDICATORS
from actionplans.monitor import (
    COLUMNS,
    FIGURES,
    LICENCE_ID,
    LICENCE_URL,
    MONITOR_KINDS,
    POPULATIONS,
    csv_rows,
    monitor_figures,
    stage_table,
)
from actionplans.product_group_monitor import COLUMNS as PRODUCT_GROUP_COLUMNS
from actionplans.product_group_monitor import NATIONAL, PRODUCT_GROUP_MONITOR_KINDS, product_group_figures
from core import opendata
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
            "stage_columns": [row["label"] for row in rows["signatories_per_stage"]],
            "stages_per_tier": stage_table(rows["stage_per_tier"], "tier"),
            "stages_per_province": stage_table(rows["stage_per_province"], "province"),
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


@require_GET
def data_schema(request):
    """The Table Schema of the monitor's CSV."""
    response = HttpResponse(
        json.dumps(opendata.table_schema(COLUMNS, primary_key=["figure", "group"]), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- common indicators ------------------------------------------------------------------------


def _chosen_year(request, years: list[int]) -> int | None:
    """The year of `?jaar=`, or the latest year with values; a year without values gets the latest, and no copy."""
    latest = years[-1] if years else None
    asked = request.GET.get(indicator_monitor.YEAR_PARAM)
    if asked is None:
        return latest
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    keep_no_copy(request)
    return latest


@require_GET
@cached_public_page(*indicator_monitor.INDICATOR_MONITOR_KINDS, params=[indicator_monitor.YEAR_PARAM])
def indicators(request):
    """The common indicators added up: nationally by year, per tier and per province in the chosen year."""
    figures = indicator_monitor.indicator_figures()
    years = indicator_monitor.all_years(figures)
    year = _chosen_year(request, years)
    return render(
        request,
        "actionplans/indicator_monitor.html",
        {
            "indicators": indicator_monitor.for_year(figures, year),
            "years": years,
            "year": year,
            "year_param": indicator_monitor.YEAR_PARAM,
            "columns": indicator_monitor.COLUMNS,
            "licence_url": LICENCE_URL,
            "crumbs": [
                (reverse("monitor:index"), _("National MVOI monitor")),
                (reverse("monitor:indicators"), _("Common indicators")),
            ],
        },
    )


def _table_schema_response(columns, primary_key):
    response = HttpResponse(
        json.dumps(opendata.table_schema(columns, primary_key=primary_key), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def indicators_schema(request):
    """The Table Schema of the indicator figures' CSV."""
    return _table_schema_response(COLUMNS_OF_INDICATORS, ["indicator", "year", "scope", "group"])


@require_GET
@cached_public_page(*indicator_monitor.INDICATOR_DATA_KINDS)
def indicators_csv(request):
    figures = indicator_monitor.indicator_figures()
    return csv_response(indicator_monitor.csv_rows(figures), filename="mvoi-indicatoren.csv")


@require_GET
@cached_public_page(*indicator_monitor.INDICATOR_DATA_KINDS)
def indicators_json(request):
    figures = indicator_monitor.indicator_figures()
    body = {
        "title": "Monitor MVOI: gemeenschappelijke indicatoren",
        "licence": LICENCE_ID,
        "licence_url": LICENCE_URL,
        "generated_at": figures["generated_at"],
        "columns": [{"name": c.name, "type": c.type, "description": str(c.description)} for c in COLUMNS_OF_INDICATORS],
        "indicators": [
            {key: indicator[key] for key in ("code", "name", "definition", "theme", "unit", "aggregation", "direction")}
            for indicator in figures["indicators"]
        ],
        "rows": [
            {**row, "value": None if row["value"] is None else float(row["value"])}
            for row in indicator_monitor.data_rows(figures)
        ],
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


@require_GET
def product_groups_schema(request):
    """The Table Schema of the product groups' CSV."""
    return _table_schema_response(PRODUCT_GROUP_COLUMNS, ["scope", "product_group", "theme"])
