"""Stable addresses in the benchmark's data set, so the benchmark, the audit and the tests can name its pages.

Free of Django imports: `bench/run.py` reads them before Django is set up.
"""

import uuid

# Gemeente Utrecht: the organisation whose pages are measured; it always signs and has a published plan.
SAMPLE_ORGANISATION = "gm0344"
BENCH_NAMESPACE = uuid.UUID("6f1d2a52-3c1e-4f7e-9a53-0b8f3c2d5e10")


def bench_plan_uuid(organisation_code: str) -> uuid.UUID:
    return uuid.uuid5(BENCH_NAMESPACE, f"plan/{organisation_code}")


def bench_page_slug(number: int) -> str:
    return f"benchmark-vraag-{number + 1:04d}"
