"""The plan templates, one TOML file per track in actionplans/content/templates/, and their placeholders.

Each file's header comment explains its fields and how its years follow the plan's period.

A placeholder is template text the authors must replace with their own, written between double square
brackets: `[[Beschrijf waar de organisatie nu staat:]]`. A new plan keeps the brackets, so the authors see
what to replace; a plan with placeholder text is not published. The template files are the one list of
placeholder sentences: a sentence from it still counts as a placeholder after its brackets were removed.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from core.content_files import read_toml, require

TEMPLATES_DIR = Path(__file__).resolve().parent / "content" / "templates"
TEMPLATE_KEYS = ["title", "sections", "goals"]
GOAL_KEYS = ["theme", "title", "description", "indicator", "unit", "baseline_year", "target_year", "actions"]
ACTION_KEYS = ["title", "owner", "steering_level", "ambition_level", "product_groups", "start", "due"]
DATE_KEYS = ["year", "month"]

PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
# The fields of a plan, goal and action that can hold template text.
PLAN_TEXT_FIELDS = [
    "title",
    "occasion",
    "baseline",
    "ambition",
    "steering_strategic",
    "steering_organisation",
    "steering_project",
    "monitoring",
    "communication",
]
GOAL_TEXT_FIELDS = ["title", "description", "indicator", "unit"]
ACTION_TEXT_FIELDS = ["title", "description", "owner"]


def template_path(track: str) -> Path:
    return TEMPLATES_DIR / f"{track}.toml"


def plan_template(track: str) -> dict:
    """The template of `track` (a `Track` value): its title, narrative sections and goals with actions."""
    path = template_path(track)
    template = read_toml(path)
    require(template, TEMPLATE_KEYS, path=path)
    for number, goal in enumerate(template["goals"], start=1):
        require(goal, GOAL_KEYS, path=path, where=f"goal {number}")
        for action_number, action in enumerate(goal["actions"], start=1):
            where = f"goal {number}, action {action_number}"
            require(action, ACTION_KEYS, path=path, where=where)
            require(action["start"], DATE_KEYS, path=path, where=f"{where}, start")
            require(action["due"], DATE_KEYS, path=path, where=f"{where}, due")
    return template


# --- placeholders ---------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    """Case and line breaks do not matter: an editor may re-wrap a paragraph or capitalise differently."""
    return " ".join(text.split()).casefold()


def _texts(template: dict):
    yield template["title"]
    yield from template["sections"].values()
    for goal in template["goals"]:
        yield from (goal[field] for field in GOAL_TEXT_FIELDS)
        for action in goal["actions"]:
            yield from (action[field] for field in ("title", "owner"))


def placeholder_sentences() -> list[str]:
    """Every placeholder marked in the template files, without its brackets, each once."""
    found: dict[str, str] = {}
    for path in sorted(TEMPLATES_DIR.glob("*.toml")):
        for text in _texts(plan_template(path.stem)):
            for match in PLACEHOLDER.finditer(text):
                sentence = " ".join(match.group(1).split())
                found.setdefault(_normalised(sentence), sentence)
    return list(found.values())


def placeholders_in(text: str, sentences: list[str]) -> list[str]:
    """The placeholder text in `text`: anything between [[ and ]], and any of `sentences` without brackets."""
    if not text:
        return []
    found = [" ".join(match.group(1).split()) for match in PLACEHOLDER.finditer(text)]
    rest = _normalised(PLACEHOLDER.sub(" ", text))
    found += [sentence for sentence in sentences if _normalised(sentence) in rest]
    return found


@dataclass(frozen=True)
class Placeholder:
    """Template text still in a plan: the plan itself, one of its goals or one of its actions, and the field."""

    obj: object
    field: str
    text: str

    @property
    def kind(self) -> str:
        return type(self.obj)._meta.model_name  # "actionplan", "goal" or "action"

    @property
    def field_label(self) -> str:
        return type(self.obj)._meta.get_field(self.field).verbose_name


def plan_placeholders(plan, *, goals=None) -> list[Placeholder]:
    """Every place in the plan that still holds template text, in document order (two queries).

    A page that already has the plan's `goals` in document order, their actions prefetched, passes them:
    then no query at all.
    """
    from actionplans.models import Action

    sentences = placeholder_sentences()
    places = []

    def scan(obj, fields):
        for field in fields:
            places.extend(Placeholder(obj, field, text) for text in placeholders_in(getattr(obj, field), sentences))

    scan(plan, PLAN_TEXT_FIELDS)
    actions: dict[int, list] = {}
    if goals is None:
        goals = plan.goals.select_related("theme").order_by("theme__order", "theme__name", "order", "id")
        for action in Action.objects.filter(goal__plan=plan).order_by("order", "id"):
            actions.setdefault(action.goal_id, []).append(action)
    else:
        actions = {goal.pk: list(goal.actions.all()) for goal in goals}
    for goal in goals:
        goal.plan = plan
        scan(goal, GOAL_TEXT_FIELDS)
        for action in actions.get(goal.pk, []):
            action.goal = goal
            scan(action, ACTION_TEXT_FIELDS)
    return places
