"""The yearly report form: fields made from the report's content (goals, actions and themes of the plan)."""

import re
from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from actionplans.indicators import indicator_value_field
from actionplans.models import TENDERNED_NUMBER_PATTERN, ActionStatus, AmbitionLevel, ProductGroup
from actionplans.product_groups import grouped_choices
from actionplans.report_services import NOTE_MAX_LENGTH
from guidance.models import Theme


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
                goal_fields = {"goal": goal, "value": f"goal_{goal['id']}", "actions": [], "owners": []}
                if goal.get("targets_per_owner"):
                    # A joint plan's goal with a target per owner: one measured value per owner instead.
                    goal_fields["value"] = None
                    for owner in goal["owners"]:
                        name = f"goal_{goal['id']}_owner_{owner['id']}"
                        field = indicator_value_field({**goal, "measured_value": owner["measured_value"]}, year)
                        field.label = format_lazy("{}: {}", owner["name"], field.label)
                        self.fields[name] = field
                        self.field_contexts[name] = goal["title"]
                        goal_fields["owners"].append({"owner": owner, "name": name})
                else:
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
                        "value": self[goal["value"]] if goal["value"] else None,
                        "owner_values": [self[owner["name"]] for owner in goal["owners"]],
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
                if goal["value"] and data.get(goal["value"]) is not None
            },
            "owner_goals": {
                str(goal["goal"]["id"]): {
                    str(owner["owner"]["id"]): data[owner["name"]]
                    for owner in goal["owners"]
                    if data.get(owner["name"]) is not None
                }
                for group in self.groups
                for goal in group["goals"]
                if goal["owners"]
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


# --- tenders per product group ----------------------------------------------------------------


class EuroField(forms.Field):
    """An amount in euros, typed the Dutch way ("1.250.000,50") or with a decimal point ("1250000.50").

    The rule: with a comma, the comma separates the cents and dots may only group thousands. Without a
    comma, dots that group thousands ("1.250.000", also "1.250") are read the Dutch way; otherwise one
    dot with one or two digits after it separates the cents. A euro sign and spaces are ignored.
    """

    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 1.250.000,50."),
        "negative": _("The contract value cannot be negative."),
        "too_large": _("The amount is too large: at most 999.999.999.999,99 euros."),
    }
    DUTCH = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?")
    THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
    POINT = re.compile(r"\d+(?:\.\d{1,2})?")
    LIMIT = Decimal("999999999999.99")

    def to_python(self, value):
        text = re.sub(r"[\s€]", "", str(value or ""))
        if not text:
            return None
        negative = text.startswith("-")
        text = text.removeprefix("-")
        if "," in text and self.DUTCH.fullmatch(text):
            number = text.replace(".", "").replace(",", ".")
        elif self.THOUSANDS.fullmatch(text):
            number = text.replace(".", "")
        elif self.POINT.fullmatch(text):
            number = text
        else:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = Decimal(number)
        if negative and amount:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        if amount > self.LIMIT:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return amount

    def prepare_value(self, value):
        """Show a stored amount the Dutch way, so saving again reads it back the same."""
        if isinstance(value, Decimal):
            whole, _point, cents = f"{value:,.2f}".partition(".")
            return f"{whole.replace(',', '.')},{cents}"
        return value


class TenderForm(forms.Form):
    """One row: tenders of one product group and theme awarded at one ambition level in the report's year."""

    product_group = forms.ModelChoiceField(
        label=_("Product group"),
        queryset=ProductGroup.objects.none(),
        error_messages={"invalid_choice": _("Choose a product group from the list.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the themes in the list.")},
    )
    ambition_level = forms.ChoiceField(
        label=_("Ambition level applied"),
        choices=[("", "---------"), *AmbitionLevel.choices],
        error_messages={"invalid_choice": _("Choose basic, significant or ambitious.")},
    )
    tender_count = forms.IntegerField(
        label=_("Number of tenders"),
        min_value=1,
        max_value=100000,
        error_messages={"min_value": _("The number of tenders must be at least 1.")},
    )
    contract_value = EuroField(
        label=_("Contract value in euros"), help_text=_("All these contracts together, for example 1.250.000,50.")
    )
    tenderned_number = forms.CharField(
        label=_("TenderNed publication number"),
        required=False,
        max_length=20,
        help_text=_("Optional: the number of one of these tenders on TenderNed, 4 to 9 digits."),
    )

    def __init__(self, *args, product_groups, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_group"].queryset = ProductGroup.objects.all()
        self.fields["product_group"].choices = [("", "---------"), *grouped_choices(product_groups)]
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].choices = [("", "---------"), *((theme.pk, theme.display_name) for theme in themes)]

    def clean_tenderned_number(self):
        number = re.sub(r"\s", "", self.cleaned_data["tenderned_number"])
        if number and not re.fullmatch(TENDERNED_NUMBER_PATTERN, number):
            raise forms.ValidationError(_("A TenderNed publication number has 4 to 9 digits and nothing else."))
        return number


class BaseTenderFormSet(forms.BaseFormSet):
    """The report's tender rows: those stored, and empty rows to add more. An empty row is left out."""

    def __init__(self, *args, product_groups, themes, **kwargs):
        self.choice_lists = {"product_groups": product_groups, "themes": themes}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self.choice_lists}

    @property
    def empty_form(self):
        return self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), **self.choice_lists)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self._kept_forms():
            key = tuple(form.cleaned_data.get(name) for name in ("product_group", "theme", "ambition_level"))
            if key in seen:
                form.add_error(
                    "ambition_level",
                    _("This product group, theme and level already have a row; add the tenders up in one row."),
                )
            seen.add(key)

    def rows(self) -> list[dict]:
        """The filled-in rows, for report_services.report_save_draft(tenders=...)."""
        return [{name: form.cleaned_data[name] for name in TENDER_FIELDS} for form in self._kept_forms()]

    def _kept_forms(self):
        """Stored rows unless ticked for removal, and the empty rows someone filled in."""
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if index < self.initial_form_count() or form.has_changed():
                yield form

    def error_summary(self) -> list[dict]:
        """Each error with the field's id, named by its row, for the summary at the top of the report."""
        summary = [{"id": "tenders", "text": str(error)} for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for error in errors:
                    summary.append(
                        {
                            "id": form[name].auto_id if name in form.fields else "tenders",
                            "text": _("Tenders, row %(number)s – %(label)s: %(error)s")
                            % {"number": number, "label": label, "error": error},
                        }
                    )
        return summary


TENDER_FIELDS = ["product_group", "theme", "ambition_level", "tender_count", "contract_value", "tenderned_number"]
EMPTY_TENDER_ROWS = 3
TENDER_PREFIX = "tenders"
TenderFormSet = forms.formset_factory(
    TenderForm, formset=BaseTenderFormSet, extra=EMPTY_TENDER_ROWS, can_delete=True, max_num=200, validate_max=True
)


def tender_formset(data, *, report, product_groups, themes) -> BaseTenderFormSet:
    """The formset of a report's tenders: its stored rows first, then empty rows."""
    initial = [
        {
            name: getattr(tender, name if name not in ("product_group", "theme") else f"{name}_id")
            for name in TENDER_FIELDS
        }
        for tender in (report.tenders.all() if report.pk else [])
    ]
    return TenderFormSet(data, initial=initial, prefix=TENDER_PREFIX, product_groups=product_groups, themes=themes)
