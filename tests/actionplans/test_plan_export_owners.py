"""A plan's own downloads say whose plan it is: the workbook names the lead, the co-owners with their adoption
and the targets per owner; the CSV stays the import format, unchanged, and the round trip keeps working."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplans import owner_services
from actionplans.cache import PLANS
from actionplans.models import Action, ActionStatus
from core.page_cache import every_kind_changed, versions
from core.xlsx_export import CONTENT_TYPE
from guidance.cache import THEMES
from manifest import services as manifest_services
from manifest.cache import REGISTER
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    co_owner,
    publish_plan,
    theme,
)
from tests.users import log_in

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","klik")'
OWNER_HEADER = ("Rol", "Organisatie", "Code", "Vastgesteld op", "Vastgesteld door")
TARGET_HEADER = ("Doel-id", "Doel", "Organisatie", "Code", "Streefwaarde", "Eenheid", "Streefjaar")
CSV_COLUMNS = [
    "soort",
    "id",
    "doel_id",
    "thema",
    "titel",
    "omschrijving",
    "indicator",
    "eenheid",
    "nulwaarde",
    "nuljaar",
    "streefwaarde",
    "streefjaar",
    "eigenaar",
    "start",
    "einde",
    "status",
    "voortgang",
    "productgroepen",
    "ambitieniveau",
    "sturingsniveau",
]


@pytest.fixture
def joint_plan(people):
    """Utrecht's draft plan with Zwolle (accepted), De Bilt (asked, no answer) and Houten (declined); its goal
    "Minder CO2" has a target per owner, "Gedeeld doel" one shared target."""
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Samen inkopen")
    goal = GoalFactory(plan=plan, theme=theme("klimaat"), title="Minder CO2", unit="%", target_year=2029)
    ActionFactory(goal=goal, title="Criteria in de inkoopvoorwaarden", progress=20)
    GoalFactory(plan=plan, theme=theme("klimaat"), title="Gedeeld doel", target_value=50)
    co_owner(plan, people.organisation_b)
    co_owner(plan, OrganisationFactory(code="gm0310", name="De Bilt"), "aangevraagd")
    co_owner(plan, OrganisationFactory(code="gm0321", name="Houten"), "afgewezen")
    owner_services.goal_targets_save(
        goal=goal,
        user=None,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("40"), people.organisation_b.pk: Decimal("55.5")},
    )
    return plan


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content))


def rows(worksheet) -> list[tuple]:
    return list(worksheet.iter_rows(values_only=True))


def member_workbook(client, user, plan):
    log_in(client, user)
    return workbook(client.get(reverse("actionplans:plan_xlsx", args=[plan.uuid])))


def published_workbook(client, plan):
    return workbook(client.get(reverse("actionplans:published_xlsx", args=[plan.uuid])))


def adopt_as_co_owner(plan, organisation, adopted_on=datetime.date(2026, 3, 1)):
    owner = plan.co_owners.get(organisation=organisation)
    owner_services.owner_adopt(owner=owner, user=None, adopted_on=adopted_on, adopted_by="Gemeenteraad Zwolle")


# --- what the workbook says -----------------------------------------------------------------------


def test_member_workbook_names_the_lead_the_co_owner_and_the_open_request_as_not_answered(client, people, joint_plan):
    book = member_workbook(client, people.member_a, joint_plan)
    assert book.sheetnames == ["Doelen en acties", "Eigenaren", "Streefwaarden per eigenaar"]
    assert rows(book["Eigenaren"]) == [
        OWNER_HEADER,
        ("Leidend", "Utrecht", "gm0344", None, None),  # a draft: nobody has adopted it yet
        ("Mede-eigenaar", "Zwolle", "gm0193", None, None),
        ("Gevraagd, nog geen antwoord", "De Bilt", "gm0310", None, None),
    ]
    assert "Houten" not in str(rows(book["Eigenaren"]))  # a declined request is never named


def test_member_workbook_lists_each_owners_target_for_the_goals_with_a_target_per_owner(client, people, joint_plan):
    book = member_workbook(client, people.coordinator_a, joint_plan)
    goal = joint_plan.goals.get(title="Minder CO2")
    assert rows(book["Streefwaarden per eigenaar"]) == [
        TARGET_HEADER,
        (goal.pk, "Minder CO2", "Utrecht", "gm0344", 40, "%", 2029),
        (goal.pk, "Minder CO2", "Zwolle", "gm0193", 55.5, "%", 2029),
    ]
    goals_sheet = rows(book["Doelen en acties"])
    assert goals_sheet[0] == tuple(CSV_COLUMNS)  # the first sheet keeps the columns of the CSV
    assert {row[4] for row in goals_sheet[1:]} == {"Minder CO2", "Criteria in de inkoopvoorwaarden", "Gedeeld doel"}


@pytest.mark.parametrize(
    ("who", "sees_the_request"),
    [("member_a", True), ("coordinator_a", True), ("staff", True), ("member_b", False)],
)
def test_only_the_leads_side_sees_open_requests_in_its_workbook(client, people, joint_plan, who, sees_the_request):
    # member_b belongs to Zwolle, the co-owner: as on the plan's page, it reads the owners, not the requests.
    owners = rows(member_workbook(client, getattr(people, who), joint_plan)["Eigenaren"])
    assert [owner[1] for owner in owners[1:3]] == ["Utrecht", "Zwolle"]
    assert ("De Bilt" in {owner[1] for owner in owners}) is sees_the_request


def test_published_workbook_names_only_the_accepted_owners_each_with_its_own_adoption(client, people, joint_plan):
    plan = publish_plan(joint_plan)
    adopt_as_co_owner(plan, people.organisation_b)
    book = published_workbook(client, plan)
    assert book.sheetnames == ["Doelen en acties", "Eigenaren", "Streefwaarden per eigenaar"]
    owners = book["Eigenaren"]
    assert rows(owners) == [
        OWNER_HEADER,
        ("Leidend", "Utrecht", "gm0344", datetime.datetime(2026, 1, 15), "College"),
        ("Mede-eigenaar", "Zwolle", "gm0193", datetime.datetime(2026, 3, 1), "Gemeenteraad Zwolle"),
    ]
    assert owners["D2"].number_format == "d-m-yyyy"  # shown as 15-1-2026 in a Dutch Excel
    assert owners["A1"].font.bold and owners.freeze_panes == "A2"


def test_workbook_of_a_plan_of_one_organisation_names_its_lead_and_has_no_targets_sheet(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    GoalFactory(plan=plan, target_value=80)
    book = member_workbook(client, people.member_a, plan)
    assert book.sheetnames == ["Doelen en acties", "Eigenaren"]
    assert rows(book["Eigenaren"]) == [OWNER_HEADER, ("Leidend", "Utrecht", "gm0344", None, None)]


def test_workbook_speaks_english_to_an_english_reader(client, people, joint_plan):
    log_in(client, people.member_a)
    with translation.override("en"):
        url = reverse("actionplans:plan_xlsx", args=[joint_plan.uuid])
    assert url.startswith("/en/")
    book = workbook(client.get(url))
    assert book.sheetnames == ["Goals and actions", "Owners", "Targets per owner"]
    assert [row[0] for row in rows(book["Owners"])] == ["Role", "Lead", "Co-owner", "Asked, has not answered yet"]


def test_formula_in_an_organisation_name_stays_text_in_the_workbook(client, people, joint_plan):
    hostile = OrganisationFactory(code="gm0999", name=FORMULA)
    co_owner(joint_plan, hostile)
    goal = joint_plan.goals.get(title="Minder CO2")
    owner_services.goal_targets_save(goal=goal, user=None, per_owner=True, targets={hostile.pk: Decimal("10")})
    book = member_workbook(client, people.member_a, joint_plan)
    for title in ("Eigenaren", "Streefwaarden per eigenaar"):
        cells = [cell for row in book[title].iter_rows() for cell in row if cell.value == FORMULA]
        assert cells, title
        assert all(cell.data_type == "s" for cell in cells)  # text, not a working formula


# --- who may download -----------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("anonymous", 404), ("asked", 404), ("member_b", 200), ("member_a", 200)])
def test_member_workbook_of_a_joint_plan_for_its_owners_not_for_an_organisation_only_asked(
    client, people, joint_plan, who, status
):
    asked = MembershipFactory(user=UserFactory(email="lid@debilt.example"), organisation__code="gm0310").user
    users = {"anonymous": None, "asked": asked, "member_b": people.member_b, "member_a": people.member_a}
    log_in(client, users[who])
    assert client.get(reverse("actionplans:plan_xlsx", args=[joint_plan.uuid])).status_code == status


def test_published_workbook_follows_a_co_owners_adoption_and_a_new_organisation_name(
    client, people, joint_plan, locmem_cache
):
    plan = publish_plan(joint_plan)
    assert rows(published_workbook(client, plan)["Eigenaren"])[2][3] is None
    adopt_as_co_owner(plan, people.organisation_b)
    assert rows(published_workbook(client, plan)["Eigenaren"])[2][3] == datetime.datetime(2026, 3, 1)
    zwolle = people.organisation_b
    zwolle.name = "Gemeente Zwolle"
    manifest_services.organisation_save(organisation=zwolle)
    assert rows(published_workbook(client, plan)["Eigenaren"])[2][1] == "Gemeente Zwolle"


# --- the CSV: the import format, unchanged --------------------------------------------------------


def test_csv_of_a_joint_plan_keeps_the_import_columns_and_the_round_trip_updates_the_action(client, people, joint_plan):
    client.force_login(people.member_a)
    exported = client.get(reverse("actionplans:plan_csv", args=[joint_plan.uuid])).content.decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(exported), delimiter=";"))
    assert list(records[0]) == CSV_COLUMNS
    assert "Zwolle" not in exported and "De Bilt" not in exported
    for record in records:
        if record["soort"] == "actie":
            record["status"], record["voortgang"] = "lopend", "65"
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=CSV_COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(records)
    upload = SimpleUploadedFile("actieplan.csv", edited.getvalue().encode("utf-8-sig"), content_type="text/csv")
    preview = client.post(reverse("actionplans:plan_import", args=[joint_plan.uuid]), {"file": upload})
    assert preview.status_code == 200
    assert "1 actie wordt gewijzigd" in preview.content.decode()
    applied = client.post(reverse("actionplans:plan_import_apply", args=[joint_plan.uuid]), follow=True)
    assert applied.status_code == 200
    action = Action.objects.get(title="Criteria in de inkoopvoorwaarden")
    assert (action.status, action.progress) == (ActionStatus.IN_PROGRESS, 65)


def test_import_page_says_the_owners_are_in_the_excel_download(client, people, joint_plan):
    client.force_login(people.member_a)
    page = client.get(reverse("actionplans:plan_import", args=[joint_plan.uuid])).content.decode()
    assert "De CSV bevat alleen de doelen en acties." in page
    assert "op de tabbladen Eigenaren en Streefwaarden per eigenaar" in page
    assert f'href="{reverse("actionplans:plan_xlsx", args=[joint_plan.uuid])}"' in page


# --- query counts ---------------------------------------------------------------------------------


def large_joint_plan(people):
    """A draft plan of Amersfoort with many owners, open requests and goals with targets per owner."""
    plan = ActionPlanFactory(organisation=OrganisationFactory(code="gm0307", name="Amersfoort"))
    co_owner(plan, people.organisation_a)
    for number in range(4):
        co_owner(plan, OrganisationFactory(code=f"gm{7100 + number}", name=f"Mede-eigenaar {number}"))
    for number in range(3):
        co_owner(plan, OrganisationFactory(code=f"gm{7200 + number}", name=f"Gevraagd {number}"), "aangevraagd")
    owners = owner_services.owner_ids(plan)
    for number in range(6):
        goal = GoalFactory(plan=plan, theme=theme("circulair"), title=f"Doel {number}", unit="%")
        ActionFactory.create_batch(2, goal=goal)
        owner_services.goal_targets_save(goal=goal, user=None, per_owner=True, targets=dict.fromkeys(owners, 30))
    return plan


def test_member_workbook_needs_the_same_queries_for_few_owners_and_many(
    client, people, joint_plan, django_assert_num_queries
):
    large = large_joint_plan(people)  # member_a's Utrecht co-owns it, and leads the small one
    client.force_login(people.member_a)
    for plan, owner_rows, target_rows in ((joint_plan, 3, 2), (large, 6, 6 * 6)):
        # the session and its user, the plan, its owners, its goals, their actions, the actions' product groups,
        # then the session saved again (a savepoint, the update, its release)
        with django_assert_num_queries(10):
            book = workbook(client.get(reverse("actionplans:plan_xlsx", args=[plan.uuid])))
        assert len(rows(book["Eigenaren"])) == 1 + owner_rows
        assert len(rows(book["Streefwaarden per eigenaar"])) == 1 + target_rows


def test_published_workbook_needs_the_same_queries_for_few_owners_and_many(
    client, people, joint_plan, locmem_cache, django_assert_num_queries
):
    plans = [publish_plan(joint_plan), publish_plan(large_joint_plan(people))]
    for plan, owner_rows in zip(plans, (2, 6), strict=True):
        url = reverse("actionplans:published_xlsx", args=[plan.uuid])
        every_kind_changed()  # the factories wrote past the services; the page cache reads its versions once
        versions([PLANS, THEMES, REGISTER])
        # the plan, its owners, its goals, their actions and the actions' product groups
        with django_assert_num_queries(5):
            book = workbook(client.get(url))
        assert len(rows(book["Eigenaren"])) == 1 + owner_rows  # open requests are nobody else's business
        with django_assert_num_queries(0):
            assert client.get(url).content  # then from the page cache
