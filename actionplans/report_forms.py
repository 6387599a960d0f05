"""The yearly report form: fields made from the report's content (goals, actions and themes of the plan)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.indicators import indicator_value_field
from actionplans.models import ActionStatus
from actionplans.report_services import NOTE_MAX_LENGTH


class ReportForm(forms.Form):
    """One measured value per goal; status, progress and an explanation per action; a narrative per theme.

    Every goal and every action has the same fields, whatever the plan holds. The labels are short
    ("Status", "Progress (%)"): the template puts each action's fields in a fieldset with the action's
    title as its legend. `bound_groups()` gives the bound fields per theme, goal and action, and
    `error_summary()` names the goal or action of each error, since the labels alone repeat.
    """

    def __init__(self, *args, content: dict, **kwargs):
        super().__init__(*args, **kwargs)
        year = content["year"]
        self.groups = []
        self.field_contexts = {}
        for theme in content["themes"]:
            group = {"theme": theme, "narrative": f"theme_{theme['id']}", "goals": []}
            for goal in theme["goals"]:
                goal_fields = {"goal": goal, "value": f"goal_{goal['id']}", "actions": []}
                self.fields[goal_fields["value"]] = indicator_value_field(goal, year)
                self.field_contexts[goal_fields["value"]] = goal["title"]
                for action in goal["actions"]:
                    names = {part: f"action_{action['id']}_{part}" for part in ("status", "progress", "note")}
                    self.fields[names["status"]] = forms.ChoiceField(
                        label=_("Status"), choices=ActionStatus.choices, initial=action["status"]
                    )
                    self.fields[names["progress"]] = forms.IntegerField(
                        label=_("Progress (%)"),
                        min_value=0,
                        max_value=100,
                        initial=action["progress"],
                        help_text=_("A whole number from 0 to 100."),
                    )
                    self.fields[names["note"]] = forms.CharField(
                        label=_("Explanation"),
                        required=False,
                        max_length=NOTE_MAX_LENGTH,
                        initial=action.get("note", ""),
                        widget=forms.Textarea(attrs={"rows": 2}),
                        help_text=_("A sentence or two: what was achieved, or why the action is late."),
                    )
                    for name in names.values():
                        self.field_contexts[name] = action["title"]
                    goal_fields["actions"].append({"action": action, **names})
                group["goals"].append(goal_fields)
            self.fields[group["narrative"]] = forms.CharField(
                label=_("What happened on %(theme)s in %(year)s")
                % {"theme": theme.get("display_name", theme["name"]), "year": year},
                required=False,
                max_length=5000,
                initial=theme["narrative"],
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("A short narrative for the college and the council: results, setbacks, lessons."),
            )
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
                            {
                                "action": a["action"],
                                "status": self[a["status"]],
                                "progress": self[a["progress"]],
                                "note": self[a["note"]],
                            }
                            for a in goal["actions"]
                        ],
                    }
                    for goal in group["goals"]
                ],
            }
            for group in self.groups
        ]

    def error_summary(self) -> list[dict]:
        """Each error in the order of the form, with the field's id and the goal or action it belongs to."""
        summary = []
        for name, field in self.fields.items():
            for error in self.errors.get(name, []):
                context = self.field_contexts.get(name)
                label = f"{context} – {field.label}" if context else field.label
                summary.append({"id": self[name].auto_id, "text": f"{label}: {error}"})
        return summary

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
                str(a["action"]["id"]): {
                    "status": data[a["status"]],
                    "progress": data[a["progress"]],
                    "note": data[a["note"]],
                }
                for group in self.groups
                for goal in group["goals"]
                for a in goal["actions"]
            },
            "themes": {str(group["theme"]["id"]): data[group["narrative"]] for group in self.groups},
        }
