"""Dates read as Dutch: "1 maart 2026", the month in lower case, never "1 Mrt 2026"."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionStatus
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, SignatureFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "actionplans", "audit", "core", "guidance", "manifest", "mvoi_portal"]
NAMED = re.compile(r"^[A-Z_]+$")  # DATE_FORMAT, DATETIME_FORMAT: the formats of mvoi_portal/formats/
TEMPLATE_FORMATS = re.compile(r"""\|(?:date|time):(["'])(.*?)\1|{%\s*now\s+(["'])(.*?)\3""")
PYTHON_FORMATS = re.compile(
    r"""(?:date_format|time_format|format_date|dateformat\.format|defaultfilters\.date)\([^,()]+,\s*(["'])(.*?)\1"""
)
STRFTIME_NAMES = re.compile(r"""strftime\((["'])[^"']*%[aAbBh]""")  # the C locale's English names


def title_case_abbreviations(date_format: str) -> bool:
    """Whether a Django date format writes "Mrt" ("M", unless escaped with a backslash)."""
    return not NAMED.match(date_format) and re.search(r"(?<!\\)M", date_format) is not None


def test_no_template_or_module_writes_a_title_case_or_english_month():
    wrong = []
    for path in [*ROOT.joinpath("templates").rglob("*.html"), *ROOT.joinpath("templates").rglob("*.txt")]:
        for match in TEMPLATE_FORMATS.finditer(path.read_text()):
            date_format = match.group(2) if match.group(2) is not None else match.group(4)
            if title_case_abbreviations(date_format):
                wrong.append(f"{path.relative_to(ROOT)}: {date_format}")
    for app in APPS:
        for path in ROOT.joinpath(app).rglob("*.py"):
            text = path.read_text()
            wrong += [
                f"{path.relative_to(ROOT)}: {m.group(2)}"
                for m in PYTHON_FORMATS.finditer(text)
                if title_case_abbreviations(m.group(2))
            ]
            wrong += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in STRFTIME_NAMES.finditer(text)]
    assert wrong == []


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht")
    goal = GoalFactory(plan=plan, title="Minder CO2")
    ActionFactory(goal=goal, title="Klimaatcriteria", start_date=date(2026, 3, 1), due_date=date(2027, 10, 31))
    return plan


def test_plan_page_writes_action_periods_with_dutch_months_and_english_ones_on_en(client, people, plan):
    client.force_login(people.member_a)
    dutch = client.get(plan.get_absolute_url()).content.decode()
    assert "1 maart 2026 – 31 oktober 2027" in dutch
    assert "Mrt" not in dutch and "Okt" not in dutch
    english = client.get("/en" + plan.get_absolute_url()).content.decode()
    assert "1 March 2026 – 31 October 2027" in english


def test_plan_history_writes_the_moment_of_a_change_in_dutch(client, people, plan):
    action = plan.goals.get().actions.get()
    services.action_update(action=action, user=people.member_a, data={"status": ActionStatus.DONE}, version=1)
    plan.changes.update(changed_at=datetime(2026, 3, 2, 8, 5, tzinfo=UTC))
    client.force_login(people.member_a)
    page = client.get(reverse("actionplans:plan_history", args=[plan.uuid])).content.decode()
    assert "2 maart 2026 09:05" in page


def test_register_writes_the_date_of_signing_in_dutch(client, people):
    SignatureFactory(organisation=people.organisation_a, submitted_at=datetime(2026, 5, 1, 10, tzinfo=UTC))
    page = client.get(reverse("manifest:register")).content.decode()
    assert "1 mei 2026" in page
    assert "1 May 2026" in client.get("/en" + reverse("manifest:register")).content.decode()
