"""The Excel downloads: the register, the monitor and a plan open in a Dutch Excel as they should.

Each workbook is opened back with openpyxl: headers, "Fryslân" intact, text that looks like a formula
still text, numbers numeric, dates as dates; who may download a plan; public files cached like the CSVs.
"""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.xlsx_export import CONTENT_TYPE, Sheet, write_xlsx
from manifest import opendata
from manifest.models import OrganisationKind
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    SignatureFactory,
    publish_plan,
    theme,
)
from tests.users import log_in

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","klik")'
REGISTER_XLSX = reverse("manifest:register_xlsx")
MONITOR_XLSX = reverse("monitor:data_xlsx")


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def records(worksheet) -> list[dict]:
    header, *rows = worksheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def cell_of(worksheet, text):
    return next(cell for row in worksheet.iter_rows() for cell in row if cell.value == text)


# --- The writer ---------------------------------------------------------------------------------


def test_writer_keeps_formula_looking_text_as_text_and_types_numbers_and_dates():
    rows = [[FORMULA, Decimal("-3.5"), date(2026, 3, 1)], ["-2+3", 7, None], ["Fryslân\x07", 0.25, ""]]
    sheet = load_workbook(io.BytesIO(write_xlsx([Sheet("Proef", ["tekst", "getal", "datum"], rows)]))).active
    assert sheet.title == "Proef"
    formula_cell = cell_of(sheet, FORMULA)
    assert formula_cell.data_type == "s"
    assert cell_of(sheet, "-2+3").data_type == "s"
    assert sheet["A4"].value == "Fryslân"  # a control character Excel refuses is left out
    assert [sheet["B2"].value, sheet["B3"].value, sheet["B4"].value] == [-3.5, 7, 0.25]
    assert sheet["C2"].value == datetime(2026, 3, 1) and sheet["C2"].number_format == "d-m-yyyy"
    assert sheet["C3"].value is None and sheet["C4"].value is None


def test_writer_gives_a_bold_frozen_filtered_header_and_readable_column_widths():
    rows = [["Een heel lange titel van een actie die over veel meer gaat dan een paar woorden", 1]]
    sheet = load_workbook(io.BytesIO(write_xlsx([Sheet("Blad", ["titel", "id"], rows)]))).active
    assert sheet["A1"].font.b and sheet["B1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B2"
    assert 60 >= sheet.column_dimensions["A"].width > 40
    assert sheet.column_dimensions["B"].width >= 8


# --- The register ---------------------------------------------------------------------------


@pytest.fixture
def frisian_signatories(db):
    province = OrganisationFactory(code="pv21", name="Fryslân", kind=OrganisationKind.PROVINCE)
    municipality = OrganisationFactory(code="gm1900", name="Súdwest-Fryslân", province=province)
    SignatureFactory(organisation=province, signatory_name=FORMULA, decision_date=date(2021, 11, 23))
    SignatureFactory(organisation=municipality, signatory_name="Anna de Vries")
    return province, municipality


def test_register_workbook_has_the_open_data_columns_frisian_names_dates_and_no_formulas(client, frisian_signatories):
    book = workbook(client.get(REGISTER_XLSX))
    assert book.sheetnames == ["Ondertekenaars", "Kolommen"]
    signatories = book["Ondertekenaars"]
    assert [cell.value for cell in signatories[1]] == opendata.COLUMN_NAMES
    rows = {row["organisation_code"]: row for row in records(signatories)}
    assert rows["pv21"]["organisation_name"] == "Fryslân"
    assert rows["gm1900"]["province_name"] == "Fryslân" and rows["gm1900"]["organisation_name"] == "Súdwest-Fryslân"
    assert isinstance(rows["gm1900"]["signed_on"], datetime)
    assert isinstance(rows["gm1900"]["status_date"], datetime)
    assert rows["pv21"]["signatory_name"] == FORMULA
    assert cell_of(signatories, FORMULA).data_type == "s"
    assert "decision_date" not in rows["pv21"]
    assert datetime(2021, 11, 23) not in rows["pv21"].values()
    explained = records(book["Kolommen"])
    assert [row["Kolom"] for row in explained] == opendata.COLUMN_NAMES


def test_register_workbook_is_cached_and_answers_304_like_the_csv(
    client, locmem_cache, frisian_signatories, django_assert_num_queries
):
    first = client.get(REGISTER_XLSX)
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"] != client.get(reverse("manifest:register_csv"))["ETag"]
    assert client.get(REGISTER_XLSX, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_assert_num_queries(0):
        again = client.get(REGISTER_XLSX)
    assert again.content == first.content


def test_register_and_open_data_pages_link_the_workbook(client, frisian_signatories):
    for name in ("manifest:register", "manifest:open_data"):
        assert f'href="{REGISTER_XLSX}?editie=2022-2025"' in client.get(reverse(name)).content.decode()


# --- The monitor -----------------------------------------------------------------------------


def test_monitor_workbook_has_numbers_as_numbers_and_frisian_names(client, frisian_signatories):
    book = workbook(client.get(MONITOR_XLSX))
    figures = records(book["Monitor"])
    assert list(figures[0]) == ["edition", "figure", "group", "label", "value", "total", "share"]
    frisian = next(row for row in figures if row["figure"] == "signatories_per_province")
    assert frisian["label"] == "Fryslân"
    assert (frisian["value"], frisian["total"], frisian["share"]) == (1, 1, 100)
    assert all(isinstance(row["value"], int) for row in figures)
    assert f'href="{MONITOR_XLSX}"' in client.get(reverse("monitor:index")).content.decode()


def test_monitor_workbook_is_cached(client, locmem_cache, frisian_signatories, django_assert_num_queries):
    first = client.get(MONITOR_XLSX)
    with django_assert_num_queries(0):
        assert client.get(MONITOR_XLSX).content == first.content


# --- A plan --------------------------------------------------------------------------------------


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    goal = GoalFactory(
        plan=plan,
        theme=theme("klimaat"),
        title="Minder CO2 in Fryslân en Utrecht",
        baseline_value=Decimal("-3.5"),
        baseline_year=2025,
        target_value=Decimal("80"),
    )
    ActionFactory(goal=goal, title=FORMULA, start_date=date(2026, 3, 1), due_date=date(2027, 10, 31), progress=40)
    return plan


def plan_xlsx(plan):
    return reverse("actionplans:plan_xlsx", args=[plan.uuid])


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("member_b", 404), ("member_a", 200), ("coordinator_a", 200), ("staff", 200)],
)
def test_plan_workbook_only_for_the_organisation_and_vng_staff(client, people, plan, who, status):
    log_in(client, getattr(people, who))
    assert client.get(plan_xlsx(plan)).status_code == status


def test_plan_workbook_has_the_export_columns_numbers_dates_and_text_that_stays_text(client, people, plan):
    client.force_login(people.member_a)
    assert f'href="{plan_xlsx(plan)}"' in client.get(plan.get_absolute_url()).content.decode()
    response = client.get(plan_xlsx(plan))
    assert response["Content-Disposition"] == 'attachment; filename="actieplan-gm0344-2026-2029.xlsx"'
    sheet = workbook(response).active
    goal, action = records(sheet)
    assert goal["titel"] == "Minder CO2 in Fryslân en Utrecht"
    assert (goal["nulwaarde"], goal["nuljaar"], goal["streefwaarde"]) == (-3.5, 2025, 80)
    assert action["titel"] == FORMULA and cell_of(sheet, FORMULA).data_type == "s"
    assert (action["start"], action["einde"]) == (datetime(2026, 3, 1), datetime(2027, 10, 31))
    assert action["voortgang"] == 40 and isinstance(action["id"], int)


def test_public_plan_workbook_for_everyone_once_published_and_cached(
    client, people, plan, locmem_cache, django_assert_num_queries
):
    url = reverse("actionplans:published_xlsx", args=[plan.uuid])
    assert client.get(url).status_code == 404  # a draft is nobody's business yet
    publish_plan(plan)
    first = client.get(url)
    assert records(workbook(first).active)[0]["titel"] == "Minder CO2 in Fryslân en Utrecht"
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content
    assert f'href="{url}"' in client.get(plan.get_public_url()).content.decode()
