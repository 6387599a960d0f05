import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from manifest.models import ReportingDeadline
from tests.factories import current_edition
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


def test_staff_set_a_reporting_deadline_in_the_admin(client, staff_with_two_factor):
    staff_with_two_factor.user_permissions.add(*Permission.objects.filter(codename__endswith="reportingdeadline"))
    log_in_with_two_factor(client, staff_with_two_factor)
    edition = current_edition()
    response = client.post(
        reverse("admin:manifest_reportingdeadline_add"),
        {"edition": edition.pk, "year": "2026", "deadline": "2027-03-31"},
    )
    assert response.status_code == 302
    assert ReportingDeadline.objects.get().deadline == datetime.date(2027, 3, 31)
    listing = client.get(reverse("admin:manifest_reportingdeadline_changelist")).content.decode()
    assert "2026" in listing


def test_a_deadline_in_the_report_year_itself_gets_a_form_error(client, staff_with_two_factor):
    staff_with_two_factor.user_permissions.add(*Permission.objects.filter(codename__endswith="reportingdeadline"))
    log_in_with_two_factor(client, staff_with_two_factor)
    response = client.post(
        reverse("admin:manifest_reportingdeadline_add"),
        {"edition": current_edition().pk, "year": "2026", "deadline": "2026-12-01"},
    )
    assert response.status_code == 200
    assert "De uiterste datum ligt na het jaar waarover de verslagen gaan." in response.content.decode()
    assert not ReportingDeadline.objects.exists()


def test_the_database_refuses_a_deadline_in_the_report_year():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ReportingDeadline.objects.create(edition=current_edition(), year=2026, deadline=datetime.date(2026, 12, 31))


def test_staff_open_submission_earlier_in_the_admin(client, staff_with_two_factor):
    staff_with_two_factor.user_permissions.add(*Permission.objects.filter(codename__endswith="reportingdeadline"))
    log_in_with_two_factor(client, staff_with_two_factor)
    response = client.post(
        reverse("admin:manifest_reportingdeadline_add"),
        {"edition": current_edition().pk, "year": "2026", "opens_on": "2026-12-01", "deadline": "2027-03-31"},
    )
    assert response.status_code == 302
    deadline = ReportingDeadline.objects.get()
    assert deadline.opens_on == datetime.date(2026, 12, 1)
    assert deadline.submission_opens_on == datetime.date(2026, 12, 1)
    assert "1 december 2026" in client.get(reverse("admin:manifest_reportingdeadline_changelist")).content.decode()


def test_without_an_earlier_opening_submission_opens_on_1_january_after_the_report_year():
    deadline = ReportingDeadline.objects.create(
        edition=current_edition(), year=2026, deadline=datetime.date(2027, 3, 31)
    )
    assert deadline.submission_opens_on == datetime.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("opens_on", "message"),
    [
        ("2027-04-01", "Een eerdere opening moet in het verslagjaar zelf liggen"),
        ("2025-12-01", "Een eerdere opening moet in het verslagjaar zelf liggen"),
    ],
)
def test_an_opening_outside_the_report_year_gets_a_form_error_and_keeps_the_input(
    client, staff_with_two_factor, opens_on, message
):
    staff_with_two_factor.user_permissions.add(*Permission.objects.filter(codename__endswith="reportingdeadline"))
    log_in_with_two_factor(client, staff_with_two_factor)
    response = client.post(
        reverse("admin:manifest_reportingdeadline_add"),
        {"edition": current_edition().pk, "year": "2026", "opens_on": opens_on, "deadline": "2027-03-31"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{opens_on}"' in page and 'value="2027-03-31"' in page
    assert not ReportingDeadline.objects.exists()


def test_an_opening_after_the_deadline_gets_a_form_error(client, staff_with_two_factor):
    staff_with_two_factor.user_permissions.add(*Permission.objects.filter(codename__endswith="reportingdeadline"))
    log_in_with_two_factor(client, staff_with_two_factor)
    response = client.post(
        reverse("admin:manifest_reportingdeadline_add"),
        # A deadline within the report year is itself wrong; the opening must lie before it all the same.
        {"edition": current_edition().pk, "year": "2026", "opens_on": "2026-12-20", "deadline": "2026-12-10"},
    )
    page = response.content.decode()
    assert "Indienen moet vóór de uiterste datum opengaan." in page
    assert not ReportingDeadline.objects.exists()


@pytest.mark.parametrize("opens_on", [datetime.date(2027, 1, 10), datetime.date(2025, 12, 1)])
def test_the_database_refuses_an_opening_outside_the_report_year(opens_on):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ReportingDeadline.objects.create(
            edition=current_edition(), year=2026, opens_on=opens_on, deadline=datetime.date(2027, 3, 31)
        )


def test_the_database_refuses_an_opening_on_or_after_the_deadline():
    """The deadline rule holds on its own too: with the report-year rule gone, this row would still be refused."""
    from django.db import IntegrityError, connection

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE manifest_reportingdeadline DROP CONSTRAINT reporting_deadline_opens_in_report_year")
        cursor.execute("ALTER TABLE manifest_reportingdeadline DROP CONSTRAINT reporting_deadline_after_report_year")
    with pytest.raises(IntegrityError, match="reporting_deadline_opens_before_deadline"):
        ReportingDeadline.objects.create(
            edition=current_edition(),
            year=2026,
            opens_on=datetime.date(2026, 12, 20),
            deadline=datetime.date(2026, 12, 10),
        )
