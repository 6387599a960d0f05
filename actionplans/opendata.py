"""The action plans' open data: the monitor's figures, and the published plans with their goals and actions.

Both are registered in the portal's catalogue (core/opendata.py) when the app is ready. A published
plan is public already; its data never name the people behind actions (`owner_member`) nor the
teams (`owner`), just as the published plan page does not.

Identifiers are stable: a plan by its UUID, goals and actions by their numbers, which never change
and are never reused.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Max, Min, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from actionplans.cache import PLANS
from actionplans.indicator_monitor import COLUMNS as INDICATOR_COLUMNS
from actionplans.indicator_monitor import INDICATOR_DATA_KINDS
from actionplans.monitor import COLUMNS as MONITOR_COLUMNS
from actionplans.monitor import MONITOR_KINDS
from actionplans.product_group_monitor import COLUMNS as PRODUCT_GROUP_COLUMNS
from actionplans.product_group_monitor import PRODUCT_GROUP_MONITOR_KINDS
from actionplans.showcase_data import SHOWCASES_DATASET
from core import opendata
from core.opendata import Column
from manifest.cache import REGISTER

PLAN_DATA_KINDS = (PLANS, REGISTER)  # organisation names appear beside the plans; themes only by slug

COLUMNS = [
    Column(
        "plan_id",
        "string",
        _("Stable identifier of the action plan."),
        "3f2c9a4e-7b1d-4e8a-9c55-0d6f1b2a8e41",
        required=True,
        format="uuid",
    ),
    Column("plan_title", "string", _("Title of the action plan."), "Actieplan MVOI 2024-2027", required=True),
    Column(
        "organisation_code",
        "string",
        _("Code of the organisation in this portal, as in the register of signatories."),
        "gm0344",
        required=True,
    ),
    Column("organisation_name", "string", _("Name of the organisation."), "Utrecht", required=True),
    Column(
        "plan_adopted_on",
        "date",
        _("Date the organisation adopted the plan (YYYY-MM-DD)."),
        "2024-02-13",
    ),
    Column(
        "co_owners",
        "string",
        _(
            "In a joint plan: the other organisations that own the plan and accepted, each as its code, a colon "
            "and the date it adopted the plan itself (YYYY-MM-DD, empty while it has not), separated by a "
            "semicolon. Empty for a plan of one organisation."
        ),
        "gm0193:2024-03-05; gm0310:",
    ),
    Column("edition", "string", _("Slug of the manifest edition the plan carries out; empty if none."), "2022-2025"),
    Column("plan_start_year", "integer", _("First year of the plan."), "2024", required=True),
    Column("plan_end_year", "integer", _("Last year of the plan."), "2027", required=True),
    Column(
        "plan_url",
        "string",
        _("Address of the published plan."),
        "https://mvoi.vng.nl/actieplannen/openbaar/3f2c9a4e-7b1d-4e8a-9c55-0d6f1b2a8e41/",
        required=True,
        format="uri",
    ),
    Column("goal_id", "integer", _("Stable number of the goal."), "412", required=True),
    Column("goal_title", "string", _("Title of the goal."), "Klimaatneutraal inkopen", required=True),
    Column(
        "theme",
        "string",
        _("Slug of the MVOI theme of the goal, as in the monitor."),
        "klimaat",
        required=True,
    ),
    Column("goal_indicator", "string", _("What the goal measures."), "Aandeel aanbestedingen met CO2-eisen"),
    Column("goal_unit", "string", _("Unit of the baseline and target values."), "%"),
    Column("goal_baseline_value", "number", _("Value at the start."), "20.5"),
    Column("goal_baseline_year", "integer", _("Year of the baseline value."), "2023"),
    Column("goal_target_value", "number", _("Value the goal aims for."), "80"),
    Column("goal_target_year", "integer", _("Year the target should be met."), "2027"),
    Column(
        "goal_targets_per_owner",
        "string",
        _(
            "In a joint plan, for a goal where each owner sets its own target: each owner's code, a colon and "
            "its target value (empty while not set), separated by a semicolon. Empty for a goal with one shared "
            "target."
        ),
        "gm0344:80; gm0193:60",
    ),
    Column(
        "goal_progress",
        "integer",
        _("Progress of the goal in percent: the mean of its actions that are not cancelled, done counting as 100."),
        "45",
    ),
    Column(
        "action_id",
        "integer",
        _("Stable number of the action; empty on the one row of a goal without actions."),
        "1290",
    ),
    Column("action_title", "string", _("Title of the action."), "Criteria opnemen in de inkoopvoorwaarden"),
    Column(
        "action_status",
        "string",
        _("Status of the action: gepland, lopend, afgerond or vervallen."),
        "lopend",
    ),
    Column("action_progress", "integer", _("Progress of the action in percent; a done action counts as 100."), "60"),
    Column("action_start_date", "date", _("Start date of the action (YYYY-MM-DD)."), "2024-03-01"),
    Column("action_due_date", "date", _("Due date of the action (YYYY-MM-DD)."), "2025-12-31"),
    Column(
        "product_groups",
        "string",
        _("Product groups the action is about, separated by a semicolon."),
        "Catering; Bedrijfskleding",
    ),
    Column("ambition_level", "string", _("Ambition level of the criteria: basis, significant or ambitieus."), "basis"),
    Column(
        "steering_level",
        "string",
        _("Level the action steers at: strategisch, organisatie or project."),
        "organisatie",
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
ACTION_COLUMN_NAMES = COLUMN_NAMES[COLUMN_NAMES.index("action_id") :]
PRODUCT_GROUP_SEPARATOR = "; "
LIST_SEPARATOR = "; "


def table_schema() -> dict:
    return opendata.table_schema(COLUMNS, primary_key=["goal_id", "action_id"])


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as JSON writes it: a whole number as an integer."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _progress(goal) -> int | None:
    from actionplans.models import mean_progress

    return mean_progress(goal.progress_total, goal.counting_count)


def published_goals(plans=None):
    """The goals of published plans with their progress, plan, organisation, theme, actions and the actions'
    product groups: three queries. Each goal carries its plan's co-owners and its targets per owner
    (`co_owner_list`, `owner_target_list`), read in the goals' own query."""
    from actionplans.models import Action, Goal, PlanStatus, ProductGroup, co_owners_of_plan, owner_targets_of_goal

    goals = Goal.objects.filter(plan__status=PlanStatus.PUBLISHED)
    if plans is not None:
        goals = goals.filter(plan__in=plans)
    return (
        goals.with_progress()
        .annotate(co_owner_list=co_owners_of_plan("plan"), owner_target_list=owner_targets_of_goal())
        .select_related("plan", "plan__organisation", "plan__edition", "theme")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.order_by("order", "id").prefetch_related(
                    Prefetch("product_groups", queryset=ProductGroup.objects.order_by("name"))
                ),
            )
        )
        .order_by("plan__organisation__name", "plan__start_year", "plan_id", "order", "id")
    )


def _action_values(action) -> dict:
    return {
        "action_id": action.pk,
        "action_title": action.title,
        "action_status": action.status,
        "action_progress": action.effective_progress,
        "action_start_date": action.start_date,
        "action_due_date": action.due_date,
        "product_groups": PRODUCT_GROUP_SEPARATOR.join(group.name for group in action.product_groups.all()) or None,
        "ambition_level": action.ambition_level or None,
        "steering_level": action.steering_level or None,
    }


def _co_owners_cell(co_owner_rows: list[dict]) -> str | None:
    from actionplans.models import co_owner_entries

    return (
        LIST_SEPARATOR.join(
            f"{owner.code}:{json_value(owner.adopted_on) or ''}" for owner in co_owner_entries(co_owner_rows)
        )
        or None
    )


def _targets_cell(goal) -> str | None:
    from actionplans.models import goal_target_entries

    cells = []
    for target in goal_target_entries(goal) or []:
        value = _number(target.target_value)
        cells.append(f"{target.code}:{'' if value is None else value}")
    return LIST_SEPARATOR.join(cells) or None


def row_values(goals, plan_url) -> list[dict]:
    """One row per action of every goal, and one for a goal without actions; values as Python types.

    `plan_url(plan)` gives the address of a published plan.
    """
    rows = []
    for goal in goals:
        plan = goal.plan
        base = {
            "plan_id": str(plan.uuid),
            "plan_title": plan.title,
            "organisation_code": plan.organisation.code,
            "organisation_name": plan.organisation.name,
            "plan_adopted_on": plan.adopted_on,
            "co_owners": _co_owners_cell(goal.co_owner_list),
            "edition": plan.edition.slug if plan.edition else None,
            "plan_start_year": plan.start_year,
            "plan_end_year": plan.end_year,
            "plan_url": plan_url(plan),
            "goal_id": goal.pk,
            "goal_title": goal.title,
            "theme": goal.theme.slug,
            "goal_indicator": goal.indicator or None,
            "goal_unit": goal.unit or None,
            "goal_baseline_value": goal.baseline_value,
            "goal_baseline_year": goal.baseline_year,
            "goal_target_value": goal.target_value,
            "goal_target_year": goal.target_year,
            "goal_targets_per_owner": _targets_cell(goal),
            "goal_progress": _progress(goal),
        }
        actions = list(goal.actions.all())
        for values in [_action_values(action) for action in actions] or [dict.fromkeys(ACTION_COLUMN_NAMES)]:
            rows.append({**base, **values})
    return rows


def json_value(value):
    """A value as the JSON files write it: dates as YYYY-MM-DD, decimals as numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value)
    return value


def _owners(plan) -> list[dict]:
    """The lead, then the accepted co-owners (`plan.co_owner_list`, see `co_owners_of_plan`), with their adoption."""
    from actionplans.models import owner_entries

    return [
        {"code": owner.code, "name": owner.name, "role": owner.role.value, "adopted_on": json_value(owner.adopted_on)}
        for owner in owner_entries(plan, plan.co_owner_list)
    ]


def _targets_per_owner(goal) -> list[dict] | None:
    from actionplans.models import goal_target_entries

    targets = goal_target_entries(goal)
    if targets is None:
        return None
    return [
        {"code": target.code, "name": target.name, "target_value": _number(target.target_value)} for target in targets
    ]


def plan_document(plan, goals, *, url: str, schema_url: str) -> dict:
    """One published plan with its goals and actions, for its data.json; see PLAN_JSON_SCHEMA.

    `plan` carries `co_owner_list` (annotated with `co_owners_of_plan()`), the goals those of `published_goals`.
    """
    from actionplans.models import mean_progress

    goals = list(goals)
    totals = [(goal.progress_total or 0, goal.counting_count) for goal in goals]
    return {
        "id": str(plan.uuid),
        "url": url,
        "schema": schema_url,
        "licence": {"id": opendata.LICENCE_ID, "url": opendata.LICENCE_URL},
        "title": plan.title,
        "organisation": {"code": plan.organisation.code, "name": plan.organisation.name},
        "adopted_on": json_value(plan.adopted_on),
        "owners": _owners(plan),
        "edition": plan.edition.slug if plan.edition else None,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "track": plan.track,
        "published_at": plan.published_at.isoformat(timespec="seconds") if plan.published_at else None,
        "modified": plan.updated_at.isoformat(timespec="seconds"),
        "progress": mean_progress(sum(total for total, _count in totals), sum(count for _total, count in totals)),
        "goals": [
            {
                "id": goal.pk,
                "title": goal.title,
                "theme": goal.theme.slug,
                "description": goal.description,
                "indicator": goal.indicator,
                "unit": goal.unit,
                "baseline_value": _number(goal.baseline_value),
                "baseline_year": goal.baseline_year,
                "target_value": _number(goal.target_value),
                "target_year": goal.target_year,
                "targets_per_owner": _targets_per_owner(goal),
                "progress": _progress(goal),
                "actions": [
                    {
                        "id": action.pk,
                        "title": action.title,
                        "description": action.description,
                        "status": action.status,
                        "progress": action.effective_progress,
                        "start_date": json_value(action.start_date),
                        "due_date": json_value(action.due_date),
                        "product_groups": [group.name for group in action.product_groups.all()],
                        "ambition_level": action.ambition_level or None,
                        "steering_level": action.steering_level or None,
                    }
                    for action in goal.actions.all()
                ],
            }
            for goal in goals
        ],
    }


def _nullable(kind: str) -> list[str]:
    return [kind, "null"]


_ACTION_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "description", "status", "progress", "start_date", "due_date", "product_groups"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "description": "Stable number of the action."},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "status": {"type": "string", "enum": ["gepland", "lopend", "afgerond", "vervallen"]},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100, "description": "Done counts as 100."},
        "start_date": {"type": _nullable("string"), "format": "date"},
        "due_date": {"type": _nullable("string"), "format": "date"},
        "product_groups": {"type": "array", "items": {"type": "string"}},
        "ambition_level": {"type": _nullable("string"), "enum": ["basis", "significant", "ambitieus", None]},
        "steering_level": {"type": _nullable("string"), "enum": ["strategisch", "organisatie", "project", None]},
    },
}
_GOAL_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "theme", "progress", "actions"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "description": "Stable number of the goal."},
        "title": {"type": "string"},
        "theme": {"type": "string", "description": "Slug of the MVOI theme."},
        "description": {"type": "string", "description": "SMART description, in Markdown."},
        "indicator": {"type": "string"},
        "unit": {"type": "string"},
        "baseline_value": {"type": _nullable("number")},
        "baseline_year": {"type": _nullable("integer")},
        "target_value": {"type": _nullable("number")},
        "target_year": {"type": _nullable("integer")},
        "targets_per_owner": {
            "type": _nullable("array"),
            "description": "In a joint plan, where each owner sets its own target for the goal: the target of "
            "each owner (then target_value is not used). Null for a goal with one shared target.",
            "items": {
                "type": "object",
                "required": ["code", "name", "target_value"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "target_value": {"type": _nullable("number")},
                },
            },
        },
        "progress": {"type": _nullable("integer"), "minimum": 0, "maximum": 100},
        "actions": {"type": "array", "items": _ACTION_SCHEMA},
    },
}
PLAN_JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Actieplan MVOI",
    "description": "One published action plan with its goals and actions, under CC0.",
    "type": "object",
    "required": ["id", "url", "licence", "title", "organisation", "owners", "start_year", "end_year", "goals"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "Stable identifier of the plan."},
        "url": {"type": "string", "format": "uri"},
        "schema": {"type": "string", "format": "uri"},
        "licence": {
            "type": "object",
            "required": ["id", "url"],
            "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
        },
        "title": {"type": "string"},
        "organisation": {
            "type": "object",
            "required": ["code", "name"],
            "additionalProperties": False,
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            "description": "The lead organisation, which drafts the plan.",
        },
        "adopted_on": {"type": _nullable("string"), "format": "date", "description": "Adoption by the lead."},
        "owners": {
            "type": "array",
            "description": "Every organisation that owns the plan: the lead first, then the co-owners that "
            "accepted (a joint plan), each with the date it adopted the plan itself (null while it has not).",
            "items": {
                "type": "object",
                "required": ["code", "name", "role", "adopted_on"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "role": {"type": "string", "enum": ["lead", "co-owner"]},
                    "adopted_on": {"type": _nullable("string"), "format": "date"},
                },
            },
        },
        "edition": {"type": _nullable("string")},
        "start_year": {"type": "integer"},
        "end_year": {"type": "integer"},
        "track": {"type": "string", "enum": ["startend", "gevorderd"]},
        "published_at": {"type": _nullable("string"), "format": "date-time"},
        "modified": {"type": "string", "format": "date-time"},
        "progress": {"type": _nullable("integer"), "minimum": 0, "maximum": 100},
        "goals": {"type": "array", "items": _GOAL_SCHEMA},
    },
}


# --- in the catalogue -----------------------------------------------------------------------------


def _plans_changed() -> dict:
    """When any plan last changed (a plan leaving publication changes the data too) and the published years."""
    from actionplans.models import ActionPlan, PlanStatus

    published = Q(status=PlanStatus.PUBLISHED)
    return ActionPlan.objects.aggregate(
        updated=Max("updated_at"),
        changed=Max("changes__changed_at", filter=published),
        first=Min("start_year", filter=published),
        last=Max("end_year", filter=published),
    )


def plans_state() -> opendata.DatasetState:
    figures = _plans_changed()
    modified = max(filter(None, [figures["updated"], figures["changed"]]), default=None)
    period = (date(figures["first"], 1, 1), date(figures["last"], 12, 31)) if figures["first"] else None
    return opendata.DatasetState(modified=modified, period=period)


def monitor_state() -> opendata.DatasetState:
    """The newest change of what the monitor counts, and the years of the current edition."""
    from actionplans.models import YearReport
    from manifest.models import ManifestEdition, Signature

    edition = ManifestEdition.objects.current()
    figures = _plans_changed()
    latest = [
        figures["updated"],
        figures["changed"],
        Signature.objects.aggregate(latest=Max("updated_at"))["latest"],
        YearReport.objects.submitted().aggregate(latest=Max("submitted_at"))["latest"],
    ]
    return opendata.DatasetState(
        modified=max(filter(None, latest), default=None),
        period=(date(edition.start_year, 1, 1), date(edition.end_year, 12, 31)) if edition else None,
    )


PLANS_DATASET = opendata.Dataset(
    identifier="actieplannen",
    title=_("Goals and actions of the published action plans"),
    description=_(
        "Every goal and action of the MVOI action plans that organisations have published: plan, organisation, "
        "theme, product groups, ambition and steering level, status and progress. One row per action. Each "
        "published plan is also available on its own as JSON."
    ),
    columns=COLUMNS,
    distributions=[
        opendata.Distribution("actionplans:published_rows_csv", opendata.CSV, "actionplans:published_rows_schema"),
        opendata.Distribution("actionplans:published_rows_json", opendata.JSON),
    ],
    kinds=PLAN_DATA_KINDS,
    state=plans_state,
    page_url_name="actionplans:published_list",
    themes=(opendata.THEME_GOVERNMENT, opendata.THEME_ENVIRONMENT),
)

MONITOR_DATASET = opendata.Dataset(
    identifier="monitor",
    title=_("National MVOI monitor"),
    description=_(
        "Figures of the national MVOI monitor for the current edition: signatories per tier and province, "
        "organisations by the status of their action plan, goals and actions done per theme and yearly "
        "reports. One row per group of a figure."
    ),
    columns=MONITOR_COLUMNS,
    distributions=[
        opendata.Distribution("monitor:data_csv", opendata.CSV, "monitor:data_schema"),
        opendata.Distribution("monitor:data_json", opendata.JSON),
        opendata.Distribution("monitor:data_xlsx", opendata.XLSX),
    ],
    kinds=MONITOR_KINDS,
    state=monitor_state,
    page_url_name="monitor:index",
)


def _years(first: int | None, last: int | None) -> tuple[date, date] | None:
    return (date(first, 1, 1), date(last, 12, 31)) if first else None


def indicators_state() -> opendata.DatasetState:
    """The newest submitted report or change of an indicator, and the years with reported values."""
    from actionplans.models import CommonIndicator, ReportedIndicatorValue, YearReport

    years = ReportedIndicatorValue.objects.aggregate(first=Min("year"), last=Max("year"))
    latest = [
        YearReport.objects.submitted().aggregate(latest=Max("submitted_at"))["latest"],
        CommonIndicator.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    return opendata.DatasetState(
        modified=max(filter(None, latest), default=None), period=_years(years["first"], years["last"])
    )


def product_groups_state() -> opendata.DatasetState:
    """The newest change of a plan or submitted report, and the years of the published plans and the tenders."""
    from actionplans.models import ReportTender, YearReport

    plans = _plans_changed()
    tenders = ReportTender.objects.filter(report__submitted_at__isnull=False).aggregate(
        first=Min("report__year"), last=Max("report__year")
    )
    latest = [
        plans["updated"],
        plans["changed"],
        YearReport.objects.submitted().aggregate(latest=Max("submitted_at"))["latest"],
    ]
    first = min(filter(None, [plans["first"], tenders["first"]]), default=None)
    last = max(filter(None, [plans["last"], tenders["last"]]), default=None)
    return opendata.DatasetState(modified=max(filter(None, latest), default=None), period=_years(first, last))


INDICATORS_DATASET = opendata.Dataset(
    identifier="indicatoren",
    title=_("Common indicators of the MVOI monitor"),
    description=_(
        "What organisations achieve, measured with the common indicators: per indicator and year the sum or "
        "median of the values in submitted yearly reports, for the whole country, per tier and per province, "
        "with how many organisations each figure covers."
    ),
    columns=INDICATOR_COLUMNS,
    distributions=[
        opendata.Distribution("monitor:indicators_csv", opendata.CSV, "monitor:indicators_schema"),
        opendata.Distribution("monitor:indicators_json", opendata.JSON),
    ],
    kinds=INDICATOR_DATA_KINDS,
    state=indicators_state,
    page_url_name="monitor:indicators",
    themes=(opendata.THEME_GOVERNMENT, opendata.THEME_ENVIRONMENT),
)

PRODUCT_GROUPS_DATASET = opendata.Dataset(
    identifier="productgroepen",
    title=_("Product groups of the MVOI monitor"),
    description=_(
        "Per product group of the national MVI criteria and theme: the actions of published action plans by "
        "the ambition level they aim for, and the tenders in submitted yearly reports by the level they "
        "applied, with their contract value. For all organisations and per tier."
    ),
    columns=PRODUCT_GROUP_COLUMNS,
    distributions=[
        opendata.Distribution("monitor:product_groups_csv", opendata.CSV, "monitor:product_groups_schema"),
        opendata.Distribution("monitor:product_groups_json", opendata.JSON),
    ],
    kinds=PRODUCT_GROUP_MONITOR_KINDS,
    state=product_groups_state,
    page_url_name="monitor:product_groups",
    themes=(opendata.THEME_GOVERNMENT, opendata.THEME_ECONOMY),
)


def register_open_data() -> None:
    opendata.register_dataset(MONITOR_DATASET)
    opendata.register_dataset(INDICATORS_DATASET)
    opendata.register_dataset(PRODUCT_GROUPS_DATASET)
    opendata.register_dataset(PLANS_DATASET)
    opendata.register_dataset(SHOWCASES_DATASET)
