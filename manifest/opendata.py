"""What the register publishes about a signature, and the open data that publishes it.

`PUBLIC_FIELDS` is the one list of what is public about a signature: the review step of signing shows
these under "published in the register", the privacy statement names them, and every column of the
open data (CSV, JSON, Excel and the schema) says which of them it comes from. The rest of a signature
(the date of the executive's decision, the contact person) stays with the organisation and the VNG.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core import opendata as core_opendata
from core.opendata import Column
from manifest.cache import REGISTER

LICENCE_ID = core_opendata.LICENCE_ID
LICENCE_URL = core_opendata.LICENCE_URL


@dataclass(frozen=True)
class SignatureField:
    name: str  # the attribute of a Signature it is read from
    label: Promise  # as the review step and the privacy statement name it
    by_signer: bool = True  # entered while signing; otherwise added by the VNG when it checks


PUBLIC_FIELDS = [
    SignatureField("edition", _("Edition")),
    SignatureField("organisation", _("Organisation, with its tier and province")),
    SignatureField("joint_group", _("Other organisations the same office holder signed for")),
    SignatureField("signatory_name", _("Office holder")),
    SignatureField("signatory_role", _("Role or portfolio")),
    SignatureField("signed_on", _("Date of signing")),
    SignatureField("status", _("Status of the signature"), by_signer=False),
    SignatureField("decided_at", _("Date the VNG checked the signature"), by_signer=False),
    SignatureField(
        "stage",
        _("Stage: action plan and yearly reports, behind schedule or extended, as the portal records them"),
        by_signer=False,
    ),
]
PUBLIC_FIELD_NAMES = [field.name for field in PUBLIC_FIELDS]

# Entered while signing and never published.
PRIVATE_FIELDS = [
    SignatureField("decision_date", _("Date of the executive's decision")),
    SignatureField("contact", _("Contact person: name, e-mail address and phone number")),
]


COLUMNS = [
    Column(
        "organisation_code",
        "string",
        _(
            "Stable code of the organisation in this portal: the CBS code in lower case for municipalities and "
            "provinces, the TOOi code for water boards."
        ),
        "gm0344",
        required=True,
        source="organisation",
    ),
    Column(
        "organisation_name", "string", _("Name of the organisation."), "Utrecht", required=True, source="organisation"
    ),
    Column(
        "cbs_code",
        "string",
        _("CBS code of a municipality or province, empty for others."),
        "GM0344",
        source="organisation",
    ),
    Column(
        "tooi_uri",
        "string",
        _("Identifier of the organisation in TOOi, the government's register of public bodies."),
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0344",
        format="uri",
        source="organisation",
    ),
    Column(
        "tier",
        "string",
        _("Tier of government: rijk, waterschap, provincie, gemeente, samenwerkingsverband or overig."),
        "gemeente",
        required=True,
        source="organisation",
    ),
    Column(
        "province_code",
        "string",
        _("Code of the province a municipality lies in."),
        "pv26",
        source="organisation",
    ),
    Column("province_name", "string", _("Name of that province."), "Utrecht", source="organisation"),
    Column("edition", "string", _("Slug of the manifest edition."), "2022-2025", required=True, source="edition"),
    Column(
        "signatory_name",
        "string",
        _("Name of the office holder who signed."),
        "A. de Vries",
        required=True,
        source="signatory_name",
    ),
    Column(
        "signatory_role",
        "string",
        _("Role or portfolio of the office holder."),
        "wethouder duurzaamheid",
        required=True,
        source="signatory_role",
    ),
    Column(
        "signed_on",
        "date",
        _("Date the organisation signed (YYYY-MM-DD)."),
        "2023-03-14",
        required=True,
        source="signed_on",
    ),
    Column(
        "status",
        "string",
        _("Status of the signature; always signed in this file."),
        "signed",
        required=True,
        source="status",
    ),
    Column(
        "status_date",
        "date",
        _("Date the VNG verified the signature and it got this status (YYYY-MM-DD)."),
        "2023-03-20",
        required=True,
        source="decided_at",
    ),
    Column(
        "joint_signature",
        "string",
        _("Shared identifier of organisations for which one office holder signed together; empty otherwise."),
        "5b0e2f0c-8f7e-4d8f-9a59-1f0f3c7e2a11",
        format="uuid",
        source="joint_group",
    ),
    Column(
        "stage",
        "string",
        _(
            "Where the organisation stands in the commitment cycle: ondertekend (signed), "
            "actieplan-in-voorbereiding (a draft action plan), actieplan-vastgesteld (adopted), "
            "actieplan-gepubliceerd (published) or gerapporteerd (a yearly report submitted)."
        ),
        "actieplan-vastgesteld",
        source="stage",
    ),
    Column(
        "stage_year",
        "integer",
        _("For gerapporteerd: the latest year the organisation reported on; empty otherwise."),
        "2025",
        source="stage",
    ),
    Column(
        "behind_schedule",
        "boolean",
        _(
            "true when a due date (the action plan's, or a yearly report's deadline) has passed without the "
            "step; it turns false when the step arrives."
        ),
        "false",
        source="stage",
    ),
    Column(
        "extended_until",
        "date",
        _("The date until which the VNG granted more time for a step not yet taken (YYYY-MM-DD); empty otherwise."),
        "2026-09-30",
        source="stage",
    ),
]

COLUMN_NAMES = [column.name for column in COLUMNS]
for column in COLUMNS:
    if column.source not in PUBLIC_FIELD_NAMES:  # nothing private reaches the open data
        raise ValueError(f"Column {column.name} reads {column.source!r}, which is not a public field.")


def signature_values(signature) -> dict:
    """One signature as a row of the open data, dates as dates; None where a value is absent."""
    organisation = signature.organisation
    province = organisation.province
    return {
        "organisation_code": organisation.code,
        "organisation_name": organisation.name,
        "cbs_code": organisation.cbs_code or None,
        "tooi_uri": organisation.tooi_uri or None,
        "tier": organisation.kind,
        "province_code": province.code if province else None,
        "province_name": province.name if province else None,
        "edition": signature.edition.slug,
        "signatory_name": signature.signatory_name,
        "signatory_role": signature.signatory_role,
        "signed_on": signature.signed_on,
        "status": signature.status,
        "status_date": timezone.localdate(signature.decided_at) if signature.decided_at else None,
        "joint_signature": str(signature.joint_group) if signature.joint_group else None,
        # Annotated by the ladder rule (manifest/ladder.py); absent without it.
        "stage": getattr(signature, "stage", None),
        "stage_year": getattr(signature, "stage_year", None),
        "behind_schedule": getattr(signature, "behind_schedule", None),
        "extended_until": getattr(signature, "extended_until", None),
    }


def signature_record(signature) -> dict:
    """One signature as a row of the CSV and JSON: dates as YYYY-MM-DD."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in signature_values(signature).items()
    }


def table_schema() -> dict:
    """The columns as a Frictionless Table Schema, for harvesters and validators."""
    return core_opendata.table_schema(COLUMNS, primary_key=["organisation_code", "edition"])


def register_state() -> core_opendata.DatasetState:
    """When the current edition's signatories last changed, and the years the edition covers."""
    from manifest.models import ManifestEdition, Signature

    edition = ManifestEdition.objects.current()
    if edition is None:
        return core_opendata.DatasetState(modified=None, period=None)
    latest = Signature.objects.filter(edition=edition).aggregate(latest=Max("updated_at"))["latest"]
    return core_opendata.DatasetState(
        modified=max(filter(None, [edition.updated_at, latest])),
        period=(date(edition.start_year, 1, 1), date(edition.end_year, 12, 31)),
    )


REGISTER_DATASET = core_opendata.Dataset(
    identifier="ondertekenaars",
    title=_("Signatories of the Manifest MVOI"),
    description=_(
        "The public bodies that signed the current edition of the Manifest MVOI, verified by the VNG: "
        "organisation, tier, province, office holder and date of signing. One row per signature."
    ),
    columns=COLUMNS,
    distributions=[
        core_opendata.Distribution("manifest:register_csv", core_opendata.CSV, "manifest:register_schema"),
        core_opendata.Distribution("manifest:register_json", core_opendata.JSON),
        core_opendata.Distribution("manifest:register_xlsx", core_opendata.XLSX),
    ],
    kinds=(REGISTER,),
    state=register_state,
    page_url_name="manifest:open_data",
)
