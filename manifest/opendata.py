"""The public register as open data: one list of columns drives the CSV, the JSON and the schema page."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LICENCE_ID = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, date
    required: bool
    description: Promise
    example: str
    format: str = "default"


COLUMNS = [
    Column(
        "organisation_code",
        "string",
        True,
        _(
            "Stable code of the organisation in this portal: the CBS code in lower case for municipalities and "
            "provinces, the TOOi code for water boards."
        ),
        "gm0344",
    ),
    Column("organisation_name", "string", True, _("Name of the organisation."), "Utrecht"),
    Column("cbs_code", "string", False, _("CBS code of a municipality or province, empty for others."), "GM0344"),
    Column(
        "tooi_uri",
        "string",
        False,
        _("Identifier of the organisation in TOOi, the government's register of public bodies."),
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0344",
        "uri",
    ),
    Column(
        "tier",
        "string",
        True,
        _("Tier of government: rijk, waterschap, provincie, gemeente or overig."),
        "gemeente",
    ),
    Column("province_code", "string", False, _("Code of the province a municipality lies in."), "pv26"),
    Column("province_name", "string", False, _("Name of that province."), "Utrecht"),
    Column("edition", "string", True, _("Slug of the manifest edition."), "2022-2025"),
    Column("signatory_name", "string", True, _("Name of the office holder who signed."), "A. de Vries"),
    Column(
        "signatory_role",
        "string",
        True,
        _("Role or portfolio of the office holder."),
        "wethouder duurzaamheid",
    ),
    Column("signed_on", "date", True, _("Date the organisation signed (YYYY-MM-DD)."), "2023-03-14"),
    Column(
        "decision_date",
        "date",
        False,
        _("Date of the executive's decision to sign, when given (YYYY-MM-DD)."),
        "2023-03-07",
    ),
    Column("status", "string", True, _("Status of the signature; always signed in this file."), "signed"),
    Column(
        "status_date",
        "date",
        True,
        _("Date the VNG verified the signature and it got this status (YYYY-MM-DD)."),
        "2023-03-20",
    ),
    Column(
        "joint_signature",
        "string",
        False,
        _("Shared identifier of organisations for which one office holder signed together; empty otherwise."),
        "5b0e2f0c-8f7e-4d8f-9a59-1f0f3c7e2a11",
        "uuid",
    ),
]

COLUMN_NAMES = [column.name for column in COLUMNS]


def signature_record(signature) -> dict:
    """One signature as a row of the open data; None where a value is absent."""
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
        "signed_on": signature.signed_on.isoformat(),
        "decision_date": signature.decision_date.isoformat() if signature.decision_date else None,
        "status": signature.status,
        "status_date": timezone.localdate(signature.decided_at).isoformat() if signature.decided_at else None,
        "joint_signature": str(signature.joint_group) if signature.joint_group else None,
    }


def table_schema() -> dict:
    """The columns as a Frictionless Table Schema, for harvesters and validators."""
    return {
        "fields": [
            {
                "name": column.name,
                "type": column.type,
                "format": column.format,
                "description": str(column.description),
                "constraints": {"required": column.required},
                "example": column.example,
            }
            for column in COLUMNS
        ],
        "primaryKey": ["organisation_code", "edition"],
        "missingValues": [""],
    }
