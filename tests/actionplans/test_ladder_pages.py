"""The ladder on public pages and in open data, extensions asked for and decided, and plan reminders."""

import csv
import datetime
import io
import json
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplans import ladder_services
from actionplans.models import DeadlineExtension, ExtensionStatus, PlanReminder, PlanStatus
from actionplans.monitor import compute_figures
from audit.models import AuditLogEntry
from core.page_cache import every_kind_changed
from manifest.models import ManifestEdition, OrganisationKind
from tests.factories import (
    ActionPlanFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportingDeadlineFactory,
    SignatureFactory,
    UserFactory,
)
from tests.users import CODE_STEP, log_in_as, log_in_with_two_factor

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
SIGNED_AT = datetime.datetime(2025, 3, 10, 11, 0, tzinfo=TZ)
PLAN_DUE = datetime.date(2026, 3, 10)
TODAY = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)  # the plan is due in 54 days
REGISTER = reverse("manifest:register")
BEHIND = 'mvoi-badge--error">achter op schema'


def extension_url(organisation):
    return reverse("ladder:extension_request", kwargs={"code": organisation.code})


@pytest.fixture
def ladder(people):
    """Utrecht (A) signed in March 2025 and has no plan; Zwolle (B) signed too, with a published plan;
    Deventer is behind schedule; each lies in the province of Overijssel or Utrecht."""
    utrecht_province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    overijssel = OrganisationFactory(code="pv23", name="Overijssel", kind=OrganisationKind.PROVINCE)
    people.organisation_a.province = utrecht_province
    people.organisation_a.save()
    people.organisation_b.province = overijssel
    people.organisation_b.save()
    SignatureFactory(organisation=people.organisation_a, submitted_at=SIGNED_AT, decided_at=SIGNED_AT)
    SignatureFactory(organisation=people.organisation_b, submitted_at=SIGNED_AT, decided_at=SIGNED_AT)
    ActionPlanFactory(
        organisation=people.organisation_b,
        status=PlanStatus.PUBLISHED,
        adopted_on=datetime.date(2025, 9, 1),
        published_at=SIGNED_AT,
    )
    deventer = OrganisationFactory(code="gm0150", name="Deventer", province=overijssel)
    early = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=TZ)
    SignatureFactory(organisation=deventer, submitted_at=early, decided_at=early)
    every_kind_changed()  # the factories write past the services
    with time_machine.travel(TODAY):
        yield people


# --- public pages and open data ------------------------------------------------------------------------


def test_the_register_shows_each_signatorys_stage_and_who_is_behind_schedule(client, ladder):
    page = client.get(REGISTER).content.decode()
    assert '<th scope="col" class="utrecht-table__header-cell">Fase</th>' in page
    assert "Ondertekend" in page
    assert "Actieplan gepubliceerd" in page
    assert page.count('mvoi-badge--error">achter op schema') == 1  # Deventer's plan was due on 1 June 2025


def test_the_register_filters_on_stage_and_on_behind_schedule(client, ladder):
    page = client.get(REGISTER, {"fase": "actieplan-gepubliceerd"}).content.decode()
    assert "Zwolle" in page and "Deventer" not in page and ">Utrecht<" not in page
    page = client.get(REGISTER, {"achter": "on"}).content.decode()
    assert "Deventer" in page and "Zwolle" not in page


def test_open_data_has_the_stage_columns_documented_in_the_schema(client, ladder):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("manifest:register_csv")).content.decode())))
    by_code = {row["organisation_code"]: row for row in rows}
    assert by_code["gm0193"]["stage"] == "actieplan-gepubliceerd"
    assert by_code["gm0150"]["behind_schedule"] == "True"
    assert by_code["gm0344"]["stage"] == "ondertekend" and by_code["gm0344"]["behind_schedule"] == "False"
    document = json.loads(client.get(reverse("manifest:register_json")).content)
    deventer = next(s for s in document["signatories"] if s["organisation_code"] == "gm0150")
    assert deventer["behind_schedule"] is True and deventer["extended_until"] is None
    schema = json.loads(client.get(reverse("manifest:register_schema")).content)
    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["stage"]["description"].startswith("Waar de organisatie staat")
    assert fields["behind_schedule"]["type"] == "boolean"


def test_the_organisation_page_shows_the_stage_to_everyone(client, ladder):
    page = client.get(reverse("manifest:organisation_detail", kwargs={"code": "gm0150"})).content.decode()
    assert "Ondertekend" in page and "achter op schema" in page
    assert "Wat moet wanneer" not in page  # what is due is for the organisation's members


def test_a_coordinator_sees_when_the_plan_is_due_and_the_way_to_more_time(client, ladder):
    client.force_login(ladder.coordinator_a)
    page = client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    assert "Actieplan uiterlijk 10 maart 2026" in page
    assert extension_url(ladder.organisation_a) in page
    client.force_login(ladder.member_a)
    page = client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    assert "Actieplan uiterlijk 10 maart 2026" in page
    assert extension_url(ladder.organisation_a) not in page


def test_the_monitor_counts_signatories_per_stage_tier_and_province(ladder):
    figures = compute_figures()["figures"]
    per_stage = {row["group"]: row["value"] for row in figures["signatories_per_stage"]}
    assert per_stage["ondertekend"] == 2
    assert per_stage["actieplan-gepubliceerd"] == 1
    assert per_stage["achter-op-schema"] == 1
    per_tier = {row["group"]: row["value"] for row in figures["stage_per_tier"]}
    assert per_tier["gemeente/ondertekend"] == 2
    assert per_tier["provincie/ondertekend"] == 0
    per_province = {row["group"]: (row["value"], row["total"]) for row in figures["stage_per_province"]}
    assert per_province["pv23/actieplan-gepubliceerd"] == (1, 2)
    assert per_province["pv23/achter-op-schema"] == (1, 2)
    assert per_province["pv26/ondertekend"] == (1, 1)


def test_staff_shorten_the_plan_term_of_the_edition_in_the_admin_and_the_register_follows(
    client, locmem_cache, ladder, staff_with_two_factor
):
    assert client.get(REGISTER).content.decode().count(BEHIND) == 1  # Deventer; now in the cache
    edition = ManifestEdition.objects.current()
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    staff = Client()
    log_in_with_two_factor(staff, staff_with_two_factor)
    form = {
        field: getattr(edition, field)
        for field in ["title", "slug", "start_year", "end_year", "summary", "text", "commitments"]
    }
    response = staff.post(
        reverse("admin:manifest_manifestedition_change", args=[edition.pk]),
        {
            **form,
            "signing_opens": edition.signing_opens or "",
            "signing_closes": edition.signing_closes or "",
            "plan_due_months": "6",
        },
    )
    assert response.status_code == 302, response.content.decode()
    # Signed on 10 March 2025 with six months for the plan: Utrecht's plan was due on 10 September 2025.
    assert ladder_services.current_signature(ladder.organisation_a).plan_due_on == datetime.date(2025, 9, 10)
    page = client.get(REGISTER).content.decode()
    assert page.count(BEHIND) == 2
    client.force_login(ladder.coordinator_a)
    assert (
        "Actieplan uiterlijk 10 september 2025" in client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    )


def table_after(page: str, caption: str) -> dict[str, dict[str, str]]:
    """The table captioned `caption` as {row heading: {column heading: cell text}}."""
    table = page.split(caption, 1)[1].split("</table>", 1)[0]
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]
    header, *body = rows
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in body}


def test_the_monitor_page_shows_the_stages_per_tier_and_per_province(client, ladder):
    page = client.get(reverse("monitor:index")).content.decode()
    per_province = table_after(page, "Fases per provincie")
    assert per_province["Overijssel"]["Actieplan gepubliceerd"] == "1"
    assert per_province["Overijssel"]["Achter op schema"] == "1"
    assert per_province["Provincie Utrecht"]["Ondertekend"] == "1"
    assert per_province["Provincie Utrecht"]["Actieplan gepubliceerd"] == "0"
    per_tier = table_after(page, "Fases per bestuurslaag")
    assert per_tier["Gemeente"]["Ondertekend"] == "2"
    assert per_tier["Gemeente"]["Actieplan gepubliceerd"] == "1"


def test_the_register_query_count_stays_the_same_with_many_plans_and_extensions(
    client, locmem_cache, ladder, django_assert_num_queries
):
    def add(n, offset):
        for i in range(n):
            organisation = OrganisationFactory(code=f"gm{offset + i:04d}")
            SignatureFactory(organisation=organisation, submitted_at=SIGNED_AT, decided_at=SIGNED_AT)
            ActionPlanFactory(organisation=organisation)
            DeadlineExtension.objects.create(
                organisation=organisation,
                edition=ladder_services.current_signature(organisation).edition,
                subject="actieplan",
                due_on=PLAN_DUE,
                new_date=datetime.date(2026, 6, 1),
                reason="Verkiezingen",
                status=ExtensionStatus.APPROVED,
                decided_at=timezone.now(),
            )

    add(2, 1000)
    every_kind_changed()
    with django_assert_num_queries(11) as few:
        client.get(REGISTER)
    add(40, 2000)
    every_kind_changed()
    with django_assert_num_queries(11) as many:
        page = client.get(REGISTER).content.decode()
    assert len(few.captured_queries) == len(many.captured_queries)
    assert page.count("uitstel tot 1 juni 2026") == 42


def test_the_monitor_needs_the_same_queries_for_more_signatories(ladder, django_assert_num_queries):
    with django_assert_num_queries(8):
        compute_figures()
    for i in range(30):
        SignatureFactory(organisation=OrganisationFactory(code=f"gm{3000 + i:04d}"))
    with django_assert_num_queries(8):
        compute_figures()


# --- asking for more time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status"),
    [("member_a", 403), ("coordinator_a", 200), ("member_b", 404)],
)
def test_only_coordinators_of_the_organisation_may_ask_for_more_time(client, ladder, person, status):
    log_in_as(client, ladder, person)
    assert client.get(extension_url(ladder.organisation_a)).status_code == status


def test_an_anonymous_visitor_is_asked_to_log_in(client, ladder):
    response = client.get(extension_url(ladder.organisation_a))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_coordinator_of_another_organisation_gets_404(client, ladder):
    coordinator_b = MembershipFactory(organisation=ladder.organisation_b, role="coordinator").user
    client.force_login(coordinator_b)
    assert client.get(extension_url(ladder.organisation_a)).status_code == 404
    response = client.post(
        extension_url(ladder.organisation_a), {"step": "actieplan", "new_date": "2026-09-01", "reason": "x"}
    )
    assert response.status_code == 404
    assert not DeadlineExtension.objects.exists()


def test_staff_without_the_code_step_are_sent_to_it_and_staff_with_it_decide_but_do_not_ask(client, ladder):
    log_in_as(client, ladder, "staff_without_code")
    response = client.get(extension_url(ladder.organisation_a))
    assert response.status_code == 302 and response["Location"].startswith(CODE_STEP)
    log_in_with_two_factor(client, ladder.staff)
    assert client.get(extension_url(ladder.organisation_a)).status_code == 403


def ask(client, organisation, **data):
    return client.post(
        extension_url(organisation), {"step": "actieplan", "new_date": "2026-09-01", "reason": "Verkiezingen", **data}
    )


def test_a_coordinator_asks_for_more_time_and_sees_the_request_waiting(client, ladder):
    client.force_login(ladder.coordinator_a)
    response = ask(client, ladder.organisation_a)
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.due_on, extension.new_date, extension.status) == (
        PLAN_DUE,
        datetime.date(2026, 9, 1),
        ExtensionStatus.REQUESTED,
    )
    page = client.get(response["Location"]).content.decode()
    assert "U hebt meer tijd gevraagd voor het actieplan, tot 1 september 2026" in page
    assert AuditLogEntry.objects.filter(event="extension_requested").count() == 1


@pytest.mark.parametrize(
    ("new_date", "message"),
    [
        ("2025-01-01", "na de dag van ondertekening (10 maart 2025)"),
        ("2026-03-10", "na de huidige uiterste datum (10 maart 2026)"),
        ("geen datum", "Vul een echte datum in"),
        ("2027-03-11", "hoogstens een jaar na de huidige uiterste datum, dus uiterlijk op 10 maart 2027"),
    ],
)
def test_a_date_too_early_gets_a_clear_message_and_keeps_what_was_typed(client, ladder, new_date, message):
    client.force_login(ladder.coordinator_a)
    response = ask(client, ladder.organisation_a, new_date=new_date, reason="Verkiezingen in maart")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Verkiezingen in maart" in page
    assert not DeadlineExtension.objects.exists()


def test_a_second_request_for_the_same_step_is_refused_with_a_message(client, ladder):
    client.force_login(ladder.coordinator_a)
    ask(client, ladder.organisation_a)
    response = ask(client, ladder.organisation_a, new_date="2026-10-01")
    assert response.status_code == 400
    assert "Voor deze stap is al een verzoek om meer tijd gedaan" in response.content.decode()
    assert DeadlineExtension.objects.count() == 1


def test_staff_approve_in_the_admin_the_due_date_moves_and_the_register_says_extension(
    client, ladder, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ladder.coordinator_a)
    ask(client, ladder.organisation_a)
    extension = DeadlineExtension.objects.get()
    staff = UserFactory(email="beheer@vng.example", is_staff=True, is_superuser=True)
    log_in_with_two_factor(client, staff)
    admin_home = client.get(reverse("admin:index")).content.decode()
    assert "verzoeken om meer tijd wachten" in admin_home
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:actionplans_deadlineextension_changelist"),
            {"action": "approve_selected", "_selected_action": [extension.pk], "index": 0},
        )
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.APPROVED and extension.decided_by == staff
    assert ladder_services.current_signature(ladder.organisation_a).plan_due_on == datetime.date(2026, 9, 1)
    assert [mail.to for mail in mailoutbox] == [["coordinator@utrecht.example"]]
    assert "1 september 2026" in mailoutbox[0].body
    assert AuditLogEntry.objects.filter(event="extension_approved", actor=staff).exists()
    client.logout()
    assert "uitstel tot 1 september 2026" in client.get(REGISTER).content.decode()


def test_a_coordinator_asks_more_time_for_a_yearly_report_and_the_organisation_page_shows_the_extension(
    client, ladder, staff_in_session, django_capture_on_commit_callbacks, mailoutbox
):
    ReportingDeadlineFactory(year=2025, deadline=datetime.date(2026, 3, 31))
    client.force_login(ladder.coordinator_a)
    form = client.get(extension_url(ladder.organisation_a)).content.decode()
    assert 'value="jaarverslag-2025"' in form and "Jaarverslag over 2025, uiterlijk 31 maart 2026" in form
    response = ask(client, ladder.organisation_a, step="jaarverslag-2025", new_date="2026-06-30")
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.subject, extension.year, extension.due_on) == ("jaarverslag", 2025, datetime.date(2026, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        ladder_services.extension_approve(extension=extension, by=staff_in_session)
    assert "30 juni 2026" in mailoutbox[0].body
    client.logout()
    page = client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    assert "uitstel tot 30 juni 2026" in page
    assert "uitstel tot 30 juni 2026" in client.get(REGISTER).content.decode()


def test_the_organisation_page_shows_an_approved_plan_extension_to_everyone(client, ladder, staff_in_session):
    extension = ladder_services.extension_request(
        organisation=ladder.organisation_a,
        user=ladder.coordinator_a,
        step_key="actieplan",
        new_date=datetime.date(2026, 9, 1),
        reason="Verkiezingen",
    )
    page = client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    assert "uitstel tot" not in page  # a waiting request moves nothing
    ladder_services.extension_approve(extension=extension, by=staff_in_session)
    page = client.get(ladder.organisation_a.get_absolute_url()).content.decode()
    assert "uitstel tot 1 september 2026" in page


def test_staff_refuse_with_a_reason_the_coordinators_receive(
    ladder, staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    extension = ladder_services.extension_request(
        organisation=ladder.organisation_a,
        user=ladder.coordinator_a,
        step_key="actieplan",
        new_date=datetime.date(2026, 9, 1),
        reason="Verkiezingen",
    )
    with pytest.raises(ladder_services.ExtensionRefused):
        ladder_services.extension_refuse(extension=extension, by=staff_in_session, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        ladder_services.extension_refuse(extension=extension, by=staff_in_session, reason="Te laat gevraagd")
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REFUSED
    assert "Te laat gevraagd" in mailoutbox[0].body
    assert AuditLogEntry.objects.get(event="extension_refused").actor == staff_in_session
    assert ladder_services.current_signature(ladder.organisation_a).plan_due_on == PLAN_DUE


def test_staff_without_the_second_factor_cannot_decide(ladder):
    from core.staff import SecondFactorRequired

    extension = ladder_services.extension_request(
        organisation=ladder.organisation_a,
        user=ladder.coordinator_a,
        step_key="actieplan",
        new_date=datetime.date(2026, 9, 1),
        reason="Verkiezingen",
    )
    with pytest.raises(SecondFactorRequired):
        ladder_services.extension_approve(extension=extension, by=ladder.staff)
    with pytest.raises(ladder_services.PermissionDenied):
        ladder_services.extension_approve(extension=extension, by=ladder.coordinator_a)
    extension.refresh_from_db()
    assert extension.is_waiting


# --- reminders -------------------------------------------------------------------------------------------


def remind(day: str) -> str:
    out = StringIO()
    call_command("send_report_reminders", "--today", day, stdout=out)
    return out.getvalue()


def test_coordinators_get_each_plan_reminder_once_30_and_7_days_before_and_when_overdue(ladder, mailoutbox):
    # Deventer's plan was due long ago and it has no coordinator; Zwolle's plan is published.
    remind("2026-02-08")
    remind("2026-02-08")
    remind("2026-02-09")
    remind("2026-03-03")
    remind("2026-03-05")
    remind("2026-03-11")
    remind("2026-03-20")
    subjects = [mail.subject for mail in mailoutbox]
    assert len(subjects) == 3
    assert "uiterlijk 10 maart 2026" in subjects[0] and "uiterlijk 10 maart 2026" in subjects[1]
    assert "is te laat" in subjects[2]
    assert all(mail.to == ["coordinator@utrecht.example"] for mail in mailoutbox)
    assert extension_url(ladder.organisation_a) in mailoutbox[2].body
    assert sorted(PlanReminder.objects.values_list("kind", flat=True)) == ["30-dagen", "7-dagen", "verlopen"]


def test_an_adopted_plan_stops_the_reminders(ladder, mailoutbox):
    ActionPlanFactory(
        organisation=ladder.organisation_a, status=PlanStatus.ADOPTED, adopted_on=datetime.date(2026, 1, 10)
    )
    assert "0 action plan reminder(s) sent." in remind("2026-02-08")
    assert mailoutbox == []


def test_the_database_refuses_an_extension_of_more_than_a_year_whatever_the_caller(ladder):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineExtension.objects.create(
            organisation=ladder.organisation_a,
            edition=ManifestEdition.objects.current(),
            subject="actieplan",
            due_on=PLAN_DUE,
            new_date=PLAN_DUE + datetime.timedelta(days=366),
            reason="Verkiezingen",
        )
    assert not DeadlineExtension.objects.exists()


# --- "My portal" -------------------------------------------------------------------------------------


def test_my_portal_says_where_each_organisation_stands_and_when_its_plan_is_due(client, ladder):
    from tests.factories import MembershipFactory

    MembershipFactory(user=ladder.coordinator_a, organisation=ladder.organisation_b)
    client.force_login(ladder.coordinator_a)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    section = page.split('id="due-dates-heading"')[1].split("</section>")[0]
    utrecht = section.split(">Utrecht</a>")[1].split("</li>")[0]
    assert "Ondertekend" in utrecht and "Actieplan uiterlijk 10 maart 2026" in utrecht
    zwolle = section.split(">Zwolle</a>")[1].split("</li>")[0]
    assert "Actieplan gepubliceerd" in zwolle and "uiterlijk" not in zwolle  # its plan is there
    assert f'href="{ladder.organisation_a.get_absolute_url()}#organisation-deadlines-heading"' in section


def test_my_portal_shows_an_approved_extension_as_the_plan_due_date(client, ladder):
    DeadlineExtension.objects.create(
        organisation=ladder.organisation_a,
        edition=ManifestEdition.objects.current(),
        subject="actieplan",
        due_on=PLAN_DUE,
        new_date=datetime.date(2026, 9, 1),
        reason="Verkiezingen",
        status=ExtensionStatus.APPROVED,
        decided_at=timezone.now(),
    )
    client.force_login(ladder.coordinator_a)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Actieplan uiterlijk 1 september 2026" in page


def test_my_portal_has_no_due_dates_for_an_organisation_that_did_not_sign(client, people):
    client.force_login(people.member_a)
    assert 'id="due-dates-heading"' not in client.get(reverse("accounts:dashboard")).content.decode()


def test_my_portal_takes_the_same_queries_for_one_or_three_signed_organisations(
    client, ladder, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MembershipFactory

    client.force_login(ladder.member_a)
    client.get(reverse("accounts:dashboard"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("accounts:dashboard"))
    for code, name in (("gm0200", "Apeldoorn"), ("gm0202", "Arnhem")):
        organisation = OrganisationFactory(code=code, name=name)
        SignatureFactory(organisation=organisation, submitted_at=SIGNED_AT, decided_at=SIGNED_AT)
        MembershipFactory(user=ladder.member_a, organisation=organisation)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("accounts:dashboard")).content.decode()
    assert page.count("Actieplan uiterlijk 10 maart 2026") == 3
