"""Demo people and signatures for `make run`: members of Utrecht and Zwolle, a few signed organisations
and one signature waiting in the moderation queue; a demo cooperative body of three municipalities with
its coordinator; and the ministries' signatures of the Manifest MVOI 2022-2025.

Gemeente Utrecht (the demo logins' organisation) is left unsigned so the signing flow can be tried.
"""

import datetime
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from manifest.cache import REGISTER
from manifest.models import (
    BodyKind,
    CooperationMember,
    EmailDomain,
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PreparationMandate,
    Signature,
    SignatureChannel,
    SignatureStatus,
)
from manifest.public_bodies import ministries_in_office_on

# An invented regional procurement body: no real body goes by this name.
DEMO_BODY = {
    "code": "demo-inkoop-vecht-en-venen",
    "name": "Inkoopsamenwerking Vecht en Venen (demo)",
    "kind": OrganisationKind.COOPERATIVE_BODY,
    "body_kind": BodyKind.PROCUREMENT_COOPERATION,
    "website_domain": "vechtenvenen.example",
}
DEMO_BODY_MEMBERS = ["gm1904", "gm0736", "gm0589"]  # Stichtse Vecht, De Ronde Venen, Oudewater
DEMO_BODY_SINCE = datetime.date(2023, 1, 1)
DEMO_BODY_PREPARES_FOR = ["gm1904", "gm0736"]  # these two let the body prepare their action plans

# All ministries signed the Manifest MVOI 2022-2025 at the ceremony of 24 November 2022.
MINISTRIES_SIGNED_ON = datetime.date(2022, 11, 24)
MINISTRIES_EDITION = "2022-2025"

DEMO_MEMBERS = [
    # (e-mail, name, organisation code, role, description)
    ("inkoop@utrecht.example", "Ufuk Utrecht", "gm0344", MembershipRole.COORDINATOR, "coordinator, Gemeente Utrecht"),
    ("lid@utrecht.example", "Uma Utrecht", "gm0344", MembershipRole.MEMBER, "member, Gemeente Utrecht"),
    ("inkoop@zwolle.example", "Zeno Zwolle", "gm0193", MembershipRole.COORDINATOR, "coordinator, Gemeente Zwolle"),
    (
        "inkoop@vechtenvenen.example",
        "Vera Vecht",
        DEMO_BODY["code"],
        MembershipRole.COORDINATOR,
        f"coordinator, {DEMO_BODY['name']}",
    ),
    (
        "inkoop@stichtsevecht.example",
        "Stijn Stichtse Vecht",
        "gm1904",
        MembershipRole.COORDINATOR,
        "coordinator, Gemeente Stichtse Vecht (adopts what the body prepares)",
    ),
]

DEMO_SIGNATURES = [
    # (organisation code, office holder, role, status, days since the VNG verified it)
    ("gm0193", "M. de Boer", "wethouder duurzaamheid en inkoop", SignatureStatus.SIGNED, 20),
    ("gm0363", "R. Jansen", "wethouder financiën", SignatureStatus.SIGNED, 19),
    ("pv26", "J. Visser", "gedeputeerde klimaat en energie", SignatureStatus.SIGNED, 18),
    ("gm0599", "S. Bakker", "wethouder economie", SignatureStatus.SUBMITTED, None),
    # Further up the ladder (actionplans/demo.py adds their plans): signed long enough ago for the plan
    # to be due, so one of them is behind schedule and one has an extension.
    ("gm0014", "L. Mulder", "wethouder klimaat", SignatureStatus.SIGNED, 400),
    ("gm0150", "H. Smit", "wethouder financiën en inkoop", SignatureStatus.SIGNED, 380),
    ("gm0772", "E. de Groot", "wethouder duurzaamheid", SignatureStatus.SIGNED, 200),
    ("gm0202", "N. Meijer", "wethouder economie en inkoop", SignatureStatus.SIGNED, 300),
    ("gm0268", "K. Bos", "wethouder duurzaamheid", SignatureStatus.SIGNED, 500),
]


@transaction.atomic
def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> list[tuple[str, str]]:
    logins = [(email, description) for email, _name, _code, _role, description in DEMO_MEMBERS]
    if dry_run:
        return logins
    _load_demo_body(stdout=stdout, verbosity=verbosity)
    for email, name, code, role, _description in DEMO_MEMBERS:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:  # a register without this municipality (a test's)
            continue
        Membership.objects.update_or_create(
            user=demo_user(email, name),
            organisation=organisation,
            defaults={"role": role, "status": MembershipStatus.VERIFIED},
        )
    _load_demo_signatures(stdout=stdout, verbosity=verbosity)
    _load_ministry_signatures(stdout=stdout, verbosity=verbosity)
    REGISTER.changed()  # written past the services
    return logins


def _load_demo_body(*, stdout, verbosity: int) -> None:
    fields = {name: value for name, value in DEMO_BODY.items() if name != "code"}
    body, _created = Organisation.objects.update_or_create(code=DEMO_BODY["code"], defaults=fields)
    EmailDomain.objects.get_or_create(organisation=body, domain=DEMO_BODY["website_domain"])
    members = Organisation.objects.filter(code__in=DEMO_BODY_MEMBERS)
    for member in members:
        CooperationMember.objects.get_or_create(body=body, member=member, defaults={"starts_on": DEMO_BODY_SINCE})
        if member.code in DEMO_BODY_PREPARES_FOR and not member.mandates_granted.active().filter(body=body).exists():
            PreparationMandate.objects.create(member=member, body=body)
    if verbosity >= 1:
        stdout.write(f"Manifest: {body.name} with {len(members)} member municipalities.")


def _load_ministry_signatures(*, stdout, verbosity: int) -> None:
    """The ministries that existed on the signing day, as signed at the ceremony; the office holders'
    names are not in the reference data, so the demo says so instead of inventing them."""
    edition = ManifestEdition.objects.filter(slug=MINISTRIES_EDITION).first()
    if edition is None:
        return
    signed_at = timezone.make_aware(datetime.datetime.combine(MINISTRIES_SIGNED_ON, datetime.time(12)))
    created = 0
    ministries = Organisation.objects.ministries().filter(code__in=ministries_in_office_on(MINISTRIES_SIGNED_ON))
    for ministry in ministries:
        if Signature.objects.live().filter(organisation=ministry, edition=edition).exists():
            continue
        Signature.objects.create(
            organisation=ministry,
            edition=edition,
            status=SignatureStatus.SIGNED,
            channel=SignatureChannel.CEREMONY,
            signatory_name="Bewindspersoon (naam niet in de demodata)",
            signatory_role=f"namens het {ministry.official_name}",
            authority_confirmed=True,
            publication_consent=True,
            submitted_at=signed_at,
            decided_at=signed_at,
        )
        created += 1
    if verbosity >= 1:
        stdout.write(f"Manifest: {created} ministry signature(s) of {edition.title} added.")


def _load_demo_signatures(*, stdout, verbosity: int) -> None:
    edition = ManifestEdition.objects.current()
    if edition is None:
        return
    now = timezone.now()
    organisations = Organisation.objects.in_bulk([code for code, *_ in DEMO_SIGNATURES], field_name="code")
    created = 0
    for code, name, role, status, days_ago in DEMO_SIGNATURES:
        organisation = organisations.get(code)
        if organisation is None or Signature.objects.live().filter(organisation=organisation, edition=edition).exists():
            continue
        Signature.objects.create(
            organisation=organisation,
            edition=edition,
            status=status,
            signatory_name=name,
            signatory_role=role,
            contact_name="Demo Contactpersoon",
            contact_email=f"inkoop@{code}.example",
            authority_confirmed=True,
            publication_consent=True,
            submitted_at=now - timedelta(days=(days_ago or 10) + 10),
            decided_at=now - timedelta(days=days_ago) if status == SignatureStatus.SIGNED else None,
        )
        created += 1
    if verbosity >= 1:
        stdout.write(f"Manifest: {created} demo signature(s) added.")
