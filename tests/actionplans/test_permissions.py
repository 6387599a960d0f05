"""Every URL of the action plans app for every kind of person.

The URL names come from the URLconf, so a new URL without an entry in MATRIX fails here.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import get_resolver, reverse

from actionplans import owner_services, services
from actionplans.models import ActionPlan
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    SignatureFactory,
    co_owner,
    plan_review,
    submitted_report,
)
from tests.users import CODE_STEP, SET_UP_APP, STAFF_VARIANTS, log_in_as, log_in_with_two_factor

# Reports depend on the day: on REPORT_DAY the report on 2026 can be submitted (see conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]

PEOPLE = ["anonymous", "member_a", "coordinator_a", "member_b", "staff"]


def url_names(namespace: str) -> list[str]:
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return sorted(pattern.name for pattern in resolver.url_patterns)


def actionplans_url_names() -> list[str]:
    return url_names("actionplans")


@dataclass
class Case:
    """Expected status per person, in the order of PEOPLE.

    VNG staff log in through the code step. Staff in a session without the code (STAFF_VARIANTS) are sent to
    the code step (or to set up an app) wherever the URL asks for more than a member may: organisation A's
    plan or a staff page (`staff_power`); elsewhere they get what staff get.
    """

    expected: tuple[int, int, int, int, int]
    method: str = "get"
    plan: str | None = "concept"  # the state of organisation A's plan in the URL, or None for no plan
    # What the URL points at: "plan", "goal", "action", "showcase" (an action that is one), "report" (plan
    # and year), "compare" (plan and a year after a submitted report) or "year".
    args: str = "plan"
    data: dict | None = None
    anonymous_to: str = "account_login"  # where a 302 takes an anonymous visitor
    staff_power: bool = True
    review: str | None = None  # the status of a review of the plan by VNG, if it has one
    # People of cooperative bodies who get something else than their column in PEOPLE (see BODY_PEOPLE).
    body_expected: dict | None = None


READ = (404, 200, 200, 404, 200)
EDIT = (404, 200, 200, 404, 403)
TRACK = (404, 200, 200, 404, 403)  # like EDIT, but in every status of the plan (tested on adopted and published)
COORDINATE = (404, 403, 200, 404, 403)
PUBLIC = (200, 200, 200, 200, 200)
STAFF_ONLY = (302, 403, 403, 403, 200)
REPORT_YEAR = 2026

MATRIX = {
    "index": Case((302, 200, 200, 200, 200), plan=None, anonymous_to="actionplans:published_list", staff_power=False),
    # Without an organisation (VNG staff here) the page explains how to become a member.
    "plan_create": Case((302, 200, 200, 200, 200), plan=None, staff_power=False),
    # A published plan as the start of one's own: member B gets the form, organisation A's members are
    # sent to their own plan, VNG staff are told plans are made by members.
    "plan_copy": Case((302, 200, 200, 200, 200), plan="gepubliceerd", staff_power=False),
    "published_list": Case(PUBLIC, plan=None, staff_power=False),
    "published_detail": Case(PUBLIC, plan="gepubliceerd", staff_power=False),
    "published_pdf": Case(PUBLIC, plan="gepubliceerd", staff_power=False),
    "published_docx": Case(PUBLIC, plan="gepubliceerd", staff_power=False),
    "published_xlsx": Case(PUBLIC, plan="gepubliceerd", staff_power=False),
    "published_json": Case(PUBLIC, plan="gepubliceerd", staff_power=False),
    "published_json_schema": Case(PUBLIC, plan=None, staff_power=False),
    "published_rows_csv": Case(PUBLIC, plan=None, staff_power=False),
    "published_rows_json": Case(PUBLIC, plan=None, staff_power=False),
    "published_rows_schema": Case(PUBLIC, plan=None, staff_power=False),
    "plan_detail": Case(READ),
    "plan_history": Case(READ),
    "plan_print": Case(READ),
    "plan_csv": Case(READ),
    "plan_xlsx": Case(READ),
    "plan_pdf": Case(READ),
    "plan_docx": Case(READ),
    "plan_edit": Case(EDIT),
    "plan_import": Case(TRACK, plan="gepubliceerd"),
    "plan_import_apply": Case((404, 302, 302, 404, 403), method="post", plan="gepubliceerd"),
    "plan_adopt": Case(COORDINATE),
    "plan_publish": Case(COORDINATE, plan="vastgesteld"),
    "plan_unpublish": Case(COORDINATE, plan="gepubliceerd"),
    "plan_delete": Case(COORDINATE),
    "goal_create": Case(EDIT),
    "goal_edit": Case(EDIT, args="goal"),
    "goal_delete": Case(EDIT, args="goal"),
    "goal_move": Case((404, 302, 302, 404, 403), method="post", args="goal", data={"direction": "down"}),
    "action_create": Case(EDIT, args="goal"),
    "action_edit": Case(EDIT, args="action"),
    "action_delete": Case(EDIT, args="action"),
    "action_move": Case((404, 302, 302, 404, 403), method="post", args="action", data={"direction": "down"}),
    "action_progress": Case(TRACK, plan="vastgesteld", args="action"),
    "plan_review": Case(READ, plan="vastgesteld"),
    "review_feedback": Case((404, 403, 403, 404, 200), plan="vastgesteld", review="ingediend"),
    "review_reply": Case(COORDINATE, plan="vastgesteld", review="teruggekoppeld", args="finding"),
    "review_agree": Case(COORDINATE, plan="vastgesteld", review="teruggekoppeld"),
    # Showcases: a coordinator's choice on a published plan (a member of A gets 403, B and anyone else 404).
    "showcase_manage": Case(COORDINATE, plan="gepubliceerd"),
    "showcase_edit": Case(COORDINATE, plan="gepubliceerd", args="action"),
    "showcase_remove": Case((404, 403, 302, 404, 403), method="post", plan="gepubliceerd", args="showcase"),
    # Carrying a published plan over to the current edition: its coordinators only (this plan already is of
    # the current edition, so they are told so and sent back).
    "plan_carry_over": Case((404, 403, 302, 404, 403), method="post", plan="gepubliceerd"),
    # Joint plans: organisation B asked to own organisation A's plan ("owner": the request is open;
    # "accepted_owner": B accepted and A adopted the plan). Asking is for A's coordinators (and a body
    # preparing A's plans); answering and adopting as co-owner for B's coordinators only.
    "owner_request": Case((404, 403, 200, 404, 403), body_expected={"body_with_right": 200}),
    "owner_decide": Case(READ, args="owner"),
    "owner_accept": Case((404, 403, 403, 404, 403), method="post", args="owner"),
    "owner_decline": Case((404, 403, 403, 404, 403), method="post", args="owner"),
    "owner_adopt": Case(
        (404, 403, 403, 403, 403),
        plan="vastgesteld",
        args="accepted_owner",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    # Withdrawing B's open request: whoever may ask. Leaving as co-owner: B's coordinators only (none here;
    # see tests/actionplans/test_joint_plans.py for them).
    "owner_withdraw": Case(
        (404, 403, 302, 404, 403), method="post", args="owner", body_expected={"body_with_right": 302}
    ),
    "owner_leave": Case(
        (404, 403, 403, 403, 403),
        method="post",
        plan="vastgesteld",
        args="accepted_owner",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    # Leaving after B's own adoption ("adopted_owner"), with a reason: B's coordinators only (none here).
    "owner_leave_adopted": Case(
        (404, 403, 403, 403, 403),
        plan="vastgesteld",
        args="adopted_owner",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    # Handing the lead to B: offered by A's own coordinators (never a body); B's members read the offer, which
    # B's coordinators (none here; see tests/actionplans/test_joint_plans.py) accept or decline.
    "handover_request": Case(COORDINATE),
    "handover_decide": Case(
        (404, 200, 200, 200, 200), args="handover", body_expected={"body_without_right": 404, "outsider": 404}
    ),
    "handover_accept": Case(
        (404, 403, 403, 403, 403),
        method="post",
        args="handover",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    "handover_decline": Case(
        (404, 403, 403, 403, 403),
        method="post",
        args="handover",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    "handover_withdraw": Case(
        (404, 403, 302, 403, 403),
        method="post",
        args="handover",
        body_expected={"body_without_right": 404, "outsider": 404},
    ),
    "goal_targets": Case(EDIT, args="goal"),
    "report_index": Case(READ),
    "report_detail": Case(READ, args="report"),
    "report_submit": Case(COORDINATE, args="report"),
    "report_compare": Case(READ, args="compare"),
    "report_overview": Case(STAFF_ONLY, plan=None, args="year"),
    "report_export": Case(STAFF_ONLY, plan=None),
}

# The national monitor (its own namespace, in this app): public for everybody.
MONITOR_MATRIX = {
    "index": PUBLIC,
    "data_csv": PUBLIC,
    "data_json": PUBLIC,
    "data_xlsx": PUBLIC,
    "data_schema": PUBLIC,
    "indicators_schema": PUBLIC,
    "product_groups_schema": PUBLIC,
    "indicators": PUBLIC,
    "indicators_csv": PUBLIC,
    "indicators_json": PUBLIC,
    "product_groups": PUBLIC,
    "product_groups_csv": PUBLIC,
    "product_groups_json": PUBLIC,
}


# URL arguments that name organisation B as (asked, accepted or adopted) co-owner or as the offered new lead.
ABOUT_A_CO_OWNER = {"owner", "accepted_owner", "adopted_owner", "handover"}


def make_case_plan(people, case: Case) -> ActionPlan | None:
    """Organisation A's plan in the case's state, with organisation B as co-owner where the URL is about one."""
    if not case.plan:
        return None
    plan = make_plan(people.organisation_a, people.coordinator_a, case.plan)
    if case.args in {"owner", "accepted_owner"}:
        co_owner(plan, people.organisation_b, "aangevraagd" if case.args == "owner" else "geaccepteerd")
    if case.args == "adopted_owner":
        co_owner(plan, people.organisation_b, adopted_on=datetime.date(2026, 2, 1))
    if case.args == "handover":
        co_owner(plan, people.organisation_b)
        owner_services.lead_handover_request(plan=plan, organisation=people.organisation_b, user=None)
    if case.review:
        plan_review(plan, case.review)
    return plan


def make_plan(organisation, user, status: str) -> ActionPlan:
    plan = ActionPlanFactory(organisation=organisation)
    goal = GoalFactory(plan=plan)
    ActionFactory(goal=goal)
    ActionFactory(goal=goal)
    GoalFactory(plan=plan, theme=goal.theme)
    if status != "concept":
        plan = services.plan_adopt(plan=plan, user=user, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    if status == "gepubliceerd":
        plan = services.plan_publish(plan=plan, user=user)
    return plan


def url_for(name: str, case: Case, plan: ActionPlan | None) -> str:
    if case.args == "year":
        return reverse(f"actionplans:{name}", args=[REPORT_YEAR])
    if plan is None:
        return reverse(f"actionplans:{name}")
    if case.args == "report":
        return reverse(f"actionplans:{name}", args=[plan.uuid, REPORT_YEAR])
    if case.args == "compare":
        submitted_report(plan, REPORT_YEAR)
        return reverse(f"actionplans:{name}", args=[plan.uuid, REPORT_YEAR + 1])
    if case.args in ABOUT_A_CO_OWNER:
        owner = plan.co_owners.get()
        return reverse(f"actionplans:{name}", args=[plan.uuid, owner.organisation.code])
    if case.args == "finding":
        return reverse(f"actionplans:{name}", args=[plan.uuid, "doelen"])
    goal = plan.goals.order_by("order", "id").first()
    if case.args == "goal":
        return reverse(f"actionplans:{name}", args=[plan.uuid, goal.pk])
    if case.args in {"action", "showcase"}:
        action = goal.actions.order_by("order", "id").first()
        if case.args == "showcase":
            services.showcase_save(action=action, user=None, data={"result": "Het werkte."})
        return reverse(f"actionplans:{name}", args=[plan.uuid, action.pk])
    return reverse(f"actionplans:{name}", args=[plan.uuid])


def test_every_url_of_the_app_is_in_the_matrix():
    assert set(actionplans_url_names()) == set(MATRIX)


@pytest.mark.parametrize("person", [*PEOPLE, *STAFF_VARIANTS])
@pytest.mark.parametrize("name", actionplans_url_names())
def test_permission_matrix(client, people, name, person):
    case = MATRIX[name]
    plan = make_case_plan(people, case)
    log_in_as(client, people, person)
    url = url_for(name, case, plan)
    response = getattr(client, case.method)(url, case.data or {})
    if person in STAFF_VARIANTS and case.staff_power:
        assert response.status_code == 302, f"{person} {case.method.upper()} {url}"
        assert response["Location"].startswith(CODE_STEP if person == "staff_without_code" else SET_UP_APP)
        return
    expected = case.expected[PEOPLE.index("staff" if person in STAFF_VARIANTS else person)]
    assert response.status_code == expected, f"{person} {case.method.upper()} {url}"
    if expected == 302 and person == "anonymous":
        assert response["Location"].startswith(reverse(case.anonymous_to))


# People of cooperative bodies (the `cooperation` fixture) get what a person in the second column gets:
# the coordinator of a body organisation A lets prepare its plans acts as a member of A (drafts, tracks,
# never decides); a coordinator of a body without that right, and a member of a municipality outside both
# bodies, get what a member of another organisation gets.
BODY_PEOPLE = {
    "body_with_right": "member_a",
    "body_without_right": "member_b",
    "outsider": "member_b",
}


def body_person(cooperation, person: str):
    return {
        "body_with_right": cooperation.body_coordinator,
        "body_without_right": cooperation.other_body_coordinator,
        "outsider": cooperation.outsider,
    }[person]


@pytest.mark.parametrize("person", BODY_PEOPLE)
@pytest.mark.parametrize("name", actionplans_url_names())
def test_permission_matrix_for_cooperative_bodies(client, people, cooperation, name, person):
    case = MATRIX[name]
    plan = make_case_plan(people, case)
    client.force_login(body_person(cooperation, person))
    url = url_for(name, case, plan)
    response = getattr(client, case.method)(url, case.data or {})
    expected = (case.body_expected or {}).get(person, case.expected[PEOPLE.index(BODY_PEOPLE[person])])
    assert response.status_code == expected, f"{person} {case.method.upper()} {url}"


def test_every_monitor_url_is_in_the_matrix():
    assert set(url_names("monitor")) == set(MONITOR_MATRIX)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("name", url_names("monitor"))
def test_monitor_permission_matrix(client, people, name, person):
    make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")
    log_in_as(client, people, person)
    response = client.get(reverse(f"monitor:{name}"))
    assert response.status_code == MONITOR_MATRIX[name][PEOPLE.index(person)]


# The showcases of published plans (/voorbeelden/, its own namespace): public for everybody; the old page
# about the columns sends everybody on to the dataset's page.
SHOWCASES_MATRIX = {
    "list": PUBLIC,
    "csv": PUBLIC,
    "json": PUBLIC,
    "schema": PUBLIC,
    "columns": (302, 302, 302, 302, 302),
}

# Asking for more time (the ladder's namespace): organisation A's coordinators only; VNG staff decide in the
# admin and do not ask.
LADDER_MATRIX = {
    "extension_request": (302, 403, 200, 404, 403),
}


def test_every_showcases_and_ladder_url_is_in_a_matrix():
    assert set(url_names("showcases")) == set(SHOWCASES_MATRIX)
    assert set(url_names("ladder")) == set(LADDER_MATRIX)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("name", url_names("showcases"))
def test_showcases_permission_matrix(client, people, name, person):
    plan = make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")
    action = plan.goals.order_by("order", "id").first().actions.order_by("order", "id").first()
    services.showcase_save(action=action, user=None, data={"result": "Het werkte."})
    log_in_as(client, people, person)
    response = client.get(reverse(f"showcases:{name}"))
    assert response.status_code == SHOWCASES_MATRIX[name][PEOPLE.index(person)]
    if name == "list":
        assert "Het werkte." in response.content.decode()


@pytest.mark.parametrize("person", [*PEOPLE, *STAFF_VARIANTS])
@pytest.mark.parametrize("name", url_names("ladder"))
def test_ladder_permission_matrix(client, people, name, person):
    SignatureFactory(organisation=people.organisation_a)
    log_in_as(client, people, person)
    url = reverse(f"ladder:{name}", kwargs={"code": people.organisation_a.code})
    response = client.get(url)
    if person in STAFF_VARIANTS:
        assert response.status_code == 302
        assert response["Location"].startswith(CODE_STEP if person == "staff_without_code" else SET_UP_APP)
        return
    assert response.status_code == LADDER_MATRIX[name][PEOPLE.index(person)], f"{person} GET {url}"
    if person == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("person", PEOPLE)
def test_a_draft_is_not_published_for_anybody(client, people, person):
    plan = make_plan(people.organisation_a, people.coordinator_a, "concept")
    log_in_as(client, people, person)
    assert client.get(plan.get_public_url()).status_code == 404


def test_member_of_another_organisation_gets_404_on_the_private_pages_of_a_published_plan(client, people):
    plan = make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")
    client.force_login(people.member_b)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(plan.get_public_url()).status_code == 200


@pytest.mark.parametrize("name", ["plan_edit", "goal_create"])
def test_member_cannot_change_an_adopted_plan(client, people, name):
    plan = make_plan(people.organisation_a, people.coordinator_a, "vastgesteld")
    client.force_login(people.member_a)
    assert client.get(reverse(f"actionplans:{name}", args=[plan.uuid])).status_code == 403
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("actionplans:plan_edit", args=[plan.uuid]) not in page


@pytest.mark.parametrize("status", ["concept", "vastgesteld", "gepubliceerd"])
@pytest.mark.parametrize("person", ["member_a", "coordinator_a"])
def test_members_record_progress_in_every_status_but_change_actions_only_in_a_draft(client, people, status, person):
    plan = make_plan(people.organisation_a, people.coordinator_a, status)
    action = plan.goals.order_by("order", "id").first().actions.order_by("order", "id").first()
    client.force_login(getattr(people, person))
    assert client.get(reverse("actionplans:action_progress", args=[plan.uuid, action.pk])).status_code == 200
    assert client.get(reverse("actionplans:plan_import", args=[plan.uuid])).status_code == 200
    expected = 200 if status == "concept" else 403
    for name in ("action_edit", "action_delete"):
        assert client.get(reverse(f"actionplans:{name}", args=[plan.uuid, action.pk])).status_code == expected


def test_action_of_another_organisations_plan_is_404_on_the_progress_page_of_your_own_plan(client, people):
    own = make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")
    foreign = make_plan(people.organisation_b, None, "gepubliceerd")
    foreign_action = foreign.goals.first().actions.first()
    client.force_login(people.member_a)
    response = client.post(
        reverse("actionplans:action_progress", args=[own.uuid, foreign_action.pk]),
        {"status": "afgerond", "progress": 100, "version": 1},
    )
    assert response.status_code == 404
    foreign_action.refresh_from_db()
    assert (foreign_action.status, foreign_action.progress) == ("gepland", 0)


def test_goal_of_another_organisations_plan_is_404_under_your_own_plan(client, people):
    own = make_plan(people.organisation_a, people.coordinator_a, "concept")
    foreign_goal = GoalFactory(plan__organisation=people.organisation_b)
    client.force_login(people.member_a)
    for name in ("goal_edit", "goal_delete", "action_create"):
        assert client.get(reverse(f"actionplans:{name}", args=[own.uuid, foreign_goal.pk])).status_code == 404


def test_unverified_member_sees_no_plans(client, people):
    from tests.factories import MembershipFactory

    plan = make_plan(people.organisation_a, people.coordinator_a, "concept")
    pending = MembershipFactory(organisation=people.organisation_a, status="requested").user
    client.force_login(pending)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert plan.title not in client.get(reverse("actionplans:index")).content.decode()


def test_list_shows_own_plans_only_and_staff_sees_all(client, people):
    plan_a = make_plan(people.organisation_a, people.coordinator_a, "concept")
    plan_b = ActionPlanFactory(organisation=people.organisation_b, title="Plan van Zwolle")
    client.force_login(people.member_a)
    page = client.get(reverse("actionplans:index")).content.decode()
    assert plan_a.title in page and plan_b.title not in page
    log_in_with_two_factor(client, people.staff)
    page = client.get(reverse("actionplans:index")).content.decode()
    assert plan_a.title in page and plan_b.title in page


def test_staff_overview_filters_plans_by_status(client, people):
    make_plan(people.organisation_a, people.coordinator_a, "gepubliceerd")
    ActionPlanFactory(organisation=people.organisation_b, title="Concept van Zwolle")
    log_in_with_two_factor(client, people.staff)
    page = client.get(reverse("actionplans:index"), {"status": "concept"}).content.decode()
    assert "Concept van Zwolle" in page
    assert "Gepubliceerd</span>" not in page
