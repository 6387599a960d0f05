"""The yearly report form: fields made from the report's content (goals, actions and themes of the plan)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionStatus


class ReportForm(forms.Form):
    """One measured value per goal, status and progress per action, a narrative per theme, next year's plans.

    `groups` gives the bound fields per theme so the template can show them under the theme's heading.
    """

    def __init__(self, *args, content: dict, **kwargs):
        super().__init__(*args, **kwargs)
        year = content["year"]
        self.groups = []
        for theme in content["themes"]:
            group = {"theme": theme, "narrative": f"theme_{theme['id']}", "goals": []}
            self.fields[group["narrative"]] = forms.CharField(
                label=_("What happened on %(theme)s in %(year)s")
                % {"theme": theme.get("display_name", theme["name"]), "year": year},
                required=False,
                max_length=5000,
                initial=theme["narrative"],
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("A short narrative for the college and the council: results, setbacks, lessons."),
            )
            for goal in theme["goals"]:
                goal_fields = {"goal": goal, "value": f"goal_{goal['id']}", "actions": []}
                self.fields[goal_fields["value"]] = forms.DecimalField(
                    label=_("Measured value in %(year)s: %(goal)s") % {"year": year, "goal": goal["title"]},
                    required=False,
                    max_digits=14,
                    decimal_places=2,
                    initial=goal["measured_value"],
                    help_text=_goal_help(goal),
                )
                for action in goal["actions"]:
                    status = f"action_{action['id']}_status"
                    progress = f"action_{action['id']}_progress"
                    self.fields[status] = forms.ChoiceField(
                        label=_("Status: %(action)s") % {"action": action["title"]},
                        choices=ActionStatus.choices,
                        initial=action["status"],
                    )
                    self.fields[progress] = forms.IntegerField(
                        label=_("Progress (%%): %(action)s") % {"action": action["title"]},
                        min_value=0,
                        max_value=100,
                        initial=action["progress"],
                    )
                    goal_fields["actions"].append({"action": action, "status": status, "progress": progress})
                group["goals"].append(goal_fields)
            self.groups.append(group)
        self.fields["next_year"] = forms.CharField(
            label=_("Plans for next year"),
            required=False,
            max_length=5000,
            initial=content["next_year"],
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("What you will do next year, in a few sentences."),
        )

    def bound_groups(self) -> list[dict]:
        return [
            {
                "theme": group["theme"],
                "narrative": self[group["narrative"]],
                "goals": [
                    {
                        "goal": goal["goal"],
                        "value": self[goal["value"]],
                        "actions": [
                            {"action": a["action"], "status": self[a["status"]], "progress": self[a["progress"]]}
                            for a in goal["actions"]
                        ],
                    }
                    for goal in group["goals"]
                ],
            }
            for group in self.groups
        ]

    def report_data(self) -> dict:
        data = self.cleaned_data
        return {
            "goals": {
                str(goal["goal"]["id"]): data[goal["value"]]
                for group in self.groups
                for goal in group["goals"]
                if data.get(goal["value"]) is not None
            },
            "actions": {
                str(a["action"]["id"]): {"status": data[a["status"]], "progress": data[a["progress"]]}
                for group in self.groups
                for goal in group["goals"]
                for a in goal["actions"]
            },
            "themes": {str(group["theme"]["id"]): data[group["narrative"]] for group in self.groups},
        }


def _goal_help(goal: dict) -> str:
    parts = []
    unit = f" {goal['unit']}" if goal["unit"] else ""
    if goal["baseline_value"] is not None:
        parts.append(
            _("Baseline: %(value)s%(unit)s (%(year)s).")
            % {"value": goal["baseline_value"], "unit": unit, "year": goal["baseline_year"] or "–"}
        )
    if goal["target_value"] is not None:
        parts.append(
            _("Target: %(value)s%(unit)s (%(year)s).")
            % {"value": goal["target_value"], "unit": unit, "year": goal["target_year"] or "–"}
        )
    if goal["indicator"]:
        parts.append(_("Indicator: %(indicator)s.") % {"indicator": goal["indicator"]})
    return " ".join(parts)
