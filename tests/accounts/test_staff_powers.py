"""VNG staff powers (more than a member may) need a session that passed the second factor, everywhere.

Every staff-only page and action is tried by staff who entered the code at login (allowed), staff with an
authenticator app but without the code in this session (sent to the code step) and staff without an app
(sent to set one up). Members never get them.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import urlencode

from actionplans.models import ActionPlan
from core.staff import SecondFactorRequired, has_staff_powers
from guidance.models import PageStatus
from manifest import services
from manifest.models import CoordinatorRequest, EmailDomain, SignatureStatus
from tests.factories import (
    ActionPlanFactory,
    EmailDomainFactory,
    GoalFactory,
    GuidancePageFactory,
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
    current_edition,
    submitted_report,
    totp_code,
)
from tests.users import CODE_STEP, SET_UP_APP, log_in_as

pytestmark = pytest.mark.django_db

STAFF = ["staff", "staff_without_code", "staff_without_app"]
EXPECTED_REDIRECT = {"staff_without_code": CODE_STEP, "staff_without_app": SET_UP_APP}


@pytest.fixture
def draft_plan(people) -> ActionPlan:
    """A draft plan of organisation A (not staff's own organisation)."""
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Concept van Utrecht", start_year=2026)
    GoalFactory(plan=plan)
    return plan


def staff_only_urls(people, draft_plan) -> dict[str, str]:
    from django.contrib.auth.models import Permission

    people.staff.is_superuser = True
    people.staff.save()
    people.staff.user_permissions.add(Permission.objects.get(codename="view_guidancepage"))
    signature = SignatureFactory(organisation=people.organisation_a)
    draft_page = GuidancePageFactory(status=PageStatus.DRAFT)
    submitted_report(draft_plan, 2026)  # so 2027 has a year to compare with
    plan = draft_plan.uuid
    return {
        "another organisation's draft plan": reverse("actionplans:plan_detail", args=[plan]),
        "its history": reverse("actionplans:plan_history", args=[plan]),
        "its print version": reverse("actionplans:plan_print", args=[plan]),
        "its CSV export": reverse("actionplans:plan_csv", args=[plan]),
        "its PDF export": reverse("actionplans:plan_pdf", args=[plan]),
        "its yearly reports": reverse("actionplans:report_index", args=[plan]),
        "its report on a year": reverse("actionplans:report_detail", args=[plan, 2026]),
        "its report comparison": reverse("actionplans:report_compare", args=[plan, 2027]),
        "who has reported": reverse("actionplans:report_overview", args=[2026]),
        "every report as CSV": reverse("actionplans:report_export"),
        "withdrawing another organisation's signature": reverse(
            "manifest:signature_withdraw", args=[signature.public_id]
        ),
        "another organisation's members": reverse("manifest:organisation_members", args=["gm0344"]),
        "a draft guidance page": reverse("guidance:page_preview", args=[draft_page.pk]),
        "the admin": reverse("admin:index"),
        "the signatures in the admin": reverse("admin:manifest_signature_changelist"),
        "the export of signatures with contact details": reverse("admin:manifest_signature_export"),
        "the memberships in the admin": reverse("admin:manifest_membership_changelist"),
        "the audit log": reverse("admin:audit_auditlogentry_changelist"),
    }


@pytest.mark.parametrize("person", STAFF)
def test_every_staff_only_page_needs_the_code_step_in_this_session(client, people, draft_plan, person):
    urls = staff_only_urls(people, draft_plan)
    log_in_as(client, people, person)
    for what, url in urls.items():
        response = client.get(url, follow=True)
        chain = [hop for hop, _status in response.redirect_chain]
        if person == "staff":
            assert response.status_code == 200, what
            assert not chain or chain[-1].startswith(url), what
        else:
            # Setting up an app starts with the password again; the code step is the end of the way.
            assert any(hop.startswith(EXPECTED_REDIRECT[person]) for hop in chain), f"{what}: {chain}"


@pytest.mark.parametrize("person", ["member_a", "coordinator_a", "member_b"])
def test_members_never_get_staff_pages(client, people, draft_plan, person):
    urls = staff_only_urls(people, draft_plan)
    log_in_as(client, people, person)
    for what, url in urls.items():
        if person != "member_b" and ("another organisation" in what or what.startswith("its")):
            continue  # organisation A's own pages: its members may open them
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, what
        if response.status_code == 302:
            assert "/admin/login/" in response.url, what


def test_staff_without_the_code_see_other_organisations_plans_only_after_entering_it(client, people, draft_plan):
    log_in_as(client, people, "staff_without_code")
    response = client.get(draft_plan.get_absolute_url(), follow=True)
    code_step = response.redirect_chain[-1][0]
    assert code_step == f"{CODE_STEP}?{urlencode({'next': draft_plan.get_absolute_url()})}"
    html = response.content.decode()
    assert "Vul de code uit uw authenticator-app in om verder te gaan met uw taken als VNG-medewerker." in html
    response = client.post(code_step, {"code": totp_code()}, follow=True)
    assert response.redirect_chain[-1][0] == draft_plan.get_absolute_url()
    assert "Concept van Utrecht" in response.content.decode()


def test_staff_without_an_app_are_asked_to_set_one_up(client, people, draft_plan):
    log_in_as(client, people, "staff_without_app")
    response = client.get(reverse("actionplans:report_overview", args=[2026]), follow=True)
    urls = [url for url, _status in response.redirect_chain]
    assert SET_UP_APP in urls
    assert "Stel eerst tweestapsverificatie in: die is nodig voor uw taken als VNG-medewerker." in (
        response.content.decode()
    )


@pytest.mark.parametrize("person", STAFF)
def test_the_plan_list_shows_every_organisations_plans_only_with_the_code(client, people, draft_plan, person):
    log_in_as(client, people, person)
    html = client.get(reverse("actionplans:index")).content.decode()
    if person == "staff":
        assert "Concept van Utrecht" in html
        assert reverse("actionplans:report_overview", args=[2025]) in html or "Wie heeft" in html
    else:
        assert "Concept van Utrecht" not in html
        assert "nadat u de code uit uw authenticator-app hebt ingevuld" in html


@pytest.mark.parametrize("person", STAFF)
def test_a_submitted_signature_shows_on_the_organisation_page_only_with_the_code(client, people, person):
    SignatureFactory(
        organisation=people.organisation_a,
        status=SignatureStatus.SUBMITTED,
        decided_at=None,
        signatory_name="Nog Niet Goedgekeurd",
    )
    log_in_as(client, people, person)
    html = client.get(reverse("manifest:organisation_detail", args=["gm0344"])).content.decode()
    assert ("Nog Niet Goedgekeurd" in html) == (person == "staff")


@pytest.mark.parametrize("person", STAFF)
def test_withdrawing_another_organisations_signature_needs_the_code(client, people, person):
    signature = SignatureFactory(organisation=people.organisation_a)
    log_in_as(client, people, person)
    url = reverse("manifest:signature_withdraw", args=[signature.public_id])
    response = client.post(url, {"reason": "Op verzoek van de gemeente"})
    signature.refresh_from_db()
    if person == "staff":
        assert response.status_code == 302
        assert signature.status == SignatureStatus.WITHDRAWN
        assert signature.withdrawn_by == people.staff
    else:
        assert response["Location"].startswith(EXPECTED_REDIRECT[person])
        assert signature.status == SignatureStatus.SIGNED


@pytest.mark.parametrize("person", STAFF)
def test_admin_actions_need_the_code(client, people, person):
    people.staff.is_superuser = True
    people.staff.save()
    signature = SignatureFactory(organisation=people.organisation_a, status=SignatureStatus.SUBMITTED, decided_at=None)
    log_in_as(client, people, person)
    response = client.post(
        reverse("admin:manifest_signature_changelist"),
        {"action": "approve_selected", "_selected_action": [signature.pk], "index": 0},
    )
    signature.refresh_from_db()
    if person == "staff":
        assert signature.status == SignatureStatus.SIGNED
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert signature.status == SignatureStatus.SUBMITTED


# --- The same guard in the services: an admin action, a view or a command cannot skip it --------------


def staff_services(people):
    """Each staff-only service, as a call with `by` the acting user; each call makes its own objects."""
    organisation = people.organisation_a

    def submitted():
        return SignatureFactory(organisation=OrganisationFactory(), status=SignatureStatus.SUBMITTED, decided_at=None)

    def requested():
        return MembershipFactory(organisation=organisation, status="requested")

    def asking():
        return CoordinatorRequest.objects.create(
            membership=MembershipFactory(organisation=organisation), reason="Ik leid het inkoopteam."
        )

    return {
        "approve a signature": lambda by: services.signature_approve(signature=submitted(), by=by),
        "reject a signature": lambda by: services.signature_reject(signature=submitted(), by=by, reason="Nee"),
        "withdraw another organisation's signature": lambda by: services.signature_withdraw(
            signature=SignatureFactory(organisation=people.organisation_b), by=by, reason="Opruimen"
        ),
        "record a signature made elsewhere": lambda by: services.signature_record_signed_elsewhere(
            by=by,
            edition=current_edition(),
            organisation=OrganisationFactory(),
            signatory_name="Anna",
            signatory_role="wethouder",
            signed_on=date(2026, 1, 1),
            channel="ceremony",
        ),
        "approve a membership": lambda by: services.membership_approve(membership=requested(), decided_by=by),
        "refuse a membership": lambda by: services.membership_refuse(
            membership=requested(), decided_by=by, reason="Nee"
        ),
        "make someone coordinator as asked": lambda by: services.coordinator_request_approve(
            coordinator_request=asking(), by=by
        ),
        "refuse the coordinator role": lambda by: services.coordinator_request_refuse(
            coordinator_request=asking(), by=by, reason="Nee"
        ),
        "add an e-mail domain": lambda by: services.email_domain_save(
            email_domain=EmailDomain(organisation=OrganisationFactory(), domain="nieuw.nl"), by=by
        ),
        "remove an e-mail domain": lambda by: services.email_domain_delete(
            email_domain=EmailDomainFactory(organisation=organisation), by=by
        ),
    }


def refusals(calls, user) -> dict[str, str]:
    """What each call did for `user`: the kind of refusal, or "done"."""
    outcome = {}
    for what, call in calls.items():
        try:
            call(user)
        except SecondFactorRequired:
            outcome[what] = "to the code step"
        except PermissionDenied:
            outcome[what] = "refused"
        else:
            outcome[what] = "done"
    return outcome


@pytest.mark.parametrize("person", ["staff_without_code", "staff_without_app"])
def test_staff_services_refuse_staff_without_the_code(client, people, person):
    log_in_as(client, people, person)
    user = client.get(reverse("accounts:dashboard")).wsgi_request.user  # as the portal sees them
    assert not has_staff_powers(user)
    calls = staff_services(people)
    assert refusals(calls, user) == dict.fromkeys(calls, "to the code step")


@pytest.mark.parametrize("person", ["member_a", "coordinator_a"])
def test_staff_services_refuse_members(people, person):
    calls = staff_services(people)
    assert refusals(calls, getattr(people, person)) == dict.fromkeys(calls, "refused")


def test_staff_services_work_for_staff_with_the_code(people, staff_in_session):
    assert has_staff_powers(staff_in_session)
    calls = staff_services(people)
    assert refusals(calls, staff_in_session) == dict.fromkeys(calls, "done")


def test_a_user_loaded_outside_a_request_has_no_staff_powers(people):
    people.staff.is_superuser = True
    assert not has_staff_powers(people.staff)
    assert not has_staff_powers(UserFactory(email="beheer@vng.example", is_staff=True, is_superuser=True))


def test_without_the_two_factor_requirement_staff_powers_need_no_code(people, settings):
    settings.ADMIN_REQUIRES_MFA = False
    assert has_staff_powers(people.staff)
    assert not has_staff_powers(people.member_a)
