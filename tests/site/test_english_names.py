"""Identifiers are English; what people read is translated.

A choice is named by what it means (`PlanStatus.ADOPTED`), never by its stored Dutch value
(`VASTGESTELD`); the same holds for constants, functions and classes. The walk reads the portal's code
(tests and migrations aside: a migration keeps the names it was written with) and refuses a name made of
the Dutch words the portal's domain uses. Form fields that are also Dutch query parameters of public
addresses (`?provincie=`) are part of those addresses, not identifiers, and are not read.
"""

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = ["core", "accounts", "audit", "guidance", "manifest", "actionplans", "mvoi_portal", "bench"]

# Dutch words of the domain that once named choices and constants, and their neighbours.
DUTCH_WORDS = {
    "actie", "acties", "actieplan", "afgerond", "afgewezen", "ambitieus", "basis", "concept", "doel",
    "doelen", "gemeente", "gepland", "gepubliceerd", "gevorderd", "goedgekeurd", "handtekening", "ingediend",
    "ingetrokken", "kopie", "leeg", "lid", "leden", "lopend", "ondertekenaar", "ondertekening", "organisatie",
    "overig", "provincie", "rijk", "startend", "strategisch", "thema", "uitstel", "vastgesteld", "verslag",
    "vervallen", "voortgang", "waterschap",
}  # fmt: skip
WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[a-z]+")


def dutch_words_in(name: str) -> set[str]:
    return {word.lower() for word in WORD.findall(name)} & DUTCH_WORDS


def _named_things(tree: ast.AST):
    """Functions, classes and constants (UPPER_CASE, such as the members of a choices class)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.lineno, node.name
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name) and target.id.isupper():
                    yield node.lineno, target.id


def dutch_names(paths, base: Path = BASE_DIR) -> list[str]:
    found = []
    for path in paths:
        for line, name in sorted(_named_things(ast.parse(path.read_text(), filename=str(path)))):
            if dutch_words_in(name):
                found.append(f"{path.relative_to(base)}:{line} {name}")
    return found


def _portal_modules():
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_choice_constant_function_and_class_of_the_portal_has_an_english_name():
    assert dutch_names(_portal_modules()) == []


def test_the_walk_finds_a_choice_a_constant_and_a_class_with_a_dutch_name(tmp_path):
    module = tmp_path / "models.py"
    module.write_text(
        "class PlanStatus(models.TextChoices):\n"
        '    DRAFT = "concept", _("Draft")\n'
        '    VASTGESTELD = "vastgesteld", _("Adopted")\n'
        'START_TEMPLATE_STARTEND = "startend"\n'
        "class OrganisatieForm: ...\n"
        "def plan_adopt(): ...\n"
    )
    assert dutch_names([module], base=tmp_path) == [
        "models.py:3 VASTGESTELD",
        "models.py:4 START_TEMPLATE_STARTEND",
        "models.py:5 OrganisatieForm",
    ]
