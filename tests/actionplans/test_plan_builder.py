"""Plans that make sense: template text is replaced before publication, template dates are never already
past, and a percentage is never more than 100."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, Goal, PlanStatus
from actionplans.plan_templates import placeholder_sentences, placeholders_in, plan_placeholders, plan_template
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory

pytestmark = pytest.mark.django_db

ADOPTION = {"adopted_on": datetime.date(2026, 3, 1), "adopted_by": "College"}


def url(name, *args):
    return reverse(f"actionplans:{name}", args=args)


def from_template(people, track="gevorderd", **kwargs):
    return services.plan_create_from_template(
        organisation=people.organisation_a,
        user=people.member_a,
        track=track,
        start_year=kwargs.pop("start_year", 2026),
        end_year=kwargs.pop("end_year", 2029),
        **kwargs,
    )


# --- placeholders ---------------------------------------------------------------------------------


def test_the_template_files_mark_the_sentences_authors_must_replace():
    sentences = placeholder_sentences()
    assert "Vul hier aan welke besluiten van college of raad dit plan onderbouwen." in sentences
    assert "Beschrijf waar de organisatie nu staat:" in sentences
    assert (
        "Maak dit doel SMART: vul de nulwaarde en de streefwaarde in en beschrijf hoe en wanneer u meet." in sentences
    )
    assert len(sentences) == len(set(sentences))


def test_a_placeholder_is_found_with_or_without_brackets_whatever_its_line_breaks_or_case():
    sentences = placeholder_sentences()
    assert placeholders_in("Intro.\n\n[[Schrijf hier\n  iets eigens.]]", sentences) == ["Schrijf hier iets eigens."]
    rewrapped = "Onze aanleiding.\n\nbeschrijf waar de\norganisatie NU staat:\n\n- 40 miljoen euro"
    assert placeholders_in(rewrapped, sentences) == ["Beschrijf waar de organisatie nu staat:"]
    assert placeholders_in("Wij beschrijven waar de organisatie nu staat in bijlage 2.", sentences) == []
    assert placeholders_in("", sentences) == []


def test_a_new_plan_keeps_the_brackets_so_the_authors_see_what_to_replace(people):
    plan = from_template(people, track="startend")
    assert "[[Beschrijf waar de organisatie nu staat:]]" in plan.baseline
    places = {(place.kind, place.field) for place in plan_placeholders(plan)}
    assert places == {("actionplan", "occasion"), ("actionplan", "baseline")}


def test_a_plan_with_template_text_is_adopted_but_not_published_until_it_is_replaced(people):
    plan = from_template(people)
    plan = services.plan_adopt(plan=plan, user=people.coordinator_a, **ADOPTION)
    with pytest.raises(services.PlanIncomplete) as refused:
        services.plan_publish(plan=plan, user=people.coordinator_a)
    places = [(place.kind, place.field) for place in refused.value.placeholders]
    assert places == [("actionplan", "occasion"), ("actionplan", "baseline")] + [("goal", "description")] * 6
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED and plan.published_at is None

    plan = services.plan_unpublish(plan=plan, user=people.coordinator_a)
    plan = services.plan_update(
        plan=plan,
        user=people.member_a,
        data={"occasion": "Het collegebesluit van 3 februari.", "baseline": "Wij kopen in voor 40 miljoen euro."},
        version=plan.version,
    )
    for goal in plan.goals.all():
        services.goal_update(goal=goal, user=people.member_a, data={"description": "In 2029: 50%."}, version=1)
    plan = services.plan_adopt(plan=plan, user=people.coordinator_a, **ADOPTION)
    assert services.plan_publish(plan=plan, user=people.coordinator_a).status == PlanStatus.PUBLISHED


def test_the_publish_page_lists_each_place_to_fill_in_and_publishes_nothing(client, people):
    plan = from_template(people, track="startend")
    goal = plan.goals.order_by("order").first()
    services.goal_update(goal=goal, user=None, data={"title": "[[Geef het doel een eigen titel]]"}, version=1)
    action = ActionFactory(goal=goal, title="Marktconsultatie", owner="[[Wie is eigenaar?]]")
    plan = services.plan_adopt(plan=plan, user=people.coordinator_a, **ADOPTION)
    client.force_login(people.coordinator_a)

    page = client.get(url("plan_publish", plan.uuid)).content.decode()
    assert "4 plaatsen bevatten nog tekst uit het sjabloon" in page
    assert f'href="{plan.get_absolute_url()}#section-occasion"' in page
    assert f'href="{plan.get_absolute_url()}#section-baseline"' in page
    assert f'href="{plan.get_absolute_url()}#goal-{goal.pk}"' in page
    assert f'href="{plan.get_absolute_url()}#action-{action.pk}"' in page
    assert "Actie “Marktconsultatie”: eigenaar" in page
    assert "Beschrijf waar de organisatie nu staat:" in page
    assert ">Publiceren</button>" not in page
    assert f'href="{url("plan_unpublish", plan.uuid)}"' in page

    response = client.post(url("plan_publish", plan.uuid))
    assert response.status_code == 409
    assert "4 plaatsen bevatten nog tekst uit het sjabloon" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


def test_the_adoption_page_warns_with_links_to_the_forms_and_still_adopts(client, people):
    plan = from_template(people, track="gevorderd")
    goal = plan.goals.order_by("theme__order", "order").first()
    client.force_login(people.coordinator_a)
    page = client.get(url("plan_adopt", plan.uuid)).content.decode()
    assert "8 plaatsen bevatten nog tekst uit het sjabloon" in page
    assert f'href="{url("plan_edit", plan.uuid)}#id_occasion"' in page
    assert f'href="{url("goal_edit", plan.uuid, goal.pk)}#id_description"' in page
    response = client.post(url("plan_adopt", plan.uuid), {"adopted_on": "2026-03-01", "adopted_by": "College"})
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Het plan is vastgesteld, maar bevat nog tekst uit het sjabloon." in followed
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


def test_a_draft_shows_its_members_where_template_text_remains_with_links_to_the_forms(client, people):
    plan = from_template(people, track="gevorderd")
    goal = plan.goals.order_by("theme__order", "order").first()
    client.force_login(people.member_a)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "8 plaatsen bevatten nog tekst uit het sjabloon" in page
    assert f'href="{url("plan_edit", plan.uuid)}#id_occasion"' in page
    assert f'href="{url("goal_edit", plan.uuid, goal.pk)}#id_description"' in page

    plan = services.plan_update(
        plan=plan,
        user=people.member_a,
        data={"occasion": "Het collegebesluit van maart.", "baseline": "Wij kopen voor 40 miljoen euro in."},
        version=plan.version,
    )
    assert "6 plaatsen bevatten nog tekst uit het sjabloon" in client.get(plan.get_absolute_url()).content.decode()


def test_after_adoption_the_plan_page_no_longer_lists_the_places_the_publish_page_does(client, people):
    plan = services.plan_adopt(plan=from_template(people, track="startend"), user=None, **ADOPTION)
    client.force_login(people.coordinator_a)
    assert "nog tekst uit het sjabloon" not in client.get(plan.get_absolute_url()).content.decode()
    plan = services.plan_unpublish(plan=plan, user=people.coordinator_a)
    assert "2 plaatsen bevatten nog tekst uit het sjabloon" in client.get(plan.get_absolute_url()).content.decode()


def test_the_list_of_places_is_in_english_under_en(client, people):
    plan = services.plan_adopt(plan=from_template(people, track="startend"), user=None, **ADOPTION)
    client.force_login(people.coordinator_a)
    page = client.get("/en" + url("plan_publish", plan.uuid)).content.decode()
    assert "2 places still hold text from the template" in page
    assert "Section “occasion and mandate”" in page


def test_a_plan_without_template_text_is_published_from_the_publish_page(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, occasion="Ons eigen verhaal.")
    GoalFactory(plan=plan, description="In 2029 is 60% van de aanbestedingen circulair.")
    plan = services.plan_adopt(plan=plan, user=None, **ADOPTION)
    client.force_login(people.coordinator_a)
    assert ">Publiceren</button>" in client.get(url("plan_publish", plan.uuid)).content.decode()
    assert client.post(url("plan_publish", plan.uuid)).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED


# --- dates ------------------------------------------------------------------------------------------


def template_schedule(track):
    return [(action["start"], action["due"]) for goal in plan_template(track)["goals"] for action in goal["actions"]]


def action_dates(plan):
    return list(
        Action.objects.filter(goal__plan=plan)
        .order_by("goal__order", "order")
        .values_list("start_date", "due_date", named=False)
    )


def test_a_plan_for_next_year_follows_the_template_from_its_first_year(people):
    plan = from_template(people, track="startend", start_year=2027, end_year=2030, today=datetime.date(2026, 9, 15))
    dates = action_dates(plan)
    assert dates[0] == (datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))  # year 0, January to June
    assert dates[2] == (datetime.date(2027, 9, 1), datetime.date(2028, 3, 31))  # year 0 to year 1


def test_a_plan_made_in_september_of_its_first_year_has_no_action_already_late(people):
    today = datetime.date(2026, 9, 15)
    plan = from_template(people, track="startend", start_year=2026, end_year=2029, today=today)
    dates = action_dates(plan)
    assert all(start >= today and due >= today and start <= due for start, due in dates)
    assert not any(action.is_overdue for action in Action.objects.filter(goal__plan=plan))
    # The schedule moved eight months: January-June becomes September-February, order and length kept.
    assert dates[0] == (today, datetime.date(2027, 2, 28))
    assert dates[2] == (datetime.date(2027, 5, 1), datetime.date(2027, 11, 30))


def test_a_moved_schedule_stops_at_the_end_of_the_plan(people):
    today = datetime.date(2026, 11, 20)
    plan = from_template(people, track="startend", start_year=2026, end_year=2026, today=today)
    for start, due in action_dates(plan):
        assert today <= start <= due <= datetime.date(2026, 12, 31)


def test_a_plan_made_through_the_form_today_has_no_late_actions(client, people):
    this_year = datetime.date.today().year
    client.force_login(people.member_a)
    client.post(
        url("plan_create"),
        {"organisation": people.organisation_a.pk, "start": "startend", "start_year": this_year, "end_year": this_year + 3},
    )  # fmt: skip
    overdue = [action.title for action in Action.objects.all() if action.is_overdue]
    assert Action.objects.exists() and overdue == []


# --- percentages ------------------------------------------------------------------------------------


def test_database_refuses_a_percentage_above_100(people):
    goal = GoalFactory(plan__organisation=people.organisation_a, unit="%")
    for field in ("baseline_value", "target_value"):
        with pytest.raises(IntegrityError), transaction.atomic():
            Goal.objects.filter(pk=goal.pk).update(**{field: 120})
    Goal.objects.filter(pk=goal.pk).update(unit="ton CO2", target_value=120)  # other units have no such limit


def test_a_goal_with_a_percentage_above_100_gets_a_message_and_keeps_the_input(client, people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    client.force_login(people.member_a)
    data = {"version": 1, "theme": goal.theme.pk, "title": goal.title, "unit": "%", "target_value": "120"}
    response = client.post(url("goal_edit", goal.plan.uuid, goal.pk), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Een percentage kan niet meer dan 100 zijn." in page
    assert 'value="120"' in page
    goal.refresh_from_db()
    assert goal.target_value is None

    data["unit"] = "ton CO2"
    assert client.post(url("goal_edit", goal.plan.uuid, goal.pk), data).status_code == 302
    goal.refresh_from_db()
    assert goal.target_value == 120


def test_the_publish_page_makes_the_same_queries_for_3_and_60_places_to_fill_in(
    client, people, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guidance.models import Theme

    def build(goal_count, actions_per_goal):
        plan = ActionPlanFactory(organisation=people.organisation_a, occasion="[[Vul hier aan]]")
        themes = list(Theme.objects.all())
        goals = Goal.objects.bulk_create(
            Goal(plan=plan, theme=themes[i % len(themes)], title=f"Doel {i}", description="[[Maak SMART]]", order=i)
            for i in range(goal_count)
        )
        Action.objects.bulk_create(
            Action(goal=goal, title=f"Actie {i}", owner="[[Wie?]]", order=i)
            for goal in goals
            for i in range(actions_per_goal)
        )
        return services.plan_adopt(plan=plan, user=None, **ADOPTION)

    small, big = build(1, 1), build(20, 2)
    client.force_login(people.coordinator_a)
    client.get(url("plan_publish", small.uuid))  # warm the session
    with CaptureQueriesContext(connection) as small_queries:
        assert "3 plaatsen bevatten" in client.get(url("plan_publish", small.uuid)).content.decode()
    with django_assert_num_queries(len(small_queries)):
        page = client.get(url("plan_publish", big.uuid)).content.decode()
    assert "61 plaatsen bevatten" in page
