"""Time the plan documents of the benchmark's sample plan (6 themes x 5 goals x 10 actions = 300 actions).

`make bench` calls `measure_documents` on its own data set and adds the figures to bench/results.md.
On its own it builds the benchmark's data set (scale 1) in a throw-away test database and prints them:

    .venv/bin/python -m bench.measure_documents
"""

import os
import time
from dataclasses import dataclass

import django

from bench.sample import SAMPLE_ORGANISATION, bench_plan_uuid

RENDERS = 5  # each fresh render of a 300-action PDF takes about a second: a median of five is enough
STORED = 20


@dataclass(frozen=True)
class DocumentTiming:
    label: str
    path: str
    first_ms: float  # the first render in the process (templates and fonts load)
    rendered_ms: float  # median of fresh renders, stored copies emptied before each
    stored_ms: float  # median of repeat downloads served from the stored copy
    kilobytes: float


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _timed(request) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = request()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code} in-process")
    return elapsed, response.content


def measure_documents(client, paths: list[tuple[str, str]], *, clear) -> list[DocumentTiming]:
    """Time each (label, path) with the test client: the first render, fresh renders and stored copies."""
    timings = []
    for label, path in paths:
        clear()
        first_ms, content = _timed(lambda path=path: client.get(path))
        rendered = []
        for _ in range(RENDERS):
            clear()
            rendered.append(_timed(lambda path=path: client.get(path))[0])
        stored = [_timed(lambda path=path: client.get(path))[0] for _ in range(STORED)]
        timings.append(DocumentTiming(label, path, first_ms, _median(rendered), _median(stored), len(content) / 1024))
    return timings


def document_paths() -> list[tuple[str, str]]:
    """The sample plan's documents: the published plan's public PDF and DOCX."""
    from django.urls import reverse

    uuid = bench_plan_uuid(SAMPLE_ORGANISATION)
    return [
        ("plan PDF (300 actions)", reverse("actionplans:published_pdf", args=[uuid])),
        ("plan DOCX (300 actions)", reverse("actionplans:published_docx", args=[uuid])),
    ]


def markdown_rows(timings: list[DocumentTiming]) -> list[str]:
    return [
        "| document | KB | first render ms | render ms (median) | stored copy ms (median) |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {timing.label} `{timing.path}` | {timing.kilobytes:.0f} | {timing.first_ms:.0f} | "
            f"{timing.rendered_ms:.0f} | {timing.stored_ms:.1f} |"
            for timing in timings
        ],
    ]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.generate_data import Command

    def clear():
        caches["default"].clear()
        caches["pages"].clear()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("createcachetable", verbosity=0)
        call_command(Command(), scale=1, verbosity=1)
        for line in markdown_rows(measure_documents(Client(), document_paths(), clear=clear)):
            print(line)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
