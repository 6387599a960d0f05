"""Yearly reports: writing a draft, submitting a frozen snapshot, the comparison view and the staff pages."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplans import report_services, services
from actionplans.models import ActionStatus, ReportStatus, YearReport
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    SignatureFactory,
    submitted_report,
    theme,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    goal = GoalFactory(
        plan=plan,
        title="Minder CO2 bij inkoop",
        unit="ton",
        baseline_value=Decimal("100"),
        baseline_year=2025,
        target_value=Decimal("50"),
        target_year=2029,
    )
    ActionFactory(goal=goal, title="Klimaatcriteria in alle tenders", status=ActionStatus.IN_PROGRESS, progress=40)
    ActionFactory(goal=goal, title="Marktdialoog", status=ActionStatus.PLANNED, progress=0)
    GoalFactory(plan=plan, theme=theme("circulair"), title="Meer circulaire inkoop", unit="%")
    return plan


def report_url(plan, year=2026, name="report_detail"):
    return reverse(f"actionplans:{name}", args=[plan.uuid, year])


def form_data(plan, **overrides):
    """What the report form posts: the prefilled values plus overrides."""
    data = {"next_year": "Meer tenders met criteria."}
    for goal in plan.goals.all():
        data[f"goal_{goal.pk}"] = ""
        data[f"theme_{goal.theme_id}"] = ""
        for action in goal.actions.all():
            data[f"action_{action.pk}_status"] = action.status
            data[f"action_{action.pk}_progress"] = str(action.progress)
    data.update(overrides)
    return data


def test_coordinator_sees_the_report_form_prefilled_from_the_plan(client, people, plan):
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Minder CO2 bij inkoop" in page and "Meer circulaire inkoop" in page
    action = plan.goals.get(title="Minder CO2 bij inkoop").actions.get(title="Klimaatcriteria in alle tenders")
    form = response.context["form"]
    assert form[f"action_{action.pk}_status"].value() == ActionStatus.IN_PROGRESS
    assert form[f"action_{action.pk}_progress"].value() == 40
    assert "Nulmeting: 100 ton (2025)" in page


def test_member_reads_the_draft_report_without_a_form(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(report_url(plan))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Minder CO2 bij inkoop" in response.content.decode()


def test_member_cannot_save_a_report(client, people, plan):
    client.force_login(people.member_a)
    assert client.post(report_url(plan), form_data(plan)).status_code == 403
    assert not YearReport.objects.exists()


def test_member_of_another_organisation_gets_404_on_the_report(client, people, plan):
    client.force_login(people.member_b)
    assert client.get(report_url(plan)).status_code == 404
    assert client.post(report_url(plan), form_data(plan)).status_code == 404


def test_a_year_outside_the_plan_period_is_404(client, people, plan):
    client.force_login(people.coordinator_a)
    assert client.get(report_url(plan, 2031)).status_code == 404


def test_coordinator_saves_a_draft_and_finds_it_again(client, people, plan):
    client.force_login(people.coordinator_a)
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    data = form_data(plan, **{f"goal_{goal.pk}": "82.5", f"theme_{goal.theme_id}": "Goed op weg."})
    response = client.post(report_url(plan), data, follow=True)
    assert "Het conceptverslag is opgeslagen." in response.content.decode()
    report = YearReport.objects.get(plan=plan, year=2026)
    assert report.status == ReportStatus.DRAFT
    assert report.data["goals"] == {str(goal.pk): "82.5"}
    form = client.get(report_url(plan)).context["form"]
    assert form[f"goal_{goal.pk}"].value() == "82.5"
    assert form[f"theme_{goal.theme_id}"].value() == "Goed op weg."


def test_bad_input_gets_a_form_error_and_keeps_what_was_typed(client, people, plan):
    client.force_login(people.coordinator_a)
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    action = goal.actions.first()
    data = form_data(plan, **{f"goal_{goal.pk}": "veel", f"action_{action.pk}_progress": "150"})
    data["next_year"] = "Mijn tekst"
    response = client.post(report_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Verbeter het volgende" in page
    assert 'value="veel"' in page and "Mijn tekst" in page
    assert not YearReport.objects.exists()


def test_submitting_freezes_the_report_against_later_plan_changes(client, people, plan):
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    action = goal.actions.get(title="Klimaatcriteria in alle tenders")
    client.force_login(people.coordinator_a)
    client.post(report_url(plan), form_data(plan, **{f"goal_{goal.pk}": "80", "submit": "1"}))
    response = client.post(report_url(plan, name="report_submit"))
    assert response.status_code == 302
    report = YearReport.objects.get(plan=plan, year=2026)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == people.coordinator_a

    # The plan changes afterwards: titles, targets, statuses; a goal is deleted, a new one added.
    services.goal_update(
        goal=goal,
        user=people.coordinator_a,
        data={"title": "Een heel ander doel", "target_value": Decimal("10")},
        version=goal.version,
    )
    services.action_update(
        action=action, user=people.coordinator_a, data={"status": ActionStatus.DONE}, version=action.version
    )
    services.goal_delete(goal=plan.goals.get(title="Meer circulaire inkoop"), user=people.coordinator_a)
    GoalFactory(plan=plan, title="Later toegevoegd doel")

    page = client.get(report_url(plan)).content.decode()
    assert "Minder CO2 bij inkoop" in page and "Een heel ander doel" not in page
    assert "Meer circulaire inkoop" in page and "Later toegevoegd doel" not in page
    assert "50 ton (2029)" in page and "10 ton" not in page
    report.refresh_from_db()
    frozen_goal = report.snapshot["themes"][0]["goals"][0]
    assert frozen_goal["title"] == "Minder CO2 bij inkoop"
    assert frozen_goal["target_value"] == "50"
    assert frozen_goal["measured_value"] == "80"
    assert frozen_goal["actions"][0]["status"] == ActionStatus.IN_PROGRESS


def test_a_submitted_report_cannot_be_changed(client, people, plan):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan))
    assert response.context["form"] is None
    assert client.post(report_url(plan), form_data(plan)).status_code == 403
    with pytest.raises(report_services.ReportAlreadySubmitted):
        report_services.report_save_draft(plan=plan, year=2026, user=people.coordinator_a, data={}, next_year="x")
    with pytest.raises(report_services.ReportAlreadySubmitted):
        report_services.report_submit(plan=plan, year=2026, user=people.coordinator_a)


def test_submit_page_of_a_submitted_report_sends_you_to_the_report(client, people, plan):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan, name="report_submit"))
    assert response.status_code == 302 and response["Location"] == report_url(plan)


def test_report_index_lists_every_year_of_the_plan_with_its_status(client, people, plan):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.member_a)
    page = client.get(reverse("actionplans:report_index", args=[plan.uuid])).content.decode()
    for year in range(2026, 2030):
        assert f"Verslag over {year}" in page
    assert "Ingediend" in page and "Niet begonnen" in page


# --- comparison ---------------------------------------------------------------------------------


def test_comparison_shows_values_statuses_and_what_changed(client, people, plan):
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    action = goal.actions.get(title="Klimaatcriteria in alle tenders")
    submitted_report(plan, 2026, user=people.coordinator_a, values={goal: "90"})
    services.action_update(
        action=action, user=people.coordinator_a, data={"status": ActionStatus.DONE}, version=action.version
    )
    ActionFactory(goal=goal, title="Nieuwe actie in 2027")
    submitted_report(plan, 2027, user=people.coordinator_a, values={goal: "70"})

    client.force_login(people.member_a)
    response = client.get(report_url(plan, 2027, name="report_compare"))
    assert response.status_code == 200
    themes = response.context["themes"]
    row = next(g for t in themes for g in t["goals"] if g["goal"]["title"] == "Minder CO2 bij inkoop")
    assert (row["previous_value"], row["value"], row["difference"]) == ("90", "70", Decimal("-20"))
    actions = {a["title"]: a for a in row["actions"]}
    assert actions["Klimaatcriteria in alle tenders"]["changed"]
    assert actions["Klimaatcriteria in alle tenders"]["previous_status"] == "Lopend"
    assert actions["Klimaatcriteria in alle tenders"]["status"] == "Afgerond"
    assert actions["Nieuwe actie in 2027"]["is_new"]
    assert not actions["Marktdialoog"]["changed"]
    page = response.content.decode()
    assert "-20" in page and "gewijzigd" in page and "nieuw" in page


def test_trend_shows_every_submitted_year_as_a_chart_with_a_table(client, people, plan):
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    submitted_report(plan, 2026, user=people.coordinator_a, values={goal: "90"})
    submitted_report(plan, 2027, user=people.coordinator_a, values={goal: "70"})
    report_services.report_save_draft(
        plan=plan, year=2028, user=people.coordinator_a, data={"goals": {str(goal.pk): "1"}}, next_year=""
    )
    client.force_login(people.member_a)
    response = client.get(report_url(plan, 2028, name="report_compare"))
    trend = next(t for t in response.context["trends"] if t["goal"]["title"] == "Minder CO2 bij inkoop")
    assert [(p["year"], p["value"], p["percentage"]) for p in trend["points"]] == [
        (2026, Decimal("90"), 90),
        (2027, Decimal("70"), 70),
    ]
    page = response.content.decode()
    assert "mvoi-bar__fill--90" in page and "mvoi-bar__fill--70" in page
    assert 'style="' not in page


def test_comparison_without_a_previous_report_says_so(client, people, plan):
    client.force_login(people.member_a)
    page = client.get(report_url(plan, 2026, name="report_compare")).content.decode()
    assert "Er is geen verslag over 2025" in page


def test_comparison_query_count_does_not_grow_with_the_number_of_goals(
    client, people, plan, django_assert_max_num_queries
):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.member_a)
    url = report_url(plan, 2027, name="report_compare")
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _ in range(20):
        ActionFactory(goal=GoalFactory(plan=plan))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- VNG staff ------------------------------------------------------------------------------------


def test_staff_sees_who_has_reported_and_who_not(client, people, plan):
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    unsigned = OrganisationFactory(name="Gemeente Zonder Handtekening")
    ActionPlanFactory(organisation=unsigned)
    submitted_report(plan, 2026, user=people.coordinator_a)
    log_in_with_two_factor(client, people.staff)
    response = client.get(reverse("actionplans:report_overview", args=[2026]))
    assert [o.name for o in response.context["reported"]] == ["Utrecht"]
    assert [o.name for o in response.context["missing"]] == ["Zwolle"]
    assert "Gemeente Zonder Handtekening" not in response.content.decode()
    assert "1 van 2 ondertekenaars heeft een verslag ingediend." in response.content.decode()


def test_staff_exports_every_submitted_report_as_csv(client, people, plan):
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    submitted_report(plan, 2026, user=people.coordinator_a, values={goal: "80"}, next_year="Doorgaan.")
    draft_plan = ActionPlanFactory(organisation=people.organisation_b)
    GoalFactory(plan=draft_plan, title="Concept van Zwolle")
    report_services.report_save_draft(plan=draft_plan, year=2026, user=None, data={}, next_year="")
    log_in_with_two_factor(client, people.staff)
    response = client.get(reverse("actionplans:report_export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["goal"] for row in rows} == {"Minder CO2 bij inkoop", "Meer circulaire inkoop"}
    row = next(row for row in rows if row["goal"] == "Minder CO2 bij inkoop")
    assert row["organisation_code"] == "gm0344" and row["year"] == "2026"
    assert row["measured_value"] == "80" and row["baseline_value"] == "100" and row["target_value"] == "50"
    assert row["actions"] == "2" and row["next_year"] == "Doorgaan."


def test_report_index_shows_the_deadline_of_the_signed_edition(client, people, plan):
    from tests.factories import ReportingDeadlineFactory

    ReportingDeadlineFactory(year=2026, deadline=datetime.date(2027, 3, 31))
    client.force_login(people.member_a)
    url = reverse("actionplans:report_index", args=[plan.uuid])
    assert "31 maart 2027" not in client.get(url).content.decode()  # not signed: no deadline applies
    SignatureFactory(organisation=people.organisation_a)
    assert "31 maart 2027" in client.get(url).content.decode()


def test_staff_find_the_report_overview_from_the_plans_page(client, people):
    log_in_with_two_factor(client, people.staff)
    page = client.get(reverse("actionplans:index")).content.decode()
    year = datetime.date.today().year - 1
    assert reverse("actionplans:report_overview", args=[year]) in page
    client.force_login(people.member_a)
    assert (
        reverse("actionplans:report_overview", args=[year])
        not in client.get(reverse("actionplans:index")).content.decode()
    )
