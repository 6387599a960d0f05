"""Every CSV the portal writes opens safely in a spreadsheet: free text never arrives as a formula."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from core.csv_export import spreadsheet_cell
from manifest.models import OrganisationKind
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    SignatureFactory,
    theme,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

# One text for each character that makes a spreadsheet cell a formula (OWASP's list).
FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def formula(number: int) -> str:
    return FORMULAS[number % len(FORMULAS)]


def neutralised(text: str) -> str:
    return "'" + text


def parsed(response, *, delimiter=",") -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize("text", FORMULAS)
def test_text_starting_like_a_formula_gets_an_apostrophe(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [Decimal("-3.5"), -3, -0.25])
def test_numbers_the_portal_writes_stay_numbers(value):
    assert spreadsheet_cell(value) == value


def test_negative_looking_text_is_text():
    assert spreadsheet_cell("-3.5") == "'-3.5"
    assert spreadsheet_cell("Minder CO2") == "Minder CO2"
    assert spreadsheet_cell(None) == ""


def test_plan_export_neutralises_every_free_text_field_and_keeps_negative_numbers(client, people):
    climate = theme("klimaat")
    climate.name = formula(0)
    climate.save()
    plan = ActionPlanFactory(organisation=people.organisation_a)
    goal = GoalFactory(
        plan=plan,
        theme=climate,
        title=formula(1),
        description=formula(2),
        indicator=formula(3),
        unit=formula(4),
        baseline_value=Decimal("-3.5"),
        target_value=Decimal("-10"),
    )
    ActionFactory(goal=goal, title=formula(5), description=formula(0), owner=formula(1))
    client.force_login(people.member_a)
    rows = parsed(client.get(reverse("actionplans:plan_csv", args=[plan.uuid])), delimiter=";")
    goal_row = next(row for row in rows if row["soort"] == "doel")
    action_row = next(row for row in rows if row["soort"] == "actie")
    assert goal_row["thema"] == neutralised(formula(0))
    assert goal_row["titel"] == neutralised(formula(1))
    assert goal_row["omschrijving"] == neutralised(formula(2))
    assert goal_row["indicator"] == neutralised(formula(3))
    assert goal_row["eenheid"] == neutralised(formula(4))
    assert goal_row["nulwaarde"] == "-3.50" and goal_row["streefwaarde"] == "-10.00"
    assert action_row["titel"] == neutralised(formula(5))
    assert action_row["omschrijving"] == neutralised(formula(0))
    assert action_row["eigenaar"] == neutralised(formula(1))


def test_report_export_neutralises_every_free_text_field(client, people):
    people.organisation_a.name = formula(0)
    people.organisation_a.save()
    plan = ActionPlanFactory(organisation=people.organisation_a, title=formula(1))
    climate = theme("klimaat")
    goal = GoalFactory(
        plan=plan,
        theme=climate,
        title=formula(2),
        indicator=formula(3),
        unit=formula(4),
        baseline_value=Decimal("-3.5"),
    )
    ActionFactory(goal=goal)
    from actionplans import report_services

    report_services.report_save_draft(
        plan=plan,
        year=2026,
        user=None,
        data={"goals": {str(goal.pk): "-1.25"}, "themes": {str(climate.pk): formula(2)}},
        next_year=formula(0),
    )
    report_services.report_submit(plan=plan, year=2026, user=None, today=datetime.date(2027, 1, 15))
    log_in_with_two_factor(client, people.staff)
    [row] = parsed(client.get(reverse("actionplans:report_export")))
    assert row["organisation_name"] == neutralised(formula(0))
    assert row["plan_title"] == neutralised(formula(1))
    assert row["goal"] == neutralised(formula(2))
    assert row["indicator"] == neutralised(formula(3))
    assert row["unit"] == neutralised(formula(4))
    assert row["theme_narrative"] == neutralised(formula(2))  # the service strips whitespace
    assert row["next_year"] == neutralised(formula(0))
    assert row["baseline_value"] == "-3.5" and row["measured_value"] == "-1.25"


def test_register_csv_neutralises_every_free_text_field(client, people):
    province = OrganisationFactory(code="pv26", name=formula(0), kind=OrganisationKind.PROVINCE)
    people.organisation_a.name = formula(1)
    people.organisation_a.province = province
    people.organisation_a.save()
    SignatureFactory(organisation=people.organisation_a, signatory_name=formula(2), signatory_role=formula(3))
    [row] = parsed(client.get(reverse("manifest:register_csv")))
    assert row["organisation_name"] == neutralised(formula(1))
    assert row["province_name"] == neutralised(formula(0))
    assert row["signatory_name"] == neutralised(formula(2))
    assert row["signatory_role"] == neutralised(formula(3))


def test_staff_signature_export_neutralises_every_free_text_field(client, people, staff_with_two_factor):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    province = OrganisationFactory(code="pv26", name=formula(0), kind=OrganisationKind.PROVINCE)
    people.organisation_a.name = formula(1)
    people.organisation_a.province = province
    people.organisation_a.save()
    SignatureFactory(
        organisation=people.organisation_a,
        signatory_name=formula(2),
        signatory_role=formula(3),
        contact_name=formula(4),
        contact_phone=formula(5),
        rejection_reason=formula(0),
        withdrawal_reason=formula(1),
    )
    log_in_with_two_factor(client, staff_with_two_factor)
    [row] = parsed(client.get(reverse("admin:manifest_signature_export")))
    assert row["organisation_name"] == neutralised(formula(1))
    assert row["province"] == neutralised(formula(0))
    assert row["signatory_name"] == neutralised(formula(2))
    assert row["signatory_role"] == neutralised(formula(3))
    assert row["contact_name"] == neutralised(formula(4))
    assert row["contact_phone"] == neutralised(formula(5))
    assert row["rejection_reason"] == neutralised(formula(0))
    assert row["withdrawal_reason"] == neutralised(formula(1))


def test_monitor_csv_neutralises_theme_and_province_names(client, people):
    climate = theme("klimaat")
    climate.name = formula(0)
    climate.save()
    province = OrganisationFactory(code="pv26", name=formula(1), kind=OrganisationKind.PROVINCE)
    people.organisation_a.province = province
    people.organisation_a.save()
    SignatureFactory(organisation=people.organisation_a)
    GoalFactory(plan=ActionPlanFactory(organisation=people.organisation_a), theme=climate)
    rows = parsed(client.get(reverse("monitor:data_csv")))
    labels = {(row["figure"], row["group"]): row["label"] for row in rows}
    assert labels[("goals_per_theme", "klimaat")] == neutralised(formula(0))
    assert labels[("signatories_per_province", "pv26")] == neutralised(formula(1))
    assert not [row for row in rows if any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row.values())]


def test_every_csv_export_of_the_portal_goes_through_the_one_writer():
    """No module but core.csv_export writes CSV itself; a new export cannot forget the rule."""
    from pathlib import Path

    project = Path(__file__).resolve().parents[2]
    writers = []
    for path in project.glob("*/**/*.py"):
        if path.parts[len(project.parts)] in {"tests", "bench", ".venv", "node_modules"}:
            continue
        text = path.read_text(encoding="utf-8")
        if "csv.writer(" in text or "csv.DictWriter(" in text:
            writers.append(str(path.relative_to(project)))
    assert writers == ["core/csv_export.py"]


# --- The open-data CSVs: what members and staff type reaches anybody's spreadsheet ------------------


def cells_by_column(response) -> dict[str, list[str]]:
    rows = parsed(response)
    return {name: [row[name] for row in rows] for name in (rows[0] if rows else {})}


def columns_holding_a_formula(response) -> set[str]:
    """The columns where a planted formula arrived (neutralised); fails on any cell a spreadsheet would run."""
    found = set()
    for name, cells in cells_by_column(response).items():
        for cell in cells:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), f"{name}: {cell!r}"
            if any(text in cell for text in FORMULAS):
                assert cell.startswith("'"), f"{name}: {cell!r}"
                found.add(name)
    return found


@pytest.fixture
def hostile_published_plan(people):
    """A published plan whose every free text, and its organisation's, theme's and product group's names, is a formula."""
    from actionplans import services
    from actionplans.models import AmbitionLevel, CommonIndicator
    from tests.factories import ProductGroupFactory, publish_plan, submitted_report

    province = OrganisationFactory(code="pv26", name=formula(0), kind=OrganisationKind.PROVINCE)
    people.organisation_a.name = formula(1)
    people.organisation_a.province = province
    people.organisation_a.save()
    climate = theme("klimaat")
    climate.name = formula(2)
    climate.save()
    indicator = CommonIndicator.objects.create(
        code="formule",
        theme=climate,
        name=formula(3),
        definition=formula(4),
        measurement=formula(5),
        unit="t CO2-eq",
        direction="down",
        aggregation="sum",
    )
    plan = ActionPlanFactory(organisation=people.organisation_a, title=formula(3), start_year=2025, end_year=2028)
    goal = GoalFactory(
        plan=plan,
        theme=climate,
        title=formula(4),
        description=formula(5),
        indicator=formula(0),
        unit=formula(1),
    )
    measured = GoalFactory(
        plan=plan, theme=climate, title=formula(4), common_indicator=indicator, indicator="", unit=""
    )
    action = ActionFactory(goal=goal, title=formula(2), description=formula(3), owner=formula(4), status="afgerond")
    action.product_groups.add(ProductGroupFactory(name=formula(5), slug="formule"))
    action.ambition_level = AmbitionLevel.SIGNIFICANT
    action.save()
    submitted_report(plan, 2026, values={measured: "12"})
    plan = publish_plan(plan, people.coordinator_a)
    services.showcase_save(
        action=action,
        user=None,
        data={
            "result": formula(0),
            "figure_value": Decimal("-3.5"),
            "figure_unit": formula(1),
            "figures_text": formula(2),
        },
    )
    return plan


def test_published_plans_open_data_neutralises_every_free_text_field(client, hostile_published_plan):
    response = client.get(reverse("actionplans:published_rows_csv"))
    assert columns_holding_a_formula(response) == {
        "plan_title",
        "organisation_name",
        "goal_title",
        "goal_indicator",
        "goal_unit",
        "action_title",
        "product_groups",
    }


def test_showcases_csv_neutralises_every_free_text_field(client, hostile_published_plan):
    response = client.get("/voorbeelden/voorbeeldacties.csv")
    assert columns_holding_a_formula(response) == {
        "organisation_name",
        "theme_name",
        "plan_title",
        "action_title",
        "result",
        "figure_unit",
        "figures_text",
    }


def test_indicator_monitor_csv_neutralises_indicator_and_province_names(client, hostile_published_plan):
    response = client.get(reverse("monitor:indicators_csv"))
    assert columns_holding_a_formula(response) == {"indicator_name", "label"}


def test_product_group_monitor_csv_neutralises_product_group_names(client, hostile_published_plan):
    response = client.get(reverse("monitor:product_groups_csv"))
    assert columns_holding_a_formula(response) == {"product_group_name"}
