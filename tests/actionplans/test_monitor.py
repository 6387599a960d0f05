"""The national monitor: figures against a hand-built fixture, open data parsed back, constant queries, caching."""

import csv
import datetime
import importlib
import io
import json

import pytest
from django.urls import reverse

from actionplans.models import ActionStatus
from actionplans.monitor import compute_figures, monitor_figures
from core.page_cache import every_kind_changed
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    ManifestEditionFactory,
    OrganisationFactory,
    SignatureFactory,
    publish_plan,
    submitted_report,
    theme,
)

pytestmark = pytest.mark.django_db


def plan_with(organisation, goals: list[tuple[str, list[str]]], *, published: bool):
    """A plan with goals per theme slug and actions with the given statuses."""
    plan = ActionPlanFactory(organisation=organisation)
    for theme_slug, statuses in goals:
        goal = GoalFactory(plan=plan, theme=theme(theme_slug))
        for status in statuses:
            ActionFactory(goal=goal, status=status)
    return publish_plan(plan) if published else plan


@pytest.fixture
def country(people):
    """Two provinces with five municipalities, a water board; signatures, plans and reports (see the asserts)."""
    utrecht_province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind="provincie")
    overijssel = OrganisationFactory(code="pv23", name="Overijssel", kind="provincie")
    utrecht, zwolle = people.organisation_a, people.organisation_b
    utrecht.province = utrecht_province
    utrecht.save()
    zwolle.province = overijssel
    zwolle.save()
    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort", province=utrecht_province)
    OrganisationFactory(code="gm0150", name="Deventer", province=overijssel)
    OrganisationFactory(code="gm0166", name="Kampen", province=overijssel)
    water_board = OrganisationFactory(code="ws0155", name="Waterschap Aa en Maas", kind="waterschap")
    OrganisationFactory(code="gm0999", name="Opgeheven", is_active=False, ended_on="2020-01-01")

    SignatureFactory(organisation=utrecht)
    SignatureFactory(organisation=zwolle)
    SignatureFactory(organisation=water_board)
    SignatureFactory(organisation=amersfoort, status="submitted")  # waiting for verification: not counted
    SignatureFactory(organisation=utrecht_province, edition=ManifestEditionFactory())  # an old edition only

    A, L, V, G = ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED, ActionStatus.PLANNED
    utrecht_plan = plan_with(utrecht, [("klimaat", [A, L, V]), ("klimaat", [A]), ("circulair", [G])], published=True)
    plan_with(utrecht, [("klimaat", [A, A, A, A, A])], published=False)  # a draft: never counted per theme
    zwolle_plan = plan_with(zwolle, [("social-return", [A])], published=False)
    plan_with(amersfoort, [("klimaat", [A])], published=True)

    submitted_report(utrecht_plan, 2026)
    submitted_report(utrecht_plan, 2027)
    submitted_report(zwolle_plan, 2026)
    from actionplans import report_services

    report_services.report_save_draft(
        plan=zwolle_plan, year=2027, user=None, data={}, next_year="", today=datetime.date(2027, 6, 1)
    )
    return people


def figure(figures, name) -> dict:
    return {row["group"]: row for row in figures["figures"][name]}


def test_monitor_figures_match_the_hand_built_fixture(country):
    figures = compute_figures()
    assert figures["edition"] == "2022-2025"

    tiers = figure(figures, "signatories_per_tier")
    assert (tiers["gemeente"]["value"], tiers["gemeente"]["total"], str(tiers["gemeente"]["share"])) == (2, 5, "40.0")
    assert (tiers["waterschap"]["value"], tiers["waterschap"]["total"]) == (1, 1)
    assert (tiers["provincie"]["value"], tiers["provincie"]["total"]) == (0, 2)
    assert (tiers["rijk"]["value"], tiers["rijk"]["total"], tiers["rijk"]["share"]) == (0, 0, None)

    provinces = figure(figures, "signatories_per_province")
    assert list(provinces) == ["pv23", "pv26"]  # Overijssel before Provincie Utrecht, by name
    assert (provinces["pv26"]["value"], provinces["pv26"]["total"], str(provinces["pv26"]["share"])) == (1, 2, "50.0")
    assert (provinces["pv23"]["value"], provinces["pv23"]["total"], str(provinces["pv23"]["share"])) == (1, 3, "33.3")

    plans = figure(figures, "signatories_by_plan_status")
    assert {group: row["value"] for group, row in plans.items()} == {
        "geen": 1,
        "concept": 2,
        "vastgesteld": 0,
        "gepubliceerd": 1,
    }
    assert {row["total"] for row in plans.values()} == {3}

    goals = figure(figures, "goals_per_theme")
    assert (goals["klimaat"]["value"], goals["klimaat"]["actions"]) == (3, 5)
    assert (goals["circulair"]["value"], goals["circulair"]["actions"]) == (1, 1)
    assert goals["social-return"]["value"] == 0  # only in Zwolle's draft
    assert len(goals) == 6

    done = figure(figures, "actions_done_per_theme")
    assert (done["klimaat"]["value"], done["klimaat"]["total"], str(done["klimaat"]["share"])) == (3, 4, "75.0")
    assert (done["circulair"]["value"], done["circulair"]["total"], str(done["circulair"]["share"])) == (0, 1, "0.0")

    reports = figure(figures, "reports_per_year")
    assert {year: (row["value"], row["organisations"]) for year, row in reports.items()} == {
        "2026": (2, 2),
        "2027": (1, 1),
    }


def test_the_monitor_page_shows_the_figures_as_tables_with_bars(client, country):
    response = client.get(reverse("monitor:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 van de 5 gemeenten (40,0%) hebben ondertekend." in page
    assert "Overijssel" in page and "33" in page
    assert "mvoi-bar__fill--75" in page
    # Seven charts, each a table, the stages per tier and per province, and the column documentation.
    assert page.count("<table") == 10
    assert 'style="' not in page
    assert "CC0" in page and reverse("monitor:data_csv") in page and reverse("monitor:data_json") in page


def test_open_data_csv_parses_back_to_the_same_figures(client, country):
    response = client.get(reverse("monitor:data_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == ["edition", "figure", "group", "label", "value", "total", "share"]
    by_key = {(row["figure"], row["group"]): row for row in rows}
    assert by_key[("signatories_per_tier", "gemeente")] == {
        "edition": "2022-2025",
        "figure": "signatories_per_tier",
        "group": "gemeente",
        "label": "Gemeente",
        "value": "2",
        "total": "5",
        "share": "40.0",
    }
    assert by_key[("actions_done_per_theme", "klimaat")]["share"] == "75.0"
    assert by_key[("reports_per_year", "2026")]["value"] == "2"
    assert by_key[("goals_per_theme", "klimaat")]["total"] == ""


def test_open_data_json_parses_back_to_the_same_figures(client, country):
    data = json.loads(client.get(reverse("monitor:data_json")).content)
    assert data["licence"] == "CC0-1.0" and data["edition"] == "2022-2025"
    assert [column["name"] for column in data["columns"]] == [
        "edition",
        "figure",
        "group",
        "label",
        "value",
        "total",
        "share",
    ]
    provinces = {row["group"]: row for row in data["figures"]["signatories_per_province"]}
    assert provinces["pv23"]["value"] == 1 and provinces["pv23"]["total"] == 3 and provinces["pv23"]["share"] == 33.3
    plans = {row["group"]: row["value"] for row in data["figures"]["signatories_by_plan_status"]}
    assert plans == {"geen": 1, "concept": 2, "vastgesteld": 0, "gepubliceerd": 1}


def test_english_open_data_has_english_labels(client, country):
    data = json.loads(client.get("/en/monitor/data.json").content)
    tiers = {row["group"]: row["label"] for row in data["figures"]["signatories_per_tier"]}
    assert tiers["gemeente"] == "Municipality"


def add_published_plans(count: int, goals_per_plan: int, actions_per_goal: int) -> None:
    for number in range(count):
        organisation = OrganisationFactory(code=f"gm{5000 + number}", name=f"Extra {number}")
        SignatureFactory(organisation=organisation)
        plan = plan_with(
            organisation,
            [("klimaat", [ActionStatus.DONE] * actions_per_goal)] * goals_per_plan,
            published=True,
        )
        submitted_report(plan, 2026)


def test_monitor_computes_with_the_same_number_of_queries_for_small_and_larger_data(country, django_assert_num_queries):
    with django_assert_num_queries(8):
        compute_figures()
    add_published_plans(15, goals_per_plan=3, actions_per_goal=4)
    with django_assert_num_queries(8):
        figures = compute_figures()
    assert figure(figures, "goals_per_theme")["klimaat"]["value"] == 3 + 45


def test_monitor_page_query_count_is_constant_cached_and_uncached(
    client, locmem_cache, country, django_assert_num_queries
):
    url = reverse("monitor:index")
    every_kind_changed()  # the fixture's factories write past the services
    # An in-memory cache, so the counts are the page's own: eight to compute, none once cached; and once
    # per change, for the page cache, when an action falls overdue and a signing window opens or closes.
    with django_assert_num_queries(10):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    add_published_plans(10, goals_per_plan=2, actions_per_goal=3)
    every_kind_changed()
    with django_assert_num_queries(10):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)


def test_monitor_is_cached_until_a_plan_a_report_or_a_signature_changes(client, country, staff_in_session):
    url = reverse("monitor:index")
    first = monitor_figures()
    assert monitor_figures()["generated_at"] == first["generated_at"]
    assert figure(monitor_figures(), "signatories_per_tier")["waterschap"]["value"] == 1

    # A plan is published: the figures follow at once.
    draft = country.organisation_b.action_plans.get()
    publish_plan(draft)
    assert figure(monitor_figures(), "goals_per_theme")["social-return"]["value"] == 1

    # A report is submitted.
    submitted_report(draft, 2027)
    assert figure(monitor_figures(), "reports_per_year")["2027"]["value"] == 2

    # A signature is verified (the manifest app knows nothing of the monitor).
    from manifest.models import Signature
    from manifest.services import signature_approve

    signature_approve(signature=Signature.objects.get(organisation__code="gm0307"), by=staff_in_session)
    assert figure(monitor_figures(), "signatories_per_tier")["gemeente"]["value"] == 3
    page = client.get(url).content.decode()
    assert "3 van de 5 gemeenten" in page


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        ("/monitor/", "actionplans.monitor"),
        ("/monitor/indicatoren/", "actionplans.indicator_monitor"),
        ("/monitor/productgroepen/", "actionplans.product_group_monitor"),
    ],
)
def test_each_monitor_page_explains_every_column_of_its_open_data(client, path, columns):
    page = client.get(path).content.decode()
    documented = importlib.import_module(columns).COLUMNS
    for column in documented:
        assert f"<code>{column.name}</code>" in page, column.name
        assert str(column.description).replace("'", "&#x27;") in page, column.name
    assert page.count('scope="row"><code>') == len(documented)
