"""Demo signatures for `make run`: a few signed organisations and one waiting in the moderation queue.

Gemeente Utrecht (the demo logins' organisation) is left unsigned so the signing flow can be tried.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from manifest.models import ManifestEdition, Organisation, Signature, SignatureStatus

DEMO_SIGNATURES = [
    # (organisation code, office holder, role, status)
    ("gm0193", "M. de Boer", "wethouder duurzaamheid en inkoop", SignatureStatus.SIGNED),
    ("gm0363", "R. Jansen", "wethouder financiën", SignatureStatus.SIGNED),
    ("pv26", "J. Visser", "gedeputeerde klimaat en energie", SignatureStatus.SIGNED),
    ("gm0599", "S. Bakker", "wethouder economie", SignatureStatus.SUBMITTED),
]


@transaction.atomic
def load_demo_content(*, stdout, verbosity: int = 1) -> None:
    edition = ManifestEdition.objects.current()
    if edition is None:
        return
    now = timezone.now()
    organisations = Organisation.objects.in_bulk([code for code, *_ in DEMO_SIGNATURES], field_name="code")
    created = 0
    for position, (code, name, role, status) in enumerate(DEMO_SIGNATURES):
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
            submitted_at=now - timedelta(days=30 - position),
            decided_at=now - timedelta(days=20 - position) if status == SignatureStatus.SIGNED else None,
        )
        created += 1
    if verbosity >= 1:
        stdout.write(f"Manifest: {created} demo signature(s) added.")
