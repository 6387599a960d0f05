import csv
import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from manifest.models import ManifestEdition, OrganisationKind, SignatureStatus
from tests.factories import OrganisationFactory, SignatureFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:manifest_signature_changelist")


def submitted(organisation, minutes_ago):
    return SignatureFactory(
        organisation=organisation,
        status=SignatureStatus.SUBMITTED,
        decided_at=None,
        submitted_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_moderation_queue_shows_submitted_first_oldest_first(staff_client, people):
    signed = SignatureFactory(organisation=OrganisationFactory(name="Al Getekend"))
    newer = submitted(people.organisation_a, 5)
    older = submitted(people.organisation_b, 50)
    page = staff_client.get(CHANGELIST).content.decode()
    positions = [page.index(f"/{s.pk}/change/") for s in [older, newer, signed]]
    assert positions == sorted(positions)


def test_approve_action_publishes_logs_and_mails(staff_client, people, mailoutbox, django_capture_on_commit_callbacks):
    signature = submitted(people.organisation_a, 5)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST, {"action": "approve_selected", "_selected_action": [signature.pk], "index": 0}, follow=True
        )
    assert "1 ondertekening(en) goedgekeurd." in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED
    assert signature.decided_by == people.staff
    assert LogEntry.objects.filter(object_id=str(signature.pk), user=people.staff).exists()
    assert len(mailoutbox) == 1


def test_approving_a_signed_signature_changes_nothing_and_says_so(staff_client, people):
    signature = SignatureFactory(organisation=people.organisation_a)
    decided_at = signature.decided_at
    response = staff_client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": [signature.pk], "index": 0}, follow=True
    )
    assert "wachtte(n) niet op beoordeling" in response.content.decode()
    signature.refresh_from_db()
    assert signature.decided_at == decided_at


def test_approving_one_waiting_signature_says_only_that_it_was_approved(staff_client, people):
    signature = submitted(people.organisation_a, 5)
    response = staff_client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": [signature.pk], "index": 0}, follow=True
    )
    body = response.content.decode()
    assert "1 ondertekening(en) goedgekeurd." in body
    assert "wachtte(n) niet op beoordeling" not in body


def test_approving_several_signatures_asks_for_confirmation_before_anything_changes(staff_client, people, mailoutbox):
    first = submitted(people.organisation_a, 5)
    second = submitted(people.organisation_b, 10)
    already_signed = SignatureFactory(organisation=OrganisationFactory(name="Al Getekend"))
    data = {"action": "approve_selected", "_selected_action": [first.pk, second.pk, already_signed.pk], "index": 0}
    confirmation = staff_client.post(CHANGELIST, data)
    assert confirmation.status_code == 200
    body = confirmation.content.decode()
    assert "U staat op het punt deze 2 ondertekeningen goed te keuren." in body
    assert "1 geselecteerde ondertekening wacht niet op beoordeling en blijft zoals hij is." in body
    assert 'name="confirm"' in body
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SignatureStatus.SUBMITTED, SignatureStatus.SUBMITTED)

    response = staff_client.post(CHANGELIST, {**data, "confirm": "Ja, goedkeuren"}, follow=True)
    body = response.content.decode()
    assert "2 ondertekening(en) goedgekeurd." in body
    assert "1 geselecteerde ondertekening(en) wachtte(n) niet op beoordeling" in body
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SignatureStatus.SIGNED, SignatureStatus.SIGNED)


def test_cancelling_a_bulk_approval_changes_nothing(staff_client, people):
    signatures = [submitted(people.organisation_a, 5), submitted(people.organisation_b, 10)]
    data = {"action": "approve_selected", "_selected_action": [s.pk for s in signatures], "index": 0}
    body = staff_client.post(CHANGELIST, data).content.decode()
    assert f'href="{CHANGELIST}" class="button cancel-link">Annuleren</a>' in body
    staff_client.get(CHANGELIST)
    assert {s.status for s in signatures} == {SignatureStatus.SUBMITTED}
    for signature in signatures:
        signature.refresh_from_db()
        assert signature.status == SignatureStatus.SUBMITTED


def test_reject_action_asks_for_a_reason_first(staff_client, people, mailoutbox, django_capture_on_commit_callbacks):
    signature = submitted(people.organisation_a, 5)
    data = {"action": "reject_selected", "_selected_action": [signature.pk], "index": 0}
    page = staff_client.post(CHANGELIST, data)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED
    empty = staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert "Geef een reden." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": "Collegebesluit ontbreekt"})
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.REJECTED
    assert signature.rejection_reason == "Collegebesluit ontbreekt"
    assert "Collegebesluit ontbreekt" in mailoutbox[0].body


def test_withdraw_action_keeps_the_history(staff_client, people):
    signature = SignatureFactory(organisation=people.organisation_a)
    data = {"action": "withdraw_selected", "_selected_action": [signature.pk], "index": 0}
    staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": "Op verzoek van de gemeente"})
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.WITHDRAWN
    assert signature.withdrawn_by == people.staff
    assert signature.decided_at is not None


def test_change_page_offers_approve_and_reject_and_cannot_edit_or_delete(staff_client, people):
    signature = submitted(people.organisation_a, 5)
    page = staff_client.get(reverse("admin:manifest_signature_change", args=[signature.pk])).content.decode()
    assert 'value="approve_selected"' in page and 'value="reject_selected"' in page
    assert 'name="_save"' not in page
    assert staff_client.get(reverse("admin:manifest_signature_delete", args=[signature.pk])).status_code == 403
    assert staff_client.get(reverse("admin:manifest_signature_add")).status_code == 403


@pytest.mark.parametrize(
    "query",
    ["?status__exact=submitted", "?organisation__kind__exact=gemeente", "?province=pv26", "?edition__id__exact=1"],
)
def test_queue_filters(staff_client, people, query):
    province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    people.organisation_a.province = province
    people.organisation_a.save()
    signature = submitted(people.organisation_a, 5)
    response = staff_client.get(CHANGELIST + query)
    assert response.status_code == 200
    assert f"/{signature.pk}/change/" in response.content.decode()


def test_staff_export_has_every_signature_with_contact_details(staff_client, people):
    SignatureFactory(organisation=people.organisation_a, contact_email="c@utrecht.example", signatory_name="=cmd")
    submitted(people.organisation_b, 5)
    response = staff_client.get(reverse("admin:manifest_signature_export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["status"] for row in rows} == {"signed", "submitted"}
    assert "c@utrecht.example" in {row["contact_email"] for row in rows}
    assert "'=cmd" in {row["signatory_name"] for row in rows}


def test_staff_without_two_factor_cannot_use_the_admin_when_it_is_required(client, people, settings):
    settings.ADMIN_REQUIRES_MFA = True
    people.staff.is_superuser = True
    people.staff.save()
    client.force_login(people.staff)
    assert client.get(CHANGELIST).status_code == 302
    assert client.get(reverse("admin:manifest_signature_export")).status_code == 302


def test_edition_admin_edits_editions(staff_client):
    response = staff_client.get(reverse("admin:manifest_manifestedition_changelist"))
    assert "Manifest MVOI 2022-2025" in response.content.decode()


EDITION_FORM = {
    "title": "Manifest MVOI 2026-2030",
    "slug": "2026-2030",
    "start_year": "2026",
    "end_year": "2030",
    "summary": "",
    "text": "## Nieuw\n\n<script>alert(1)</script>Tekst",
    "commitments": "Actieplan\nMonitoren",
    "signing_opens": "2026-01-01",
    "signing_closes": "2030-12-31",
    "plan_due_months": "12",
}


def test_staff_add_a_later_edition_without_code_changes(staff_client):
    response = staff_client.post(reverse("admin:manifest_manifestedition_add"), EDITION_FORM)
    assert response.status_code == 302
    from manifest.models import ManifestEdition

    edition = ManifestEdition.objects.get(slug="2026-2030")
    assert ">Nieuw</h2>" in edition.text_html and "<script" not in edition.text_html
    assert not edition.is_current
    assert staff_client.get("/manifest/2026-2030/").status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "ondertekenaars"}, "Dit webadres gebruikt het portaal zelf"),
        ({"end_year": "2020"}, "Het laatste jaar kan niet vóór het eerste jaar liggen."),
        ({"signing_closes": "2025-01-01"}, "Ondertekenen kan niet sluiten voordat het opent."),
        ({"plan_due_months": "0"}, "Het actieplan moet tussen 1 en 60 maanden na ondertekening klaar zijn."),
    ],
)
def test_edition_admin_explains_what_is_wrong(staff_client, change, message):
    response = staff_client.post(reverse("admin:manifest_manifestedition_add"), {**EDITION_FORM, **change})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_edition_form_does_not_switch_the_current_edition(staff_client):
    """Only the action "Open" makes an edition current (manifest.services.edition_open)."""
    staff_client.post(reverse("admin:manifest_manifestedition_add"), {**EDITION_FORM, "is_current": "on"})
    assert ManifestEdition.objects.current().slug == "2022-2025"
    form = staff_client.get(reverse("admin:manifest_manifestedition_add")).content.decode()
    assert 'name="is_current"' not in form
