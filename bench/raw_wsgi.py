"""The physical limit: a WSGI app that only returns the bytes of portal pages, served by the same gunicorn.

BENCH_RAW_DIR holds one file per page, named by its number; `/<number>` returns that file's bytes.
`/healthz` answers too, as the portal's does, so the same start-up check applies.
"""

import os
from pathlib import Path

BODIES = {f"/{path.name}": path.read_bytes() for path in Path(os.environ["BENCH_RAW_DIR"]).iterdir()}
BODIES["/healthz"] = b"ok"
HEADERS = {
    name: [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    for name, body in BODIES.items()
}


def application(environ, start_response):
    path = environ["PATH_INFO"]
    start_response("200 OK", HEADERS[path])
    return [BODIES[path]]
