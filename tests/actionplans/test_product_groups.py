"""Product groups and ambition levels: the list staff keep, actions tagged in the plan builder, tenders in
yearly reports, and the monitor that sets planned levels beside applied ones."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from actionplans import report_services, services
from actionplans.cache import PRODUCT_GROUPS
from actionplans.models import ActionStatus, AmbitionLevel, ProductGroup, ReportTender, YearReport
from actionplans.product_group_monitor import COLUMNS, compute_rows, product_group_figures
from actionplans.product_groups import STARTER_LIST, load_product_groups, starter_list
from actionplans.report_forms import EuroField
from core.page_cache import every_kind_changed
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    publish_plan,
    submitted_report,
    theme,
)
from tests.users import log_in_with_two_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]

MONITOR_URL = reverse("monitor:product_groups")


@pytest.fixture
def groups(db):
    load_product_groups()
    return {group.name: group for group in ProductGroup.objects.all()}


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    goal = GoalFactory(plan=plan, title="Circulair inkopen", theme=theme("circulair"))
    ActionFactory(goal=goal, title="Circulaire catering", progress=10)
    return plan


def report_url(plan, year=2026):
    return reverse("actionplans:report_detail", args=[plan.uuid, year])


def action_url(plan, action):
    return reverse("actionplans:action_edit", args=[plan.uuid, action.pk])


def tender_row(group, **values):
    return {
        "product_group": group,
        "theme": theme("circulair"),
        "ambition_level": AmbitionLevel.SIGNIFICANT,
        "tender_count": 2,
        "contract_value": Decimal("1250000.50"),
        "tenderned_number": "",
        **values,
    }


def report_post(plan, rows: list[dict], initial: int = 0, **extra) -> dict:
    """What the report form posts: the prefilled values and the tender rows."""
    data = {"next_year": "", "tenders-TOTAL_FORMS": str(max(len(rows), 1)), "tenders-INITIAL_FORMS": str(initial)}
    for goal in plan.goals.all():
        data[f"goal_{goal.pk}"] = ""
        data[f"theme_{goal.theme_id}"] = ""
        for action in goal.actions.all():
            data[f"action_{action.pk}_status"] = action.status
            data[f"action_{action.pk}_progress"] = str(action.progress)
            data[f"action_{action.pk}_note"] = ""
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"tenders-{index}-{name}"] = value
    data.update(extra)
    return data


def catering_row(groups, **values):
    return {
        "product_group": str(groups["Catering"].pk),
        "theme": str(theme("circulair").pk),
        "ambition_level": "significant",
        "tender_count": "3",
        "contract_value": "1.250.000,50",
        "tenderned_number": "312345",
        **values,
    }


# --- the list ----------------------------------------------------------------------------------


def test_starter_list_comes_with_its_sources_and_caveats():
    sources = (STARTER_LIST.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert "te controleren" in sources and "45 product groups" in sources
    rows = starter_list()
    assert {"cluster": "Kantoorfaciliteiten en diensten", "name": "Catering", "to_check": False} in rows
    assert {"cluster": "Energie", "name": "Energie (elektriciteit en gas/warmte)", "to_check": True} in rows


def test_loading_twice_creates_the_list_once_and_keeps_what_staff_renamed(db):
    assert load_product_groups() == len(starter_list())
    catering = ProductGroup.objects.get(name="Catering")
    catering.name = "Catering en automaten"
    services.product_group_save(group=catering)
    assert load_product_groups() == 0
    assert ProductGroup.objects.filter(name="Catering en automaten").exists()
    assert ProductGroup.objects.count() == len(starter_list())


def test_saving_a_product_group_makes_pages_that_name_it_stale(db):
    before = PRODUCT_GROUPS.version()
    services.product_group_save(group=ProductGroup(name="Vervoer", slug="vervoer", to_check=True))
    assert PRODUCT_GROUPS.version() != before


def test_staff_admin_lists_groups_still_to_check(client, people, groups):
    from accounts.services import editor_group_ensure

    people.staff.groups.add(editor_group_ensure())
    log_in_with_two_factor(client, people.staff)
    page = client.get(reverse("admin:actionplans_productgroup_changelist") + "?to_check__exact=1").content.decode()
    assert "Groenvoorzieningen" in page and "Catering" not in page


# --- tagging actions in the plan builder ---------------------------------------------------------


def test_action_form_offers_checkboxes_by_cluster(client, people, plan, groups):
    action = plan.goals.get().actions.get()
    client.force_login(people.member_a)
    page = client.get(action_url(plan, action)).content.decode()
    assert '<legend class="utrecht-form-fieldset__legend">Kantoorfaciliteiten en diensten</legend>' in page
    assert f'type="checkbox" name="product_groups" value="{groups["Catering"].pk}"' in page
    assert "Significant" in page  # the three ambition levels


def test_member_tags_an_action_with_product_groups_and_a_level_and_the_history_names_them(client, people, plan, groups):
    action = plan.goals.get().actions.get()
    client.force_login(people.member_a)
    data = {
        "version": action.version,
        "goal": action.goal_id,
        "title": action.title,
        "owner": action.owner,
        "status": action.status,
        "progress": action.progress,
        "product_groups": [groups["Catering"].pk, groups["Automaten"].pk],
        "ambition_level": "ambitieus",
    }
    response = client.post(action_url(plan, action), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert sorted(action.product_groups.values_list("name", flat=True)) == ["Automaten", "Catering"]
    assert action.ambition_level == AmbitionLevel.AMBITIOUS
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Productgroepen: Automaten, Catering." in page and "Ambitieus" in page
    history = client.get(reverse("actionplans:plan_history", args=[plan.uuid])).content.decode()
    assert "Automaten, Catering" in history


def test_a_product_group_that_does_not_exist_is_refused_and_the_input_kept(client, people, plan, groups):
    action = plan.goals.get().actions.get()
    client.force_login(people.member_a)
    data = {
        "version": action.version,
        "goal": action.goal_id,
        "title": "Nieuwe titel",
        "status": action.status,
        "progress": action.progress,
        "product_groups": [999999],
    }
    page = client.post(action_url(plan, action), data).content.decode()
    assert "Kies productgroepen uit de lijst." in page
    assert 'value="Nieuwe titel"' in page
    assert not action.product_groups.exists()


def test_plan_builder_suggests_what_other_published_plans_use_under_the_theme(
    client, people, plan, groups, django_assert_num_queries
):
    for _number in range(2):
        other = ActionPlanFactory(organisation=OrganisationFactory())
        goal = GoalFactory(plan=other, theme=theme("circulair"))
        ActionFactory(goal=goal).product_groups.add(groups["Catering"])
        publish_plan(other)
    draft = ActionPlanFactory(organisation=OrganisationFactory())
    ActionFactory(goal=GoalFactory(plan=draft, theme=theme("circulair"))).product_groups.add(groups["Papier"])
    action = plan.goals.get().actions.get()
    client.force_login(people.member_a)
    page = client.get(action_url(plan, action)).content.decode()
    assert "Andere gepubliceerde plannen gebruiken bij het thema Circulair" in page
    assert "Catering (2 plannen)" in page
    assert "Papier" not in page.split("Andere gepubliceerde plannen")[1].split("</div>")[0]


def test_suggestions_take_one_query_however_many_plans(people, plan, groups, django_assert_num_queries):
    from actionplans.product_groups import suggestions_for_theme

    circulair = theme("circulair")
    with django_assert_num_queries(1):
        suggestions_for_theme(circulair.pk)
    for _number in range(5):
        other = ActionPlanFactory(organisation=OrganisationFactory())
        action = ActionFactory(goal=GoalFactory(plan=other, theme=circulair))
        action.product_groups.add(groups["Catering"], groups["Schoonmaak"])
        publish_plan(other)
    with django_assert_num_queries(1):
        assert suggestions_for_theme(circulair.pk)[0]["plans"] == 5


def test_published_plan_page_shows_each_actions_product_groups_and_level(client, people, plan, groups):
    action = plan.goals.get().actions.get()
    action.product_groups.add(groups["Catering"])
    action.ambition_level = AmbitionLevel.BASIC
    action.save()
    publish_plan(plan)
    page = client.get(plan.get_public_url()).content.decode()
    assert "Productgroepen: Catering. Ambitieniveau criteria: Basis." in page


def test_copy_and_template_keep_product_groups(people, plan, groups):
    action = plan.goals.get().actions.get()
    action.product_groups.add(groups["Catering"])
    plan = publish_plan(plan)
    copy = services.plan_copy(source=plan, organisation=people.organisation_b, user=people.member_b)
    assert list(copy.goals.get().actions.get().product_groups.values_list("name", flat=True)) == ["Catering"]
    from_template = services.plan_create_from_template(
        organisation=people.organisation_b, user=people.member_b, track="gevorderd", start_year=2027, end_year=2030
    )
    tagged = from_template.goals.filter(actions__product_groups__name="Schoonmaak")
    assert tagged.exists()


# --- tenders in the yearly report -------------------------------------------------------------


def test_coordinator_records_tenders_in_dutch_notation_and_reads_them_back(client, people, plan, groups):
    client.force_login(people.coordinator_a)
    response = client.post(report_url(plan), report_post(plan, [catering_row(groups)], save="1"))
    assert response.status_code == 302
    tender = ReportTender.objects.get()
    assert (tender.product_group.name, tender.tender_count, tender.contract_value) == (
        "Catering",
        3,
        Decimal("1250000.50"),
    )
    assert tender.tenderned_number == "312345"
    page = client.get(report_url(plan)).content.decode()
    assert 'value="1.250.000,50"' in page  # shown again the Dutch way
    # Saving again with the stored row unchanged keeps it; ticking "Verwijderen" removes it.
    client.post(report_url(plan), report_post(plan, [catering_row(groups, contract_value="1.250.000,50")], initial=1))
    assert ReportTender.objects.count() == 1
    client.post(report_url(plan), report_post(plan, [catering_row(groups, DELETE="on")], initial=1))
    assert not ReportTender.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tender_count", "-2", "Het aantal aanbestedingen moet minstens 1 zijn."),
        ("contract_value", "1,250,000", "Vul een bedrag in euro in, bijvoorbeeld 1.250.000,50."),
        ("contract_value", "-5,00", "De contractwaarde kan niet negatief zijn."),
        ("product_group", "999999", "Kies een productgroep uit de lijst."),
        ("tenderned_number", "TN-12", "Een publicatienummer van TenderNed heeft 4 tot 9 cijfers en verder niets."),
    ],
)
def test_bad_tender_input_gets_a_clear_message_keeps_the_input_and_saves_nothing(
    client, people, plan, groups, field, value, message
):
    client.force_login(people.coordinator_a)
    data = report_post(plan, [catering_row(groups, **{field: value})], next_year="Meer marktdialogen")
    response = client.post(report_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Aanbestedingen, rij 1" in page  # named in the summary at the top
    assert "Meer marktdialogen" in page
    if field != "product_group":  # a choice that is not in the list cannot be shown as chosen
        assert f'value="{value}"' in page
    assert not YearReport.objects.exists() and not ReportTender.objects.exists()


def test_two_rows_for_the_same_group_theme_and_level_are_refused(client, people, plan, groups):
    client.force_login(people.coordinator_a)
    response = client.post(report_url(plan), report_post(plan, [catering_row(groups), catering_row(groups)]))
    assert "tel de aanbestedingen op in één rij" in response.content.decode()
    assert not ReportTender.objects.exists()


def test_euro_field_reads_dutch_and_point_notation():
    field = EuroField()
    assert field.clean("1.250.000,50") == Decimal("1250000.50")
    assert field.clean("€ 1250000,5") == Decimal("1250000.5")
    assert field.clean("1.250") == Decimal("1250")
    assert field.clean("1250.75") == Decimal("1250.75")
    for bad in ("1,250,000", "12,345", "1.25.0", "abc", "1,2,3"):
        with pytest.raises(ValidationError):
            field.clean(bad)


def test_database_refuses_bad_tenders_whatever_the_form(people, plan, groups):
    report = YearReport.objects.create(plan=plan, year=2026)
    for values in ({"tender_count": 0}, {"contract_value": Decimal("-1")}, {"tenderned_number": "12ab"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReportTender.objects.create(report=report, **tender_row(groups["Catering"], **values))


def test_service_saves_all_rows_or_none(people, plan, groups):
    rows = [tender_row(groups["Catering"]), tender_row(groups["Papier"], tender_count=-1)]
    with pytest.raises(ValidationError, match="rij 2"):
        report_services.report_save_draft(
            plan=plan, year=2026, user=people.coordinator_a, data={}, next_year="", tenders=rows
        )
    assert not YearReport.objects.exists() and not ReportTender.objects.exists()


def test_submitted_report_shows_its_tenders_to_members_and_refuses_changes(client, people, plan, groups):
    report = submitted_report(plan, 2026, tenders=[tender_row(groups["Catering"])])
    client.force_login(people.member_a)
    page = client.get(report_url(plan)).content.decode()
    assert "Aanbestedingen per productgroep" in page and "1.250.000,50" in page
    with pytest.raises(report_services.ReportAlreadySubmitted):
        report_services.report_tenders_replace(report=report, tenders=[])


@pytest.mark.parametrize(
    ("who", "status", "sees_form"),
    [("anonymous", 404, False), ("member_b", 404, False), ("member_a", 200, False), ("coordinator_a", 200, True)],
)
def test_who_sees_the_tender_rows_of_a_report(client, people, plan, groups, who, status, sees_form):
    submitted = ActionPlanFactory(organisation=people.organisation_a)
    if getattr(people, who):
        client.force_login(getattr(people, who))
    response = client.get(report_url(plan, 2027))
    assert response.status_code == status
    if status == 200:
        assert ('name="tenders-TOTAL_FORMS"' in response.content.decode()) == sees_form
    assert submitted  # a second plan of the organisation does not change who sees what


def test_staff_read_tenders_only_in_a_two_factor_session(client, people, plan, groups):
    submitted_report(plan, 2026, tenders=[tender_row(groups["Catering"])])
    client.force_login(people.staff)  # a session without the code from the authenticator app
    response = client.get(report_url(plan))
    assert response.status_code == 302 and "Catering" not in response.content.decode()
    client.logout()
    log_in_with_two_factor(client, people.staff)
    assert "Catering" in client.get(report_url(plan)).content.decode()


# --- the monitor of product groups ---------------------------------------------------------------


def published_tagged_plan(groups, *, kind="gemeente", level=AmbitionLevel.AMBITIOUS, tenders=True):
    plan = ActionPlanFactory(organisation=OrganisationFactory(kind=kind), start_year=2026, end_year=2029)
    action = ActionFactory(goal=GoalFactory(plan=plan, theme=theme("circulair")), ambition_level=level)
    action.product_groups.add(groups["Catering"])
    publish_plan(plan)
    if tenders:
        submitted_report(plan, 2026, tenders=[tender_row(groups["Catering"], ambition_level=AmbitionLevel.BASIC)])
    return plan


def test_monitor_sets_planned_beside_applied_nationally_and_per_tier(client, groups):
    published_tagged_plan(groups)
    published_tagged_plan(groups, kind="provincie", level=AmbitionLevel.SIGNIFICANT, tenders=False)
    rows = {(row["scope"], row["product_group"]): row for row in compute_rows()["rows"]}
    national = rows[("nationaal", "catering")]
    assert (national["planned_ambitieus"], national["planned_significant"], national["tenders_basis"]) == (1, 1, 2)
    assert national["contract_value"] == Decimal("1250000.50")
    assert rows[("provincie", "catering")]["tenders_basis"] == 0
    page = client.get(MONITOR_URL).content.decode()
    assert "Catering" in page and "1.250.000,50" in page
    tier_page = client.get(MONITOR_URL + "?tier=provincie").content.decode()
    assert "Provincie" in tier_page and "1.250.000,50" not in tier_page


def test_monitor_csv_and_json_have_the_documented_columns(client, groups):
    published_tagged_plan(groups)
    response = client.get(reverse("monitor:product_groups_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="mvoi-productgroepen.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [column.name for column in COLUMNS]
    assert rows[1][:5] == ["nationaal", "Kantoorfaciliteiten en diensten", "catering", "Catering", "circulair"]
    body = json.loads(client.get(reverse("monitor:product_groups_json")).content)
    assert [column["name"] for column in body["columns"]] == [column.name for column in COLUMNS]
    assert body["rows"][0]["contract_value"] == 1250000.5 and body["licence"] == "CC0-1.0"


@pytest.mark.parametrize("who", ["anonymous", "member_a", "coordinator_a", "member_b", "staff"])
def test_everyone_reads_the_monitor_of_product_groups(client, people, groups, who):
    if getattr(people, who):
        client.force_login(getattr(people, who))
    for url in (MONITOR_URL, reverse("monitor:product_groups_csv"), reverse("monitor:product_groups_json")):
        assert client.get(url).status_code == 200


def test_an_unknown_tier_shows_all_organisations(client, groups):
    page = client.get(MONITOR_URL + "?tier=<script>").content.decode()
    assert "Alle organisaties" in page and "<script>" not in page.split("<main")[1]


def test_monitor_is_fresh_after_a_report_or_a_renamed_group(client, people, plan, groups):
    published_tagged_plan(groups)
    assert "Catering" in client.get(MONITOR_URL).content.decode()
    catering = groups["Catering"]
    catering.name = "Catering en horeca"
    services.product_group_save(group=catering)
    assert "Catering en horeca" in client.get(MONITOR_URL).content.decode()
    first = product_group_figures()["generated_at"]
    assert product_group_figures()["generated_at"] == first  # cached until something changes


def test_monitor_takes_the_same_queries_at_one_and_ten_times_the_data(
    client, locmem_cache, groups, django_assert_num_queries
):
    published_tagged_plan(groups)
    with django_assert_num_queries(4):
        compute_rows()
    for _number in range(10):
        published_tagged_plan(groups, kind="waterschap")
    with django_assert_num_queries(4):
        rows = compute_rows()["rows"]
    assert next(row for row in rows if row["scope"] == "waterschap")["tenders_basis"] == 20
    every_kind_changed()
    client.get(MONITOR_URL)
    with django_assert_num_queries(0):
        client.get(MONITOR_URL)


def test_actions_without_a_level_or_of_drafts_are_not_planned(groups):
    plan = ActionPlanFactory(organisation=OrganisationFactory())
    action = ActionFactory(goal=GoalFactory(plan=plan), ambition_level=AmbitionLevel.BASIC, status=ActionStatus.PLANNED)
    action.product_groups.add(groups["Papier"])
    assert compute_rows()["rows"] == []
