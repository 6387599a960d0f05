"""The monitor of product groups: the ambition level plans aim for beside the level tenders applied.

Planned: actions of published plans, per product group they name, theme of their goal and the level they
aim for. Applied: tenders in submitted yearly reports, per product group, theme and level. Both are
counted nationally and per tier (the kind of organisation). Four queries, whatever the size of the data;
the result is kept under the versions of the kinds it shows, like the national monitor's figures.

The same rows feed the page, the CSV and the JSON; `COLUMNS` documents them.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actionplans.cache import PLANS, PRODUCT_GROUPS
from actionplans.monitor import LICENCE_ID, LICENCE_URL, Column
from core.page_cache import shared_pages, versions
from guidance.cache import THEMES
from manifest.cache import REGISTER

PRODUCT_GROUP_MONITOR_KINDS = (PLANS, PRODUCT_GROUPS, THEMES, REGISTER)
NATIONAL = "nationaal"
LEVELS = ["basis", "significant", "ambitieus"]  # AmbitionLevel's stored values, in rising order

COLUMNS = [
    Column(
        "scope",
        "string",
        _("Whose figures: nationaal for all organisations, or a tier (organisation kind)."),
        "gemeente",
    ),
    Column(
        "cluster", "string", _("The product cluster of the national MVI criteria."), "Kantoorfaciliteiten en diensten"
    ),
    Column("product_group", "string", _("Slug of the product group."), "catering"),
    Column("product_group_name", "string", _("Name of the product group."), "Catering"),
    Column("theme", "string", _("Slug of the MVOI theme."), "klimaat"),
    Column("planned_basis", "integer", _("Actions of published plans aiming for the basic level."), "3"),
    Column("planned_significant", "integer", _("Actions of published plans aiming for the significant level."), "2"),
    Column("planned_ambitieus", "integer", _("Actions of published plans aiming for the ambitious level."), "1"),
    Column("tenders_basis", "integer", _("Tenders in submitted yearly reports that applied the basic level."), "4"),
    Column(
        "tenders_significant",
        "integer",
        _("Tenders in submitted yearly reports that applied the significant level."),
        "2",
    ),
    Column(
        "tenders_ambitieus", "integer", _("Tenders in submitted yearly reports that applied the ambitious level."), "0"
    ),
    Column(
        "contract_value",
        "number",
        _("Contract value in euros of those tenders together, two decimals, all reported years."),
        "1250000.50",
    ),
]
FIELDS = [column.name for column in COLUMNS]


def _empty_row() -> dict:
    return {
        **{f"planned_{level}": 0 for level in LEVELS},
        **{f"tenders_{level}": 0 for level in LEVELS},
        "contract_value": Decimal("0.00"),
    }


def compute_rows() -> dict:
    """Every row, uncached: four queries."""
    from actionplans.models import Action, PlanStatus, ProductGroup, ReportStatus, ReportTender
    from guidance.models import Theme
    from manifest.models import OrganisationKind

    groups = {group.pk: group for group in ProductGroup.objects.in_order()}
    themes = {theme.pk: theme for theme in Theme.objects.order_by("order", "name")}
    cells: dict[tuple, dict] = defaultdict(_empty_row)

    planned = (
        Action.product_groups.through.objects.filter(action__goal__plan__status=PlanStatus.PUBLISHED)
        .exclude(action__ambition_level="")
        .values(
            "productgroup_id",
            "action__goal__theme_id",
            "action__goal__plan__organisation__kind",
            "action__ambition_level",
        )
        .annotate(actions=Count("id"))  # one row per action and group: no DISTINCT (and its sort) needed
        .order_by()
    )
    for row in planned:
        key = (row["productgroup_id"], row["action__goal__theme_id"])
        for scope in (NATIONAL, row["action__goal__plan__organisation__kind"]):
            cells[(scope, *key)][f"planned_{row['action__ambition_level']}"] += row["actions"]

    applied = (
        ReportTender.objects.filter(report__status=ReportStatus.SUBMITTED)
        .values("product_group_id", "theme_id", "report__plan__organisation__kind", "ambition_level")
        .annotate(tenders=Sum("tender_count"), value=Sum("contract_value"))
        .order_by()
    )
    for row in applied:
        key = (row["product_group_id"], row["theme_id"])
        for scope in (NATIONAL, row["report__plan__organisation__kind"]):
            cell = cells[(scope, *key)]
            cell[f"tenders_{row['ambition_level']}"] += row["tenders"]
            cell["contract_value"] += row["value"]

    english = (get_language() or "").startswith("en")
    scope_order = {NATIONAL: 0, **{kind: index for index, kind in enumerate(OrganisationKind.values, start=1)}}
    group_order = {pk: index for index, pk in enumerate(groups)}
    theme_order = {pk: index for index, pk in enumerate(themes)}
    rows = []
    for (scope, group_id, theme_id), cell in sorted(
        cells.items(),
        key=lambda item: (scope_order.get(item[0][0], 99), group_order[item[0][1]], theme_order[item[0][2]]),
    ):
        group, theme = groups[group_id], themes[theme_id]
        rows.append(
            {
                "scope": scope,
                "cluster": group.cluster,
                "product_group": group.slug,
                "product_group_name": group.name,
                "theme": theme.slug,
                "theme_name": theme.name_en if english and theme.name_en else theme.name,
                **cell,
            }
        )
    return {"generated_at": timezone.now().isoformat(timespec="seconds"), "rows": rows}


def product_group_figures() -> dict:
    """The rows from the cache; computed again after any change to what they count or name."""
    stamp = "-".join(str(version) for version in versions(PRODUCT_GROUP_MONITOR_KINDS))
    key = f"actionplans:product_group_monitor:{stamp}:{get_language()}"
    figures = shared_pages().get(key)
    if figures is None:
        figures = compute_rows()
        shared_pages().set(key, figures)
    return figures


def csv_rows(figures: dict):
    yield FIELDS
    for row in figures["rows"]:
        yield [row[name] for name in FIELDS]


def json_body(figures: dict) -> dict:
    return {
        "title": "Monitor MVOI: productgroepen",
        "licence": LICENCE_ID,
        "licence_url": LICENCE_URL,
        "generated_at": figures["generated_at"],
        "columns": [{"name": c.name, "type": c.type, "description": str(c.description)} for c in COLUMNS],
        "rows": [
            {name: (float(row[name]) if name == "contract_value" else row[name]) for name in FIELDS}
            for row in figures["rows"]
        ],
    }
