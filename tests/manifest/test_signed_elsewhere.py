"""VNG staff record signatures made at a ceremony or by letter, so the public register is complete."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, AuditLogEntry
from manifest.models import Signature, SignatureChannel, SignatureStatus
from tests.factories import SignatureFactory, current_edition
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

URL = reverse("admin:manifest_signature_signed_elsewhere")


def typed(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "edition": current_edition().pk,
        "signatory_name": "Jan de Wethouder",
        "signatory_role": "wethouder duurzaamheid",
        "signed_on": "2023-03-14",
        "decision_date": "2023-02-28",
        "channel": SignatureChannel.CEREMONY,
        "publication_consent": "on",
        **changes,
    }


def test_a_ceremony_signature_is_signed_public_and_logged_at_once(staff_client, people, mailoutbox):
    changelist = staff_client.get(reverse("admin:manifest_signature_changelist")).content.decode()
    assert URL in changelist

    response = staff_client.post(URL, typed(people.organisation_a), follow=True)

    assert "is vastgelegd en staat in het register" in response.content.decode()
    signature = Signature.objects.get(organisation=people.organisation_a)
    assert signature.status == SignatureStatus.SIGNED
    assert signature.channel == SignatureChannel.CEREMONY
    assert signature.signed_on == date(2023, 3, 14)
    assert signature.decided_by == people.staff
    assert AuditLogEntry.objects.filter(event=AuditEvent.SIGNATURE_RECORDED, actor=people.staff).exists()
    assert mailoutbox == []
    register = staff_client.__class__().get("/manifest/ondertekenaars/").content.decode()
    assert "Jan de Wethouder" in register and "14 maart 2023" in register


def test_an_organisation_that_already_signed_gets_a_clear_message_and_keeps_its_signature(staff_client, people):
    SignatureFactory(organisation=people.organisation_a, signatory_name="Eerder Getekend")
    response = staff_client.post(URL, typed(people.organisation_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert "al ondertekend" in page
    # What the staff member typed is still in the form.
    assert 'value="Jan de Wethouder"' in page and 'value="2023-03-14"' in page
    assert Signature.objects.filter(organisation=people.organisation_a).count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signed_on": ""}, "Vul de datum in waarop het manifest is ondertekend."),
        ({"signed_on": "2023-02-31"}, "Vul een bestaande datum in"),
        ({"signed_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "kan niet in de toekomst liggen"),
        ({"signatory_name": "<script>alert(1)</script>"}, "de tekens &lt; en &gt; zijn niet toegestaan"),
        ({"signatory_name": "x" * 201}, "niet meer dan 200 tekens"),
        ({"publication_consent": ""}, "register van ondertekenaars is openbaar"),
        ({"channel": "online"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_recorded(staff_client, people, changes, message):
    response = staff_client.post(URL, typed(people.organisation_a, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signature.objects.exists()


def test_staff_who_may_only_view_signatures_cannot_record_one(client, people, staff_with_two_factor):
    from django.contrib.auth.models import Permission

    staff_with_two_factor.user_permissions.add(Permission.objects.get(codename="view_signature"))
    log_in_with_two_factor(client, staff_with_two_factor)
    assert client.get(reverse("admin:manifest_signature_changelist")).status_code == 200
    assert URL not in client.get(reverse("admin:manifest_signature_changelist")).content.decode()
    assert client.post(URL, typed(people.organisation_a)).status_code == 403
    assert not Signature.objects.exists()
