from django import forms
from django.utils.translation import gettext_lazy as _

from manifest.models import Organisation, OrganisationKind


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Tier"), required=False, choices=[("", _("All tiers")), *OrganisationKind.choices])
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Organisation.objects.provinces().order_by("name"),
        to_field_name="code",
        empty_label=_("All provinces"),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


class MembershipRequestForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.active().order_by("name"),
        to_field_name="code",
        empty_label=_("Choose your organisation"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    motivation = forms.CharField(
        label=_("Your role in the organisation"),
        help_text=_(
            "For example: procurement officer, sustainability advisor. VNG staff use this to check your request."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
