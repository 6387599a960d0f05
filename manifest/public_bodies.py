"""Load the register of Dutch public bodies from the CSV files in manifest/data/public_bodies/.

The ministries come from the TOOi ministry list; ended ones keep their end date and point at their
successor where one exists.

Loading is idempotent and keyed on each body's stable code, so a rename updates the row in
place and a merger marks the abolished body as ended, without losing memberships or signatures.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from manifest.cache import REGISTER
from manifest.models import EmailDomain, Organisation, OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data" / "public_bodies"
TOOI_BASE = "https://identifier.overheid.nl/tooi/id"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    domains_created: int = 0
    domains_updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.ended or self.domains_created or self.domains_updated)


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _domains(value: str) -> list[str]:
    return [part.lower() for part in re.split(r"[\s;|]+", value or "") if part]


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _organisation_records() -> list[dict]:
    """Every body as a dict of Organisation fields plus its e-mail domains and shared domains."""
    records = []
    for row in _rows("provincies.csv"):
        code = row["cbs_code"].lower()
        records.append(
            {
                "code": code,
                "name": f"Provincie {row['name_tooi']}",
                "official_name": f"provincie {row['name_tooi']}",
                "kind": OrganisationKind.PROVINCE,
                "cbs_code": row["cbs_code"],
                "tooi_uri": f"{TOOI_BASE}/provincie/{row['tooi_code']}",
                "website_domain": row["website_domain"],
                "email_domains": _domains(row["email_domain"]),
                "shared_domains": [],
            }
        )
    for row in _rows("waterschappen.csv"):
        records.append(
            {
                "code": row["tooi_code"].lower(),
                "name": _capitalised(row["name"]),
                "official_name": row["name"],
                "kind": OrganisationKind.WATER_BOARD,
                "tooi_uri": f"{TOOI_BASE}/waterschap/{row['tooi_code'].lower()}",
                "website_domain": row["website_domain"],
                "email_domains": _domains(row["email_domain"]),
                "shared_domains": [],
            }
        )
    for row in _rows("ministeries.csv"):
        ended_on = date.fromisoformat(row["ended_on"]) if row["ended_on"] else None
        records.append(
            {
                "code": row["tooi_code"],
                "name": f"Ministerie van {row['name']}",
                "official_name": f"ministerie van {row['name']}",
                "kind": OrganisationKind.CENTRAL_GOVERNMENT,
                "tooi_uri": f"{TOOI_BASE}/ministerie/{row['tooi_code']}",
                "is_active": ended_on is None,
                "ended_on": ended_on,
                "email_domains": [],
                "shared_domains": [],
            }
        )
    domains = {row["cbs_code"]: row for row in _rows("gemeenten_domeinen.csv")}
    populations = {row["cbs_code"]: row["inwoners"] for row in _rows("gemeenten_inwoners.csv")}
    for row in _rows("gemeenten.csv"):
        domain_row = domains[row["cbs_code"]]
        # The register's general addresses; the 2023 list only where the register has none.
        email_domains = _domains(domain_row["email_domains_algemeen"]) or _domains(
            domain_row["woogen2023_email_domain"]
        )
        records.append(
            {
                "code": row["cbs_code"].lower(),
                "name": row["roo_official_name"] or f"Gemeente {row['name']}",
                "official_name": row["name"],
                "kind": OrganisationKind.MUNICIPALITY,
                "cbs_code": row["cbs_code"],
                "tooi_uri": row["tooi_uri"],
                "province_code": row["province_code"].lower(),
                "website_domain": domain_row["website_domain"],
                "population": int(populations[row["cbs_code"]]) if populations.get(row["cbs_code"]) else None,
                "email_domains": email_domains,
                "shared_domains": _domains(domain_row["shared_domains"]),
            }
        )
    return records


def _apply_domains(organisation: Organisation, wanted: dict[str, bool], report: LoadReport) -> None:
    existing = {item.domain: item for item in organisation.email_domains.all()}
    for domain, is_shared in wanted.items():
        current = existing.get(domain)
        if current is None:
            EmailDomain.objects.create(organisation=organisation, domain=domain, is_shared=is_shared)
            report.domains_created += 1
        elif current.is_shared != is_shared:
            current.is_shared = is_shared
            current.save(update_fields=["is_shared"])
            report.domains_updated += 1


@transaction.atomic
def load_public_bodies(*, dry_run: bool = False) -> LoadReport:
    report = LoadReport()
    records = _organisation_records()
    # A domain that more than one body uses never identifies one body.
    usage = Counter(domain for record in records for domain in set(record["email_domains"]))
    existing = {organisation.code: organisation for organisation in Organisation.objects.all()}
    provinces: dict[str, Organisation] = {}

    for record in records:
        province_code = record.pop("province_code", None)
        email_domains = record.pop("email_domains")
        shared_domains = set(record.pop("shared_domains"))
        if province_code:
            record["province"] = provinces.get(province_code) or existing.get(province_code)
        organisation = existing.get(record["code"])
        if organisation is None:
            organisation = Organisation(**record)
            report.created.append(record["code"])
            if not dry_run:
                organisation.save()
        else:
            changed = [name for name, value in record.items() if getattr(organisation, name) != value]
            if changed:
                for name in changed:
                    setattr(organisation, name, record[name])
                report.updated.append(record["code"])
                if not dry_run:
                    organisation.save(update_fields=changed)
        existing[organisation.code] = organisation
        if organisation.kind == OrganisationKind.PROVINCE:
            provinces[organisation.code] = organisation
        wanted = {domain: domain in shared_domains or usage[domain] > 1 for domain in email_domains}
        wanted.update({domain: True for domain in shared_domains if domain not in wanted})
        if not dry_run:
            _apply_domains(organisation, wanted, report)

    # Successors after every body exists: an ended ministry points at one loaded after it.
    for row in _rows("ministeries.csv"):
        organisation = existing.get(row["tooi_code"])
        successor = existing.get(row["successor_code"]) if row["successor_code"] else None
        if organisation is not None and organisation.successor_id != (successor.pk if successor else None):
            if organisation.code not in report.created:
                report.updated.append(organisation.code)
            if not dry_run:
                organisation.successor = successor
                organisation.save(update_fields=["successor"])

    for row in _rows("herindelingen.csv"):
        if row["wijziging"] != "opgeheven":
            continue
        organisation = existing.get(row["cbs_code"].lower())
        if organisation and organisation.is_active:
            report.ended.append(organisation.code)
            if not dry_run:
                organisation.is_active = False
                organisation.ended_on = date.fromisoformat(row["datum"])
                organisation.save(update_fields=["is_active", "ended_on"])

    if dry_run:
        transaction.set_rollback(True)
    elif report.changed:
        REGISTER.changed()
    return report


def ministries_in_office_on(day: date) -> list[str]:
    """The TOOi codes of the ministries that existed on `day`, according to ministeries.csv."""
    return [
        row["tooi_code"]
        for row in _rows("ministeries.csv")
        if (not row["started_on"] or date.fromisoformat(row["started_on"]) <= day)
        and (not row["ended_on"] or date.fromisoformat(row["ended_on"]) > day)
    ]
