"""The showcases as open data: the columns of the CSV and JSON downloads of /voorbeelden/, each described.

Every column comes from public content only: the published plan, its organisation and the showcase
itself. Nobody's name or e-mail address is in it. The dataset "voorbeeldacties" is registered in the
portal's catalogue (core/opendata.py) by `actionplans/opendata.py:register_open_data`.
"""

from datetime import date

from django.conf import settings
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from actionplans.cache import PLANS
from core import opendata
from core.opendata import Column
from guidance.cache import THEMES
from manifest.cache import REGISTER

SHOWCASE_KINDS = (PLANS, REGISTER, THEMES)

COLUMNS = [
    Column(
        "organisation_code",
        "string",
        _("Code of the organisation in this portal, as in the register."),
        "gm0344",
        required=True,
    ),
    Column("organisation_name", "string", _("Name of the organisation."), "Utrecht", required=True),
    Column(
        "tier",
        "string",
        _("Tier of government: rijk, waterschap, provincie, gemeente or overig."),
        "gemeente",
        required=True,
    ),
    Column("province_code", "string", _("Code of the province a municipality lies in."), "pv26"),
    Column("theme", "string", _("Slug of the MVOI theme of the action's goal."), "klimaat", required=True),
    Column("theme_name", "string", _("Dutch name of that theme."), "Klimaat", required=True),
    Column("plan_title", "string", _("Title of the published action plan."), "Actieplan MVOI 2026-2029", required=True),
    Column(
        "plan_url",
        "string",
        _("Address of the published action plan."),
        "https://mvoi.example/actieplannen/openbaar/…/",
        required=True,
        format="uri",
    ),
    Column("edition", "string", _("Slug of the manifest edition the plan carries out."), "2022-2025"),
    Column(
        "action_title", "string", _("Title of the action."), "Klimaatcriteria in alle aanbestedingen", required=True
    ),
    Column(
        "action_status",
        "string",
        _("Status of the action: gepland, lopend, afgerond or vervallen."),
        "afgerond",
        required=True,
    ),
    Column("position", "integer", _("Place among the plan's showcases, 1 to 10."), "1", required=True),
    Column(
        "result",
        "string",
        _("What the action achieved, in the organisation's words."),
        "Alle nieuwe contracten…",
        required=True,
    ),
    Column("figure_value", "number", _("A number that shows the result."), "120"),
    Column("figure_unit", "string", _("The unit of that number."), "ton CO2 per jaar"),
    Column("figures_text", "string", _("Figures in a short line of text."), "8 van 10 aanbestedingen"),
    Column(
        "featured",
        "boolean",
        _("True when VNG editors feature it on the home and theme pages."),
        "false",
        required=True,
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]


def record(showcase) -> dict:
    """One showcase as a row; needs the relations `Showcase.objects.for_listing()` loads."""
    plan = showcase.plan
    organisation = plan.organisation
    figure = showcase.figure_value
    return {
        "organisation_code": organisation.code,
        "organisation_name": organisation.name,
        "tier": organisation.kind,
        "province_code": organisation.province.code if organisation.province else None,
        "theme": showcase.action.goal.theme.slug,
        "theme_name": showcase.action.goal.theme.name,
        "plan_title": plan.title,
        "plan_url": f"{settings.SITE_URL}{plan.get_public_url()}",
        "edition": plan.edition.slug if plan.edition else None,
        "action_title": showcase.action.title,
        "action_status": showcase.action.status,
        "position": showcase.position,
        "result": showcase.result,
        # Whole figures as integers, others as fractions: a number either way, in the CSV and the JSON.
        "figure_value": None if figure is None else (int(figure) if figure == figure.to_integral() else float(figure)),
        "figure_unit": showcase.figure_unit or None,
        "figures_text": showcase.figures_text or None,
        "featured": showcase.is_featured,
    }


def records(showcases):
    return (record(showcase) for showcase in showcases)


def table_schema() -> dict:
    return opendata.table_schema(COLUMNS)


def showcases_state() -> opendata.DatasetState:
    """The newest change of a public showcase or its plan, and the years of the plans with showcases."""
    from actionplans.models import Showcase

    figures = Showcase.objects.public().aggregate(
        showcase_changed=Max("updated_at"),
        plan_changed=Max("plan__updated_at"),
        first=Min("plan__start_year"),
        last=Max("plan__end_year"),
    )
    modified = max(filter(None, [figures["showcase_changed"], figures["plan_changed"]]), default=None)
    period = (date(figures["first"], 1, 1), date(figures["last"], 12, 31)) if figures["first"] else None
    return opendata.DatasetState(modified=modified, period=period)


SHOWCASES_DATASET = opendata.Dataset(
    identifier="voorbeeldacties",
    title=_("Showcases of the action plans"),
    description=_(
        "Actions of published MVOI action plans that their organisations hold up as examples: what each "
        "achieved, with its organisation, theme and plan. One row per showcase."
    ),
    columns=COLUMNS,
    distributions=[
        opendata.Distribution("showcases:csv", opendata.CSV, "showcases:schema"),
        opendata.Distribution("showcases:json", opendata.JSON),
    ],
    kinds=SHOWCASE_KINDS,
    state=showcases_state,
    page_url_name="showcases:list",
    themes=(opendata.THEME_GOVERNMENT, opendata.THEME_ENVIRONMENT),
)
