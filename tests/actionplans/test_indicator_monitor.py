"""The indicator monitor: sums and medians worked out by hand, per tier, province and year; open data; queries; cache."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplans.indicator_monitor import COLUMNS, compute_indicator_figures
from actionplans.indicators import load_common_indicators
from actionplans.models import CommonIndicator
from core.page_cache import every_kind_changed
from tests.factories import ActionPlanFactory, GoalFactory, OrganisationFactory, submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators(six_themes):
    load_common_indicators()
    return {indicator.code: indicator for indicator in CommonIndicator.objects.all()}


def report(organisation, indicators, year: int, **values):
    """A submitted report of `organisation` on `year` with values per indicator code (underscores for dashes)."""
    plan = ActionPlanFactory(organisation=organisation, start_year=2025, end_year=2028)
    goals = {}
    for code, value in values.items():
        indicator = indicators[code.replace("_", "-")]
        goals[GoalFactory(plan=plan, theme=indicator.theme, common_indicator=indicator)] = value
    return submitted_report(plan, year, values=goals)


@pytest.fixture
def country(indicators):
    """Three municipalities in two provinces and a water board, reporting on 2025 and 2026."""
    utrecht_province = OrganisationFactory(code="pv26", name="Utrecht", kind="provincie")
    overijssel = OrganisationFactory(code="pv23", name="Overijssel", kind="provincie")
    utrecht = OrganisationFactory(code="gm0344", name="Gemeente Utrecht", province=utrecht_province)
    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort", province=utrecht_province)
    zwolle = OrganisationFactory(code="gm0193", name="Zwolle", province=overijssel)
    water_board = OrganisationFactory(code="ws0155", name="Waterschap Aa en Maas", kind="waterschap")
    report(utrecht, indicators, 2026, co2_reductie="100", circulaire_inkoop="10")
    report(amersfoort, indicators, 2026, co2_reductie="250.5", circulaire_inkoop="20")
    report(zwolle, indicators, 2026, co2_reductie="40", circulaire_inkoop="60")
    report(water_board, indicators, 2026, co2_reductie="9.5", circulaire_inkoop="35")
    report(utrecht, indicators, 2025, co2_reductie="80", circulaire_inkoop="5")
    report(zwolle, indicators, 2025, circulaire_inkoop="15")


def rows_of(figures, code):
    indicator = next(indicator for indicator in figures["indicators"] if indicator["code"] == code)
    return {
        (row["year"], row["scope"], row["group"]): (row["organisations"], row["value"]) for row in indicator["rows"]
    }


def test_amounts_are_summed_nationally_per_tier_per_province_and_per_year(country):
    rows = rows_of(compute_indicator_figures(), "co2-reductie")
    assert rows[(2026, "national", "")] == (4, Decimal("400.00"))  # 100 + 250.5 + 40 + 9.5
    assert rows[(2026, "tier", "gemeente")] == (3, Decimal("390.50"))
    assert rows[(2026, "tier", "waterschap")] == (1, Decimal("9.50"))
    assert rows[(2026, "province", "pv26")] == (2, Decimal("350.50"))
    assert rows[(2026, "province", "pv23")] == (1, Decimal("40.00"))
    assert rows[(2025, "national", "")] == (1, Decimal("80.00"))  # Zwolle reported no CO2 on 2025
    assert (2025, "province", "pv23") not in rows


def test_percentages_take_the_median_never_the_sum(country):
    rows = rows_of(compute_indicator_figures(), "circulaire-inkoop")
    assert rows[(2026, "national", "")] == (4, Decimal("27.50"))  # 10, 20, 35, 60: mean of 20 and 35
    assert rows[(2026, "tier", "gemeente")] == (3, Decimal("20.00"))  # 10, 20, 60
    assert rows[(2026, "province", "pv26")] == (2, Decimal("15.00"))  # 10, 20
    assert rows[(2025, "national", "")] == (2, Decimal("10.00"))  # 5, 15


def test_indicators_without_values_are_listed_with_no_rows(country):
    figures = compute_indicator_figures()
    assert rows_of(figures, "social-return-plaatsingen") == {}
    assert len(figures["indicators"]) == CommonIndicator.objects.count()


def test_visitor_sees_the_figures_and_how_many_organisations_they_cover(client, country):
    page = client.get(reverse("monitor:indicators")).content.decode()
    assert "CO2-reductie door inkoop" in page
    assert "Elk cijfer gaat alleen over de organisaties die een waarde gaven in een ingediend jaarverslag" in page
    assert "Organisaties met een waarde" in page
    assert '<td class="utrecht-table__cell">390,5</td>' in page  # no trailing zero
    assert "350,5</td>" in page and "27,5</td>" in page
    assert "Mediaan (%)" in page and "Som (t CO2-eq)" in page
    assert "Nog geen organisatie heeft een waarde op deze indicator gegeven." in page

    earlier = client.get(reverse("monitor:indicators"), {"jaar": "2025"}).content.decode()
    assert "CO2-reductie door inkoop in 2025, per bestuurslaag" in earlier
    assert "350,5" not in earlier


def test_a_year_without_values_shows_the_latest_year(client, country):
    response = client.get(reverse("monitor:indicators"), {"jaar": "1999"})
    assert response.status_code == 200
    assert "CO2-reductie door inkoop in 2026, per bestuurslaag" in response.content.decode()


def test_csv_and_json_follow_the_documented_columns(client, country):
    names = [column.name for column in COLUMNS]
    response = client.get(reverse("monitor:indicators_csv"))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == names
    rows = [dict(zip(names, row, strict=True)) for row in table[1:]]
    national = next(
        r for r in rows if r["indicator"] == "co2-reductie" and r["year"] == "2026" and r["scope"] == "national"
    )
    assert (national["organisations"], national["value"], national["aggregation"]) == ("4", "400.00", "sum")

    body = json.loads(client.get(reverse("monitor:indicators_json")).content)
    assert [column["name"] for column in body["columns"]] == names
    assert body["licence"] == "CC0-1.0"
    assert all(list(row) == names for row in body["rows"])
    median = next(
        r
        for r in body["rows"]
        if r["indicator"] == "circulaire-inkoop" and r["year"] == 2026 and r["group"] == "gemeente"
    )
    assert (median["organisations"], median["value"]) == (3, 20.0)
    assert len(body["rows"]) == len(table) - 1


def add_reporting_organisations(indicators, count: int) -> None:
    province = OrganisationFactory(kind="provincie")
    for _number in range(count):
        report(OrganisationFactory(province=province), indicators, 2026, co2_reductie="1", social_return_aandeel="5")


def test_figures_take_the_same_number_of_queries_for_small_and_ten_times_larger_data(
    indicators, country, django_assert_num_queries
):
    with django_assert_num_queries(4):
        compute_indicator_figures()
    add_reporting_organisations(indicators, 30)
    with django_assert_num_queries(4):
        figures = compute_indicator_figures()
    assert rows_of(figures, "co2-reductie")[(2026, "national", "")] == (34, Decimal("430.00"))


def test_page_query_count_is_constant_and_zero_once_cached(
    client, locmem_cache, indicators, country, django_assert_num_queries
):
    url = reverse("monitor:indicators")
    every_kind_changed()
    # Four to compute, one for the themes' names; two more, once per change, for the page cache: when an
    # action of a published plan falls overdue and when a signing window opens or closes.
    with django_assert_num_queries(7):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    add_reporting_organisations(indicators, 30)
    every_kind_changed()
    with django_assert_num_queries(7):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)


def test_page_shows_a_new_report_and_a_renamed_indicator_at_once(client, indicators, country):
    from actionplans.services import common_indicator_save

    url = reverse("monitor:indicators")
    assert "400" in client.get(url).content.decode()
    report(OrganisationFactory(name="Deventer"), indicators, 2026, co2_reductie="600")
    assert "1000" in client.get(url).content.decode() or "1.000" in client.get(url).content.decode()
    indicator = indicators["co2-reductie"]
    indicator.name = "Vermeden uitstoot"
    common_indicator_save(indicator=indicator)
    assert "Vermeden uitstoot" in client.get(url).content.decode()


def test_national_monitor_links_to_the_indicators(client, six_themes):
    assert reverse("monitor:indicators") in client.get(reverse("monitor:index")).content.decode()
