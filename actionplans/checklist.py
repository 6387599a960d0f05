"""The review checklist computed from a plan's data: what VNG staff will check, and where to fix it.

The same result serves two readers. On a draft plan's page members see it as a list of links to what
still needs work (it never blocks adoption); on the review form it is the suggestion VNG staff start
from. The items are `models.ReviewItem`; this module decides, per item, what the data can tell.

A theme without goals counts as explained when the plan's "ambition" section names it: that is where a
plan says what it wants per theme, and so why it leaves one out.

Three queries at most, whatever the size of the plan: its goals (with their themes), their actions and
the themes. Pass `goals` (with actions prefetched, as `views.plan_goals` gives them) to save two.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FindingStatus, Goal, ReviewItem


@dataclass
class Problem:
    text: str
    url: str


@dataclass
class ChecklistItem:
    item: ReviewItem
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def suggested_status(self) -> str:
        return FindingStatus.OK if self.ok else FindingStatus.ATTENTION

    @property
    def suggested_comment(self) -> str:
        return "\n".join(f"- {problem.text}" for problem in self.problems)


def _missing(pairs: list[tuple[bool, str]]) -> str:
    return ", ".join(label for is_missing, label in pairs if is_missing)


class _Links:
    """Where to fix something: its edit form in a draft the user may edit, its place on the plan page otherwise."""

    def __init__(self, plan: ActionPlan):
        self.plan = plan
        self.editable = getattr(plan, "can_edit", False)
        self.page = plan.get_absolute_url()

    def _edit(self, name: str, *args) -> str:
        return reverse(f"actionplans:{name}", args=[self.plan.uuid, *args])

    def goal(self, goal: Goal) -> str:
        return self._edit("goal_edit", goal.pk) if self.editable else f"{self.page}#goal-{goal.pk}"

    def action(self, action) -> str:
        return self._edit("action_edit", action.pk) if self.editable else f"{self.page}#action-{action.pk}"

    def section(self, name: str) -> str:
        if self.editable:
            return f"{self._edit('plan_edit')}#id_{name}"
        # An empty budget has no section of its own on the page; the sections' heading is the place.
        return f"{self.page}#sections-title" if name == "budget" else f"{self.page}#section-{name}"

    def new_goal(self) -> str:
        return self._edit("goal_create") if self.editable else f"{self.page}#goals-title"

    def adoption(self) -> str:
        return self._edit("plan_adopt") if getattr(self.plan, "can_coordinate", False) else self.page


def _themes(plan, goals, links) -> list[Problem]:
    from guidance.models import Theme

    covered = {goal.theme_id for goal in goals}
    ambition = plan.ambition.casefold()
    problems = []
    for theme in Theme.objects.order_by("order", "name"):
        names = {name.casefold() for name in (theme.name, theme.name_en) if name}
        if theme.pk in covered or any(name in ambition for name in names):
            continue
        problems.append(
            Problem(
                _(
                    "Theme “%(theme)s” has no goals: add one, or explain in the section “ambition” why the plan "
                    "leaves this theme out (name the theme)."
                )
                % {"theme": theme.display_name},
                links.new_goal(),
            )
        )
    return problems


def _goals(goals, links) -> list[Problem]:
    problems = []
    for goal in goals:
        missing = _missing(
            [
                (not goal.indicator, _("indicator")),
                (goal.baseline_value is None, _("baseline value")),
                (not goal.baseline_year, _("baseline year")),
                (goal.target_value is None, _("target value")),
                (not goal.target_year, _("target year")),
            ]
        )
        if missing:
            problems.append(
                Problem(
                    _("Goal “%(goal)s” has no %(missing)s.") % {"goal": goal.title, "missing": missing},
                    links.goal(goal),
                )
            )
    return problems


def _actions(goals, links) -> list[Problem]:
    problems = []
    for goal in goals:
        for action in goal.actions.all():
            missing = _missing(
                [
                    (not action.owner and action.owner_member_id is None, _("owner")),
                    (action.start_date is None, _("start date")),
                    (action.due_date is None, _("due date")),
                ]
            )
            if missing:
                problems.append(
                    Problem(
                        _("Action “%(action)s” has no %(missing)s.") % {"action": action.title, "missing": missing},
                        links.action(action),
                    )
                )
    return problems


def _sections(plan, links) -> list[Problem]:
    problems = []
    for name in ("monitoring", "communication"):
        if not getattr(plan, name).strip():
            label = plan._meta.get_field(name).verbose_name
            problems.append(Problem(_("The section “%(section)s” is empty.") % {"section": label}, links.section(name)))
    if plan.budget is None:
        problems.append(Problem(_("The budget is not filled in."), links.section("budget")))
    return problems


def _adoption(plan, links) -> list[Problem]:
    if plan.adopted_on and plan.adopted_by.strip():
        return []
    return [Problem(_("Record when the college (or another body) adopted the plan."), links.adoption())]


def plan_checklist(plan: ActionPlan, *, goals: list[Goal] | None = None) -> list[ChecklistItem]:
    """Every review item with the problems the data shows, in the order of `ReviewItem`."""
    if goals is None:
        goals = list(plan.goals.select_related("theme").prefetch_related("actions").order_by("order", "id"))
    links = _Links(plan)
    problems = {
        ReviewItem.THEMES: _themes(plan, goals, links),
        ReviewItem.GOALS: _goals(goals, links),
        ReviewItem.ACTIONS: _actions(goals, links),  # an action has its goal's theme, so only these can miss
        ReviewItem.SECTIONS: _sections(plan, links),
        ReviewItem.ADOPTION: _adoption(plan, links),
    }
    return [ChecklistItem(item, problems[item]) for item in ReviewItem]
