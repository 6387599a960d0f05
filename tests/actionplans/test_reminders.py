"""The send_report_reminders command: e-mails to coordinators of signatories without a report, once each."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from actionplans.models import ReportReminder
from actionplans.report_services import reminder_kind
from manifest.models import ReportingDeadline
from tests.factories import (
    ActionPlanFactory,
    GoalFactory,
    ManifestEditionFactory,
    MembershipFactory,
    ReportingDeadlineFactory,
    SignatureFactory,
    submitted_report,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 3, 31)
THIRTY_DAYS_BEFORE = "2027-03-01"
SEVEN_DAYS_BEFORE = "2027-03-24"


@pytest.fixture
def signatories(people):
    """Utrecht and Zwolle signed the current edition; a third organisation signed an old edition only."""
    ReportingDeadlineFactory(year=2026, deadline=DEADLINE)
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    MembershipFactory(organisation=people.organisation_b, role="coordinator", user__email="coordinator@zwolle.example")
    old = SignatureFactory(edition=ManifestEditionFactory())
    MembershipFactory(organisation=old.organisation, role="coordinator", user__email="coordinator@oud.example")
    return people


def run(*args) -> str:
    out = StringIO()
    call_command("send_report_reminders", *args, stdout=out)
    return out.getvalue()


def test_coordinators_of_signatories_without_a_report_get_one_reminder_30_days_before(signatories, mailoutbox):
    run("--today", THIRTY_DAYS_BEFORE)
    run("--today", THIRTY_DAYS_BEFORE)
    run("--today", "2027-03-02")
    assert sorted(mail.to[0] for mail in mailoutbox) == ["coordinator@utrecht.example", "coordinator@zwolle.example"]
    mail = next(mail for mail in mailoutbox if mail.to == ["coordinator@utrecht.example"])
    assert "Herinnering: jaarverslag MVOI 2026 van Utrecht" in mail.subject
    assert "31 maart 2027" in mail.body
    assert ReportReminder.objects.filter(days_before=30).count() == 2


def test_the_7_day_reminder_goes_out_once_as_well(signatories, mailoutbox):
    run("--today", THIRTY_DAYS_BEFORE)
    run("--today", SEVEN_DAYS_BEFORE)
    run("--today", SEVEN_DAYS_BEFORE)
    run("--today", "2027-03-30")
    assert len(mailoutbox) == 4
    assert ReportReminder.objects.filter(days_before=7).count() == 2


def test_an_organisation_that_submitted_gets_no_reminder(signatories, mailoutbox):
    plan = ActionPlanFactory(organisation=signatories.organisation_a)
    GoalFactory(plan=plan)
    submitted_report(plan, 2026, user=signatories.coordinator_a)
    run("--today", THIRTY_DAYS_BEFORE)
    assert [mail.to for mail in mailoutbox] == [["coordinator@zwolle.example"]]
    assert f"/actieplannen/{plan.uuid}/rapportage/2026/" not in mailoutbox[0].body


def test_the_reminder_links_to_the_report_of_the_plan_for_that_year(signatories, mailoutbox):
    plan = ActionPlanFactory(organisation=signatories.organisation_a)
    run("--today", THIRTY_DAYS_BEFORE)
    mail = next(mail for mail in mailoutbox if mail.to == ["coordinator@utrecht.example"])
    assert f"/actieplannen/{plan.uuid}/rapportage/2026/" in mail.body


def test_a_draft_report_still_gets_a_reminder(signatories, mailoutbox):
    from actionplans import report_services

    plan = ActionPlanFactory(organisation=signatories.organisation_a)
    report_services.report_save_draft(plan=plan, year=2026, user=None, data={}, next_year="")
    run("--today", THIRTY_DAYS_BEFORE)
    assert ["coordinator@utrecht.example"] in [mail.to for mail in mailoutbox]


def test_nothing_is_sent_outside_the_reminder_windows(signatories, mailoutbox):
    run("--today", "2027-02-27")
    run("--today", "2027-04-01")
    assert mailoutbox == []


def test_dry_run_lists_the_reminders_and_sends_nothing(signatories, mailoutbox):
    output = run("--today", THIRTY_DAYS_BEFORE, "--dry-run")
    assert "Utrecht 2026 (30 days): coordinator@utrecht.example" in output
    assert "2 reminder(s) would be sent." in output
    assert mailoutbox == [] and not ReportReminder.objects.exists()
    run("--today", THIRTY_DAYS_BEFORE)
    assert len(mailoutbox) == 2


def test_a_withdrawn_signature_gets_no_reminder(signatories, mailoutbox):
    signature = signatories.organisation_b.signatures.get()
    signature.status = "withdrawn"
    signature.withdrawal_reason = "Fusie"
    signature.withdrawn_at = signature.submitted_at
    signature.save()
    run("--today", THIRTY_DAYS_BEFORE)
    assert [mail.to for mail in mailoutbox] == [["coordinator@utrecht.example"]]


def test_a_bad_date_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        run("--today", "morgen")


@pytest.mark.parametrize(("days_left", "kind"), [(31, None), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)])
def test_which_reminder_is_due(days_left, kind):
    assert reminder_kind(days_left) == kind


def test_a_deadline_within_the_report_year_is_refused(db):
    deadline = ReportingDeadline(edition=ReportingDeadlineFactory().edition, year=2027, deadline=DEADLINE)
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()
    assert "deadline" in error.value.message_dict
