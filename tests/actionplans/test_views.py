import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, ActionStatus, Goal, PlanStatus
from guidance.models import Theme
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, MembershipFactory, UserFactory, theme
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    goal = GoalFactory(plan=plan, title="Klimaatcriteria", theme=theme("klimaat"))
    ActionFactory(goal=goal, title="Spendanalyse", progress=50)
    ActionFactory(goal=goal, title="Inkoopdocumenten", progress=0)
    return plan


def url(name, *args):
    return reverse(f"actionplans:{name}", args=args)


# --- starting a plan --------------------------------------------------------------------------


def test_member_starts_a_plan_from_the_startend_template(client, people):
    client.force_login(people.member_b)
    response = client.post(
        url("plan_create"),
        {"organisation": people.organisation_b.pk, "start": "startend", "start_year": 2026, "end_year": 2028},
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Actieplan MVOI Zwolle 2026–2028" in page
    assert "Social return" in page


def test_new_plan_form_only_offers_own_organisations(client, people):
    client.force_login(people.member_a)
    response = client.post(
        url("plan_create"),
        {"organisation": people.organisation_b.pk, "start": "startend", "start_year": 2026, "end_year": 2028},
    )
    assert response.status_code == 200
    assert not ActionPlan.objects.exists()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_new_plan_with_last_year_before_first_year_keeps_the_input(client, people):
    client.force_login(people.member_a)
    response = client.post(
        url("plan_create"),
        {"organisation": people.organisation_a.pk, "start": "leeg", "title": "Mijn plan", "start_year": 2028,
         "end_year": 2026},
    )  # fmt: skip
    page = response.content.decode()
    assert "Het laatste jaar kan niet vóór het eerste jaar liggen." in page
    assert 'value="Mijn plan"' in page
    assert not ActionPlan.objects.exists()


def test_copying_a_published_plan_of_another_organisation(client, people):
    source = ActionPlanFactory(organisation=people.organisation_b, title="Plan Zwolle", start_year=2024, end_year=2026)
    ActionFactory(goal__plan=source, title="Marktconsultatie")
    services.plan_adopt(plan=source, user=None, adopted_on=datetime.date(2024, 2, 1), adopted_by="College")
    services.plan_publish(plan=source, user=None)
    client.force_login(people.member_a)
    form_page = client.get(url("plan_create") + f"?kopie={source.uuid}").content.decode()
    assert f'value="{source.uuid}" selected' in form_page
    response = client.post(
        url("plan_create"),
        {"organisation": people.organisation_a.pk, "start": "kopie", "source": source.uuid, "start_year": 2026,
         "end_year": 2028},
    )  # fmt: skip
    copy = ActionPlan.objects.get(organisation=people.organisation_a)
    assert response["Location"] == copy.get_absolute_url()
    assert Action.objects.get(goal__plan=copy).title == "Marktconsultatie"


def test_copy_without_a_chosen_plan_is_refused_with_a_message(client, people):
    client.force_login(people.member_a)
    response = client.post(
        url("plan_create"),
        {"organisation": people.organisation_a.pk, "start": "kopie", "start_year": 2026, "end_year": 2028},
    )
    assert "Kies het gepubliceerde plan dat u wilt kopiëren." in response.content.decode()
    assert not ActionPlan.objects.exists()


# --- the overview -----------------------------------------------------------------------------


def test_overview_shows_goals_by_theme_with_badges_progress_and_overdue_actions(client, people, plan):
    goal = plan.goals.get()
    ActionFactory(
        goal=goal, title="Verlopen actie", due_date=datetime.date(2020, 1, 1), status=ActionStatus.IN_PROGRESS
    )
    ActionFactory(goal=goal, title="Klaar", status=ActionStatus.DONE, due_date=datetime.date(2020, 1, 1))
    client.force_login(people.member_a)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert '<h3 class="utrecht-heading-3" id="theme-klimaat">Klimaat</h3>' in page
    assert "<strong>Verlopen actie</strong>" in page
    assert page.count("mvoi-badge--error") == 1  # only the open action past its due date
    assert "1 actie is te laat." in page
    # (50 + 0 + 0 + 100) / 4 = 38 (rounded), shown as text and as a bar of 40%
    assert '<span class="mvoi-chart__number">38%</span>' in page
    assert "mvoi-bar__fill--40" in page
    assert "1 van 4" in page
    assert "Voortgang van dit doel: 38%" in page


def test_staff_reads_a_draft_without_edit_links(client, people, plan):
    log_in_with_two_factor(client, people.staff)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Actieplan Utrecht" in page
    assert url("plan_edit", plan.uuid) not in page
    assert "U leest dit plan als medewerker van de VNG." in page


def test_overview_uses_the_same_number_of_queries_for_3_and_300_actions(client, people, django_assert_num_queries):
    def build(theme_count, goals_per_theme, actions_per_goal):
        plan = ActionPlanFactory(organisation=people.organisation_a)
        goals = Goal.objects.bulk_create(
            Goal(plan=plan, theme=t, title=f"Doel {i}", order=i)
            for t in Theme.objects.all()[:theme_count]
            for i in range(goals_per_theme)
        )
        Action.objects.bulk_create(
            Action(
                goal=g, title=f"Actie {i}", order=i, owner_member=people.member_a, due_date=datetime.date(2021, 1, 1)
            )
            for g in goals
            for i in range(actions_per_goal)
        )
        return plan

    small = build(3, 1, 1)
    big = build(6, 5, 10)
    assert Action.objects.filter(goal__plan=small).count() == 3
    assert (Goal.objects.filter(plan=big).count(), Action.objects.filter(goal__plan=big).count()) == (30, 300)
    client.force_login(people.member_a)
    client.get(small.get_absolute_url())  # warm the session
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.get_absolute_url()).status_code == 200
    # Session, user, plan, goals, actions, their product groups, the peers' plans, themes; saving the session
    # (an update between a savepoint and its release).
    assert len(small_queries) <= 11
    with django_assert_num_queries(len(small_queries)):
        response = client.get(big.get_absolute_url())
    assert response.content.decode().count('class="utrecht-table__row" id="action-') == 300


# --- editing, bad input and conflicts ---------------------------------------------------------


def _goal_data(goal, **changes):
    data = {
        "version": goal.version,
        "theme": goal.theme_id,
        "title": goal.title,
        "description": "",
        "indicator": "",
        "unit": "",
        "baseline_value": "",
        "baseline_year": "",
        "target_value": "",
        "target_year": "",
    }
    data.update(changes)
    return data


def test_target_year_before_baseline_year_is_refused_and_input_kept(client, people, plan):
    goal = plan.goals.get()
    client.force_login(people.member_a)
    response = client.post(
        url("goal_edit", plan.uuid, goal.pk),
        _goal_data(goal, title="Nieuwe titel", baseline_year=2026, target_year=2024),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het streefjaar kan niet vóór het jaar van de nulmeting liggen." in page
    assert 'value="Nieuwe titel"' in page
    goal.refresh_from_db()
    assert goal.title == "Klimaatcriteria"


def test_a_theme_that_does_not_exist_is_refused(client, people, plan):
    client.force_login(people.member_a)
    response = client.post(url("goal_create", plan.uuid), {"theme": 999999, "title": "Spookthema"})
    assert "Kies een van de thema’s in de lijst." in response.content.decode()
    assert plan.goals.count() == 1


def test_adding_a_goal_records_it_in_the_history(client, people, plan):
    client.force_login(people.member_a)
    response = client.post(url("goal_create", plan.uuid), {"theme": theme("social-return").pk, "title": "Meer SROI"})
    goal = plan.goals.get(title="Meer SROI")
    assert response["Location"] == goal.get_absolute_url()
    history = client.get(url("plan_history", plan.uuid)).content.decode()
    assert "Meer SROI" in history and "aangemaakt" in history


def _action_data(action, **changes):
    data = {
        "version": action.version,
        "goal": action.goal_id,
        "title": action.title,
        "description": "",
        "owner": action.owner,
        "owner_member": "",
        "start_date": "",
        "due_date": "",
        "status": action.status,
        "progress": action.progress,
        "product_groups": [],
        "ambition_level": "",
        "steering_level": "",
    }
    data.update(changes)
    return data


def test_progress_of_140_is_refused(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    response = client.post(url("action_edit", plan.uuid, action.pk), _action_data(action, progress=140))
    assert "Zorg ervoor dat deze waarde hoogstens 100 is." in response.content.decode()
    action.refresh_from_db()
    assert action.progress == 50


def test_due_date_before_start_date_is_refused(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    response = client.post(
        url("action_edit", plan.uuid, action.pk),
        _action_data(action, start_date="2026-05-01", due_date="2026-04-01", title="Gewijzigd"),
    )
    page = response.content.decode()
    assert "De einddatum kan niet vóór de startdatum liggen." in page
    assert 'value="Gewijzigd"' in page
    action.refresh_from_db()
    assert action.title == "Spendanalyse"


def test_action_cannot_be_moved_to_a_goal_of_another_organisation_by_a_tampered_id(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    foreign_goal = GoalFactory(plan__organisation=people.organisation_b)
    client.force_login(people.member_a)
    response = client.post(url("action_edit", plan.uuid, action.pk), _action_data(action, goal=foreign_goal.pk))
    assert "Kies een van de doelen van dit plan." in response.content.decode()
    action.refresh_from_db()
    assert action.goal.plan == plan
    response = client.post(
        url("action_create", plan.uuid, plan.goals.get().pk), _action_data(action, goal=foreign_goal.pk)
    )
    assert not foreign_goal.actions.exists()


def test_second_save_of_the_same_goal_shows_the_conflict_page_with_both_versions(client, people, plan):
    goal = plan.goals.get()
    opened_version = goal.version
    colleague = client.__class__()
    colleague.force_login(people.coordinator_a)
    colleague.post(url("goal_edit", plan.uuid, goal.pk), _goal_data(goal, title="Titel van de coördinator"))
    client.force_login(people.member_a)
    response = client.post(
        url("goal_edit", plan.uuid, goal.pk), _goal_data(goal, title="Titel van het lid", version=opened_version)
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Titel van de coördinator" in page
    assert 'value="Titel van het lid"' in page
    assert 'name="version" value="2"' in page
    goal.refresh_from_db()
    assert goal.title == "Titel van de coördinator"
    # Saving again from the conflict page deliberately replaces the colleague's version.
    client.post(url("goal_edit", plan.uuid, goal.pk), _goal_data(goal, title="Titel van het lid", version=2))
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Titel van het lid", 3)


def test_deleting_an_action_asks_for_confirmation_first(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    confirmation = client.get(url("action_delete", plan.uuid, action.pk)).content.decode()
    assert "Spendanalyse" in confirmation and Action.objects.filter(pk=action.pk).exists()
    client.post(url("action_delete", plan.uuid, action.pk))
    assert not Action.objects.filter(pk=action.pk).exists()


def test_move_buttons_reorder_goals(client, people, plan):
    first = plan.goals.get()
    second = GoalFactory(plan=plan, theme=first.theme, title="Tweede doel", order=5)
    client.force_login(people.member_a)
    response = client.post(url("goal_move", plan.uuid, second.pk), {"direction": "up"})
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert page.index("Tweede doel") < page.index("Klimaatcriteria")


def test_plan_sections_are_edited_as_markdown_and_shown_as_html(client, people, plan):
    client.force_login(people.member_a)
    data = {
        "version": plan.version,
        "title": plan.title,
        "start_year": 2026,
        "end_year": 2029,
        "track": "startend",
        "baseline": "Wij kopen jaarlijks in voor **40 miljoen euro**.",
        "budget": "25000",
    }
    response = client.post(url("plan_edit", plan.uuid), data)
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "<strong>40 miljoen euro</strong>" in page


def test_coordinator_adopts_and_publishes_and_the_plan_appears_under_published_plans(client, people, plan):
    client.force_login(people.coordinator_a)
    client.post(url("plan_adopt", plan.uuid), {"adopted_on": "2026-03-10", "adopted_by": "College van B en W"})
    client.post(url("plan_publish", plan.uuid))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    client.logout()
    listing = client.get(url("published_list")).content.decode()
    assert "Actieplan Utrecht" in listing
    public = client.get(plan.get_public_url()).content.decode()
    assert "Spendanalyse" in public and "vastgesteld op 10 maart 2026 door College van B en W" in public


def test_adoption_date_in_the_future_is_refused(client, people, plan):
    client.force_login(people.coordinator_a)
    response = client.post(url("plan_adopt", plan.uuid), {"adopted_on": "2999-01-01", "adopted_by": "College"})
    assert "De datum van vaststelling kan niet in de toekomst liggen." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_published_plan_shows_no_names_of_colleagues(client, people, plan):
    Action.objects.filter(goal__plan=plan).update(owner_member=people.member_a)
    people.member_a.full_name = "Anna Ambtenaar"
    people.member_a.save()
    services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    services.plan_publish(plan=plan, user=None)
    assert "Anna Ambtenaar" not in client.get(plan.get_public_url()).content.decode()
    client.force_login(people.member_a)
    assert "Anna Ambtenaar" in client.get(plan.get_absolute_url()).content.decode()


# --- published plans --------------------------------------------------------------------------


def _publish(plan):
    services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    return services.plan_publish(plan=plan, user=None)


def test_published_plans_filter_by_tier_province_theme_and_track(client, people):
    from tests.factories import OrganisationFactory

    overijssel = OrganisationFactory(code="pv23", name="Overijssel", kind="provincie")
    people.organisation_b.province = overijssel
    people.organisation_b.save()
    zwolle = ActionPlanFactory(organisation=people.organisation_b, title="Plan Zwolle", track="gevorderd")
    GoalFactory(plan=zwolle, theme=theme("circulair"))
    utrecht = ActionPlanFactory(organisation=people.organisation_a, title="Plan Utrecht")
    GoalFactory(plan=utrecht, theme=theme("klimaat"))
    province_plan = ActionPlanFactory(organisation=overijssel, title="Plan Overijssel")
    ActionPlanFactory(organisation=people.organisation_a, title="Concept Utrecht")
    for published in (zwolle, utrecht, province_plan):
        _publish(published)

    def titles(**params):
        page = client.get(url("published_list"), params).content.decode()
        return {
            title for title in ("Plan Zwolle", "Plan Utrecht", "Plan Overijssel", "Concept Utrecht") if title in page
        }

    assert titles() == {"Plan Zwolle", "Plan Utrecht", "Plan Overijssel"}
    assert titles(kind="provincie") == {"Plan Overijssel"}
    assert titles(province="pv23") == {"Plan Zwolle", "Plan Overijssel"}
    assert titles(theme="circulair") == {"Plan Zwolle"}
    assert titles(track="gevorderd") == {"Plan Zwolle"}
    response = client.get(url("published_list"), {"theme": "bestaat-niet"})
    assert response.status_code == 200


# --- exports ----------------------------------------------------------------------------------


def test_csv_export_has_goals_and_actions_and_neutralises_formulas(client, people, plan):
    goal = plan.goals.get()
    ActionFactory(goal=goal, title='=HYPERLINK("http://evil.example","klik")', owner="+31 30 123", description="@SUM")
    ActionFactory(goal=goal, title="-10% afval")
    client.force_login(people.member_a)
    response = client.get(url("plan_csv", plan.uuid))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("soort;id;doel_id;thema;titel")
    assert len(lines) == 1 + 1 + 4
    assert "'=HYPERLINK" in text and ";'+31 30 123;" in text and "'@SUM" in text and "'-10% afval" in text
    assert ";=" not in text and ";+" not in text and ";@" not in text


def test_print_view_reads_as_a_document(client, people, plan):
    client.force_login(people.member_a)
    page = client.get(url("plan_print", plan.uuid)).content.decode()
    assert "Inhoud" in page
    assert 'href="#section-baseline"' in page
    assert 'href="#theme-klimaat"' in page
    assert "Spendanalyse" in page
    assert page.count("<h1") == 1


def test_pdf_export_is_a_pdf_of_the_plan(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(url("plan_pdf", plan.uuid))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"actieplan-gm0344-{plan.start_year}" in response["Content-Disposition"]


# --- CSV import -------------------------------------------------------------------------------


def _upload(client, plan, text: str, name="voortgang.csv"):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(url("plan_import", plan.uuid), {"file": upload})


def test_import_shows_a_preview_and_applies_all_rows(client, people, plan):
    first = Action.objects.get(title="Spendanalyse")
    second = Action.objects.get(title="Inkoopdocumenten")
    client.force_login(people.member_a)
    preview = _upload(client, plan, f"id;status;voortgang\n{first.pk};afgerond;100\n{second.pk};lopend;25\n")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Alle regels zijn correct. 2 acties worden gewijzigd." in page
    first.refresh_from_db()
    assert first.status == "gepland"  # nothing saved before applying
    response = client.post(url("plan_import_apply", plan.uuid))
    assert response["Location"] == plan.get_absolute_url()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.progress, second.status, second.progress) == ("afgerond", 100, "lopend", 25)


def test_import_of_the_csv_export_round_trips(client, people, plan):
    client.force_login(people.member_a)
    exported = client.get(url("plan_csv", plan.uuid)).content.decode("utf-8-sig")
    edited = exported.replace(";gepland;50;", ";lopend;60;")
    preview = _upload(client, plan, edited)
    assert "1 actie wordt gewijzigd." in preview.content.decode()
    client.post(url("plan_import_apply", plan.uuid))
    assert Action.objects.get(title="Spendanalyse").progress == 60


def test_import_with_a_bad_row_shows_row_errors_and_changes_nothing(client, people, plan):
    first = Action.objects.get(title="Spendanalyse")
    foreign = ActionFactory(goal__plan__organisation=people.organisation_b)
    client.force_login(people.member_a)
    response = _upload(
        client,
        plan,
        f"id;status;voortgang\n{first.pk};lopend;40\n{foreign.pk};lopend;10\n{first.pk + 1000};klaar;140\n",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er is geen actie met dit id in dit plan." in page
    assert "Onbekende status." in page
    assert "De voortgang moet tussen 0 en 100 liggen." in page
    assert "Alle wijzigingen toepassen" not in page
    assert client.post(url("plan_import_apply", plan.uuid)).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.progress) == ("gepland", 50)


def test_import_with_wrong_columns_is_refused(client, people, plan):
    client.force_login(people.member_a)
    response = _upload(client, plan, "actie;klaar\n1;ja\n")
    page = response.content.decode()
    assert "De kolommen kloppen niet." in page
    assert "Ontbrekende kolommen: id, status, voortgang." in page


def test_import_with_a_formula_is_refused(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    response = _upload(
        client, plan, f'id;status;voortgang;titel\n{action.pk};lopend;40;=HYPERLINK("http://evil.example")\n'
    )
    assert "Een cel bevat een formule" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "gepland"


def test_import_larger_than_5_mb_is_refused(client, people, plan):
    client.force_login(people.member_a)
    big = "id;status;voortgang\n" + "1;lopend;10\n" * 460_000
    assert len(big.encode()) > 5 * 1024 * 1024
    response = _upload(client, plan, big)
    assert "Het bestand is groter dan 5 MB." in response.content.decode()


def test_import_that_is_not_utf8_or_not_csv_is_refused(client, people, plan):
    client.force_login(people.member_a)
    upload = SimpleUploadedFile("data.csv", "id;status;voortgang\n1;lopend;10\n".encode("utf-16"))
    assert "geen UTF-8" in client.post(url("plan_import", plan.uuid), {"file": upload}).content.decode()
    assert "Upload een CSV-bestand" in _upload(client, plan, "id;status;voortgang\n", name="data.xlsx").content.decode()


def test_apply_refuses_everything_when_the_plan_changed_since_the_preview(client, people, plan):
    first = Action.objects.get(title="Spendanalyse")
    second = Action.objects.get(title="Inkoopdocumenten")
    client.force_login(people.member_a)
    _upload(client, plan, f"id;status;voortgang\n{first.pk};lopend;40\n{second.pk};lopend;70\n")
    second.delete()
    client.post(url("plan_import_apply", plan.uuid))
    first.refresh_from_db()
    assert (first.status, first.progress) == ("gepland", 50)


def test_member_of_another_organisation_cannot_import_into_the_plan(client, people, plan):
    client.force_login(people.member_b)
    assert _upload(client, plan, "id;status;voortgang\n").status_code == 404


def test_a_user_without_verified_membership_cannot_start_a_plan_and_is_told_the_request_waits(client, people):
    user = UserFactory(email="los@example.org")
    MembershipFactory(user=user, organisation=people.organisation_a, status="requested")
    client.force_login(user)
    page = client.get(url("plan_create")).content.decode()
    assert "Uw aanvraag wacht op bevestiging:" in page and "<li>Utrecht</li>" in page
    client.post(
        url("plan_create"),
        {"organisation": people.organisation_a.pk, "start": "leeg", "title": "X", "start_year": 2026, "end_year": 2027},
    )
    assert not ActionPlan.objects.exists()


def test_refused_change_shows_the_portal_403_page(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(url("plan_adopt", plan.uuid))
    assert response.status_code == 403
    assert "Niet toegestaan" in response.content.decode()


def test_history_page_shows_who_changed_which_field_from_what_to_what(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    people.member_a.full_name = "Anna Ambtenaar"
    people.member_a.save()
    services.action_update(action=action, user=people.member_a, data={"status": ActionStatus.DONE}, version=1)
    client.force_login(people.coordinator_a)
    page = client.get(url("plan_history", plan.uuid)).content.decode()
    assert "Anna Ambtenaar" in page
    assert "Actie “Spendanalyse” gewijzigd" in page
    assert '<td class="utrecht-table__cell">Status</td>' in page
    assert "Gepland" in page and "Afgerond" in page
    assert "Voortgang (%)" in page and ">50<" in page and ">100<" in page


def test_plan_pages_are_in_english_under_en(client, people, plan):
    client.force_login(people.member_a)
    page = client.get("/en" + plan.get_absolute_url()).content.decode()
    assert '<html lang="en"' in page
    assert "Goals and actions per theme" in page


def test_plan_edit_over_a_colleagues_save_shows_the_conflict_and_keeps_the_sections_typed(client, people, plan):
    services.plan_update(
        plan=plan, user=people.coordinator_a, data={"ambition": "Ambitie van de coördinator"}, version=1
    )
    client.force_login(people.member_a)
    data = {
        "version": 1,
        "title": plan.title,
        "start_year": 2026,
        "end_year": 2029,
        "track": "startend",
        "ambition": "Mijn eigen ambitie",
    }
    response = client.post(url("plan_edit", plan.uuid), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Ambitie van de coördinator" in page
    assert "Mijn eigen ambitie</textarea>" in page
    plan.refresh_from_db()
    assert plan.ambition == "Ambitie van de coördinator"


# --- recording progress on an adopted or published plan --------------------------------------


@pytest.fixture
def published(plan):
    return _publish(plan)


def _progress_data(**values):
    return {"status": "lopend", "progress": 50, "version": 1, **values}


def test_member_records_progress_on_a_published_plan_and_returns_to_the_action(client, people, published):
    action = Action.objects.get(title="Spendanalyse")
    progress_url = url("action_progress", published.uuid, action.pk)
    client.force_login(people.member_a)
    overview = client.get(published.get_absolute_url()).content.decode()
    assert "Leg de status en voortgang van elke actie vast met “Voortgang bijwerken”." in overview
    assert f'href="{progress_url}">Voortgang bijwerken<span class="visually-hidden">: Spendanalyse</span>' in overview
    assert f'href="{url("plan_import", published.uuid)}">Status en voortgang importeren</a>' in overview
    assert url("action_edit", published.uuid, action.pk) not in overview
    assert url("goal_create", published.uuid) not in overview

    form_page = client.get(progress_url).content.decode()
    assert '<h1 class="utrecht-heading-1">Voortgang bijwerken</h1>' in form_page
    assert "Leg vast hoe ver de actie “Spendanalyse” is." in form_page
    assert '<option value="gepland" selected>Gepland</option>' in form_page
    assert 'name="progress" value="50"' in form_page
    assert 'name="version" value="1"' in form_page
    assert 'aria-current="page">Voortgang bijwerken</a>' in form_page  # the breadcrumb ends at this page

    response = client.post(progress_url, _progress_data(status="lopend", progress=75))
    assert response["Location"] == published.get_absolute_url() + f"#action-{action.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "De voortgang van “Spendanalyse” is opgeslagen." in page
    assert '<td class="utrecht-table__cell" data-label="Voortgang">75%</td>' in page
    assert "Gepubliceerd</span>" in page  # still published, and still adopted
    published.refresh_from_db()
    assert (published.status, published.adopted_by) == (PlanStatus.PUBLISHED, "College")


def test_a_draft_keeps_its_full_edit_links_and_gets_no_progress_links(client, people, plan):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert url("action_edit", plan.uuid, action.pk) in page
    assert url("action_progress", plan.uuid, action.pk) not in page
    assert "Status en voortgang importeren" in page


def test_staff_read_a_published_plan_without_progress_links(client, people, published):
    action = Action.objects.get(title="Spendanalyse")
    log_in_with_two_factor(client, people.staff)
    page = client.get(published.get_absolute_url()).content.decode()
    assert url("action_progress", published.uuid, action.pk) not in page
    assert "Status en voortgang importeren" not in page
    assert client.get(url("action_progress", published.uuid, action.pk)).status_code == 403


@pytest.mark.parametrize(
    ("values", "message", "kept"),
    [
        ({"status": "afgerond", "progress": 140}, "Zorg ervoor dat deze waarde hoogstens 100 is.", 'value="140"'),
        ({"status": "afgerond", "progress": "veel"}, "Voer een geheel getal in.", 'value="veel"'),
        ({"status": "klaar", "progress": 60}, "Selecteer een geldige keuze.", 'value="60"'),
    ],
)
def test_progress_form_with_an_error_keeps_the_input(client, people, published, values, message, kept):
    action = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    response = client.post(url("action_progress", published.uuid, action.pk), _progress_data(**values))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Verbeter het volgende" in page and message in page
    assert kept in page
    if values["status"] == "afgerond":
        assert '<option value="afgerond" selected>Afgerond</option>' in page
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("gepland", 50, 1)


def test_progress_over_a_colleagues_save_shows_both_versions_and_keeps_the_input(client, people, published):
    action = Action.objects.get(title="Spendanalyse")
    progress_url = url("action_progress", published.uuid, action.pk)
    colleague = client.__class__()
    colleague.force_login(people.coordinator_a)
    colleague.post(progress_url, _progress_data(status="lopend", progress=40))
    client.force_login(people.member_a)
    response = client.post(progress_url, _progress_data(status="vervallen", progress=10, version=1))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft eerder opgeslagen" in page
    assert (
        '<th class="utrecht-table__header-cell" scope="row">Status</th>\n'
        '      <td class="utrecht-table__cell mvoi-prewrap">Vervallen</td>\n'
        '      <td class="utrecht-table__cell mvoi-prewrap">Lopend</td>'
    ) in page
    assert (
        '<th class="utrecht-table__header-cell" scope="row">Voortgang (%)</th>\n'
        '      <td class="utrecht-table__cell mvoi-prewrap">10</td>\n'
        '      <td class="utrecht-table__cell mvoi-prewrap">40</td>'
    ) in page
    assert '<option value="vervallen" selected>Vervallen</option>' in page
    assert 'name="progress" value="10"' in page
    assert 'name="version" value="2"' in page
    action.refresh_from_db()
    assert (action.status, action.progress) == ("lopend", 40)
    # Saving again from the conflict page deliberately replaces the colleague's values.
    client.post(progress_url, _progress_data(status="vervallen", progress=10, version=2))
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("vervallen", 10, 3)


def test_progress_page_makes_the_same_few_queries_in_a_small_and_a_large_plan(
    client, people, locmem_cache, django_assert_num_queries
):
    small = ActionFactory(goal__plan__organisation=people.organisation_a)
    large_goal = GoalFactory(plan__organisation=people.organisation_a)
    Action.objects.bulk_create(Action(goal=large_goal, title=f"Actie {i}", order=i) for i in range(300))
    large = large_goal.actions.last()
    for action in (small, large):
        _publish(action.goal.plan)
    client.force_login(people.member_a)
    client.get(url("action_progress", small.goal.plan.uuid, small.pk))  # warm the session
    # The session, the user, the plan with the user's role, the action; then the session's idle clock is
    # saved (an update between a savepoint and its release).
    for action in (small, large):
        with django_assert_num_queries(7):
            response = client.get(url("action_progress", action.goal.plan.uuid, action.pk))
        assert f"Leg vast hoe ver de actie “{action.title}” is." in response.content.decode()
    # Saving adds the form's check of the progress, the locked row, its goal and its three check constraints
    # (each check in a savepoint of its own), the update and one insert for the history: 13 queries with
    # the session's, and 12 savepoint statements.
    for action in (small, large):
        with django_assert_num_queries(25):
            response = client.post(url("action_progress", action.goal.plan.uuid, action.pk), _progress_data())
        assert response.status_code == 302


def test_import_applies_on_a_published_plan(client, people, published):
    first = Action.objects.get(title="Spendanalyse")
    second = Action.objects.get(title="Inkoopdocumenten")
    client.force_login(people.member_a)
    preview = _upload(client, published, f"id;status;voortgang\n{first.pk};afgerond;100\n{second.pk};lopend;25\n")
    assert "Alle regels zijn correct. 2 acties worden gewijzigd." in preview.content.decode()
    response = client.post(url("plan_import_apply", published.uuid))
    assert response["Location"] == published.get_absolute_url()
    assert "2 acties zijn bijgewerkt." in client.get(response["Location"]).content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.progress, second.status, second.progress) == ("afgerond", 100, "lopend", 25)
    published.refresh_from_db()
    assert published.status == PlanStatus.PUBLISHED


def test_import_on_a_published_plan_is_still_all_or_nothing(client, people, published):
    first = Action.objects.get(title="Spendanalyse")
    client.force_login(people.member_a)
    response = _upload(client, published, f"id;status;voortgang\n{first.pk};lopend;40\n{first.pk + 1000};lopend;10\n")
    assert response.status_code == 400
    assert "Er is geen actie met dit id in dit plan." in response.content.decode()
    assert "Alle wijzigingen toepassen" not in response.content.decode()
    client.post(url("plan_import_apply", published.uuid))
    first.refresh_from_db()
    assert (first.status, first.progress) == ("gepland", 50)
    # A preview that was correct but no longer is when applied changes nothing either.
    second = Action.objects.get(title="Inkoopdocumenten")
    _upload(client, published, f"id;status;voortgang\n{first.pk};lopend;40\n{second.pk};lopend;70\n")
    second.delete()
    client.post(url("plan_import_apply", published.uuid))
    first.refresh_from_db()
    assert (first.status, first.progress) == ("gepland", 50)
