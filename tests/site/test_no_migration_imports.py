"""No code outside migrations imports a migration module.

A migration is a frozen step in the database's history: code that borrows its data or functions breaks
when the migration is squashed or edited, and keeps data in a place nobody looks for it. Reference data
(themes, sections, the 2022-2025 edition) lives in content files with loaders in `guidance.reference`
and `manifest.reference`. The walk reads every import statement in the portal's code and tests, and
every string that names a module, as `import_module("...")` takes.
"""

import ast
import os
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SKIPPED_FOLDERS = {"node_modules", "staticfiles", "__pycache__", "migrations"}
MODULE_NAME = re.compile(r"[A-Za-z_]\w*(\.\w+)+")


def _project_packages() -> set[str]:
    return {path.parent.name for path in BASE_DIR.glob("*/__init__.py")}


def _python_files():
    for folder, subfolders, files in os.walk(BASE_DIR):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS]
        for name in files:
            if name.endswith(".py"):
                yield Path(folder, name)


def _module_names(source: str) -> list[str]:
    """Every module the source imports, and every string that names a module (for `import_module`)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_NAME.fullmatch(node.value):
            names.append(node.value)
    return names


def _migration_imports(source: str, packages: set[str]) -> list[str]:
    return [
        name for name in _module_names(source) if name.split(".")[0] in packages and "migrations" in name.split(".")
    ]


def test_no_code_outside_migrations_imports_a_migration_module():
    packages = _project_packages()
    found = sorted(
        f"{path.relative_to(BASE_DIR)} imports {name}"
        for path in _python_files()
        if path != Path(__file__)  # its own examples below name migration modules on purpose
        for name in _migration_imports(path.read_text(encoding="utf-8"), packages)
    )
    assert found == []


def test_the_walk_sees_every_way_of_importing_a_migration():
    source = """
import importlib
from importlib import import_module

from django.db import migrations
from guidance.migrations import something

def restore():
    importlib.import_module("manifest.migrations.0003_edition_2022_2025")
    import_module("guidance.migrations.0002_the_six_mvoi_themes")
    __import__("actionplans.migrations.0001_initial")

LOADERS = [("manifest.migrations.0005_signature_channel", "create")]
"""
    assert set(_migration_imports(source, {"guidance", "manifest", "actionplans"})) == {
        "guidance.migrations.something",
        "manifest.migrations.0003_edition_2022_2025",
        "guidance.migrations.0002_the_six_mvoi_themes",
        "actionplans.migrations.0001_initial",
        "manifest.migrations.0005_signature_channel",
    }
    assert {"tests", "guidance", "manifest", "actionplans", "core"} <= _project_packages()
    walked = {path.relative_to(BASE_DIR).as_posix() for path in _python_files()}
    assert {"tests/factories.py", "guidance/management/commands/load_guidance_content.py"} <= walked
    assert not any("/migrations/" in path or path.startswith(".venv") for path in walked)
