"""Demo people and signatures for `make run`: members of Utrecht and Zwolle, a few signed organisations
and one signature waiting in the moderation queue.

Gemeente Utrecht (the demo logins' organisation) is left unsigned so the signing flow can be tried.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from manifest.models import (
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    Signature,
    SignatureStatus,
)

DEMO_MEMBERS = [
    # (e-mail, name, organisation code, role, description)
    ("inkoop@utrecht.example", "Ufuk Utrecht", "gm0344", MembershipRole.COORDINATOR, "coordinator, Gemeente Utrecht"),
    ("lid@utrecht.example", "Uma Utrecht", "gm0344", MembershipRole.MEMBER, "member, Gemeente Utrecht"),
    ("inkoop@zwolle.example", "Zeno Zwolle", "gm0193", MembershipRole.COORDINATOR, "coordinator, Gemeente Zwolle"),
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
    for email, name, code, role, _description in DEMO_MEMBERS:
        Membership.objects.update_or_create(
            user=demo_user(email, name),
            organisation=Organisation.objects.get(code=code),
            defaults={"role": role, "status": MembershipStatus.VERIFIED},
        )
    _load_demo_signatures(stdout=stdout, verbosity=verbosity)
    return logins


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
