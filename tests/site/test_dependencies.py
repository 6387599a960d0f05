"""The apps depend on each other one way only.

Every import counts, also those inside functions: a cycle that is only hidden until a function runs is
still a cycle for the reader. The rules:
- `core` imports none of the portal's apps; every app may import `core`;
- `guidance` stands alone: it imports no other app of the portal;
- `manifest` and `guidance` never import `actionplans`;
- nothing imports `mvoi_portal` (the settings and URLs), which Django loads through its settings.
"""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = ["core", "accounts", "audit", "guidance", "manifest", "actionplans", "mvoi_portal"]

# app -> the portal apps it may import (besides itself)
ALLOWED = {
    "core": set(),
    "accounts": {"core", "audit", "manifest"},
    "audit": {"core", "accounts"},
    "guidance": {"core", "accounts", "audit"},
    "manifest": {"core", "accounts", "audit", "guidance"},
    "actionplans": {"core", "accounts", "audit", "guidance", "manifest"},
    "mvoi_portal": set(APPS),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (BASE_DIR / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The portal modules `module` imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            # `from app import services` imports the module app.services when there is one.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                imported.add(name)
    return imported


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {module: _imports(module, path, known) for module, path in modules.items()}


def _app(module: str) -> str:
    return module.split(".")[0]


def test_every_app_imports_only_the_apps_below_it():
    forbidden = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _app(target) != _app(module) and _app(target) not in ALLOWED[_app(module)]
    )
    assert forbidden == []


def test_the_walk_sees_imports_inside_functions():
    # The rules above are only worth something if function-level imports are read too.
    assert "accounts.services" in _graph()["accounts.apps"]  # imported inside a signal handler


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round about (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in on_stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(groups)


def test_no_module_of_the_portal_imports_itself_round_about():
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle_through_several_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert _cycles(graph) == [["a", "b", "c"]]
