"""Showcases (voorbeeldacties): coordinators choose them on a published plan, everybody finds them at /voorbeelden/."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, Change, Showcase
from actionplans.showcase_data import COLUMN_NAMES
from core.staff import SecondFactorRequired
from tests.actionplans.test_permissions import make_plan
from tests.factories import ActionFactory, GoalFactory, MembershipFactory, OrganisationFactory, UserFactory, theme
from tests.opendata import csv_rows_matching_table_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]

LIST = "/voorbeelden/"


def edit_url(plan, action):
    return reverse("actionplans:showcase_edit", args=[plan.uuid, action.pk])


def first_action(plan) -> Action:
    return Action.objects.filter(goal__plan=plan).order_by("goal__order", "order", "id").first()


def showcase(plan, action=None, **data) -> Showcase:
    return services.showcase_save(
        action=action or first_action(plan), user=None, data={"result": "Alle contracten zijn groen.", **data}
    )


@pytest.fixture
def published(people):
    return make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")


@pytest.fixture
def coordinator_b(people):
    return MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user


# --- choosing showcases -----------------------------------------------------------------------


def test_coordinator_marks_a_showcase_that_the_public_finds_and_the_plan_marks(client, people, published):
    action = first_action(published)
    client.force_login(people.coordinator_a)
    response = client.post(
        edit_url(published, action),
        {
            "result": "Twaalf contracten met klimaateisen.",
            "figure_value": "120",
            "figure_unit": "ton CO2",
            "position": 1,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplans:showcase_manage", args=[published.uuid])
    assert "is een voorbeeldactie van dit plan" in client.get(response["Location"]).content.decode()
    change = Change.objects.get(plan=published, object_kind="showcase")
    assert (change.kind, change.user, change.object_label) == ("created", people.coordinator_a, action.title)

    anonymous = Client()
    page = anonymous.get(LIST).content.decode()
    assert "Twaalf contracten met klimaateisen." in page
    assert published.get_public_url() in page
    plan_page = anonymous.get(published.get_public_url()).content.decode()
    assert "Voorbeeldactie" in plan_page and "Twaalf contracten met klimaateisen." in plan_page
    assert "120 ton CO2" in plan_page


def test_coordinator_changes_a_showcase_and_the_history_records_the_field(client, people, published):
    item = showcase(published)
    client.force_login(people.coordinator_a)
    response = client.post(edit_url(published, item.action), {"result": "Nog beter.", "position": item.position})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.result == "Nog beter."
    assert Change.objects.filter(
        object_kind="showcase", kind="changed", field="result", new_value="Nog beter."
    ).exists()


def test_coordinator_removes_a_showcase_and_the_action_stays(client, people, published):
    item = showcase(published)
    client.force_login(people.coordinator_a)
    response = client.post(reverse("actionplans:showcase_remove", args=[published.uuid, item.action_id]))
    assert response.status_code == 302
    assert not Showcase.objects.exists()
    assert Action.objects.filter(pk=item.action_id).exists()
    assert "Alle contracten zijn groen." not in Client().get(LIST).content.decode()


def test_coordinator_of_another_organisation_gets_404(client, people, published, coordinator_b):
    item = showcase(published)
    client.force_login(coordinator_b)
    assert client.get(reverse("actionplans:showcase_manage", args=[published.uuid])).status_code == 404
    assert client.get(edit_url(published, item.action)).status_code == 404
    response = client.post(reverse("actionplans:showcase_remove", args=[published.uuid, item.action_id]))
    assert response.status_code == 404
    assert Showcase.objects.filter(pk=item.pk).exists()


def test_action_of_another_organisations_plan_under_your_own_plan_gets_404(client, people, published):
    foreign = make_plan(people.organisation_b, None, "gepubliceerd")
    client.force_login(people.coordinator_a)
    response = client.post(edit_url(published, first_action(foreign)), {"result": "Niet van ons.", "position": 1})
    assert response.status_code == 404
    assert not Showcase.objects.exists()


def test_member_may_not_choose_showcases(client, people, published):
    client.force_login(people.member_a)
    response = client.post(edit_url(published, first_action(published)), {"result": "Zelf gekozen.", "position": 1})
    assert response.status_code == 403
    assert not Showcase.objects.exists()


@pytest.mark.parametrize("status", ["concept", "vastgesteld"])
def test_a_plan_that_is_not_published_gets_no_showcases(client, people, status):
    plan = make_plan(people.organisation_a, people.coordinator_a, status)
    client.force_login(people.coordinator_a)
    response = client.post(edit_url(plan, first_action(plan)), {"result": "Te vroeg.", "position": 1}, follow=True)
    assert "Alleen acties van een gepubliceerd plan kunnen voorbeeldactie zijn." in response.content.decode()
    assert not Showcase.objects.exists()
    with pytest.raises(services.InvalidTransition):
        showcase(plan)


def test_empty_result_gets_a_clear_message_and_keeps_what_was_typed(client, people, published):
    client.force_login(people.coordinator_a)
    response = client.post(
        edit_url(published, first_action(published)),
        {"result": "   ", "figures_text": "8 van 10 aanbestedingen", "position": 1},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beschrijf het resultaat." in page
    assert 'value="8 van 10 aanbestedingen"' in page
    assert not Showcase.objects.exists()


def test_an_eleventh_showcase_is_refused_with_a_clear_message_and_nothing_saved(client, people, published):
    goal = published.goals.first()
    actions = Action.objects.bulk_create(Action(goal=goal, title=f"Extra {n}", order=100 + n) for n in range(10))
    for action in actions:
        showcase(published, action)
    eleventh = Action.objects.filter(goal__plan=published).exclude(showcase__isnull=False).first()
    client.force_login(people.coordinator_a)
    response = client.post(edit_url(published, eleventh), {"result": "Nummer elf.", "position": 1}, follow=True)
    assert "heeft al 10 voorbeeldacties" in response.content.decode()
    assert published.showcases.count() == 10
    with pytest.raises(ValidationError):
        showcase(published, eleventh)
    assert not Showcase.objects.filter(action=eleventh).exists()


def test_a_taken_position_is_refused_by_the_service_and_the_form(client, people, published):
    first, second = Action.objects.filter(goal__plan=published).order_by("pk")[:2]
    showcase(published, first, position=3)
    with pytest.raises(ValidationError) as refused:
        showcase(published, second, position=3)
    assert "position" in refused.value.message_dict
    client.force_login(people.coordinator_a)
    response = client.post(edit_url(published, second), {"result": "Ook goed.", "position": 3})
    assert "Kies een van de vrije plaatsen." in response.content.decode()
    assert not Showcase.objects.filter(action=second).exists()


def test_the_database_keeps_positions_between_1_and_10_and_unique_per_plan(published):
    first, second = Action.objects.filter(goal__plan=published).order_by("pk")[:2]
    showcase(published, first, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Showcase.objects.create(action=second, plan=published, position=1, result="Dubbel.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Showcase.objects.create(action=second, plan=published, position=11, result="Te ver.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Showcase.objects.create(action=second, plan=published, position=2, result="")


def test_showcases_of_a_plan_taken_back_to_draft_leave_the_public_list(people, published):
    showcase(published, result="Zichtbaar zolang gepubliceerd.")
    assert "Zichtbaar zolang gepubliceerd." in Client().get(LIST).content.decode()
    services.plan_unpublish(plan=published, user=people.coordinator_a)
    assert "Zichtbaar zolang gepubliceerd." not in Client().get(LIST).content.decode()


# --- the public list --------------------------------------------------------------------------


@pytest.fixture
def three_showcases(people):
    """Utrecht (municipality in Utrecht) on climate, Zwolle on circularity, the province of Utrecht on climate."""
    province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind="provincie")
    people.organisation_a.province = province
    people.organisation_a.save()
    result = {}
    for name, organisation, slug in [
        ("utrecht", people.organisation_a, "klimaat"),
        ("zwolle", people.organisation_b, "circulair"),
        ("provincie", province, "klimaat"),
    ]:
        plan = make_plan(organisation, people.coordinator_a, "concept")
        action = ActionFactory(goal=GoalFactory(plan=plan, theme=theme(slug)), title=f"Voorbeeld van {name}")
        plan = make_published(plan, people)
        result[name] = showcase(plan, action, result=f"Resultaat van {name}.")
    return result


def make_published(plan, people):
    import datetime

    plan = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    return services.plan_publish(plan=plan, user=None)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"utrecht", "zwolle", "provincie"}),
        ("?theme=klimaat", {"utrecht", "provincie"}),
        ("?theme=circulair", {"zwolle"}),
        ("?kind=provincie", {"provincie"}),
        ("?province=pv26", {"utrecht", "provincie"}),
        ("?theme=klimaat&kind=gemeente", {"utrecht"}),
    ],
)
def test_anyone_filters_showcases_by_theme_tier_and_province(client, three_showcases, query, expected):
    page = client.get(LIST + query).content.decode()
    shown = {name for name in three_showcases if f"Resultaat van {name}." in page}
    assert shown == expected


def test_an_unknown_filter_value_shows_a_message_not_an_error(client, three_showcases):
    response = client.get(LIST + "?theme=bestaat-niet")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "Selecteer een geldige keuze" in response.content.decode()


def test_the_list_makes_the_same_number_of_queries_for_3_and_40_showcases(
    client, people, locmem_cache, django_assert_num_queries
):
    def build(organisation, count):
        plan = make_plan(organisation, people.coordinator_a, "concept")
        goal = plan.goals.first()
        actions = Action.objects.bulk_create(Action(goal=goal, title=f"Actie {n}", order=50 + n) for n in range(count))
        plan = make_published(plan, people)
        for action in actions:
            showcase(plan, action)

    build(people.organisation_a, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST + "?kind=gemeente").status_code == 200
    for _organisation in range(4):
        build(OrganisationFactory(), 10)
    locmem_cache.clear()
    from django.core.cache import caches

    caches["pages"].clear()
    from core.page_cache import forget_process_memory

    forget_process_memory()
    with django_assert_num_queries(len(small)):
        response = client.get(LIST + "?kind=gemeente")
    assert response.content.decode().count('class="mvoi-card mvoi-showcase"') == 20


def test_csv_and_json_hold_the_documented_columns(client, three_showcases):
    rows = list(csv.reader(io.StringIO(client.get("/voorbeelden/voorbeeldacties.csv?theme=klimaat").content.decode())))
    assert rows[0] == COLUMN_NAMES
    assert {row[COLUMN_NAMES.index("organisation_name")] for row in rows[1:]} == {"Utrecht", "Provincie Utrecht"}
    document = json.loads(client.get("/voorbeelden/voorbeeldacties.json").content)
    assert [column["name"] for column in document["columns"]] == COLUMN_NAMES
    assert {record["result"] for record in document["showcases"]} == {
        "Resultaat van utrecht.",
        "Resultaat van zwolle.",
        "Resultaat van provincie.",
    }
    schema = json.loads(client.get("/voorbeelden/voorbeeldacties.schema.json").content)
    csv_rows_matching_table_schema(client.get("/voorbeelden/voorbeeldacties.csv").content.decode(), schema)
    columns_page = client.get("/open-data/voorbeeldacties/").content.decode()
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in columns_page


# --- featuring --------------------------------------------------------------------------------


def test_featured_showcase_shows_on_the_home_page_and_its_theme_page_only(client, three_showcases, people):
    staff = _staff_powers(people)
    services.showcase_feature(showcase=three_showcases["utrecht"], user=staff, featured=True)
    assert "Resultaat van utrecht." in client.get("/").content.decode()
    assert "Resultaat van utrecht." in client.get("/themas/klimaat/").content.decode()
    assert "Resultaat van utrecht." not in client.get("/themas/circulair/").content.decode()
    assert "Resultaat van zwolle." not in client.get("/").content.decode()


def test_only_staff_with_staff_powers_feature_a_showcase(people, three_showcases):
    with pytest.raises(PermissionDenied):
        services.showcase_feature(showcase=three_showcases["utrecht"], user=people.coordinator_a, featured=True)
    with pytest.raises(SecondFactorRequired):  # staff in a session without the code step
        services.showcase_feature(showcase=three_showcases["utrecht"], user=people.staff, featured=True)
    assert not Showcase.objects.filter(is_featured=True).exists()


def test_staff_feature_showcases_with_the_admin_action(client, staff_with_two_factor, three_showcases):
    from tests.users import log_in_with_two_factor

    log_in_with_two_factor(client, staff_with_two_factor)
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    item = three_showcases["zwolle"]
    response = client.post(
        reverse("admin:actionplans_showcase_changelist"),
        {"action": "feature_selected", "_selected_action": [item.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_featured
    assert Change.objects.filter(object_kind="showcase", field="is_featured", new_value="True").exists()
    assert "Resultaat van zwolle." in Client().get("/themas/circulair/").content.decode()


def _staff_powers(people):
    staff = people.staff
    staff.passed_second_factor = True  # as StaffSessionMiddleware marks a session that passed the code step
    return staff


# --- the edition a plan serves ----------------------------------------------------------------


def test_plan_pages_name_the_manifest_edition_the_plan_carries_out(client, people, published):
    from tests.factories import current_edition

    edition = current_edition()
    published.edition = edition
    published.save()
    expected = f'href="{edition.get_absolute_url()}">Dit plan voert het {edition.title} uit</a>'
    assert expected in Client().get(published.get_public_url()).content.decode()
    client.force_login(people.member_a)
    assert expected in client.get(published.get_absolute_url()).content.decode()
