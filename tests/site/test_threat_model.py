"""docs/security.md names, for each threat, the test that fails when its defence breaks: those tests exist."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def named_tests() -> list[tuple[str, str | None]]:
    """(file, test or None) for every test file and `file::test` the threat table names; `::test` alone
    refers to the file named last before it."""
    text = (PROJECT / "docs" / "security.md").read_text()
    found, last_file = [], None
    for file, test, bare_test in re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`|`::(\w+)`", text):
        if file:
            last_file = file
            found.append((file, test or None))
        else:
            found.append((last_file, bare_test))
    return found


def test_every_test_the_threat_model_names_exists():
    named = named_tests()
    assert len(named) > 40
    missing = [
        f"{file}::{test}" if test else file
        for file, test in named
        if not (PROJECT / file).is_file() or (test and f"def {test}(" not in (PROJECT / file).read_text())
    ]
    assert missing == []


def test_every_code_file_the_threat_model_names_exists():
    text = (PROJECT / "docs" / "security.md").read_text()
    files = set(re.findall(r"`((?:core|manifest|actionplans|guidance|accounts|audit)/[\w/]+\.py)`", text))
    assert files
    assert sorted(file for file in files if not (PROJECT / file).is_file()) == []
