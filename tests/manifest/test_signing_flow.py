from datetime import date

import pytest
from django.urls import reverse

from manifest.models import ManifestEdition, Signature, SignatureStatus
from tests.factories import MembershipFactory, SignatureFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN = reverse("manifest:sign")
SIGNATORY = reverse("manifest:sign_signatory")
CONTACT = reverse("manifest:sign_contact")
REVIEW = reverse("manifest:sign_review")

SIGNATORY_DATA = {
    "signatory_name": "Anna de Wethouder",
    "signatory_role": "wethouder duurzaamheid",
    "decision_date": "2023-03-07",
}
CONTACT_DATA = {"contact_name": "Carla Contact", "contact_email": "carla@utrecht.example", "contact_phone": "030 1"}
CONFIRM = {"authority_confirmed": "on", "publication_consent": "on"}


def walk_to_review(client, organisation, signatory=None, contact=None):
    assert client.post(SIGN, {"organisation": organisation.code}).url == SIGNATORY
    assert client.post(SIGNATORY, signatory or SIGNATORY_DATA).url == CONTACT
    contact = contact or {**CONTACT_DATA, "contact_phone": "030 286 00 00"}
    assert client.post(CONTACT, contact).url == REVIEW


def test_member_signs_in_four_steps_and_sees_what_happens_next(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.member_a)
    response = client.get(SIGN)
    assert "Utrecht" in response.content.decode()
    walk_to_review(client, people.organisation_a)
    review = client.get(REVIEW).content.decode()
    assert "Anna de Wethouder" in review and "carla@utrecht.example" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REVIEW, CONFIRM, follow=True)
    assert response.redirect_chain[-1][0] == reverse("manifest:sign_done")
    assert "Ondertekening ontvangen" in response.content.decode()
    signature = Signature.objects.get()
    assert signature.organisation == people.organisation_a
    assert signature.status == SignatureStatus.SUBMITTED
    assert signature.decision_date == date(2023, 3, 7)
    assert signature.contact_phone == "030 286 00 00"


def test_signature_received_mentions_coordinators_where_the_organisation_has_them(
    client, people, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(REVIEW, CONFIRM, follow=True).content.decode()
    assert "U krijgt een bevestiging per e-mail; de coördinatoren van Utrecht krijgen ook bericht." in html
    assert "heeft nog geen coördinator" not in html
    submitter_mail = next(mail for mail in mailoutbox if mail.to == ["lid@utrecht.example"])
    assert "De coördinatoren van Utrecht hebben ook bericht gekregen" in submitter_mail.body
    assert any(mail.to == ["coordinator@utrecht.example"] for mail in mailoutbox)


def test_signature_received_does_not_promise_coordinators_that_do_not_exist(
    client, people, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people.member_b)  # Zwolle has no coordinator
    walk_to_review(client, people.organisation_b)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(REVIEW, CONFIRM, follow=True).content.decode()
    assert "U krijgt een bevestiging per e-mail." in html
    assert "coördinatoren van" not in html
    assert "Zwolle heeft nog geen coördinator in het portaal." in html
    assert f'href="{reverse("manifest:coordinator_request", args=["gm0193"])}"' in html
    [submitter_mail] = [mail for mail in mailoutbox if mail.to == ["lid@zwolle.example"]]
    assert "coördinatoren van" not in submitter_mail.body
    assert "Zwolle heeft nog geen coördinator in het portaal." in submitter_mail.body


def test_the_only_coordinator_who_signs_is_not_told_that_coordinators_are_informed(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.coordinator_a)
    people.member_a.memberships.update(role="member")
    walk_to_review(client, people.organisation_a)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(REVIEW, CONFIRM, follow=True).content.decode()
    assert "U krijgt een bevestiging per e-mail." in html
    assert "coördinatoren van" not in html
    assert "nog geen coördinator" not in html


def test_review_without_confirmations_keeps_the_data_and_says_what_is_missing(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    response = client.post(REVIEW, {"authority_confirmed": "on"})
    assert response.status_code == 200
    assert "Ga akkoord met de publicatie" in response.content.decode()
    assert "checked" in response.content.decode()
    assert not Signature.objects.exists()


def test_steps_keep_what_was_typed_when_going_back(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    assert "Anna de Wethouder" in client.get(SIGNATORY).content.decode()
    assert "carla@utrecht.example" in client.get(CONTACT).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("signatory_name", "A" * 10_000, "niet meer dan 200 tekens"),
        ("signatory_name", "<script>alert(1)</script>", "de tekens &lt; en &gt; zijn niet toegestaan"),
        ("signatory_role", "<b>wethouder</b>", "de tekens &lt; en &gt; zijn niet toegestaan"),
        ("signatory_name", '=HYPERLINK("x")', "Begin met een letter of een cijfer"),
        ("decision_date", "2023-02-30", "Vul een bestaande datum in"),
        ("decision_date", "2999-01-01", "kan niet in de toekomst liggen"),
        ("signatory_name", "", "Vul de naam in van de bestuurder"),
    ],
)
def test_bad_office_holder_input_gets_a_clear_message_and_keeps_the_input(client, people, field, value, message):
    client.force_login(people.member_a)
    client.post(SIGN, {"organisation": people.organisation_a.code})
    response = client.post(SIGNATORY, {**SIGNATORY_DATA, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'id="error-summary"' in page
    assert "wethouder duurzaamheid" in page or field == "signatory_role"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "geen-adres", "Vul een e-mailadres in"),
        ("contact_phone", "bel me maar", "Vul een telefoonnummer in"),
        ("contact_name", "<img src=x onerror=alert(1)>", "de tekens &lt; en &gt; zijn niet toegestaan"),
    ],
)
def test_bad_contact_input_gets_a_clear_message(client, people, field, value, message):
    client.force_login(people.member_a)
    client.post(SIGN, {"organisation": people.organisation_a.code})
    client.post(SIGNATORY, SIGNATORY_DATA)
    response = client.post(CONTACT, {**CONTACT_DATA, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_choosing_the_own_organisation_as_co_signer_gets_a_clear_message(client, people):
    zeist = MembershipFactory(user=people.member_a, organisation__name="Zeist", organisation__code="gm0355")
    client.force_login(people.member_a)
    client.post(SIGN, {"organisation": people.organisation_a.code})
    page = client.get(SIGNATORY).content.decode()
    assert "Zeist" in page
    response = client.post(SIGNATORY, {**SIGNATORY_DATA, "co_signers": [people.organisation_a.code]})
    assert response.status_code == 200
    assert "kan niet ook meetekenen" in response.content.decode()
    assert zeist.organisation.code in response.content.decode()


def test_joint_signature_through_the_form(client, people):
    zeist = MembershipFactory(
        user=people.member_a, organisation__name="Zeist", organisation__code="gm0355"
    ).organisation
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a, signatory={**SIGNATORY_DATA, "co_signers": [zeist.code]})
    assert "Zeist" in client.get(REVIEW).content.decode()
    client.post(REVIEW, CONFIRM)
    signatures = Signature.objects.order_by("organisation__name")
    assert [s.organisation.name for s in signatures] == ["Utrecht", "Zeist"]
    assert signatures[0].joint_group == signatures[1].joint_group is not None


def test_tampered_organisation_is_refused_with_403_and_nothing_changes(client, people):
    client.force_login(people.member_a)
    response = client.post(SIGN, {"organisation": people.organisation_b.code})
    assert response.status_code == 403
    assert "manifest_signing" not in client.session
    assert not Signature.objects.exists()


def test_tampered_co_signer_is_refused_with_403(client, people):
    client.force_login(people.member_a)
    client.post(SIGN, {"organisation": people.organisation_a.code})
    response = client.post(SIGNATORY, {**SIGNATORY_DATA, "co_signers": [people.organisation_b.code]})
    assert response.status_code == 403
    assert "co_signers" not in client.session["manifest_signing"]


def test_tampered_session_cannot_sign_for_another_organisation(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    session = client.session
    session["manifest_signing"]["organisation"] = people.organisation_b.code
    session.save()
    response = client.post(REVIEW, CONFIRM)
    assert response.status_code == 302
    assert response.url == SIGN
    assert not Signature.objects.exists()


def test_unknown_organisation_code_is_a_form_error(client, people):
    client.force_login(people.member_a)
    response = client.post(SIGN, {"organisation": "bestaat-niet"})
    assert response.status_code == 200
    assert "Kies een van de organisaties" in response.content.decode()


def test_double_click_on_sign_gives_one_signature_and_a_message(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    first = client.post(REVIEW, CONFIRM)
    second = client.post(REVIEW, CONFIRM, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert Signature.objects.count() == 1
    assert "Begin met het kiezen van de organisatie" in second.content.decode()


def test_colleague_who_submits_second_gets_a_clear_message(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    SignatureFactory(organisation=people.organisation_a, status=SignatureStatus.SUBMITTED, decided_at=None)
    response = client.post(REVIEW, CONFIRM, follow=True)
    assert response.status_code == 200
    assert Signature.objects.count() == 1
    page = response.content.decode()
    assert "Al ondertekend" in page


def test_already_signed_organisation_is_shown_as_such_and_cannot_be_chosen(client, people):
    SignatureFactory(organisation=people.organisation_a)
    client.force_login(people.member_a)
    page = client.get(SIGN).content.decode()
    assert "Al ondertekend" in page
    assert 'name="organisation"' not in page
    response = client.post(SIGN, {"organisation": people.organisation_a.code})
    assert "Alle organisaties waarvan u lid bent, hebben deze editie ondertekend" in response.content.decode()
    assert Signature.objects.count() == 1


def test_of_two_organisations_the_signed_one_cannot_be_chosen(client, people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    SignatureFactory(organisation=people.organisation_a)
    client.force_login(people.member_a)
    response = client.post(SIGN, {"organisation": people.organisation_a.code})
    assert response.status_code == 200
    assert "Kies een van de organisaties" in response.content.decode()


def test_anonymous_visitor_is_led_to_log_in_and_back(client, people):
    page = client.get(SIGN).content.decode()
    assert f"/account/login/?next={SIGN.replace('/', '%2F')}" in page
    response = client.get(SIGNATORY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_user_with_unverified_email_is_asked_to_verify(client, people):
    user = UserFactory(email="nieuw@utrecht.example", verified=False)
    MembershipFactory(user=user, organisation=people.organisation_a)
    client.force_login(user)
    page = client.get(SIGN).content.decode()
    assert "Bevestig uw e-mailadres" in page
    assert reverse("account_email") in page
    assert client.post(SIGN, {"organisation": people.organisation_a.code}).status_code == 403


def test_user_without_membership_is_led_to_request_one(client, people):
    user = UserFactory(email="los@example.org")
    client.force_login(user)
    page = client.get(SIGN).content.decode()
    assert "Word lid van uw organisatie" in page
    assert 'name="organisation"' not in page


def test_pending_member_sees_the_request_is_waiting(client, people):
    user = UserFactory(email="wacht@utrecht.example")
    MembershipFactory(user=user, organisation=people.organisation_a, status="requested")
    client.force_login(user)
    page = client.get(SIGN).content.decode()
    assert "wacht op bevestiging" in page
    assert "Utrecht" in page


def test_outside_the_signing_window_the_form_says_so_and_accepts_nothing(client, people):
    ManifestEdition.objects.filter(is_current=True).update(signing_closes=date(2024, 12, 31))
    client.force_login(people.member_a)
    response = client.get(SIGN)
    assert "buiten die periode" in response.content.decode()
    assert 'name="organisation"' not in response.content.decode()
    response = client.post(SIGN, {"organisation": people.organisation_a.code})
    assert "manifest_signing" not in client.session
    response = client.post(REVIEW, CONFIRM)
    assert not Signature.objects.exists()


def test_later_steps_without_earlier_ones_go_back_to_the_start(client, people):
    client.force_login(people.member_a)
    assert client.get(REVIEW).url == SIGN
    client.post(SIGN, {"organisation": people.organisation_a.code})
    assert client.get(REVIEW).url == SIGN


def test_preselects_the_organisation_from_the_organisation_page_link(client, people):
    MembershipFactory(user=people.member_a, organisation=people.organisation_b)
    client.force_login(people.member_a)
    page = client.get(SIGN + "?organisatie=gm0193").content.decode()
    checked = [line for line in page.splitlines() if "checked" in line and 'name="organisation"' in line]
    assert len(checked) == 1 and 'value="gm0193"' in checked[0]


def test_member_withdraws_a_signature_with_a_reason(client, people, django_capture_on_commit_callbacks, mailoutbox):
    signature = SignatureFactory(organisation=people.organisation_a)
    client.force_login(people.member_a)
    url = reverse("manifest:signature_withdraw", kwargs={"public_id": signature.public_id})
    assert "Ondertekening intrekken" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert "Geef een reden" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Nieuw college"})
    assert response.url == SIGN
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.WITHDRAWN
    assert signature.withdrawal_reason == "Nieuw college"
    assert any("CO2@vng.nl" in mail.to for mail in mailoutbox)
    from audit.models import AuditEvent, AuditLogEntry

    entry = AuditLogEntry.objects.get(event=AuditEvent.SIGNATURE_WITHDRAWN)
    assert (entry.actor, entry.detail) == (people.member_a, "Nieuw college")


@pytest.mark.parametrize(
    ("who", "code", "text"),
    [
        ("member_a", "gm0344", "De VNG en de coördinatoren van de organisatie krijgen bericht."),
        ("member_b", "gm0193", "De VNG krijgt bericht."),  # Zwolle has no coordinator
    ],
)
def test_the_withdrawal_page_mentions_coordinators_only_where_there_are_some(client, people, who, code, text):
    from manifest.models import Organisation

    signature = SignatureFactory(organisation=Organisation.objects.get(code=code))
    client.force_login(getattr(people, who))
    html = client.get(reverse("manifest:signature_withdraw", kwargs={"public_id": signature.public_id})).content
    assert text in html.decode()


@pytest.mark.parametrize("url", [SIGN, SIGNATORY, CONTACT, REVIEW, "withdraw"])
def test_every_change_needs_a_csrf_token(people, url):
    from django.test import Client

    signature = SignatureFactory(organisation=people.organisation_a)
    if url == "withdraw":
        url = reverse("manifest:signature_withdraw", kwargs={"public_id": signature.public_id})
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.member_a)
    response = client.post(url, {"organisation": people.organisation_a.code, "reason": "x", **SIGNATORY_DATA})
    assert response.status_code == 403
    assert "manifest_signing" not in client.session
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED


def test_a_completely_empty_submission_still_shows_the_errors(client, people):
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a)
    response = client.post(REVIEW, {})
    assert 'id="error-summary"' in response.content.decode()
    assert not Signature.objects.exists()


def test_co_signer_that_signed_in_the_meantime_is_taken_off_with_a_message(client, people):
    zeist = MembershipFactory(
        user=people.member_a, organisation__name="Zeist", organisation__code="gm0355"
    ).organisation
    client.force_login(people.member_a)
    walk_to_review(client, people.organisation_a, signatory={**SIGNATORY_DATA, "co_signers": [zeist.code]})
    SignatureFactory(organisation=zeist)
    response = client.get(REVIEW, follow=True)
    assert response.redirect_chain[-1][0] == SIGNATORY
    assert "heeft inmiddels zelf getekend" in response.content.decode()
    assert client.session["manifest_signing"]["co_signers"] == []


def test_an_organisation_that_ended_cannot_be_signed_for(client, people):
    people.organisation_a.is_active = False
    people.organisation_a.ended_on = "2025-01-01"
    people.organisation_a.save()
    client.force_login(people.member_a)
    assert 'name="organisation"' not in client.get(SIGN).content.decode()


def test_the_flow_speaks_english_under_en(client, people):
    client.force_login(people.member_a)
    client.post(SIGN, {"organisation": people.organisation_a.code})
    page = client.get("/en" + SIGNATORY).content.decode()
    assert "Who signs for Utrecht?" in page
    assert "Office holder" in page and "Bestuurder" not in page
