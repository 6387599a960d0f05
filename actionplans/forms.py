from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actionplans.models import (
    ACTION_FIELDS,
    FIRST_YEAR,
    GOAL_FIELDS,
    LAST_YEAR,
    PLAN_FIELDS,
    PROGRESS_FIELDS,
    SHOWCASE_FIELDS,
    Action,
    ActionPlan,
    CommonIndicator,
    Goal,
    ProductGroup,
    Showcase,
    Track,
)
from actionplans.product_groups import grouped_choices, suggestions_for_theme
from guidance.models import Theme
from manifest.models import Organisation, OrganisationKind
from manifest.permissions import organisation_members


def _year_field(label, *, required=True):
    return forms.IntegerField(label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR, required=required)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, so a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class NewPlanForm(forms.Form):
    START_TEMPLATE_STARTING = Track.STARTING
    START_TEMPLATE_ADVANCED = Track.ADVANCED
    START_EMPTY = "leeg"
    START_COPY = "kopie"
    START_CHOICES = [
        (START_TEMPLATE_STARTING, _("Template for a starting organisation: a few themes, building capacity first")),
        (START_TEMPLATE_ADVANCED, _("Template for an advanced organisation: all six themes with SMART goals")),
        (START_EMPTY, _("An empty plan")),
        (START_COPY, _("A copy of a published plan of another organisation")),
    ]

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=START_CHOICES,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
        initial=START_TEMPLATE_STARTING,
    )
    source = forms.ModelChoiceField(
        label=_("Published plan to copy"),
        queryset=ActionPlan.objects.none(),
        required=False,
        to_field_name="uuid",
        help_text=_("Only when you copy a plan. Goals and actions are copied; history and people are not."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a title with your organisation's name and the period."),
    )
    start_year = _year_field(_("First year"))
    end_year = _year_field(_("Last year"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        self.fields["source"].queryset = (
            ActionPlan.objects.published().select_related("organisation").order_by("organisation__name", "title")
        )
        self.fields["source"].label_from_instance = lambda plan: f"{plan.organisation} – {plan.title} ({plan.period})"
        this_year = timezone.localdate().year
        self.fields["start_year"].initial = this_year
        self.fields["end_year"].initial = this_year + 3

    def clean(self):
        cleaned = super().clean()
        start_year, end_year = cleaned.get("start_year"), cleaned.get("end_year")
        if start_year and end_year and end_year < start_year:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        if cleaned.get("start") == self.START_COPY:
            source = cleaned.get("source")
            if source is None:
                self.add_error("source", _("Choose the published plan you want to copy."))
            elif source.organisation_id == getattr(cleaned.get("organisation"), "pk", None):
                self.add_error("source", _("Choose a plan of another organisation."))
        if cleaned.get("start") == self.START_EMPTY and not cleaned.get("title"):
            self.add_error("title", _("Give the empty plan a title."))
        return cleaned


class PlanForm(VersionedModelForm):
    start_year = _year_field(_("First year"))
    end_year = _year_field(_("Last year"))

    class Meta:
        model = ActionPlan
        fields = PLAN_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in [
                "occasion",
                "baseline",
                "ambition",
                "steering_strategic",
                "steering_organisation",
                "steering_project",
                "monitoring",
                "communication",
            ]
        }

    def clean(self):
        cleaned = super().clean()
        start_year, end_year = cleaned.get("start_year"), cleaned.get("end_year")
        if start_year and end_year and end_year < start_year:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        return cleaned


class GoalForm(VersionedModelForm):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        error_messages={"invalid_choice": _("Choose one of the themes in the list.")},
    )
    baseline_year = _year_field(_("Baseline year"), required=False)
    target_year = _year_field(_("Target year"), required=False)
    common_indicator = forms.ModelChoiceField(
        label=_("Common indicator"),
        queryset=CommonIndicator.objects.none(),
        required=False,
        empty_label=_("None: I describe my own indicator"),
        error_messages={"invalid_choice": _("Choose one of the common indicators in the list.")},
        help_text=_(
            "A national indicator of the goal's theme, with a fixed definition and unit: the monitor adds "
            "your values to those of other organisations. Leave the indicator and unit below empty when you "
            "choose one."
        ),
    )

    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common_indicator_choices(self.fields["common_indicator"], current=self.instance.common_indicator_id)

    def clean(self):
        cleaned = super().clean()
        baseline_year, target_year = cleaned.get("baseline_year"), cleaned.get("target_year")
        if baseline_year and target_year and target_year < baseline_year:
            self.add_error("target_year", _("The target year cannot be before the baseline year."))
        clean_common_indicator(self, cleaned)
        return cleaned


# --- common indicators in the goal form -------------------------------------------------------


def common_indicator_choices(field: forms.ModelChoiceField, *, current: int | None) -> None:
    """The active common indicators (and the goal's own, should it have been retired), grouped per theme.

    The groups make the select work without JavaScript: the form checks that the indicator belongs to
    the chosen theme.
    """
    indicators = CommonIndicator.objects.select_related("theme").filter(Q(is_active=True) | Q(pk=current))
    field.queryset = indicators
    groups: dict[int, tuple[str, list]] = {}
    for indicator in indicators:
        label = f"{indicator.display_name} ({indicator.unit})"
        groups.setdefault(indicator.theme_id, (indicator.theme.display_name, []))[1].append((indicator.pk, label))
    field.choices = [("", field.empty_label), *groups.values()]


def clean_common_indicator(form: forms.ModelForm, cleaned: dict) -> None:
    """The plan has no other goal with the indicator (`goal_common_indicator_once_per_plan`).

    The model's `clean()` gives the other rules of a common indicator their messages: not together with
    an own indicator or unit, one of the goal's theme, a percentage at most 100.
    """
    indicator = cleaned.get("common_indicator")
    plan_id = form.instance.plan_id
    if indicator is None or not plan_id:
        return
    if Goal.objects.filter(plan=plan_id, common_indicator=indicator).exclude(pk=form.instance.pk).exists():
        form.add_error("common_indicator", _("This plan already has a goal with this common indicator."))


class ActionForm(VersionedModelForm):
    goal = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=Goal.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the goals of this plan.")},
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("A whole number from 0 to 100. A done action counts as 100."),
    )
    product_groups = forms.ModelMultipleChoiceField(
        label=_("Product groups"),
        queryset=ProductGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the product groups of the national MVI criteria this action concerns."),
        error_messages={"invalid_choice": _("Choose product groups from the list.")},
    )

    class Meta:
        model = Action
        fields = ACTION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput,
            "due_date": DateInput,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = (
            Goal.objects.filter(plan=plan).select_related("theme").order_by("theme__order", "order", "id")
        )
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.theme.display_name}: {goal.title}"
        self.fields["owner_member"].queryset = organisation_members(plan.organisation_id).order_by("full_name", "email")
        self.fields["owner_member"].label_from_instance = lambda user: user.get_full_name()
        self._set_product_group_choices(plan)

    def _set_product_group_choices(self, plan):
        """Checkboxes by cluster, with what other published plans use under this action's theme beside them."""
        groups = list(ProductGroup.objects.in_order())
        field = self.fields["product_groups"]
        field.queryset = ProductGroup.objects.all()
        field.choices = grouped_choices(groups)
        goal = self.instance.goal if self.instance.goal_id else self.initial.get("goal")
        if goal is None:
            return
        suggestions = suggestions_for_theme(goal.theme_id, exclude_plan_id=plan.pk)
        if suggestions:
            names = ", ".join(
                ngettext("%(name)s (%(count)s plan)", "%(name)s (%(count)s plans)", row["plans"])
                % {"name": row["name"], "count": row["plans"]}
                for row in suggestions
            )
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                _("Other published plans use under the theme %(theme)s: %(names)s.")
                % {"theme": goal.theme.display_name, "names": names},
            )

    def clean(self):
        cleaned = super().clean()
        start_date, due_date = cleaned.get("start_date"), cleaned.get("due_date")
        if start_date and due_date and due_date < start_date:
            self.add_error("due_date", _("The due date cannot be before the start date."))
        return cleaned


class ActionProgressForm(VersionedModelForm):
    """Status and progress of one action: what members record in every status of the plan."""

    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("A whole number from 0 to 100. A done action counts as 100."),
    )

    class Meta:
        model = Action
        fields = PROGRESS_FIELDS
        widgets = {"progress_note": forms.Textarea(attrs={"rows": 3})}


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput)
    adopted_by = forms.CharField(
        label=_("Adopted by"),
        max_length=200,
        initial="College van burgemeester en wethouders",
        help_text=_("The body that adopted the plan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].initial = timezone.localdate()

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError(_("The adoption date cannot lie in the future."))
        return adopted_on


TOO_LARGE = _("The file is larger than 5 MB. Upload only the rows of this plan.")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The CSV export of this plan, or a file with the columns id, status and voortgang. At most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, upload_refused: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if upload_refused:  # the upload stopped at the limit while it came in, so no file arrived
            self.fields["file"].error_messages["required"] = TOO_LARGE

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a CSV file (ending in .csv)."))
        return upload


class PublishedFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tier"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Organisation.objects.none(), required=False, to_field_name="code"
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False, to_field_name="slug")
    track = forms.ChoiceField(label=_("Track"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(OrganisationKind.choices)
        self.fields["track"].choices = everything + list(Track.choices)
        self.fields["province"].queryset = Organisation.objects.provinces().order_by("name")
        self.fields["province"].empty_label = _("All")
        self.fields["theme"].empty_label = _("All")

    def filter(self, plans):
        if not self.is_valid():
            return plans
        data = self.cleaned_data
        if data.get("kind"):
            plans = plans.filter(organisation__kind=data["kind"])
        if data.get("province"):
            province = data["province"]
            plans = plans.filter(Q(organisation__province=province) | Q(organisation=province))
        if data.get("theme"):
            plans = plans.filter(goals__theme=data["theme"]).distinct()
        if data.get("track"):
            plans = plans.filter(track=data["track"])
        return plans


class CopyPlanForm(forms.Form):
    """The organisation a published plan is copied for: one of the user's own, chosen when they have several."""

    organisation = forms.ModelChoiceField(
        label=_("For which organisation?"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the organisation the draft is for."),
            "invalid_choice": _("Choose one of your own organisations."),
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        first_two = list(organisations[:2])
        # With one organisation there is nothing to choose: the page names it.
        self.only_organisation = first_two[0] if len(first_two) == 1 else None
        if self.only_organisation is not None:
            field.initial = self.only_organisation.code
            field.widget = forms.HiddenInput()


class ShowcaseForm(forms.ModelForm):
    """What a coordinator tells about a showcase: the result, optional figures and its place among the plan's."""

    position = forms.TypedChoiceField(
        label=_("Position"),
        coerce=int,
        help_text=_("Where it stands among this plan's showcases. Only free positions are listed."),
        error_messages={"invalid_choice": _("Choose one of the free positions.")},
    )

    class Meta:
        model = Showcase
        fields = SHOWCASE_FIELDS
        widgets = {"result": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"result": {"required": _("Describe the result.")}}

    def __init__(self, *args, free_positions: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [(position, str(position)) for position in free_positions]
        if not self.instance.pk and free_positions:
            self.fields["position"].initial = free_positions[0]

    def clean_result(self):
        result = self.cleaned_data["result"].strip()
        if not result:
            raise forms.ValidationError(_("Describe the result."))
        return result


class ShowcaseFilterForm(forms.Form):
    """The filters of the public list of showcases; every field optional."""

    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False, to_field_name="slug")
    kind = forms.ChoiceField(label=_("Tier"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Organisation.objects.none(), required=False, to_field_name="code"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *OrganisationKind.choices]
        self.fields["province"].queryset = Organisation.objects.provinces().order_by("name")
        self.fields["province"].empty_label = _("All")
        self.fields["theme"].empty_label = _("All")

    def filter(self, showcases):
        if not self.is_valid():
            return showcases
        data = self.cleaned_data
        if data.get("theme"):
            showcases = showcases.filter(action__goal__theme=data["theme"])
        if data.get("kind"):
            showcases = showcases.filter(plan__organisation__kind=data["kind"])
        if province := data.get("province"):
            showcases = showcases.filter(Q(plan__organisation__province=province) | Q(plan__organisation=province))
        return showcases
