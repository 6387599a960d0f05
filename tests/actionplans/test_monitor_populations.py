"""Each table of the monitor says whom it counts, and counts exactly them.

In the `country` fixture Amersfoort has a published plan but has not signed (its signature waits for
the VNG): the plans table leaves it out, the themes and their actions count it.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from actionplans.monitor import compute_figures
from tests.actionplans.test_monitor import country, figure  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

SIGNATORIES_ONLY = "Telt alleen de organisaties die de huidige editie hebben ondertekend."
ALL_PUBLISHED_PLANS = (
    "Telt elk gepubliceerd actieplan, ook dat van organisaties die de huidige editie niet hebben ondertekend."
)
ALL_REPORTS = (
    "Telt elke ingediende jaarrapportage, ook die van organisaties die de huidige editie niet hebben ondertekend."
)


def captions(html: str) -> list[str]:
    found = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", caption)).split()) for caption in found]


def test_each_monitor_table_says_whom_it_counts_and_counts_exactly_them(client, country):  # noqa: F811
    page = client.get(reverse("monitor:index")).content.decode()
    tier, province, plans, stages, goals, actions, reports = captions(page)
    figures = compute_figures()

    assert SIGNATORIES_ONLY in plans
    by_status = figure(figures, "signatories_by_plan_status")
    assert by_status["gepubliceerd"]["total"] == 3  # Utrecht, Zwolle and the water board signed
    assert by_status["gepubliceerd"]["value"] == 1  # Utrecht's; Amersfoort's published plan is left out

    assert ALL_PUBLISHED_PLANS in goals and ALL_PUBLISHED_PLANS in actions
    assert figure(figures, "goals_per_theme")["klimaat"]["value"] == 3  # two of Utrecht, one of Amersfoort
    assert figure(figures, "actions_done_per_theme")["klimaat"]["value"] == 3

    assert ALL_REPORTS in reports
    assert "Telt de organisaties die de huidige editie hebben ondertekend, elk op de hoogste stap" in stages
    assert "Telt alle actieve overheden per bestuurslaag." in tier
    assert "Telt alle actieve gemeenten per provincie." in province
