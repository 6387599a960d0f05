"""The review of an adopted plan by VNG: submit, feedback, one reply per item, agreement, and what people see."""

import datetime
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from docx import Document

from actionplans import services
from actionplans.models import PlanReview, ReviewFinding, ReviewReply, ReviewStatus
from audit.models import AuditEvent, AuditLogEntry
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, MembershipFactory, UserFactory, plan_review
from tests.users import CODE_STEP, log_in_as, log_in_with_two_factor

pytestmark = pytest.mark.django_db

ITEMS = ["themas", "doelen", "acties", "onderdelen", "vaststelling"]


def all_in_order(**overrides) -> dict:
    data = {}
    for item in ITEMS:
        data[f"{item}_status"] = "in_orde"
        data[f"{item}_comment"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def coordinator_b(people):
    return MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user


def adopted_plan(people, **fields):
    plan = ActionPlanFactory(organisation=people.organisation_a, **fields)
    GoalFactory(plan=plan)
    return services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 15), adopted_by="College"
    )


def review_url(plan, name="plan_review", *args):
    return reverse(f"actionplans:{name}", args=[plan.uuid, *args])


# --- submitting -----------------------------------------------------------------------------------


def test_coordinator_submits_an_adopted_plan_and_vng_is_mailed(
    client, people, settings, django_capture_on_commit_callbacks
):
    plan = adopted_plan(people)
    client.force_login(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(plan), follow=True)
    assert "naar VNG gestuurd" in response.content.decode()
    review = PlanReview.objects.get(plan=plan)
    assert review.status == ReviewStatus.SUBMITTED
    assert review.adopted_on == plan.adopted_on
    assert [message.to for message in mail.outbox] == [[settings.VNG_CONTACT_EMAIL]]
    assert plan.organisation.name in mail.outbox[0].subject
    assert review_url(plan) in mail.outbox[0].body
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_REVIEW_SUBMITTED, actor=people.coordinator_a).exists()


def test_draft_plan_cannot_be_submitted_and_the_coordinator_is_told_why(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    response = client.post(review_url(plan), follow=True)
    assert "Een conceptplan kan niet worden getoetst" in response.content.decode()
    assert not PlanReview.objects.exists()
    assert not mail.outbox


def test_second_submission_while_a_review_is_open_is_refused(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld")
    client.force_login(people.coordinator_a)
    response = client.post(review_url(plan), follow=True)
    assert "wordt al getoetst" in response.content.decode()
    assert PlanReview.objects.filter(plan=plan).count() == 1


def test_the_database_allows_one_open_review_per_plan_but_many_completed(people):
    plan = adopted_plan(people)
    plan_review(plan, "getoetst")
    plan_review(plan, "getoetst")
    plan_review(plan, "ingediend")
    with pytest.raises(IntegrityError), transaction.atomic():
        plan_review(plan, "teruggekoppeld")


def test_member_may_not_submit_and_coordinator_of_another_organisation_gets_404(client, people, coordinator_b):
    plan = adopted_plan(people)
    client.force_login(people.member_a)
    assert client.post(review_url(plan)).status_code == 403
    client.force_login(coordinator_b)
    assert client.post(review_url(plan)).status_code == 404
    assert not PlanReview.objects.exists()


def test_staff_cannot_submit_a_plan_for_an_organisation(client, people):
    plan = adopted_plan(people)
    log_in_with_two_factor(client, people.staff)
    assert client.post(review_url(plan)).status_code == 403
    assert not PlanReview.objects.exists()


# --- feedback by VNG staff ------------------------------------------------------------------------


def test_staff_get_the_checklist_prefilled_from_the_plans_data(client, people):
    plan = adopted_plan(people, monitoring="", communication="")
    plan_review(plan)
    log_in_with_two_factor(client, people.staff)
    response = client.get(review_url(plan, "review_feedback"))
    form = response.context["form"]
    assert form["doelen_status"].value() == "aandacht_nodig"
    assert "streefwaarde" in form["doelen_comment"].value()
    assert form["vaststelling_status"].value() == "in_orde"
    assert "monitoring" in form["onderdelen_comment"].value().lower()


def test_attention_without_a_comment_keeps_the_input_and_saves_nothing(client, people):
    plan = adopted_plan(people)
    review = plan_review(plan)
    log_in_with_two_factor(client, people.staff)
    data = all_in_order(doelen_status="aandacht_nodig", acties_comment="Eigenaren ontbreken")
    response = client.post(review_url(plan, "review_feedback"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zeg wat aandacht nodig heeft." in page
    assert "Eigenaren ontbreken" in page
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and not review.findings.exists()
    assert not mail.outbox


def test_staff_feedback_is_saved_and_the_coordinators_are_mailed(client, people, django_capture_on_commit_callbacks):
    plan = adopted_plan(people)
    review = plan_review(plan)
    log_in_with_two_factor(client, people.staff)
    data = all_in_order(doelen_status="aandacht_nodig", doelen_comment="Geef elk doel een streefjaar.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(plan, "review_feedback"), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.FEEDBACK and review.feedback_by == people.staff
    assert review.findings.get(item="doelen").comment == "Geef elk doel een streefjaar."
    assert [message.to for message in mail.outbox] == [[people.coordinator_a.email]]
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_REVIEW_FEEDBACK, actor=people.staff).exists()


@pytest.mark.parametrize("person", ["member_a", "coordinator_a"])
def test_members_may_not_give_feedback(client, people, person):
    plan = adopted_plan(people)
    review = plan_review(plan)
    log_in_as(client, people, person)
    assert client.post(review_url(plan, "review_feedback"), all_in_order()).status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_staff_without_the_code_step_are_sent_to_it_and_nothing_is_saved(client, people):
    plan = adopted_plan(people)
    review = plan_review(plan)
    log_in_as(client, people, "staff_without_code")
    response = client.post(review_url(plan, "review_feedback"), all_in_order())
    assert response.status_code == 302 and response["Location"].startswith(CODE_STEP)
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and not review.findings.exists()


def test_feedback_cannot_be_given_twice(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld")
    log_in_with_two_factor(client, people.staff)
    response = client.post(review_url(plan, "review_feedback"), all_in_order(), follow=True)
    assert "geen toets die wacht op terugkoppeling" in response.content.decode()
    assert ReviewFinding.objects.count() == len(ITEMS)


# --- replies and agreement ------------------------------------------------------------------------


def test_members_see_the_feedback_with_the_reply_beside_it(client, people):
    plan = adopted_plan(people)
    review = plan_review(plan, "teruggekoppeld", findings={"acties": ("aandacht_nodig", "Wie is eigenaar?")})
    ReviewReply.objects.create(finding=review.findings.get(item="acties"), text="Team Inkoop is eigenaar.")
    client.force_login(people.member_a)
    page = client.get(review_url(plan)).content.decode()
    row = page[page.index('id="finding-acties"') :]
    row = row[: row.index("</tr>")]
    assert "Wie is eigenaar?" in row and "Team Inkoop is eigenaar." in row
    assert reverse("actionplans:review_agree", args=[plan.uuid]) not in page  # members do not agree


def test_coordinator_replies_once_per_item(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld", findings={"doelen": ("aandacht_nodig", "Streefjaren ontbreken.")})
    client.force_login(people.coordinator_a)
    url = review_url(plan, "review_reply", "doelen")
    assert "Streefjaren ontbreken." in client.get(url).content.decode()
    client.post(url, {"text": "Die vullen we aan."})
    response = client.post(url, {"text": "Nog een reactie."}, follow=True)
    assert "al gereageerd" in response.content.decode()
    assert list(ReviewReply.objects.values_list("text", flat=True)) == ["Die vullen we aan."]
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_REVIEW_REPLY).count() == 1


def test_the_database_allows_one_reply_per_finding(people):
    plan = adopted_plan(people)
    finding = plan_review(plan, "teruggekoppeld").findings.first()
    ReviewReply.objects.create(finding=finding, text="Eens.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewReply.objects.create(finding=finding, text="Toch niet.")


def test_an_empty_reply_is_refused_with_a_message(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld")
    client.force_login(people.coordinator_a)
    response = client.post(review_url(plan, "review_reply", "doelen"), {"text": "   "})
    assert response.status_code == 200 and "Dit veld is verplicht." in response.content.decode()
    assert not ReviewReply.objects.exists()


def test_reply_to_another_organisations_review_is_404(client, people, coordinator_b):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld")
    client.force_login(coordinator_b)
    assert client.post(review_url(plan, "review_reply", "doelen"), {"text": "Hallo"}).status_code == 404
    assert client.post(review_url(plan, "review_agree")).status_code == 404
    assert not ReviewReply.objects.exists()


def test_unknown_item_is_404(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "teruggekoppeld")
    client.force_login(people.coordinator_a)
    assert client.get(review_url(plan, "review_reply", "onbekend")).status_code == 404


def test_agreeing_before_the_feedback_is_refused(client, people):
    plan = adopted_plan(people)
    review = plan_review(plan)
    client.force_login(people.coordinator_a)
    response = client.post(review_url(plan, "review_agree"), follow=True)
    assert "zodra VNG" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_after_agreement_the_published_plan_shows_it_was_reviewed(client, people, locmem_cache):
    plan = adopted_plan(people)
    review = plan_review(plan, "teruggekoppeld")
    plan = services.plan_publish(plan=plan, user=people.coordinator_a)
    assert "Getoetst door VNG" not in client.get(plan.get_public_url()).content.decode()  # now in the page cache
    client.force_login(people.coordinator_a)
    client.post(review_url(plan, "review_agree"))
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED and review.completed_by == people.coordinator_a
    client.logout()
    page = client.get(plan.get_public_url()).content.decode()
    assert f"Getoetst door VNG op {date_format(timezone.localtime(review.completed_at), 'j F Y')}" in page
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_REVIEW_AGREED).exists()
    # Replies are closed now.
    client.force_login(people.coordinator_a)
    response = client.post(review_url(plan, "review_reply", "doelen"), {"text": "Te laat"}, follow=True)
    assert not ReviewReply.objects.exists()
    assert "alleen mogelijk na de terugkoppeling" in response.content.decode()


def test_the_word_document_of_a_reviewed_plan_says_so(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "getoetst")
    plan = services.plan_publish(plan=plan, user=people.coordinator_a)
    response = client.get(reverse("actionplans:published_docx", args=[plan.uuid]))
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "Getoetst door VNG op" in text


def test_a_plan_adopted_again_is_no_longer_shown_as_reviewed(client, people):
    plan = adopted_plan(people)
    plan_review(plan, "getoetst")
    plan = services.plan_unpublish(plan=plan, user=people.coordinator_a)
    plan = services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 2, 1), adopted_by="College"
    )
    plan = services.plan_publish(plan=plan, user=people.coordinator_a)
    assert "Getoetst door VNG" not in client.get(plan.get_public_url()).content.decode()


# --- the live checklist on a draft plan -------------------------------------------------------------


def checklist_of(client, plan) -> str:
    page = client.get(plan.get_absolute_url()).content.decode()
    if 'id="checklist-title"' not in page:
        return ""
    start = page.index('id="checklist-title"')
    return page[start : page.index("</section>", start)]


def complete_goal(**fields):
    values = {
        "indicator": "Aandeel aanbestedingen",
        "unit": "%",
        "baseline_value": 10,
        "baseline_year": 2025,
        "target_value": 50,
        "target_year": 2029,
    }
    return GoalFactory(**{**values, **fields})


def test_goal_without_target_appears_in_the_checklist_and_disappears_once_set(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    goal = complete_goal(plan=plan, target_value=None, title="Minder CO2")
    client.force_login(people.member_a)
    checklist = checklist_of(client, plan)
    assert "Doel “Minder CO2” heeft geen streefwaarde." in checklist
    assert reverse("actionplans:goal_edit", args=[plan.uuid, goal.pk]) in checklist
    services.goal_update(goal=goal, user=people.member_a, data={"target_value": 40}, version=goal.version)
    assert "Minder CO2" not in checklist_of(client, plan)


def test_goal_without_indicator_or_baseline_is_listed_with_what_is_missing(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    complete_goal(plan=plan, indicator="", baseline_value=None, baseline_year=None, title="Circulair")
    client.force_login(people.member_a)
    assert "Doel “Circulair” heeft geen indicator, nulwaarde, jaar van de nulmeting." in checklist_of(client, plan)


def test_actions_without_owner_or_dates_appear_and_disappear(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    action = ActionFactory(goal=complete_goal(plan=plan), title="Marktdialoog", owner="")
    client.force_login(people.member_a)
    checklist = checklist_of(client, plan)
    assert "Actie “Marktdialoog” heeft geen eigenaar, startdatum, einddatum." in checklist
    assert reverse("actionplans:action_edit", args=[plan.uuid, action.pk]) in checklist
    services.action_update(
        action=action,
        user=people.member_a,
        data={"owner": "Inkoop", "start_date": datetime.date(2026, 1, 1), "due_date": datetime.date(2026, 6, 1)},
        version=action.version,
    )
    assert "Marktdialoog" not in checklist_of(client, plan)


def test_theme_without_goals_is_listed_until_the_ambition_explains_it(client, people, six_themes):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    complete_goal(plan=plan)  # klimaat
    client.force_login(people.member_a)
    checklist = checklist_of(client, plan)
    assert "Thema “Social return” heeft geen doelen" in checklist
    assert "Thema “Klimaat”" not in checklist
    services.plan_update(
        plan=plan,
        user=people.member_a,
        data={"ambition": "Social return laten we deze periode aan de regio over."},
        version=plan.version,
    )
    assert "Thema “Social return”" not in checklist_of(client, plan)


def test_empty_sections_are_listed_with_links_to_the_plan_form(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, monitoring="", communication="Iets")
    client.force_login(people.member_a)
    checklist = checklist_of(client, plan)
    assert "Het onderdeel “monitoring en rapportage” is leeg." in checklist
    assert "communicatie en draagvlak" not in checklist
    assert "Het budget is niet ingevuld." in checklist
    assert reverse("actionplans:plan_edit", args=[plan.uuid]) + "#id_monitoring" in checklist


def test_the_checklist_does_not_block_adoption(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, monitoring="")
    complete_goal(plan=plan, target_value=None)
    client.force_login(people.coordinator_a)
    assert checklist_of(client, plan)
    client.post(
        reverse("actionplans:plan_adopt", args=[plan.uuid]), {"adopted_on": "2026-01-15", "adopted_by": "College"}
    )
    plan.refresh_from_db()
    assert plan.status == "vastgesteld"
    assert checklist_of(client, plan) == ""  # after adoption the review itself takes over


def test_staff_and_other_organisations_do_not_see_a_live_checklist(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, monitoring="")
    log_in_with_two_factor(client, people.staff)
    assert checklist_of(client, plan) == ""


# --- query counts ---------------------------------------------------------------------------------


def grow(plan, goals: int, actions_per_goal: int):
    for _ in range(goals):
        goal = GoalFactory(plan=plan)
        for _ in range(actions_per_goal):
            ActionFactory(goal=goal, owner="")


def test_plan_page_with_checklist_costs_the_same_queries_at_two_sizes(
    client, people, django_assert_num_queries, django_assert_max_num_queries
):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    grow(plan, 1, 1)
    client.force_login(people.member_a)
    client.get(plan.get_absolute_url())
    with django_assert_max_num_queries(40) as small:
        assert "Checklist" in client.get(plan.get_absolute_url()).content.decode()
    grow(plan, 8, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(plan.get_absolute_url())


def test_review_page_costs_the_same_queries_at_two_sizes(
    client, people, django_assert_num_queries, django_assert_max_num_queries
):
    plan = adopted_plan(people)
    plan_review(plan, "getoetst")
    review = plan_review(plan, "teruggekoppeld")
    client.force_login(people.coordinator_a)
    client.get(review_url(plan))
    with django_assert_max_num_queries(40) as small:
        client.get(review_url(plan))
    for finding in review.findings.all():
        ReviewReply.objects.create(finding=finding, text="Eens.")
    for _ in range(4):
        plan_review(plan, "getoetst")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(review_url(plan))


def test_feedback_form_costs_the_same_queries_at_two_sizes(
    client, people, django_assert_num_queries, django_assert_max_num_queries
):
    plan = adopted_plan(people)
    plan_review(plan)
    log_in_with_two_factor(client, people.staff)
    client.get(review_url(plan, "review_feedback"))
    with django_assert_max_num_queries(40) as small:
        client.get(review_url(plan, "review_feedback"))
    grow(plan, 8, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(review_url(plan, "review_feedback"))


# --- the admin ------------------------------------------------------------------------------------


def test_staff_give_feedback_in_the_admin_through_the_same_service(
    client, people, staff_with_two_factor, django_capture_on_commit_callbacks
):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    plan = adopted_plan(people, communication="")
    review = plan_review(plan)
    log_in_with_two_factor(client, staff_with_two_factor)
    change = client.get(reverse("admin:actionplans_planreview_change", args=[review.pk])).content.decode()
    url = reverse("admin:actionplans_planreview_feedback", args=[review.pk])
    assert url in change
    form = client.get(url).context["form"]
    assert form["onderdelen_status"].value() == "aandacht_nodig"
    response = client.post(url, all_in_order(onderdelen_status="aandacht_nodig"))
    assert response.status_code == 200 and "Zeg wat aandacht nodig heeft." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, all_in_order(onderdelen_status="aandacht_nodig", onderdelen_comment="Vul communicatie in."))
    review.refresh_from_db()
    assert review.status == ReviewStatus.FEEDBACK
    assert review.findings.get(item="onderdelen").comment == "Vul communicatie in."
    assert [message.to for message in mail.outbox] == [[people.coordinator_a.email]]
    assert (
        "Vul communicatie in."
        in client.get(reverse("admin:actionplans_planreview_change", args=[review.pk])).content.decode()
    )
