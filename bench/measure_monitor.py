"""Measure the national monitor on a national-size data set (not part of `make test`: it takes a while).

400 organisations (12 provinces and 388 municipalities), 400 plans, 12,000 goals and 120,000 actions,
300 signatures and 400 submitted reports, made with bulk_create in a throw-away test database.

Run: .venv/bin/python -m bench.measure_monitor
"""

import os
import random
import time

import django

os.environ.setdefault("DEBUG", "true")  # a development tool on a throw-away database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

PROVINCES = 12
ORGANISATIONS = 400
GOALS_PER_PLAN = 30
ACTIONS_PER_GOAL = 10


def generate() -> None:
    from actionplans.models import Action, ActionPlan, ActionStatus, Goal, PlanStatus, ReportStatus, YearReport
    from guidance.models import Theme
    from manifest.models import ManifestEdition, Organisation, Signature, SignatureStatus

    rng = random.Random(6)
    edition = ManifestEdition.objects.current()
    provinces = Organisation.objects.bulk_create(
        Organisation(code=f"pv{20 + n}", name=f"Provincie {n}", kind="provincie") for n in range(PROVINCES)
    )
    municipalities = Organisation.objects.bulk_create(
        Organisation(
            code=f"gm{1000 + n}",
            name=f"Gemeente {n}",
            kind="gemeente",
            province=provinces[n % PROVINCES],
            population=rng.randint(5_000, 900_000),
        )
        for n in range(ORGANISATIONS - PROVINCES)
    )
    organisations = provinces + municipalities
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            organisation=organisation,
            edition=edition,
            status=SignatureStatus.SIGNED,
            signatory_name="Naam",
            signatory_role="wethouder",
            decided_at=now,
        )
        for organisation in organisations[:300]
    )
    statuses = [PlanStatus.DRAFT, PlanStatus.ADOPTED, PlanStatus.PUBLISHED]
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            organisation=organisation,
            title=f"Actieplan {organisation.name}",
            start_year=2026,
            end_year=2029,
            status=(status := statuses[n % 3]),
            adopted_on=None if status == PlanStatus.DRAFT else now.date(),
            published_at=now if status == PlanStatus.PUBLISHED else None,
        )
        for n, organisation in enumerate(organisations)
    )
    themes = list(Theme.objects.all())
    goals = Goal.objects.bulk_create(
        (
            Goal(plan=plan, theme=themes[n % len(themes)], title=f"Doel {n}", order=n)
            for plan in plans
            for n in range(GOALS_PER_PLAN)
        ),
        batch_size=2000,
    )
    action_statuses = ActionStatus.values
    Action.objects.bulk_create(
        (
            Action(goal=goal, title=f"Actie {n}", status=rng.choice(action_statuses), order=n)
            for goal in goals
            for n in range(ACTIONS_PER_GOAL)
        ),
        batch_size=5000,
    )
    YearReport.objects.bulk_create(
        YearReport(plan=plan, year=2026, status=ReportStatus.SUBMITTED, snapshot={"themes": []}, submitted_at=now)
        for plan in plans
    )
    print(
        f"{Organisation.objects.count()} organisations, {ActionPlan.objects.count()} plans, "
        f"{Goal.objects.count()} goals, {Action.objects.count()} actions"
    )


def measure(label: str, function) -> None:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed * 1000:.0f} ms, {len(queries.captured_queries)} queries")


def main() -> None:
    from actionplans.monitor import compute_figures
    from bench.run import clear_caches

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        generate()
        client = Client()
        measure("compute_figures (uncached)", compute_figures)
        clear_caches()
        measure("GET /monitor/ uncached, first request (templates load)", lambda: client.get("/monitor/"))
        clear_caches()
        measure("GET /monitor/ uncached", lambda: client.get("/monitor/"))
        measure("GET /monitor/ cached", lambda: client.get("/monitor/"))
        clear_caches()
        measure("GET /monitor/data.json uncached", lambda: client.get("/monitor/data.json"))
        measure("GET /monitor/data.csv cached", lambda: client.get("/monitor/data.csv"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
