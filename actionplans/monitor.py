"""The national MVOI monitor: adoption figures for the current edition, computed with aggregate queries.

`monitor_figures()` needs a fixed number of queries however many organisations, plans, goals and
actions exist, and its result is kept with the cached pages under the versions of the plans, the
register and the themes, so the monitor is fresh after every change to plans, reports, signatures or
theme names.

The same rows feed the page, the CSV and the JSON; `COLUMNS` documents them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actionplans.cache import DEADLINES, PLANS
from core import opendata
from core.opendata import Column
from core.page_cache import shared_pages, versions
from guidance.cache import THEMES
from manifest.cache import REGISTER

# Goals and actions per theme, signatories per tier and province, and the ladder's stages (which move
# by themselves when a due date passes).
MONITOR_KINDS = (PLANS, REGISTER, THEMES, DEADLINES)
BEHIND_SCHEDULE = "achter-op-schema"
LICENCE_ID = opendata.LICENCE_ID
LICENCE_URL = opendata.LICENCE_URL

COLUMNS = [
    Column("edition", "string", _("Slug of the manifest edition the figures are about."), "2022-2025", required=True),
    Column(
        "figure",
        "string",
        _(
            "Which figure the row belongs to: signatories_per_tier, signatories_per_province, "
            "signatories_by_plan_status, goals_per_theme, actions_done_per_theme or reports_per_year."
        ),
        "signatories_per_tier",
        required=True,
    ),
    Column(
        "group",
        "string",
        _(
            "The group within the figure: a tier, a province code, a plan status, a theme slug, a year or a stage "
            "(achter-op-schema counts those behind schedule, whatever their stage); for stage_per_tier and "
            "stage_per_province the tier or province code and the stage, separated by a slash."
        ),
        "gemeente",
        required=True,
    ),
    Column(
        "label", "string", _("Readable name of the group, in the language of the request."), "Gemeente", required=True
    ),
    Column(
        "value",
        "integer",
        _(
            "The count: signatories, organisations with a plan in that status, goals, actions done or "
            "submitted reports."
        ),
        "120",
        required=True,
    ),
    Column(
        "total",
        "integer",
        _(
            "What the value is part of: all active organisations of the tier or province, all signatories, "
            "all actions that count (cancelled ones do not) or the organisations that reported. Empty when "
            "not applicable."
        ),
        "342",
    ),
    Column("share", "number", _("Value as a percentage of total, one decimal; empty without a total."), "35.1"),
]

FIGURES = [
    "signatories_per_tier",
    "signatories_per_province",
    "signatories_by_plan_status",
    "goals_per_theme",
    "actions_done_per_theme",
    "reports_per_year",
    "signatories_per_stage",
    "stage_per_tier",
    "stage_per_province",
]

# Whom each figure counts, shown with its table: the figures about plans and reports do not all count
# the same organisations, and a reader comparing them must know.
_ALL_PUBLISHED_PLANS = _(
    "Counts every published action plan, also those of organisations that have not signed the current edition."
)
POPULATIONS = {
    "signatories_per_tier": _("Counts all active public bodies of each tier."),
    "signatories_per_province": _("Counts all active municipalities of each province."),
    "signatories_by_plan_status": _("Counts only the organisations that signed the current edition."),
    "goals_per_theme": _ALL_PUBLISHED_PLANS,
    "actions_done_per_theme": _ALL_PUBLISHED_PLANS,
    "reports_per_year": _(
        "Counts every submitted yearly report, also those of organisations that have not signed the current edition."
    ),
    "signatories_per_stage": _(
        "Counts the organisations that signed the current edition, each on its highest step; behind schedule "
        "counts those that missed a due date, whatever their step."
    ),
    "stage_per_tier": _("Counts the organisations that signed the current edition, per tier."),
    "stage_per_province": _("Counts the organisations that signed the current edition and lie in a province."),
}


def share(value: int, total: int | None) -> Decimal | None:
    if not total:
        return None
    return (Decimal(value) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _row(figure, group, label, value, total=None, **extra) -> dict:
    return {
        "figure": figure,
        "group": str(group),
        "label": str(label),
        "value": value,
        "total": total,
        "share": share(value, total),
        **extra,
    }


def compute_figures() -> dict:
    """All figures, uncached: eight queries, whatever the size of the data."""
    from actionplans.models import Goal, OwnedPlans, PlanOwner, PlanStatus, YearReport, progress_aggregates
    from guidance.models import Theme
    from manifest.models import ManifestEdition, Organisation, OrganisationKind, Signature, SignatureStatus

    edition = ManifestEdition.objects.current()
    figures = {name: [] for name in FIGURES}
    result = {
        "edition": edition.slug if edition else "",
        "edition_title": edition.title if edition else "",
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "figures": figures,
    }
    signed = Q(signatures__edition=edition, signatures__status=SignatureStatus.SIGNED)

    tiers = {
        row["kind"]: row
        for row in Organisation.objects.filter(is_active=True)
        .values("kind")
        .annotate(total=Count("id", distinct=True), signed=Count("id", filter=signed, distinct=True))
    }
    for kind, label in OrganisationKind.choices:
        row = tiers.get(kind, {"total": 0, "signed": 0})
        figures["signatories_per_tier"].append(_row("signatories_per_tier", kind, label, row["signed"], row["total"]))

    provinces = (
        Organisation.objects.filter(is_active=True, kind=OrganisationKind.MUNICIPALITY, province__isnull=False)
        .values("province__code", "province__name")
        .annotate(total=Count("id", distinct=True), signed=Count("id", filter=signed, distinct=True))
        .order_by("province__name")
    )
    for row in provinces:
        figures["signatories_per_province"].append(
            _row("signatories_per_province", row["province__code"], row["province__name"], row["signed"], row["total"])
        )

    # A joint plan counts for each owner, in the status that owner adopted it (OwnedPlans, the SQL form of
    # ActionPlan.objects.owned_by).
    owned = OwnedPlans(OuterRef("pk"))
    has_plan = {
        status: ExpressionWrapper(owned.exist([status]), output_field=BooleanField()) for status in PlanStatus.values
    }
    signatories = Organisation.objects.filter(
        Exists(Signature.objects.filter(organisation=OuterRef("pk"), edition=edition, status=SignatureStatus.SIGNED))
    )
    counts = signatories.alias(**{f"has_{status}": expression for status, expression in has_plan.items()}).aggregate(
        total=Count("id"),
        none=Count("id", filter=Q(**{f"has_{status}": False for status in PlanStatus.values})),
        **{status: Count("id", filter=Q(**{f"has_{status}": True})) for status in PlanStatus.values},
    )
    figures["signatories_by_plan_status"].append(
        _row("signatories_by_plan_status", "geen", _("No plan yet"), counts["none"], counts["total"])
    )
    for status, label in PlanStatus.choices:
        figures["signatories_by_plan_status"].append(
            _row("signatories_by_plan_status", status, label, counts[status], counts["total"])
        )

    themes = list(Theme.objects.order_by("order", "name").values("id", "slug", "name", "name_en"))
    per_theme = {
        row["theme_id"]: row
        for row in Goal.objects.filter(plan__status=PlanStatus.PUBLISHED)
        .values("theme_id")
        .annotate(goals=Count("id", distinct=True), **progress_aggregates("actions__"))
        .order_by()
    }
    english = (get_language() or "").startswith("en")
    for theme in themes:
        row = per_theme.get(theme["id"], {"goals": 0, "action_count": 0, "counting_count": 0, "done_count": 0})
        label = theme["name_en"] if english and theme["name_en"] else theme["name"]
        figures["goals_per_theme"].append(
            _row("goals_per_theme", theme["slug"], label, row["goals"], None, actions=row["action_count"])
        )
        figures["actions_done_per_theme"].append(
            _row("actions_done_per_theme", theme["slug"], label, row["done_count"], row["counting_count"])
        )

    # A report on a joint plan is one report, and it reports for every owner: the organisations are counted
    # once each, the reports once each.
    co_owners = PlanOwner.objects.accepted().filter(plan=OuterRef("plan")).values("organisation")
    per_year: dict[int, dict] = {}
    for row in (
        YearReport.objects.submitted()
        .values("year", "plan__organisation")
        .annotate(co_owners=ArraySubquery(co_owners))
        .order_by("year")
    ):
        year = per_year.setdefault(row["year"], {"reports": 0, "organisations": set()})
        year["reports"] += 1
        year["organisations"].update([row["plan__organisation"], *row["co_owners"]])
    for year, row in per_year.items():
        figures["reports_per_year"].append(
            _row("reports_per_year", year, year, row["reports"], None, organisations=len(row["organisations"]))
        )
    _ladder_figures(figures, edition)
    return result


def _ladder_figures(figures: dict, edition) -> None:
    """Signatories per stage, in total, per tier and per province: one query over the ladder rule."""
    from actionplans.ladder import annotate_stage
    from manifest.ladder import Stage
    from manifest.models import OrganisationKind, Signature

    groups = list(
        annotate_stage(Signature.objects.public().filter(edition=edition))
        .values("organisation__kind", "organisation__province__code", "organisation__province__name", "stage")
        .annotate(signatories=Count("id"), behind=Count("id", filter=Q(behind_schedule=True)))
        .order_by()
    )
    columns = [*Stage.choices, (BEHIND_SCHEDULE, _("Behind schedule"))]

    def counts(rows) -> dict:
        found = {stage: 0 for stage, _label in columns}
        for row in rows:
            found[row["stage"]] += row["signatories"]
            found[BEHIND_SCHEDULE] += row["behind"]
        return found

    def add(figure, group, label, rows, **extra):
        found = counts(rows)
        total = sum(row["signatories"] for row in rows)
        for stage, stage_label in columns:
            prefix = f"{group}/" if group else ""
            name = f"{label}: {stage_label}" if label else stage_label
            figures[figure].append(
                _row(figure, f"{prefix}{stage}", name, found[stage], total, stage=stage, group_label=label, **extra)
            )

    add("signatories_per_stage", "", "", groups)
    for kind, label in OrganisationKind.choices:
        add("stage_per_tier", kind, label, [row for row in groups if row["organisation__kind"] == kind], tier=kind)
    provinces = sorted(
        {
            (row["organisation__province__name"], row["organisation__province__code"])
            for row in groups
            if row["organisation__province__code"]
        }
    )
    for name, code in provinces:
        rows = [row for row in groups if row["organisation__province__code"] == code]
        add("stage_per_province", code, name, rows, province=code)


def stage_table(rows: list[dict], key: str) -> list[tuple[str, list[dict]]]:
    """Rows of stage_per_tier or stage_per_province as (group label, its cells in stage order), for a table."""
    table: dict[str, list[dict]] = {}
    for row in rows:
        table.setdefault(row[key], []).append(row)
    return [(cells[0]["group_label"], cells) for cells in table.values()]


def monitor_figures() -> dict:
    """The figures from the cache; computed again after any change to what they count or name."""
    stamp = "-".join(str(version) for version in versions(MONITOR_KINDS))
    key = f"actionplans:monitor:{stamp}:{get_language()}"
    figures = shared_pages().get(key)
    if figures is None:
        figures = compute_figures()
        shared_pages().set(key, figures)
    return figures


def csv_rows(figures: dict):
    """Rows for the CSV: the columns of COLUMNS, every figure one after the other."""
    yield [column.name for column in COLUMNS]
    for name in FIGURES:
        for row in figures["figures"][name]:
            yield [
                figures["edition"],
                row["figure"],
                row["group"],
                row["label"],
                row["value"],
                row["total"],
                row["share"],
            ]
