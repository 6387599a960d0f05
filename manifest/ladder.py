"""The ladder of commitment: where each signatory of an edition stands, as the public pages show it.

Signed, action plan in preparation, adopted, published, reported on a year; and "behind schedule" when
a due date (the plan's, or a yearly report's) has passed without the step. The steps are named here so
the register, its open data and the organisation page can label and filter them. The rule that decides
them needs the action plans and lives in actionplans/ladder.py, which registers it when the app starts:
manifest never imports actionplans. Without a registered rule signatures carry no stage and the pages
leave it out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.page_cache import ContentKind


class Stage(models.TextChoices):
    """The steps in order; an organisation stands on the highest one its data shows."""

    SIGNED = "ondertekend", _("Signed")
    PLAN_IN_PREPARATION = "actieplan-in-voorbereiding", _("Action plan in preparation")
    PLAN_ADOPTED = "actieplan-vastgesteld", _("Action plan adopted")
    PLAN_PUBLISHED = "actieplan-gepubliceerd", _("Action plan published")
    REPORTED = "gerapporteerd", _("Reported")


STAGE_ORDER = {stage: position for position, stage in enumerate(Stage.values)}


def stage_label(stage: str | None, year: int | None = None) -> str:
    """ "Reported on 2025" for the top step, the step's name otherwise; empty without a stage."""
    if not stage:
        return ""
    if stage == Stage.REPORTED and year:
        return gettext("Reported on %(year)s") % {"year": year}
    return str(Stage(stage).label)


@dataclass(frozen=True)
class StageRule:
    # Signatures -> the same signatures annotated with stage, stage_year, behind_schedule, extended_until
    # and plan_due_on, in SQL, so a list of any length costs the same queries.
    annotate: Callable
    # The content kinds the stage depends on besides the register's, for the page cache.
    kinds: tuple[ContentKind, ...]


_rule: list[StageRule] = []


def set_stage_rule(*, annotate: Callable, kinds: tuple[ContentKind, ...]) -> None:
    _rule[:] = [StageRule(annotate, tuple(kinds))]


def has_stage_rule() -> bool:
    return bool(_rule)


def with_stage(signatures):
    """The signatures with their stage annotated, if an app registered the rule."""
    return _rule[0].annotate(signatures) if _rule else signatures


def stage_kinds() -> list[ContentKind]:
    """The kinds a page that shows stages declares besides the register (a callable for cached_public_page)."""
    return list(_rule[0].kinds) if _rule else []
