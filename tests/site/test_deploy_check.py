"""Production settings: `check --deploy` is clean, and a missing SECRET_KEY stops the process."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The database the tests run on, so the subprocess never starts a server of its own."""
    params = connection.get_connection_params()
    return (
        f"postgres://{params['user']}@/{connection.settings_dict['NAME']}"
        f"?host={params['host']}&port={params.get('port') or 5432}"
    )


def production_environment(**overrides) -> dict:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "SECRET_"))
    }
    environment.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="mvoi.example.nl",
        CSRF_TRUSTED_ORIGINS="https://mvoi.example.nl",
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="mvoi_portal.settings",
    )
    environment.update(overrides)
    return {key: value for key, value in environment.items() if value is not None}


def manage(*args, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_check_deploy_gives_no_warnings_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_production_settings_are_strict():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_NAME, s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, environment=production_environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "__Host-sessionid",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


@pytest.mark.parametrize("secret_key", [None, "", "too-short-to-be-a-real-secret-key"])
def test_process_refuses_to_start_with_debug_off_and_no_real_secret_key(secret_key):
    result = manage("check", environment=production_environment(SECRET_KEY=secret_key, DATABASE_URL="postgres://x@/x"))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_debug_is_off_when_the_environment_does_not_mention_it():
    code = "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT)"
    result = manage("shell", "--verbosity", "0", "-c", code, environment=production_environment(DEBUG=None))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_process_without_debug_or_secret_key_refuses_to_start():
    environment = production_environment(DEBUG=None, SECRET_KEY=None, DATABASE_URL="postgres://x@/x")
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_warns_when_staff_powers_need_no_second_factor(settings):
    from django.core import checks

    settings.ADMIN_REQUIRES_MFA = False
    warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "core.W001" in [warning.id for warning in warnings]
    settings.ADMIN_REQUIRES_MFA = True
    warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "core.W001" not in [warning.id for warning in warnings]


def test_make_run_switches_debug_on_for_the_demo_and_make_serve_keeps_it_off():
    makefile = (PROJECT / "Makefile").read_text()
    recipes = dict(re.findall(r"^(\w+):[^\n]*\n((?:\t[^\n]*\n)+)", makefile, flags=re.MULTILINE))
    assert "DEBUG=true" in recipes["run"]
    serve = [line for line in recipes["serve"].splitlines() if "manage.py" in line or "$(MANAGE)" in line]
    assert serve and all(line.strip().startswith("DEBUG=false") for line in serve)
