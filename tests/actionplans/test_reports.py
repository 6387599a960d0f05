"""Yearly reports: writing a draft, submitting a frozen snapshot, the comparison view and the staff pages.

Every test here runs on 1 February 2027 (the `report_day` fixture): the report on 2026 can be
submitted, the one on 2027 written but not yet submitted, and the one on 2028 not yet started.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans import report_services, services
from actionplans.models import ActionStatus, ReportStatus, YearReport
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    ReportingDeadlineFactory,
    SignatureFactory,
    publish_plan,
    submitted_report,
    theme,
)
from tests.users import log_in_with_two_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    goal = GoalFactory(
        plan=plan,
        title="Minder CO2 bij inkoop",
        indicator="Uitstoot van ingekochte diensten",
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


def index_url(plan):
    return reverse("actionplans:report_index", args=[plan.uuid])


def form_data(plan, **overrides):
    """What the report form posts: the prefilled values plus overrides."""
    data = {"next_year": "Meer tenders met criteria."}
    for goal in plan.goals.all():
        data[f"goal_{goal.pk}"] = ""
        data[f"theme_{goal.theme_id}"] = ""
        for action in goal.actions.all():
            data[f"action_{action.pk}_status"] = action.status
            data[f"action_{action.pk}_progress"] = str(action.progress)
            data[f"action_{action.pk}_note"] = action.progress_note
    data.update(overrides)
    return data


def the_action(plan, title="Klimaatcriteria in alle tenders"):
    return plan.goals.get(title="Minder CO2 bij inkoop").actions.get(title=title)


def form_html(page: str) -> str:
    return page[page.index('<form method="post" novalidate>') : page.index("</form>", page.index("novalidate"))]


def goal_cards(page: str) -> list[str]:
    """The HTML of each goal on the report form."""
    return form_html(page).split('<div class="mvoi-card mvoi-goal mvoi-report-goal">')[1:]


def test_coordinator_sees_the_report_form_prefilled_from_the_plan(client, people, plan):
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Minder CO2 bij inkoop" in page and "Meer circulaire inkoop" in page
    action = the_action(plan)
    form = response.context["form"]
    assert form[f"action_{action.pk}_status"].value() == ActionStatus.IN_PROGRESS
    assert form[f"action_{action.pk}_progress"].value() == 40
    assert "<dt>Nulmeting</dt><dd>100 ton (2025)</dd>" in page
    assert "<dt>Streefwaarde</dt><dd>50 ton (2029)</dd>" in page


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
    assert form[f"goal_{goal.pk}"].value() == "82,5"  # shown with the Dutch decimal comma
    assert form[f"theme_{goal.theme_id}"].value() == "Goed op weg."


def test_bad_input_gets_a_form_error_and_keeps_what_was_typed(client, people, plan):
    client.force_login(people.coordinator_a)
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    action = the_action(plan)
    data = form_data(
        plan,
        **{
            f"goal_{goal.pk}": "veel",
            f"action_{action.pk}_progress": "150",
            f"action_{action.pk}_note": "Vertraagd door de aanbesteding.",
        },
    )
    data["next_year"] = "Mijn tekst"
    response = client.post(report_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Verbeter het volgende" in page
    assert 'value="veel"' in page and 'value="150"' in page
    assert "Mijn tekst" in page and "Vertraagd door de aanbesteding." in page
    assert not YearReport.objects.exists()


def test_a_measured_share_above_100_for_a_goal_in_percent_is_refused_and_kept(client, people, plan):
    """A goal with its own indicator in % (no common indicator) measures a share too."""
    client.force_login(people.coordinator_a)
    share = plan.goals.get(title="Meer circulaire inkoop")
    response = client.post(report_url(plan), form_data(plan, **{f"goal_{share.pk}": "150"}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Een percentage ligt tussen 0 en 100." in page
    assert f'name="goal_{share.pk}" value="150"' in page
    assert not YearReport.objects.exists()
    with pytest.raises(ValidationError):
        report_services.report_save_draft(
            plan=plan, year=2026, user=people.coordinator_a, data={"goals": {str(share.pk): "100.5"}}, next_year=""
        )
    assert not YearReport.objects.exists()


def test_the_error_summary_names_the_action_and_links_to_the_field_with_its_error(client, people, plan):
    client.force_login(people.coordinator_a)
    action = the_action(plan)
    response = client.post(report_url(plan), form_data(plan, **{f"action_{action.pk}_progress": "150"}))
    page = response.content.decode()
    field_id = f"id_action_{action.pk}_progress"
    summary = page[page.index('id="error-summary"') : page.index("</ul>", page.index('id="error-summary"'))]
    assert f'href="#{field_id}">Klimaatcriteria in alle tenders – Voortgang (%): ' in summary
    assert "Marktdialoog" not in summary
    # The message sits beside the field, and the field points to it for screen readers.
    assert f'id="{field_id}_error"' in page
    field = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', page).group(0)
    assert f"{field_id}_error" in field and 'aria-invalid="true"' in field


# --- the form's layout ------------------------------------------------------------------------------


def test_every_action_is_a_fieldset_with_its_title_as_legend_and_short_labels(client, people, plan):
    client.force_login(people.coordinator_a)
    page = client.get(report_url(plan)).content.decode()
    form = form_html(page)
    for action in plan.goals.get(title="Minder CO2 bij inkoop").actions.all():
        assert f'<legend class="utrecht-form-fieldset__legend">{action.title}</legend>' in form
        assert form.count(action.title) == 1  # the legend, not every label again
        for name, label in (("status", "Status"), ("progress", "Voortgang (%)"), ("note", "Toelichting")):
            assert re.search(
                rf'<label class="utrecht-form-label" for="id_action_{action.pk}_{name}">{re.escape(label)}[ <]', form
            )


def test_every_goal_has_the_same_layout_whatever_it_holds(client, people, plan):
    """A goal with indicator, baseline, target and actions and one with nothing of that look alike."""
    client.force_login(people.coordinator_a)
    page = client.get(report_url(plan)).content.decode()
    full, empty = goal_cards(page)
    assert "Minder CO2 bij inkoop" in full and "Meer circulaire inkoop" in empty

    def shape(card):
        return {
            "legend": len(re.findall(r'<legend class="utrecht-form-fieldset__legend"><h3', card)),
            "facts": re.findall(r"<dt>([^<]*)</dt>", card),
            "value": len(
                re.findall(r'<label class="utrecht-form-label" for="id_goal_\d+">Gemeten waarde in 2026', card)
            ),
            "actions_heading": card.count('<h4 class="utrecht-heading-4">Acties</h4>'),
        }

    assert (
        shape(full)
        == shape(empty)
        == {
            "legend": 1,
            "facts": ["Indicator", "Nulmeting", "Streefwaarde"],
            "value": 1,
            "actions_heading": 1,
        }
    )
    assert "<dt>Nulmeting</dt><dd>niet vastgesteld</dd>" in empty
    assert "Dit doel heeft geen acties." in empty


def test_the_report_form_page_query_count_does_not_grow_with_the_plan(
    client, people, plan, django_assert_max_num_queries
):
    client.force_login(people.coordinator_a)
    url = report_url(plan)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for _ in range(10):
        ActionFactory(goal=GoalFactory(plan=plan, theme=theme("social-return")))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


# --- the explanation per action ---------------------------------------------------------------------


def test_an_explanation_per_action_is_stored_with_the_report_and_shown_in_it(client, people, plan):
    client.force_login(people.coordinator_a)
    action = the_action(plan)
    note = "Twee grote tenders schoven naar het voorjaar."
    client.post(report_url(plan), form_data(plan, **{f"action_{action.pk}_note": note}))
    report = YearReport.objects.get(plan=plan, year=2026)
    assert report.data["actions"][str(action.pk)]["note"] == note
    assert client.get(report_url(plan)).context["form"][f"action_{action.pk}_note"].value() == note

    client.post(report_url(plan, name="report_submit"))
    report.refresh_from_db()
    frozen = report.snapshot["themes"][0]["goals"][0]["actions"][0]
    assert frozen["title"] == "Klimaatcriteria in alle tenders" and frozen["note"] == note
    client.force_login(people.member_a)
    assert f"Toelichting: {note}" in client.get(report_url(plan)).content.decode()


def test_the_report_starts_from_the_explanation_on_the_actions_progress_page(client, people, plan):
    action = the_action(plan)
    action.progress_note = "Wacht op het nieuwe inkoopbeleid."
    action.save()
    client.force_login(people.coordinator_a)
    form = client.get(report_url(plan)).context["form"]
    assert form[f"action_{action.pk}_note"].value() == "Wacht op het nieuwe inkoopbeleid."


def test_an_explanation_on_the_progress_page_shows_on_the_plan_and_the_public_plan(client, people, plan):
    plan = publish_plan(plan, people.coordinator_a)
    action = the_action(plan)
    client.force_login(people.member_a)
    url = reverse("actionplans:action_progress", args=[plan.uuid, action.pk])
    assert "Toelichting op de voortgang" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "status": ActionStatus.IN_PROGRESS,
            "progress": "50",
            "progress_note": "De eerste drie tenders hadden klimaatcriteria.",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress_note == "De eerste drie tenders hadden klimaatcriteria."
    text = "Toelichting op de voortgang:</strong> De eerste drie tenders hadden klimaatcriteria."
    assert text in client.get(plan.get_absolute_url()).content.decode()
    client.logout()
    assert text in client.get(plan.get_public_url()).content.decode()


def test_a_too_long_explanation_on_the_progress_page_keeps_what_was_typed(client, people, plan):
    action = the_action(plan)
    client.force_login(people.member_a)
    url = reverse("actionplans:action_progress", args=[plan.uuid, action.pk])
    response = client.post(
        url, {"status": ActionStatus.IN_PROGRESS, "progress": "55", "progress_note": "x" * 1001, "version": 1}
    )
    page = response.content.decode()
    assert "Verbeter het volgende" in page and 'value="55"' in page and "x" * 1001 in page
    action.refresh_from_db()
    assert action.progress == 40 and action.progress_note == ""


# --- the plan's period and the calendar -------------------------------------------------------------


def test_report_index_offers_only_the_years_of_the_plan(client, people, plan):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.member_a)
    page = client.get(index_url(plan)).content.decode()
    for year in range(2026, 2030):
        assert f"Verslag over {year}" in page
    assert "Verslag over 2025" not in page and "Verslag over 2030" not in page
    assert "Ingediend" in page and "Niet begonnen" in page


@pytest.mark.parametrize("year", [2025, 2030, 1999])
@pytest.mark.parametrize("name", ["report_detail", "report_submit", "report_compare"])
def test_a_year_outside_the_plan_period_is_404(client, people, plan, year, name):
    client.force_login(people.coordinator_a)
    assert client.get(report_url(plan, year, name=name)).status_code == 404
    assert client.post(report_url(plan, year, name=name), form_data(plan)).status_code in (404, 405)
    assert not YearReport.objects.exists()


def test_the_services_refuse_a_report_on_a_year_outside_the_plan(people, plan):
    with pytest.raises(report_services.ReportYearOutsidePlan):
        report_services.report_save_draft(plan=plan, year=2030, user=None, data={}, next_year="")
    with pytest.raises(report_services.ReportYearOutsidePlan):
        report_services.report_submit(plan=plan, year=2025, user=None, today=datetime.date(2027, 2, 1))
    assert not YearReport.objects.exists()


def test_a_report_left_outside_a_shortened_plan_period_is_no_longer_offered(client, people, plan):
    report_services.report_save_draft(plan=plan, year=2026, user=None, data={}, next_year="Oud concept.")
    plan.start_year = 2027
    plan.save()
    client.force_login(people.coordinator_a)
    assert "Verslag over 2026" not in client.get(index_url(plan)).content.decode()
    assert client.get(report_url(plan, 2026)).status_code == 404


def test_a_report_on_a_year_not_yet_begun_cannot_be_started(client, people, plan):
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan, 2028))
    page = response.content.decode()
    assert response.status_code == 200 and response.context["form"] is None
    assert "Het verslag over 2028 kunt u schrijven vanaf 1 januari 2028" in page
    assert client.post(report_url(plan, 2028), form_data(plan)).status_code == 403
    with pytest.raises(report_services.ReportNotOpen):
        report_services.report_save_draft(plan=plan, year=2028, user=None, data={}, next_year="")
    assert not YearReport.objects.exists()
    index = client.get(index_url(plan)).content.decode()
    assert "Opent op 1 januari 2028" in index
    assert report_url(plan, 2028) not in index and report_url(plan, 2027) in index


def test_the_report_on_the_running_year_is_written_but_not_submitted_until_the_year_ends(client, people, plan):
    client.force_login(people.coordinator_a)
    page = client.get(report_url(plan, 2027)).content.decode()
    assert "Concept opslaan" in page and "Opslaan en indienen" not in page
    assert "Dit verslag kunt u indienen vanaf 1 januari 2028." in page
    assert "Vanaf 1 januari 2028" in client.get(index_url(plan)).content.decode()

    # Asking for submission anyway saves the draft and says when submission opens.
    response = client.post(report_url(plan, 2027), form_data(plan, submit="1"), follow=True)
    assert "Het conceptverslag is opgeslagen." in response.content.decode()
    assert "Het verslag over 2027 kunt u indienen vanaf 1 januari 2028." in response.content.decode()
    response = client.post(report_url(plan, 2027, name="report_submit"), follow=True)
    assert response.redirect_chain[-1][0] == report_url(plan, 2027)
    assert YearReport.objects.get(plan=plan, year=2027).status == ReportStatus.DRAFT
    with pytest.raises(report_services.ReportNotOpen):
        report_services.report_submit(plan=plan, year=2027, user=None)


def test_the_report_on_a_finished_year_can_be_submitted(client, people, plan):
    client.force_login(people.coordinator_a)
    page = client.get(report_url(plan, 2026)).content.decode()
    assert "Opslaan en indienen" in page and "Dit verslag kunt u nu indienen." in page
    assert "Nu mogelijk" in client.get(index_url(plan)).content.decode()


def test_submission_opens_the_day_after_the_year_ends(people, plan):
    with pytest.raises(report_services.ReportNotOpen):
        report_services.report_submit(plan=plan, year=2026, user=None, today=datetime.date(2026, 12, 31))
    report = report_services.report_submit(plan=plan, year=2026, user=None, today=datetime.date(2027, 1, 1))
    assert report.status == ReportStatus.SUBMITTED


def test_a_draft_can_be_started_on_the_first_day_of_the_year(people, plan):
    with pytest.raises(report_services.ReportNotOpen):
        report_services.report_save_draft(
            plan=plan, year=2028, user=None, data={}, next_year="", today=datetime.date(2027, 12, 31)
        )
    report = report_services.report_save_draft(
        plan=plan, year=2028, user=None, data={}, next_year="", today=datetime.date(2028, 1, 1)
    )
    assert report.status == ReportStatus.DRAFT


def test_vng_staff_open_submission_earlier_for_the_signed_edition(client, people, plan):
    ReportingDeadlineFactory(year=2027, opens_on=datetime.date(2027, 1, 15), deadline=datetime.date(2028, 3, 31))
    client.force_login(people.coordinator_a)
    assert "Opslaan en indienen" not in client.get(report_url(plan, 2027)).content.decode()  # not signed

    SignatureFactory(organisation=people.organisation_a)
    page = client.get(report_url(plan, 2027)).content.decode()
    assert "Opslaan en indienen" in page
    assert "Dit verslag kunt u nu indienen, uiterlijk op 31 maart 2028." in page
    response = client.post(report_url(plan, 2027, name="report_submit"))
    assert response.status_code == 302
    assert YearReport.objects.get(plan=plan, year=2027).status == ReportStatus.SUBMITTED


def test_before_an_earlier_opening_the_screens_say_when_submission_opens(client, people, plan):
    SignatureFactory(organisation=people.organisation_a)
    ReportingDeadlineFactory(year=2027, opens_on=datetime.date(2027, 12, 1), deadline=datetime.date(2028, 3, 31))
    client.force_login(people.coordinator_a)
    page = client.get(report_url(plan, 2027)).content.decode()
    assert "Dit verslag kunt u indienen vanaf 1 december 2027, uiterlijk op 31 maart 2028." in page
    index = client.get(index_url(plan)).content.decode()
    assert "Vanaf 1 december 2027" in index and "uiterste datum 31 maart 2028" in index


# --- submitting -------------------------------------------------------------------------------------


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


def test_after_submitting_the_coordinator_lands_on_the_report_with_a_message_and_next_steps(client, people, plan):
    plan = publish_plan(plan, people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.post(report_url(plan, name="report_submit"), follow=True)
    assert response.redirect_chain == [(report_url(plan), 302)]
    page = response.content.decode()
    assert "Het verslag over 2026 is ingediend." in page
    assert "<h1" in page and "Verslag over 2026</h1>" in page
    next_steps = page[page.index('id="next-steps-title"') :]
    assert f'href="{plan.get_public_url()}"' in next_steps
    assert f'href="{reverse("monitor:index")}#reports"' in next_steps


def test_a_submitted_draft_plan_sends_the_coordinator_on_to_the_monitor_only(client, people, plan):
    client.force_login(people.coordinator_a)
    page = client.post(report_url(plan, name="report_submit"), follow=True).content.decode()
    next_steps = page[page.index('id="next-steps-title"') :]
    assert plan.get_public_url() not in next_steps and f'href="{reverse("monitor:index")}#reports"' in next_steps


def test_a_submitted_report_cannot_be_changed(client, people, plan):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.coordinator_a)
    response = client.get(report_url(plan))
    assert response.context["form"] is None
    # A coordinator who still had the form open is told, and the report stays as it was.
    response = client.post(report_url(plan), form_data(plan, next_year="Te laat."), follow=True)
    assert "Dit verslag is ingediend en kan niet meer worden gewijzigd." in response.content.decode()
    assert YearReport.objects.get(plan=plan, year=2026).next_year == ""
    client.force_login(people.member_a)
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


def test_trend_shows_every_submitted_year_as_a_chart_with_a_table(client, people, plan, report_day):
    goal = plan.goals.get(title="Minder CO2 bij inkoop")
    submitted_report(plan, 2026, user=people.coordinator_a, values={goal: "90"})
    submitted_report(plan, 2027, user=people.coordinator_a, values={goal: "70"})
    report_day.move_to(datetime.datetime(2028, 6, 1, 10, tzinfo=datetime.UTC))
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


def test_compare_is_offered_only_when_the_year_before_has_a_submitted_report(client, people, plan):
    client.force_login(people.coordinator_a)
    compare_2027 = report_url(plan, 2027, name="report_compare")
    report_services.report_save_draft(plan=plan, year=2026, user=None, data={}, next_year="Concept.")
    report_services.report_save_draft(plan=plan, year=2027, user=None, data={}, next_year="Concept.")
    # The year before is only a draft: no link anywhere, and the address says there is nothing to compare.
    assert compare_2027 not in client.get(index_url(plan)).content.decode()
    assert compare_2027 not in client.get(report_url(plan, 2027)).content.decode()
    response = client.get(compare_2027)
    assert response.status_code == 404
    assert "er is nog geen ingediend verslag over 2026" in response.content.decode()
    assert "themes" not in response.context

    submitted_report(plan, 2026)
    assert compare_2027 in client.get(index_url(plan)).content.decode()
    assert compare_2027 in client.get(report_url(plan, 2027)).content.decode()
    assert client.get(compare_2027).status_code == 200


def test_the_first_year_of_a_plan_offers_no_comparison(client, people, plan):
    submitted_report(plan, 2026)
    client.force_login(people.member_a)
    compare_2026 = report_url(plan, 2026, name="report_compare")
    assert compare_2026 not in client.get(report_url(plan, 2026)).content.decode()
    assert "er is nog geen ingediend verslag over 2025" in client.get(compare_2026).content.decode()


def test_comparison_query_count_does_not_grow_with_the_number_of_goals(
    client, people, plan, django_assert_max_num_queries
):
    submitted_report(plan, 2026, user=people.coordinator_a)
    client.force_login(people.member_a)
    url = report_url(plan, 2027, name="report_compare")
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    for _ in range(20):
        ActionFactory(goal=GoalFactory(plan=plan))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_report_index_query_count_does_not_grow_with_the_number_of_reports(
    client, people, django_assert_max_num_queries
):
    plan = ActionPlanFactory(organisation=people.organisation_a, start_year=2024, end_year=2027)
    SignatureFactory(organisation=people.organisation_a)
    submitted_report(plan, 2024)
    client.force_login(people.member_a)
    with django_assert_max_num_queries(20) as small:
        assert client.get(index_url(plan)).status_code == 200
    submitted_report(plan, 2025)
    submitted_report(plan, 2026)
    ReportingDeadlineFactory(year=2026, deadline=datetime.date(2027, 3, 31))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(index_url(plan)).status_code == 200


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
    ReportingDeadlineFactory(year=2026, deadline=datetime.date(2027, 3, 31))
    client.force_login(people.member_a)
    url = index_url(plan)
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
