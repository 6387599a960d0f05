"""The indicator monitor: the values of the common indicators in submitted yearly reports, added up
nationally, per tier and per province, year by year.

An amount (tonnes CO2-eq, FTE, contracts) is summed over the organisations that reported it; a share
in percent takes the median of their values, since shares of different organisations do not add up.
Every figure says how many organisations it covers: only those that reported a value on the indicator
for that year in a submitted report (see `ReportedIndicatorValue`).

`indicator_figures()` needs four queries however many organisations and reports exist, and its
result is kept with the cached pages under the versions of the kinds it shows. The same rows feed the
page, the CSV and the JSON; `COLUMNS` documents them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, FloatField, OuterRef, Q, Sum
from django.db.models.aggregates import Aggregate
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actionplans.cache import INDICATORS, PLANS
from actionplans.monitor import Column
from core.page_cache import shared_pages, versions
from guidance.cache import THEMES
from manifest.cache import REGISTER

# Indicators and their values (reports), the organisations' tiers and provinces; the page also names
# the themes, the open data gives only their slugs.
INDICATOR_DATA_KINDS = (INDICATORS, PLANS, REGISTER)
INDICATOR_MONITOR_KINDS = (*INDICATOR_DATA_KINDS, THEMES)
YEAR_PARAM = "jaar"

NATIONAL = "national"
TIER = "tier"
PROVINCE = "province"

COLUMNS = [
    Column("indicator", "string", _("Code of the common indicator; stable over time."), "co2-reductie"),
    Column("indicator_name", "string", _("Name of the indicator, in the language of the request."), "CO2-reductie"),
    Column("theme", "string", _("Slug of the MVOI theme the indicator belongs to."), "klimaat"),
    Column("unit", "string", _("Unit of the values: %, t CO2-eq, fte, euro or aantal (a number)."), "t CO2-eq"),
    Column(
        "aggregation",
        "string",
        _("How the organisations' values add up: sum, or median for percentages (never summed)."),
        "sum",
    ),
    Column("year", "integer", _("The year the values are about."), "2026"),
    Column(
        "scope",
        "string",
        _("national (all organisations), tier (per kind of organisation) or province (per province)."),
        "tier",
    ),
    Column(
        "group",
        "string",
        _("The tier code or province code of the row; empty for national rows."),
        "gemeente",
    ),
    Column("label", "string", _("Readable name of the group, in the language of the request."), "Gemeente"),
    Column(
        "organisations",
        "integer",
        _("How many organisations the figure covers: those that reported a value in a submitted yearly report."),
        "12",
    ),
    Column("value", "number", _("The sum or the median of their values, two decimals."), "1520.5"),
]


class Median(Aggregate):
    """PostgreSQL's continuous median: the middle value, or the mean of the two middle values."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _two_decimals(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _grouped(values, *fields):
    # One value per organisation, indicator and year (a unique constraint), so rows count organisations.
    return values.values("indicator_id", "year", *fields).annotate(
        organisations=Count("id"), total=Sum("value"), median=Median("value")
    )


def compute_indicator_figures() -> dict:
    """Every common indicator with its figures per year, uncached: four queries, whatever the size of the data."""
    from actionplans.models import CommonIndicator, IndicatorAggregation, ReportedIndicatorValue
    from manifest.models import OrganisationKind

    english = (get_language() or "").startswith("en")
    has_values = Exists(ReportedIndicatorValue.objects.filter(indicator=OuterRef("pk")))
    indicators = list(
        CommonIndicator.objects.filter(Q(is_active=True) | has_values)
        .select_related("theme")  # for the slug; the page names the themes itself (see `for_year`)
        .order_by("theme__order", "order", "name")
    )
    values = ReportedIndicatorValue.objects.order_by()
    tier_labels = dict(OrganisationKind.choices)
    rows = {indicator.pk: [] for indicator in indicators}

    def add(row, scope, group, label):
        if row["indicator_id"] not in rows:
            return
        summed = aggregation[row["indicator_id"]] == IndicatorAggregation.SUM
        rows[row["indicator_id"]].append(
            {
                "year": row["year"],
                "scope": scope,
                "group": group,
                "label": str(label),
                "organisations": row["organisations"],
                "value": _two_decimals(row["total"] if summed else row["median"]),
            }
        )

    aggregation = {indicator.pk: indicator.aggregation for indicator in indicators}
    for row in _grouped(values):
        add(row, NATIONAL, "", _("The Netherlands"))
    for row in _grouped(values, "organisation__kind"):
        kind = row["organisation__kind"]
        add(row, TIER, kind, tier_labels.get(kind, kind))
    for row in _grouped(
        values.filter(organisation__province__isnull=False),
        "organisation__province__code",
        "organisation__province__name",
    ):
        add(row, PROVINCE, row["organisation__province__code"], row["organisation__province__name"])

    scope_order = {NATIONAL: 0, TIER: 1, PROVINCE: 2}
    tier_order = {kind: position for position, kind in enumerate(OrganisationKind.values)}
    result = []
    for indicator in indicators:
        indicator_rows = sorted(
            rows[indicator.pk],
            key=lambda row: (row["year"], scope_order[row["scope"]], tier_order.get(row["group"], 0), row["label"]),
        )
        result.append(
            {
                "code": indicator.code,
                "name": indicator.name_en if english and indicator.name_en else indicator.name,
                "definition": indicator.definition_en if english and indicator.definition_en else indicator.definition,
                "measurement": (
                    indicator.measurement_en if english and indicator.measurement_en else indicator.measurement
                ),
                "theme": indicator.theme.slug,
                "unit": indicator.unit,
                "aggregation": indicator.aggregation,
                "direction": indicator.direction,
                "is_active": indicator.is_active,
                "years": sorted({row["year"] for row in indicator_rows}),
                "rows": indicator_rows,
            }
        )
    return {"generated_at": timezone.now().isoformat(timespec="seconds"), "indicators": result}


def indicator_figures() -> dict:
    """The figures from the cache; computed again after any change to what they count or name."""
    stamp = "-".join(str(version) for version in versions(INDICATOR_DATA_KINDS))
    key = f"actionplans:indicator-monitor:{stamp}:{get_language()}"
    figures = shared_pages().get(key)
    if figures is None:
        figures = compute_indicator_figures()
        shared_pages().set(key, figures)
    return figures


def all_years(figures: dict) -> list[int]:
    return sorted({year for indicator in figures["indicators"] for year in indicator["years"]})


def readable(value: Decimal | None) -> str:
    """A figure as the page shows it, in the request's language and without trailing zeros: 1250,5."""
    if value is None:
        return "–"
    return number_format(Decimal(format(value.normalize(), "f")))


def for_year(figures: dict, year: int | None) -> list[dict]:
    """Per indicator what the page shows: the national trend over all years; tiers and provinces in `year`.

    The themes' names are read here, in one query, not kept with the figures: the open data does not
    show them, so a theme's new name must not make the open data's figures new.
    """
    from guidance.models import Theme

    theme_names = {theme.slug: theme.display_name for theme in Theme.objects.only("slug", "name", "name_en")}
    shown = []
    for indicator in figures["indicators"]:
        rows = [{**row, "readable": readable(row["value"])} for row in indicator["rows"]]
        shown.append(
            {
                **indicator,
                "theme_name": theme_names.get(indicator["theme"], indicator["theme"]),
                "trend": [row for row in rows if row["scope"] == NATIONAL],
                "tiers": [row for row in rows if row["scope"] == TIER and row["year"] == year],
                "provinces": [row for row in rows if row["scope"] == PROVINCE and row["year"] == year],
            }
        )
    return shown


def data_rows(figures: dict):
    """Every row of every indicator as a dict of the COLUMNS, for the CSV and the JSON."""
    for indicator in figures["indicators"]:
        for row in indicator["rows"]:
            yield {
                "indicator": indicator["code"],
                "indicator_name": indicator["name"],
                "theme": indicator["theme"],
                "unit": indicator["unit"],
                "aggregation": indicator["aggregation"],
                "year": row["year"],
                "scope": row["scope"],
                "group": row["group"],
                "label": row["label"],
                "organisations": row["organisations"],
                "value": row["value"],
            }


def csv_rows(figures: dict):
    names = [column.name for column in COLUMNS]
    yield names
    for row in data_rows(figures):
        yield [row[name] for name in names]
