"""Time the documents of the benchmark's sample plan: 6 themes x 5 goals x 10 actions = 300 actions.

`make bench` measures them in-process on its scale-1 data set (production settings, collected static
files) and adds the table to bench/results.md. On its own this module builds the same data set in a
throw-away test database of the development settings and prints the table:

    .venv/bin/python -m bench.measure_documents
"""

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from bench.sample import SAMPLE_ORGANISATION, bench_plan_uuid

RENDERS = 5  # fresh renders of the 300-action PDF take a second or two each: a median of five will do
STORED = 20
PDF_TARGET_MS = 2000


@dataclass(frozen=True)
class DocumentTiming:
    label: str
    path: str
    first_ms: float  # the first render in the process (WeasyPrint, templates and fonts load)
    rendered_ms: float  # median of fresh renders, the stored copies emptied before each
    rendered_cpu_ms: float  # ... the CPU time this process spent on them (the machine may be busy with more)
    stored_ms: float  # median of repeat downloads, served from the stored copy
    kilobytes: float


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _clear_caches() -> None:
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()


def _timed(client, path: str) -> tuple[float, float, bytes]:
    """Milliseconds of wall-clock and CPU time for one request, and its content."""
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in-process")
    return elapsed, cpu, response.content


def measure_documents(client) -> list[DocumentTiming]:
    """The sample plan's public PDF and DOCX as an anonymous visitor downloads them, with the test client."""
    from django.urls import reverse

    uuid = bench_plan_uuid(SAMPLE_ORGANISATION)
    timings = []
    for label, name in [("PDF", "actionplans:published_pdf"), ("DOCX", "actionplans:published_docx")]:
        path = reverse(name, args=[uuid])
        _clear_caches()
        first_ms, _cpu, content = _timed(client, path)
        rendered = []
        for _ in range(RENDERS):
            _clear_caches()
            rendered.append(_timed(client, path))
        stored = [_timed(client, path)[0] for _ in range(STORED)]
        timings.append(
            DocumentTiming(
                f"sample plan as {label} (300 actions)",
                path,
                first_ms,
                _median([wall for wall, _cpu, _content in rendered]),
                _median([cpu for _wall, cpu, _content in rendered]),
                _median(stored),
                len(content) / 1024,
            )
        )
    return timings


def measure_in_bench(database_name: str) -> list[DocumentTiming]:
    """For `bench/run.py`, once Django is set up there: the documents on one of its databases."""
    from django.db import connection
    from django.test import Client

    connection.close()
    connection.settings_dict["NAME"] = database_name
    try:
        return measure_documents(Client())
    finally:
        connection.close()


def markdown_section(timings: list[DocumentTiming], *, source: str) -> list[str]:
    pdf = next(timing for timing in timings if "PDF" in timing.label)
    verdict = "meets" if pdf.rendered_ms < PDF_TARGET_MS else "misses"
    return [
        "## Plan documents (in-process)",
        "",
        f"{source} Each document is rendered afresh {RENDERS} times with the caches emptied before each "
        f"(median), then downloaded {STORED} times from its stored copy (median). A fresh PDF of a "
        f"300-action plan {verdict} the target of {PDF_TARGET_MS / 1000:.0f} s. Rendering runs on one core: where "
        "the CPU time is well below the wall-clock time, other work on the machine took the rest.",
        "",
        "| document | KB | first render ms | render ms | render CPU ms | stored copy ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {timing.label} `{timing.path}` | {timing.kilobytes:.0f} | {timing.first_ms:.0f} | "
            f"{timing.rendered_ms:.0f} | {timing.rendered_cpu_ms:.0f} | {timing.stored_ms:.1f} |"
            for timing in timings
        ],
        "",
    ]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    os.environ.setdefault("DEBUG", "true")  # a development tool on a throw-away database
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.generate_data import Command

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("createcachetable", verbosity=0)
        call_command(Command(), scale=1, verbosity=1)
        timings = measure_documents(Client())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    source = (
        f"Measured by `python -m bench.measure_documents` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        "(development settings, static files from the finders, load average "
        + " ".join(f"{load:.1f}" for load in os.getloadavg())
        + ")."
    )
    print("\n".join(markdown_section(timings, source=source)))


if __name__ == "__main__":
    main()
