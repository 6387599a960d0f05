"""The showcases as open data: the columns of the CSV and JSON downloads of /voorbeelden/, each described.

Every column comes from public content only: the published plan, its organisation and the showcase
itself. Nobody's name or e-mail address is in it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean
    required: bool
    description: Promise
    example: str


COLUMNS = [
    Column(
        "organisation_code", "string", True, _("Code of the organisation in this portal, as in the register."), "gm0344"
    ),
    Column("organisation_name", "string", True, _("Name of the organisation."), "Utrecht"),
    Column(
        "tier", "string", True, _("Tier of government: rijk, waterschap, provincie, gemeente or overig."), "gemeente"
    ),
    Column("province_code", "string", False, _("Code of the province a municipality lies in."), "pv26"),
    Column("theme", "string", True, _("Slug of the MVOI theme of the action's goal."), "klimaat"),
    Column("theme_name", "string", True, _("Dutch name of that theme."), "Klimaat"),
    Column("plan_title", "string", True, _("Title of the published action plan."), "Actieplan MVOI 2026-2029"),
    Column(
        "plan_url",
        "string",
        True,
        _("Address of the published action plan."),
        "https://mvoi.example/actieplannen/openbaar/…/",
    ),
    Column("edition", "string", False, _("Slug of the manifest edition the plan carries out."), "2022-2025"),
    Column("action_title", "string", True, _("Title of the action."), "Klimaatcriteria in alle aanbestedingen"),
    Column(
        "action_status", "string", True, _("Status of the action: gepland, lopend, afgerond or vervallen."), "afgerond"
    ),
    Column("position", "integer", True, _("Place among the plan's showcases, 1 to 10."), "1"),
    Column(
        "result", "string", True, _("What the action achieved, in the organisation's words."), "Alle nieuwe contracten…"
    ),
    Column("figure_value", "number", False, _("A number that shows the result."), "120"),
    Column("figure_unit", "string", False, _("The unit of that number."), "ton CO2 per jaar"),
    Column("figures_text", "string", False, _("Figures in a short line of text."), "8 van 10 aanbestedingen"),
    Column("featured", "boolean", True, _("True when VNG editors feature it on the home and theme pages."), "false"),
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


def schema_fields() -> list[dict]:
    """The columns as the fields of a Frictionless Table Schema."""
    return [
        {
            "name": column.name,
            "type": column.type,
            "description": str(column.description),
            "constraints": {"required": column.required},
            "example": column.example,
        }
        for column in COLUMNS
    ]
