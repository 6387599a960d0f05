"""Common indicators: kept by VNG staff, loaded from the content file, chosen for goals, reported on yearly."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from actionplans import report_services
from actionplans.indicators import load_common_indicators, parse_number, starting_set
from actionplans.models import CommonIndicator, Goal, ReportedIndicatorValue, YearReport
from tests.factories import ActionPlanFactory, GoalFactory, submitted_report, theme
from tests.users import log_in_with_two_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]


@pytest.fixture
def indicators(six_themes):
    load_common_indicators()
    return {indicator.code: indicator for indicator in CommonIndicator.objects.all()}


@pytest.fixture
def staff_client(client, people):
    from accounts.services import editor_group_ensure

    people.staff.groups.add(editor_group_ensure())
    log_in_with_two_factor(client, people.staff)
    return client


# --- the starting set and the admin -------------------------------------------------------------------


def test_starting_set_loads_once_and_keeps_what_staff_changed(six_themes):
    codes = [record["code"] for record in starting_set()]
    assert {"co2-reductie", "social-return-aandeel", "social-return-plaatsingen"} <= set(codes)
    assert load_common_indicators() == codes
    indicator = CommonIndicator.objects.get(code="co2-reductie")
    assert (indicator.unit, indicator.aggregation, indicator.theme.slug) == ("t CO2-eq", "sum", "klimaat")
    indicator.name = "Vermeden CO2"
    indicator.save()
    assert load_common_indicators() == []
    assert CommonIndicator.objects.get(code="co2-reductie").name == "Vermeden CO2"
    assert CommonIndicator.objects.count() == len(codes)


def test_every_percentage_of_the_starting_set_takes_the_median(six_themes):
    load_common_indicators()
    assert set(CommonIndicator.objects.filter(unit="%").values_list("aggregation", flat=True)) == {"median"}


def test_database_refuses_a_summed_percentage(indicators):
    indicator = indicators["circulaire-inkoop"]
    indicator.aggregation = "sum"
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator.save()


def test_staff_with_second_factor_add_an_indicator_in_the_admin(staff_client):
    url = reverse("admin:actionplans_commonindicator_add")
    data = {
        "theme": theme("diversiteit-inclusie").pk,
        "code": "inclusieve-opdrachten",
        "name": "Opdrachten met afspraken over inclusie",
        "definition": "Opdrachten met afspraken over diversiteit.",
        "measurement": "Tel de opdrachten.",
        "unit": "aantal",
        "direction": "up",
        "aggregation": "sum",
        "order": "1",
        "is_active": "on",
        "name_en": "",
        "definition_en": "",
        "measurement_en": "",
    }
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert CommonIndicator.objects.get(code="inclusieve-opdrachten").theme.slug == "diversiteit-inclusie"

    refused = staff_client.post(url, {**data, "code": "aandeel-inclusie", "unit": "%"})
    assert refused.status_code == 200
    assert "Percentages zijn niet op te tellen" in refused.content.decode()
    assert not CommonIndicator.objects.filter(code="aandeel-inclusie").exists()


def test_staff_without_the_second_factor_and_members_cannot_open_the_indicator_admin(client, people, indicators):
    url = reverse("admin:actionplans_commonindicator_changelist")
    for user in (people.staff, people.coordinator_a):
        client.force_login(user)  # a password session only
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"] or "login" in response["Location"]
    client.logout()
    assert client.get(url).status_code == 302


def test_an_indicator_deleted_in_the_admin_leaves_the_cached_monitor_at_once(client, people, indicators):
    indicator = indicators["social-return-plaatsingen"]  # active, and no goal uses it yet
    visitor = Client()
    monitor = reverse("monitor:indicators")
    assert indicator.name in visitor.get(monitor).content.decode()
    people.staff.is_superuser = True  # deleting is for administrators
    people.staff.save()
    log_in_with_two_factor(client, people.staff)

    response = client.post(reverse("admin:actionplans_commonindicator_delete", args=[indicator.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not CommonIndicator.objects.filter(pk=indicator.pk).exists()
    assert indicator.name not in visitor.get(monitor).content.decode()


# --- goals ----------------------------------------------------------------------------------------


def goal_form(**overrides):
    data = {
        "theme": str(theme("klimaat").pk),
        "title": "Minder uitstoot",
        "description": "",
        "common_indicator": "",
        "indicator": "",
        "unit": "",
        "baseline_value": "",
        "baseline_year": "",
        "target_value": "",
        "target_year": "",
    }
    return {**data, **overrides}


def test_coordinator_picks_a_common_indicator_and_sees_its_unit_and_definition(client, people, indicators):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:goal_create", args=[plan.uuid])
    page = client.get(url).content.decode()
    assert '<optgroup label="Klimaat">' in page
    assert "CO2-reductie door inkoop (t CO2-eq)" in page
    co2 = indicators["co2-reductie"]
    response = client.post(url, goal_form(common_indicator=str(co2.pk), target_value="500"), follow=True)
    goal = Goal.objects.get(plan=plan)
    assert (goal.common_indicator, goal.indicator, goal.unit) == (co2, "", "")
    detail = response.content.decode()
    assert "CO2-reductie door inkoop" in detail
    assert "500 t CO2-eq" in detail
    assert co2.definition[:60] in detail


def test_goal_with_its_own_indicator_keeps_it(client, people, indicators):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    client.post(
        reverse("actionplans:goal_create", args=[plan.uuid]), goal_form(indicator="Elektrische bussen", unit="aantal")
    )
    goal = Goal.objects.get(plan=plan)
    assert (goal.common_indicator, goal.indicator, goal.unit) == (None, "Elektrische bussen", "aantal")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"indicator": "Eigen meting"}, "Kies een gemeenschappelijke indicator of beschrijf uw eigen"),
        ({"theme": "circulair"}, "Kies een gemeenschappelijke indicator van het thema van het doel"),
        (
            {"target_value": "150", "indicator_code": "circulaire-inkoop", "theme": "circulair"},
            "Een percentage kan niet meer dan 100 zijn",
        ),
    ],
)
def test_goal_form_refuses_a_common_indicator_that_does_not_fit_and_keeps_the_input(
    client, people, indicators, overrides, message
):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    code = overrides.pop("indicator_code", "co2-reductie")
    if "theme" in overrides:
        overrides["theme"] = str(theme(overrides["theme"]).pk)
    data = goal_form(common_indicator=str(indicators[code].pk), **overrides)
    response = client.post(reverse("actionplans:goal_create", args=[plan.uuid]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Minder uitstoot"' in page
    assert not Goal.objects.filter(plan=plan).exists()


def test_a_plan_uses_a_common_indicator_for_one_goal_only(client, people, indicators):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    co2 = indicators["co2-reductie"]
    GoalFactory(plan=plan, common_indicator=co2)
    client.force_login(people.coordinator_a)
    response = client.post(
        reverse("actionplans:goal_create", args=[plan.uuid]), goal_form(common_indicator=str(co2.pk))
    )
    assert "Dit plan heeft al een doel met deze gemeenschappelijke indicator." in response.content.decode()
    assert plan.goals.count() == 1


def test_database_refuses_a_goal_with_both_a_common_and_an_own_indicator(indicators):
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalFactory(common_indicator=indicators["co2-reductie"], unit="ton")


# --- reported values ------------------------------------------------------------------------------


@pytest.fixture
def plan_with_indicators(people, indicators):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    co2 = GoalFactory(plan=plan, title="Minder CO2", common_indicator=indicators["co2-reductie"])
    share = GoalFactory(
        plan=plan,
        theme=theme("social-return"),
        title="Social return",
        common_indicator=indicators["social-return-aandeel"],
    )
    own = GoalFactory(plan=plan, theme=theme("circulair"), title="Eigen doel", indicator="Saldo", unit="ton")
    return plan, co2, share, own


def report_form(plan, **values):
    data = {"next_year": ""}
    for goal in plan.goals.all():
        data[f"goal_{goal.pk}"] = ""
        data[f"theme_{goal.theme_id}"] = ""
    data.update(values)
    return data


def report_url(plan):
    return reverse("actionplans:report_detail", args=[plan.uuid, 2026])


def test_report_accepts_values_with_a_decimal_comma(client, people, plan_with_indicators):
    plan, co2, share, own = plan_with_indicators
    client.force_login(people.coordinator_a)
    values = {f"goal_{co2.pk}": "1.250,5", f"goal_{share.pk}": "12,5", f"goal_{own.pk}": "-3,25"}
    response = client.post(report_url(plan), report_form(plan, **values), follow=True)
    assert "Het conceptverslag is opgeslagen." in response.content.decode()
    data = YearReport.objects.get(plan=plan, year=2026).data["goals"]
    assert data == {str(co2.pk): "1250.5", str(share.pk): "12.5", str(own.pk): "-3.25"}


@pytest.mark.parametrize(
    ("goal_name", "typed", "message"),
    [
        ("share", "112", "Een percentage ligt tussen 0 en 100."),
        ("co2", "-20", "Deze indicator telt een hoeveelheid, die kan niet negatief zijn."),
        ("share", "12 %", "Vul alleen het getal in, zonder de eenheid (%)"),
        ("co2", "20 ton", "Vul alleen het getal in, zonder de eenheid (t CO2-eq)"),
        ("co2", "veel", "Vul een getal in, bijvoorbeeld 12,5."),
        ("co2", "12,345", "Gebruik hoogstens twee decimalen."),
    ],
)
def test_report_refuses_a_value_the_unit_does_not_allow_and_saves_nothing(
    client, people, plan_with_indicators, goal_name, typed, message
):
    plan, co2, share, _own = plan_with_indicators
    goal = {"co2": co2, "share": share}[goal_name]
    client.force_login(people.coordinator_a)
    other = co2 if goal is share else share
    data = report_form(plan, **{f"goal_{goal.pk}": typed, f"goal_{other.pk}": "10"})
    response = client.post(report_url(plan), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{typed}"' in page  # what was typed stays
    assert not YearReport.objects.filter(plan=plan).exists()


def test_report_service_refuses_a_percentage_over_100_whoever_calls_it(people, plan_with_indicators):
    plan, _co2, share, _own = plan_with_indicators
    with pytest.raises(ValidationError):
        report_services.report_save_draft(
            plan=plan, year=2026, user=people.coordinator_a, data={"goals": {str(share.pk): "101"}}, next_year=""
        )
    assert not YearReport.objects.filter(plan=plan).exists()


def test_report_service_reads_a_value_typed_with_a_decimal_comma_whoever_calls_it(people, plan_with_indicators):
    plan, co2, _share, _own = plan_with_indicators
    report_services.report_save_draft(
        plan=plan, year=2026, user=people.coordinator_a, data={"goals": {str(co2.pk): "1.250,5"}}, next_year=""
    )
    assert YearReport.objects.get(plan=plan, year=2026).data["goals"] == {str(co2.pk): "1250.5"}


@pytest.mark.parametrize("given", ["veel", "NaN", "Infinity", "1e5", "12 ton"])
def test_report_service_refuses_a_value_that_is_no_number_instead_of_dropping_it(people, plan_with_indicators, given):
    plan, co2, _share, _own = plan_with_indicators
    with pytest.raises(ValidationError) as refused:
        report_services.report_save_draft(
            plan=plan, year=2026, user=people.coordinator_a, data={"goals": {str(co2.pk): given}}, next_year=""
        )
    assert refused.value.message_dict == {f"goal_{co2.pk}": ["Vul een getal in, bijvoorbeeld 12,5."]}
    assert not YearReport.objects.filter(plan=plan).exists()


def test_submitted_report_keeps_the_common_indicator_values_for_the_monitor(people, plan_with_indicators):
    plan, co2, share, own = plan_with_indicators
    report = submitted_report(plan, 2026, user=people.coordinator_a, values={co2: "40.5", share: "8", own: "-2"})
    values = {value.indicator.code: value.value for value in ReportedIndicatorValue.objects.filter(report=report)}
    assert values == {"co2-reductie": Decimal("40.50"), "social-return-aandeel": Decimal("8.00")}
    goal = report.snapshot["themes"][0]["goals"][0]
    assert (goal["common_indicator"], goal["indicator"], goal["unit"]) == (
        "co2-reductie",
        "CO2-reductie door inkoop",
        "t CO2-eq",
    )


def test_a_later_report_of_another_plan_on_the_same_year_replaces_the_organisations_value(
    people, plan_with_indicators, indicators
):
    plan, co2, _share, _own = plan_with_indicators
    submitted_report(plan, 2026, values={co2: "40"})
    second_plan = ActionPlanFactory(organisation=people.organisation_a)
    second = GoalFactory(plan=second_plan, common_indicator=indicators["co2-reductie"])
    submitted_report(second_plan, 2026, values={second: "55"})
    assert list(ReportedIndicatorValue.objects.values_list("value", flat=True)) == [Decimal("55.00")]


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12,5", "12.5"), ("12.5", "12.5"), ("1.250,75", "1250.75"), (" 7 ", "7"), ("-3", "-3"), ("1 000", "1000")],
)
def test_numbers_are_read_as_people_type_them(typed, number):
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["12%", "1,2,3", "abc", "", "1e5"])
def test_text_that_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_number(typed)
