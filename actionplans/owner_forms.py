"""Forms of joint plans: ask a co-owner, and targets per owner of a goal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.owner_services import candidate_co_owners, handover_candidates


class OwnerRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        help_text=_(
            "Its coordinators get an e-mail and accept or decline. Until they accept, it has no part in the plan."
        ),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidate_co_owners(plan)


class GoalTargetsForm(forms.Form):
    """One target per owner (the lead first), or one shared target; the owners come from the plan."""

    targets_per_owner = forms.BooleanField(
        label=_("Each owner sets its own target for this goal"),
        required=False,
        help_text=_("Without it the goal has one shared target, set in the goal's own form."),
    )

    def __init__(self, *args, goal, owners, targets: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = owners
        self.fields["targets_per_owner"].initial = goal.targets_per_owner
        unit = goal.measure_unit
        for organisation in owners:
            self.fields[f"target_{organisation.pk}"] = forms.DecimalField(
                label=_("Target of %(organisation)s") % {"organisation": organisation.name},
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=targets.get(organisation.pk),
                help_text=_("In %(unit)s.") % {"unit": unit} if unit else "",
            )

    def targets(self) -> dict:
        return {organisation.pk: self.cleaned_data.get(f"target_{organisation.pk}") for organisation in self.owners}


class LeaveAdoptedForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for leaving"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example the council decision to withdraw from the plan. The lead organisation reads it, and it "
            "stays in the plan's history."
        ),
        error_messages={"required": _("Say why the organisation leaves the plan.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the organisation leaves the plan."))
        return reason


class HandoverRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("New lead"),
        queryset=None,
        help_text=_(
            "Only an organisation that accepted co-ownership of this plan. Its coordinators accept or decline."
        ),
        error_messages={
            "required": _("Choose the co-owner that takes over the lead."),
            "invalid_choice": _("Hand the lead only to an organisation that accepted co-ownership of this plan."),
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = handover_candidates(plan)
