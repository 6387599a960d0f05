"""`make audit`: the MDN HTTP Observatory grade and the Lighthouse scores of the public pages, over HTTPS.

Serves the portal as production does (gunicorn, DEBUG off, SECURE_HTTPS on: HSTS, secure `__Host-`
cookies) with TLS terminated by gunicorn itself, using a throwaway certificate authority made for
this run, on a throwaway database holding the benchmark data set. A second loopback port
answers plain HTTP with a permanent redirect to HTTPS, as the load balancer does in production.
Every page of tests/public_pages.py marked `audit` is graded by

- the HTTP Observatory (npm @mdn/mdn-http-observatory, its own retriever, tests and grader, run by
  bench/observatory.mjs so a local port and path can be given); target A+;
- Lighthouse 12.2.3 in Debian's headless Chromium; target 95+ in performance, accessibility,
  best practices and SEO.

Writes bench/audit.md and exits non-zero when a page misses a target. Loopback only.
Usage: python -m bench.audit [--output FILE]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.public_pages import AUDIT_PAGES
from bench.servers import (
    BASE_DIR,
    Certificate,
    Cluster,
    Gunicorn,
    collect_static,
    generate_bench_data,
    manage,
    production_environment,
)

OBSERVATORY = BASE_DIR / "node_modules" / "@mdn" / "mdn-http-observatory"
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The flags of the browser tests (tests/conftest.py), headless; the certificate is this run's own.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --ignore-certificate-errors"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET_GRADE, TARGET_SCORE = "A+", 95


def prepare_observatory() -> list[str]:
    """The package's install script downloads the HSTS preload list; offline, an empty list stands in.

    Only real public domains are on that list, never localhost, so the grade of a local origin is the same.
    """
    notes = []
    preload = OBSERVATORY / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
        notes.append(
            "The HSTS preload list was not downloaded (install scripts are off, see .npmrc); an empty list "
            "stands in. localhost is on no preload list, so the grades are unaffected."
        )
    return notes


class RedirectToHttps(BaseHTTPRequestHandler):
    """Plain HTTP on its own port: every request is sent to the same path over HTTPS (like the load balancer)."""

    https_port = 0

    def _redirect(self):
        self.send_response(301)
        self.send_header("Location", f"https://localhost:{self.https_port}{self.path}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _redirect

    def log_message(self, format, *args):  # silence the access log
        pass


def observatory(http_port: int, https_port: int, path: str, certificate: Certificate) -> dict:
    result = subprocess.run(
        [shutil.which("node") or "node", "bench/observatory.mjs", "localhost", str(http_port), str(https_port), path],
        cwd=BASE_DIR,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(certificate.authority)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        return json.loads(result.stdout)
    except ValueError:
        return {"error": (result.stderr or result.stdout).strip()[-500:]}


def lighthouse(url: str, work: Path) -> dict:
    report = work / "lighthouse.json"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "CHROME_PATH": CHROME_PATH},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if not report.exists():
        return {"error": (result.stderr or result.stdout).strip()[-500:]}
    data = json.loads(report.read_text())
    report.unlink()
    scores = {category: round((data["categories"][category]["score"] or 0) * 100) for category in CATEGORIES}
    failing = sorted(
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
        and audit.get("score") is not None
        and audit["score"] < 0.9
    )
    return {"scores": scores, "failing": failing}


def render(rows: list[dict], notes: list[str], facts: dict[str, str]) -> str:
    lines = [
        "# Audit of the MVOI portal",
        "",
        f"Run by `make audit` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC against gunicorn with production settings "
        "(DEBUG off, SECURE_HTTPS on) over HTTPS with a throwaway certificate authority, on loopback.",
        "",
        *[f"- {label}: {value}" for label, value in facts.items()],
        "",
        "## MDN HTTP Observatory (target A+)",
        "",
        "| page | grade | score | tests passed | not passed |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        scan = row["observatory"].get("scan")
        if not scan:
            lines.append(f"| {row['name']} `{row['path']}` | error | | | {row['observatory'].get('error')} |")
            continue
        failed = [name for name, test in row["observatory"]["tests"].items() if not test["pass"]]
        lines.append(
            f"| {row['name']} `{row['path']}` | {scan['grade']} | {scan['score']} | "
            f"{scan['testsPassed']}/{scan['testsQuantity']} | {', '.join(failed) or 'none'} |"
        )
    lines += ["", "Result and score modifier of each test:", ""]
    scanned = [row for row in rows if row["observatory"].get("tests")]
    for name in scanned[0]["observatory"]["tests"] if scanned else []:
        outcomes = {}
        for row in scanned:
            test = row["observatory"]["tests"][name]
            outcomes.setdefault(f"{test['result']} ({test['scoreModifier']:+d})", []).append(row["path"])
        if len(outcomes) == 1:
            lines.append(f"- {name}: {next(iter(outcomes))}")
        else:
            detail = "; ".join(f"{outcome} on {', '.join(paths)}" for outcome, paths in outcomes.items())
            lines.append(f"- {name}: {detail}")
    lines += [
        "",
        f"## Lighthouse 12.2.3, mobile, simulated throttling (target {TARGET_SCORE}+)",
        "",
        "| page | performance | accessibility | best practices | SEO | audits under 0.9 |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        result = row["lighthouse"]
        if "scores" not in result:
            lines.append(f"| {row['name']} `{row['path']}` | error | | | | {result.get('error')} |")
            continue
        scores = result["scores"]
        shown = {category: str(scores[category]) for category in CATEGORIES}
        if not row["indexable"]:
            shown["seo"] += " (noindex by design, not graded)"
        lines.append(
            f"| {row['name']} `{row['path']}` | "
            + " | ".join(shown[category] for category in CATEGORIES)
            + f" | {', '.join(result['failing']) or 'none'} |"
        )
    if notes:
        lines += ["", "## Notes", "", *[f"- {note}" for note in notes]]
    lines.append("")
    return "\n".join(lines)


def meets_targets(row: dict) -> bool:
    """A+ and 95+ in every category; a page that asks search engines not to index it is not graded on SEO."""
    scan = row["observatory"].get("scan") or {}
    scores = row["lighthouse"].get("scores") or {}
    graded = [score for category, score in scores.items() if row["indexable"] or category != "seo"]
    return scan.get("grade") == TARGET_GRADE and bool(graded) and min(graded) >= TARGET_SCORE


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=BASE_DIR / "bench" / "audit.md")
    arguments = parser.parse_args(argv)
    for required, hint in (
        (OBSERVATORY, "npm ci"),
        (LIGHTHOUSE, "npm ci"),
        (Path(CHROME_PATH), "apt-get install chromium"),
    ):
        if not required.exists():
            print(f"{required} is missing: run `{hint}` (make audit does).", file=sys.stderr)
            return 2
    notes = prepare_observatory()

    cluster = Cluster()
    work = Path(tempfile.mkdtemp(prefix="mvoi-audit-"))
    portal = redirector = None
    try:
        certificate = Certificate(work)
        static_root = work / "static"
        environment = production_environment(cluster.create_database("audit"), STATIC_ROOT=str(static_root))
        manage("migrate", "--no-input", "-v", "0", environment=environment)
        manage("createcachetable", environment=environment)
        generate_bench_data("-v", "0", environment=environment)
        collect_static(static_root, environment)
        portal = Gunicorn(
            {**environment, "SECURE_HTTPS": "true", "ALLOWED_HOSTS": "localhost,127.0.0.1"},
            workers=2,
            tls=certificate,
            log=work / "gunicorn.log",
        )
        RedirectToHttps.https_port = portal.port
        redirector = ThreadingHTTPServer(("127.0.0.1", 0), RedirectToHttps)
        threading.Thread(target=redirector.serve_forever, daemon=True).start()
        http_port = redirector.server_address[1]

        rows = []
        for page in AUDIT_PAGES:
            row = {
                "name": page.name,
                "path": page.path,
                "indexable": page.indexable,
                "observatory": observatory(http_port, portal.port, page.path, certificate),
                "lighthouse": lighthouse(portal.base_url + page.path, work),
            }
            scan = row["observatory"].get("scan") or {}
            print(
                f"{page.path:<20} observatory {scan.get('grade', 'error')} ({scan.get('score', '-')})  "
                f"lighthouse {row['lighthouse'].get('scores', row['lighthouse'].get('error'))}"
            )
            rows.append(row)
        node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
        chromium = subprocess.run(
            [CHROME_PATH, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        facts = {
            "tools": f"@mdn/mdn-http-observatory 1.4.8, lighthouse 12.2.3, Node.js {node}, {chromium}",
            "origin": "https://localhost:<port> (TLS in gunicorn), http://localhost:<port> redirecting to it",
        }
        report = render(rows, notes, facts)
        arguments.output.write_text(report)
        print()
        print(report)
        print(f"Written to {arguments.output}")
        missed = [row["path"] for row in rows if not meets_targets(row)]
        if missed:
            print(f"Below target (Observatory {TARGET_GRADE}, Lighthouse {TARGET_SCORE}+): {', '.join(missed)}")
            return 1
        return 0
    finally:
        if redirector:
            redirector.shutdown()
        if portal:
            portal.stop()
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
