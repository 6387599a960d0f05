"""The physical limit: a WSGI app that only returns the bytes of a portal page, served by the same gunicorn."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_RAW_BODY"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
