"""Settings read from the environment: an empty variable means the default, a bad one stops the start."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_variable_means_the_default(monkeypatch, value):
    for name in ("PORTAL_TEST_STR", "PORTAL_TEST_BOOL", "PORTAL_TEST_INT", "PORTAL_TEST_LIST"):
        monkeypatch.setenv(name, value)
    assert env_str("PORTAL_TEST_STR", "fallback") == "fallback"
    assert env_bool("PORTAL_TEST_BOOL", default=True) is True
    assert env_int("PORTAL_TEST_INT", 60) == 60
    assert env_list("PORTAL_TEST_LIST", ["localhost"]) == ["localhost"]


def test_a_set_variable_is_read_with_its_type(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_BOOL", "off")
    monkeypatch.setenv("PORTAL_TEST_INT", "5")
    monkeypatch.setenv("PORTAL_TEST_LIST", "a.example, b.example,")
    assert env_bool("PORTAL_TEST_BOOL", default=True) is False
    assert env_int("PORTAL_TEST_INT", 60) == 5
    assert env_list("PORTAL_TEST_LIST") == ["a.example", "b.example"]


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "ten")])
def test_a_value_that_cannot_be_read_stops_the_start(monkeypatch, reader, value):
    monkeypatch.setenv("PORTAL_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_VALUE"):
        reader("PORTAL_TEST_VALUE", 1) if reader is env_int else reader("PORTAL_TEST_VALUE")


def test_the_migration_check_runs_on_a_fresh_checkout_without_debug_or_a_secret_key():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, str(root / "manage.py"), "makemigrations", "--check", "--dry-run"],
        cwd="/",
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "No changes detected" in result.stdout, result.stderr[-2000:]
    assert result.returncode == 0


def test_every_variable_the_settings_read_is_in_the_readme_and_env_example():
    project = Path(__file__).resolve().parents[2]
    settings_source = (project / "mvoi_portal" / "settings.py").read_text()
    variables = set(re.findall(r"\benv_\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", settings_source))
    assert {"DEBUG", "SECRET_KEY", "ADMIN_REQUIRES_MFA", "PAGE_CACHE_SHARED_MB"} <= variables
    first_cells = re.findall(r"^\| (`[^|]+)\|", (project / "README.md").read_text(), flags=re.MULTILINE)
    readme_table = {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    example = re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (project / ".env.example").read_text(), flags=re.MULTILINE)
    assert sorted(variables - readme_table) == []
    assert sorted(variables - set(example)) == []
