"""Browser journey for outcomes: Zwolle measures a goal with a common indicator, tags its actions with product
groups, reports the indicator's value and its tenders, and a visitor finds Zwolle's figures in the national
monitor and its open data. axe checks every page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actionplans.indicators import load_common_indicators
from actionplans.product_groups import load_product_groups
from manifest.models import OrganisationKind
from tests.browser import log_in
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    publish_plan,
    theme,
)

pytestmark = pytest.mark.usefixtures("six_themes")

INDICATOR = "Aandeel circulaire of biobased inkoop"


def downloaded_rows(page, link_name: str, within=None) -> list[dict]:
    with page.expect_download() as download:
        (within or page).get_by_role("link", name=link_name).click()
    return list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))


def test_zwolle_reports_its_outcomes_and_a_visitor_finds_them_in_the_national_figures(page, live_server, axe):
    load_common_indicators()
    load_product_groups()
    overijssel = OrganisationFactory(code="pv21", name="Overijssel", kind=OrganisationKind.PROVINCE)
    zwolle = OrganisationFactory(code="gm0193", name="Zwolle", cbs_code="GM0193", province=overijssel)
    coordinator = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=zwolle, role="coordinator"
    ).user
    year = datetime.date.today().year - 1  # the live server runs on the real clock: this year has ended
    plan = ActionPlanFactory(organisation=zwolle, title="Actieplan MVOI Zwolle", start_year=year, end_year=year + 3)
    goal = GoalFactory(plan=plan, title="Circulair inkopen", theme=theme("circulair"))
    laptops = ActionFactory(goal=goal, title="Refurbished laptops")
    furniture = ActionFactory(goal=goal, title="Hergebruikt kantoormeubilair")
    log_in(page, live_server, coordinator)

    # The goal gets a common indicator with a target.
    page.goto(live_server.url + reverse("actionplans:goal_edit", args=[plan.uuid, goal.pk]))
    axe(page)
    page.get_by_label("Gemeenschappelijke indicator").select_option(label=f"{INDICATOR} (%)")
    page.get_by_label("Streefwaarde").fill("60")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_have_text("Actieplan MVOI Zwolle")
    goal_card = page.locator("article", has=page.get_by_role("heading", name="Circulair inkopen"))
    expect(goal_card.get_by_text(INDICATOR)).to_be_visible()
    axe(page)

    # Each action gets a product group and the ambition level it aims for.
    tags = [
        (laptops, "Automatisering en telecommunicatie", "ICT-hardware en mobiele apparaten", "Ambitieus"),
        (furniture, "Kantoorfaciliteiten en diensten", "Kantoormeubilair", "Significant"),
    ]
    for action, cluster, group, level in tags:
        page.goto(live_server.url + reverse("actionplans:action_edit", args=[plan.uuid, action.pk]))
        axe(page)
        page.get_by_role("group", name=cluster).get_by_label(group, exact=True).check()
        page.get_by_label("Ambitieniveau criteria").select_option(label=level)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text(f"Productgroepen: {group}. Ambitieniveau criteria: {level}.")).to_be_visible()
        axe(page)
    publish_plan(plan)  # adopting and publishing are walked in the plan journeys

    # The yearly report: the indicator's value and the tenders per product group.
    page.goto(live_server.url + reverse("actionplans:report_detail", args=[plan.uuid, year]))
    expect(page.locator("h1")).to_have_text(f"Verslag over {year}")
    axe(page)
    page.get_by_label(f"Gemeten waarde in {year} (%)").fill("42,5")
    tenders = [
        ("Rij 1 (nieuw)", "ICT-hardware en mobiele apparaten", "Ambitieus", "2", "1.250.000,50", "312345"),
        ("Rij 2 (nieuw)", "Kantoormeubilair", "Significant", "1", "87.500", ""),
    ]
    for legend, group, level, count, value, tenderned in tenders:
        row = page.get_by_role("group", name=legend)
        row.get_by_label("Productgroep").select_option(label=group)
        row.get_by_label("Thema").select_option(label="Circulair (inclusief biobased)")
        row.get_by_label("Toegepast ambitieniveau").select_option(label=level)
        row.get_by_label("Aantal aanbestedingen").fill(count)
        row.get_by_label("Contractwaarde in euro").fill(value)
        row.get_by_label("Publicatienummer TenderNed").fill(tenderned)
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.locator("h1")).to_have_text(f"Het verslag over {year} indienen")
    axe(page)
    page.get_by_role("button", name="Verslag indienen").click()
    expect(page.get_by_text(f"Het verslag over {year} is ingediend.")).to_be_visible()
    reported = page.get_by_role("table", name=f"Aanbestedingen gegund in {year} per productgroep")
    expect(
        reported.locator("tr", has=page.get_by_role("rowheader", name="ICT-hardware")).get_by_role("cell")
    ).to_have_text(["Circulair (inclusief biobased)", "Ambitieus", "2", "1.250.000,50", "312345"])
    expect(
        reported.locator("tr", has=page.get_by_role("rowheader", name="Kantoormeubilair")).get_by_role("cell")
    ).to_have_text(["Circulair (inclusief biobased)", "Significant", "1", "87.500,00", "–"])
    axe(page)

    page.context.clear_cookies()  # from here on an anonymous visitor
    page.goto(live_server.url + reverse("monitor:indicators"))
    expect(page.locator("h1")).to_have_text("Gemeenschappelijke indicatoren")
    axe(page)
    national = page.get_by_role("table", name=f"{INDICATOR}: heel Nederland, per jaar")
    expect(national.locator("tr", has=page.get_by_role("rowheader", name=str(year))).get_by_role("cell")).to_have_text(
        ["1", "42,5"]
    )
    provinces = page.get_by_role("table", name=f"{INDICATOR} in {year}, per provincie", exact=False)
    expect(
        provinces.locator("tr", has=page.get_by_role("rowheader", name="Overijssel")).get_by_role("cell")
    ).to_have_text(["1", "42,5"])
    rows = downloaded_rows(page, "Cijfers van de indicatoren als CSV")
    assert {
        (row["scope"], row["year"], row["organisations"], row["value"])
        for row in rows
        if row["indicator"] == "circulaire-inkoop"
    } >= {("national", str(year), "1", "42.50"), ("province", str(year), "1", "42.50")}

    page.goto(live_server.url + reverse("monitor:product_groups"))
    expect(page.locator("h1")).to_have_text("Productgroepen: geplande en toegepaste ambitieniveaus")
    axe(page)
    page.get_by_label("Organisaties", exact=True).select_option(label="Gemeente")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="Gemeente", exact=True)).to_be_visible()
    axe(page)
    # Planned: basic, significant, ambitious actions; applied: basic, significant, ambitious tenders; value.
    for group, figures in [
        ("ICT-hardware en mobiele apparaten", ["0", "0", "1", "0", "0", "2", "1.250.000,50"]),
        ("Kantoormeubilair", ["0", "1", "0", "0", "1", "0", "87.500,00"]),
    ]:
        row = page.locator("tr", has=page.get_by_role("rowheader", name=group))
        expect(row.get_by_role("cell")).to_have_text(["Circulair (inclusief biobased)", *figures])
    rows = downloaded_rows(page, "Productgroepen als CSV")
    figures = {
        (row["scope"], row["product_group"]): (
            row["planned_ambitieus"],
            row["tenders_ambitieus"],
            row["planned_significant"],
            row["tenders_significant"],
            row["contract_value"],
        )
        for row in rows
        if row["theme"] == "circulair"
    }
    for scope in ("nationaal", "gemeente"):
        assert figures[scope, "ict-hardware-en-mobiele-apparaten"] == ("1", "2", "0", "0", "1250000.50")
        assert figures[scope, "kantoormeubilair"] == ("0", "0", "1", "1", "87500.00")

    # The catalogue of open data lists both datasets, with the same files.
    page.goto(live_server.url + "/open-data/")
    expect(page.locator("h1")).to_have_text("Open data")
    axe(page)
    for title, group_column, wanted in [
        ("Gemeenschappelijke indicatoren van de MVOI-monitor", "indicator", "circulaire-inkoop"),
        ("Productgroepen van de MVOI-monitor", "product_group", "kantoormeubilair"),
    ]:
        dataset = page.get_by_role("region", name=title)
        expect(dataset.get_by_role("heading", name=title)).to_be_visible()
        rows = downloaded_rows(page, "Downloaden als CSV", within=dataset)
        assert wanted in {row[group_column] for row in rows}
