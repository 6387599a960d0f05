"""Every e-mail is written in the language of its recipient: English to those who chose it, Dutch otherwise."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from core.mail import send_templated_mail
from manifest.services import (
    membership_approve,
    membership_refuse,
    membership_request,
    signature_approve,
    signature_submit,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportingDeadlineFactory,
    SignatureFactory,
    UserFactory,
    current_edition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://mvoi.example"


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def mail_to(mailoutbox, address):
    [mail] = [mail for mail in mailoutbox if address in mail.to]
    return mail


@pytest.fixture
def submitted(people, django_capture_on_commit_callbacks, mailoutbox):
    """Utrecht's member (Dutch) signed; its coordinator reads English."""
    english(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        [signature] = signature_submit(
            user=people.member_a,
            edition=current_edition(),
            organisation=people.organisation_a,
            signatory_name="Anna de Wethouder",
            signatory_role="wethouder duurzaamheid",
            contact_name="Carla Contact",
            contact_email="carla@utrecht.example",
            authority_confirmed=True,
            publication_consent=True,
        )
    return signature


def test_the_submitted_signature_mails_each_person_in_their_language(people, submitted, mailoutbox):
    to_member = mail_to(mailoutbox, "lid@utrecht.example")
    to_coordinator = mail_to(mailoutbox, "coordinator@utrecht.example")
    to_staff = mail_to(mailoutbox, "CO2@vng.nl")
    assert to_member.subject == "[MVOI-portaal] We hebben uw ondertekening van het Manifest MVOI 2022-2025 ontvangen"
    assert to_coordinator.subject.startswith("[MVOI-portaal] A colleague signed the Manifest MVOI 2022-2025")
    assert "You receive this e-mail because you are a coordinator" in to_coordinator.body
    assert "Een ondertekening van het Manifest MVOI 2022-2025 wacht op beoordeling" in to_staff.body


def test_the_approval_reaches_an_english_coordinator_in_english_with_english_links(
    people, submitted, staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signature_approve(signature=submitted, by=staff_in_session)
    assert len(mailoutbox) == 2  # one per language
    dutch = mail_to(mailoutbox, "lid@utrecht.example")
    english_mail = mail_to(mailoutbox, "coordinator@utrecht.example")
    assert dutch.subject == "[MVOI-portaal] Utrecht heeft het Manifest MVOI 2022-2025 ondertekend"
    assert "https://mvoi.example/manifest/ondertekenaars/" in dutch.body
    assert english_mail.subject == "[MVOI-portaal] Utrecht has signed the Manifest MVOI 2022-2025"
    assert "The next step is your action plan" in english_mail.body
    assert "https://mvoi.example/en/manifest/ondertekenaars/" in english_mail.body


def test_membership_decisions_are_mailed_in_the_persons_language(
    staff_in_session, mailoutbox, django_capture_on_commit_callbacks
):
    zwolle = OrganisationFactory(code="gm0193")
    zwolle.name = "Gemeente Zwolle"
    zwolle.save()
    staff = staff_in_session
    dutch = membership_request(user=UserFactory(email="a@bureau.example"), organisation=zwolle)
    in_english = membership_request(user=english(UserFactory(email="b@bureau.example")), organisation=zwolle)
    refused = membership_request(user=english(UserFactory(email="c@bureau.example")), organisation=zwolle)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=dutch, decided_by=staff)
        membership_approve(membership=in_english, decided_by=staff)
        membership_refuse(membership=refused, decided_by=staff, reason="No link with the municipality")
    assert mail_to(mailoutbox, "a@bureau.example").subject == "[MVOI-portaal] U treedt nu op namens Gemeente Zwolle"
    approved = mail_to(mailoutbox, "b@bureau.example")
    assert approved.subject == "[MVOI-portaal] You now act for Gemeente Zwolle"
    assert "https://mvoi.example/en/mijn-omgeving/" in approved.body
    assert "could not approve your request" in mail_to(mailoutbox, "c@bureau.example").body


def test_a_request_to_vng_staff_is_dutch_whatever_the_requesters_language(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    zwolle = OrganisationFactory(code="gm0193", name="Gemeente Zwolle")
    with django_capture_on_commit_callbacks(execute=True):
        membership_request(user=english(UserFactory(email="b@bureau.example")), organisation=zwolle)
    [mail] = mailoutbox
    assert mail.to == [settings.VNG_CONTACT_EMAIL]
    assert mail.subject == "[MVOI-portaal] Aanvraag lidmaatschap van Gemeente Zwolle"


def test_report_reminders_reach_each_coordinator_in_their_language(people, mailoutbox):
    ReportingDeadlineFactory(year=2026, deadline=datetime.date(2027, 3, 31))
    SignatureFactory(organisation=people.organisation_a)
    english(
        MembershipFactory(organisation=people.organisation_a, role="coordinator", user__email="c2@utrecht.example").user
    )
    call_command("send_report_reminders", "--today", "2027-03-01", stdout=StringIO())
    dutch = mail_to(mailoutbox, "coordinator@utrecht.example")
    in_english = mail_to(mailoutbox, "c2@utrecht.example")
    assert dutch.subject == "[MVOI-portaal] Herinnering: jaarverslag MVOI 2026 van Utrecht"
    assert "31 maart 2027" in dutch.body
    assert in_english.subject == "[MVOI-portaal] Reminder: yearly MVOI report 2026 of Utrecht"
    assert "the deadline is 31 March 2027" in in_english.body
    assert "https://mvoi.example/en/actieplannen/" in in_english.body


def test_an_address_without_an_account_gets_dutch_and_an_account_its_own_language(people, mailoutbox):
    english(people.member_b)
    context = {"membership": MembershipFactory(organisation=OrganisationFactory(name="Gemeente Ede"))}
    sent = send_templated_mail(
        to=["contact@ede.example", "LID@zwolle.example", people.member_a],
        template_prefix="manifest/email/membership_approved",
        context=context,
    )
    assert sent == 2
    assert mail_to(mailoutbox, "contact@ede.example").to == ["contact@ede.example", "lid@utrecht.example"]
    assert mail_to(mailoutbox, "LID@zwolle.example").subject == "[MVOI-portaal] You now act for Gemeente Ede"


def test_an_organisation_name_with_an_apostrophe_is_not_escaped(people, mailoutbox):
    organisation = OrganisationFactory(name="Gemeente 's-Hertogenbosch")
    send_templated_mail(
        to=[people.member_a],
        template_prefix="manifest/email/membership_approved",
        context={"membership": MembershipFactory(organisation=organisation)},
    )
    [mail] = mailoutbox
    assert mail.subject == "[MVOI-portaal] U treedt nu op namens Gemeente 's-Hertogenbosch"
    assert "Gemeente 's-Hertogenbosch" in mail.body


def test_a_contact_message_written_in_english_reaches_the_vng_in_dutch(settings, mailoutbox):
    from guidance.services import contact_message_submit

    settings.VNG_CONTACT_EMAIL = "co2@vng.example"
    contact_message_submit(name="Ada", email="ada@city.example", organisation="", message="Help", language="en")
    [mail] = mailoutbox
    assert mail.subject == "[MVOI-portaal] Vraag van Ada"
    assert mail.body.startswith("Nieuw bericht via het contactformulier van het MVOI-portaal.")
    assert mail.reply_to == ["ada@city.example"]


def test_no_code_but_the_mailer_sends_mail_itself():
    """Every e-mail goes through core.mail, so none skips the recipient's language."""
    import ast
    from pathlib import Path

    base = Path(__file__).resolve().parents[2]
    senders = []
    for path in base.glob("*/**/*.py"):
        if path.parts[len(base.parts)] in {"tests", "node_modules", "staticfiles"} or ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(module.startswith("django.core.mail") for module in modules):
                senders.append(str(path.relative_to(base)))
    assert senders == ["core/mail.py"]


def test_every_mail_template_writes_plain_text_without_html_escapes():
    """A mail is plain text: "'s-Hertogenbosch" must not arrive as "&#x27;s-Hertogenbosch"."""
    from pathlib import Path

    base = Path(__file__).resolve().parents[2] / "templates"
    templates = [path for path in base.glob("*/email/*.txt") if path.stem.endswith(("_subject", "_body"))]
    assert len(templates) > 20
    escaping = [str(path.relative_to(base)) for path in templates if "{% autoescape off %}" not in path.read_text()]
    assert escaping == []
