"""The plan templates, one TOML file per track in actionplans/content/templates/.

Each file's header comment explains its fields and how its years follow the plan's period.
"""

from pathlib import Path

from core.content_files import read_toml, require

TEMPLATES_DIR = Path(__file__).resolve().parent / "content" / "templates"
TEMPLATE_KEYS = ["title", "sections", "goals"]
GOAL_KEYS = ["theme", "title", "description", "indicator", "unit", "baseline_year", "target_year", "actions"]
ACTION_KEYS = ["title", "owner", "steering_level", "ambition_level", "product_groups", "start", "due"]
DATE_KEYS = ["year", "month"]


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
