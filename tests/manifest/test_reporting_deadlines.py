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
