import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from manifest.ladder import Stage, has_stage_rule
from manifest.models import ManifestEdition, MembershipRole, Organisation, OrganisationKind, SignatureChannel

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{6,20}$")


def validate_plain_text(value: str) -> None:
    """Names, roles and reasons are plain text: no markup, and nothing a spreadsheet would run as a formula."""
    if "<" in value or ">" in value:
        raise ValidationError(_("Use plain text: the characters < and > are not allowed."), code="markup")
    if value.strip()[:1] in {"=", "+", "-", "@"}:
        raise ValidationError(_("Start with a letter or a digit."), code="formula")
    if any(ord(character) < 32 and character not in "\r\n\t" for character in value):
        raise ValidationError(_("Remove the control characters."), code="control")


class PlainTextField(forms.CharField):
    default_validators = [validate_plain_text]


def check_past_date(value, future_message):
    if value and value > timezone.localdate():
        raise ValidationError(future_message)
    if value and value.year < 2000:
        raise ValidationError(_("Enter a date after 2000."))
    return value


class OrganisationChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which organisation do you sign?"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the organisation you sign for."),
            "invalid_choice": _(
                "Choose one of the organisations listed. An organisation that already signed cannot sign again."
            ),
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SignatoryForm(forms.Form):
    signatory_name = PlainTextField(
        label=_("Name of the office holder who signs"),
        max_length=200,
        help_text=_("Usually an alderman or another member of the executive. Published in the register."),
        error_messages={"required": _("Enter the name of the office holder who signs.")},
    )
    signatory_role = PlainTextField(
        label=_("Role or portfolio"),
        max_length=200,
        help_text=_("For example: alderman for sustainability and procurement. Published in the register."),
        error_messages={"required": _("Enter the role or portfolio of the office holder.")},
    )
    decision_date = forms.DateField(
        label=_("Date of the executive's decision to sign"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("For example 2023-03-14. Not published: only your organisation and the VNG see it."),
        error_messages={"invalid": _("Enter a real date, for example 2023-03-14.")},
    )
    co_signers = forms.ModelMultipleChoiceField(
        label=_("Does the same office holder also sign for other organisations?"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A joint signature: each organisation you tick signs as well and counts as a signatory of its "
            "own. You can only choose organisations you are a member of."
        ),
        error_messages={"invalid_choice": _("Choose only organisations from the list.")},
    )

    def __init__(self, *args, organisation, co_signer_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if co_signer_choices.exists():
            # The organisation itself stays a valid value so that choosing it gets a clear message.
            self.fields["co_signers"].queryset = co_signer_choices | Organisation.objects.filter(pk=organisation.pk)
            self.fields["co_signers"].widget.choices = [
                (o.code, o.name) for o in co_signer_choices if o.pk != organisation.pk
            ]
        else:
            del self.fields["co_signers"]

    def clean_decision_date(self):
        return check_past_date(self.cleaned_data["decision_date"], _("The decision date cannot be in the future."))

    def clean_co_signers(self):
        co_signers = self.cleaned_data["co_signers"]
        if any(o.pk == self.organisation.pk for o in co_signers):
            raise ValidationError(
                _("%(organisation)s is the organisation you sign for; it cannot also co-sign.")
                % {"organisation": self.organisation.name}
            )
        return co_signers


class ContactForm(forms.Form):
    contact_name = PlainTextField(
        label=_("Name of the contact person"),
        max_length=200,
        error_messages={"required": _("Enter the name of the contact person.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mail address of the contact person"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address of the contact person."),
            "invalid": _("Enter an e-mail address like name@gemeente.nl."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Phone number of the contact person"),
        max_length=40,
        required=False,
        help_text=_("For example 030 286 00 00."),
    )

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"].strip()
        if value and not PHONE_PATTERN.match(value):
            raise ValidationError(_("Enter a phone number with digits only, for example 030 286 00 00."))
        return value


class ConfirmForm(forms.Form):
    authority_confirmed = forms.BooleanField(
        label=_("The office holder is authorised to sign the manifest on behalf of the organisation"),
        error_messages={"required": _("Confirm that the office holder is authorised to sign.")},
    )
    publication_consent = forms.BooleanField(
        label=_(
            "The organisation agrees that what is listed under “Published in the register” is published in the "
            "register of signatories and as open data"
        ),
        error_messages={"required": _("Agree to the publication; the register of signatories is public.")},
    )


class ReasonForm(forms.Form):
    reason = PlainTextField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give a reason.")},
    )


class RegisterFilterForm(forms.Form):
    """The filters of the public register (GET)."""

    editie = forms.ModelChoiceField(
        label=_("Edition"),
        queryset=ManifestEdition.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )
    niveau = forms.ChoiceField(
        label=_("Tier"), required=False, choices=[("", _("All tiers")), *OrganisationKind.choices]
    )
    provincie = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Organisation.objects.provinces().order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    fase = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices])
    achter = forms.BooleanField(label=_("Only those behind schedule"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_stage_rule():  # no app computes the stage: nothing to filter on
            del self.fields["fase"], self.fields["achter"]


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


class SignedElsewhereForm(forms.Form):
    """VNG staff record a signature made at a ceremony or by letter, so the register is complete."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.active().order_by("kind", "name"),
        error_messages={"required": _("Choose the organisation that signed.")},
    )
    edition = forms.ModelChoiceField(
        label=_("Edition"),
        queryset=ManifestEdition.objects.order_by("-start_year"),
        empty_label=None,
    )
    signatory_name = SignatoryForm.base_fields["signatory_name"]
    signatory_role = SignatoryForm.base_fields["signatory_role"]
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("The date on the signed manifest. Published in the register."),
        error_messages={
            "required": _("Enter the date on which the manifest was signed."),
            "invalid": _("Enter a real date, for example 2023-03-14."),
        },
    )
    decision_date = SignatoryForm.base_fields["decision_date"]
    channel = forms.ChoiceField(
        label=_("How was it signed?"),
        choices=[(value, label) for value, label in SignatureChannel.choices if value != SignatureChannel.ONLINE],
        widget=forms.RadioSelect,
    )
    publication_consent = ConfirmForm.base_fields["publication_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].initial = ManifestEdition.objects.current()

    def clean_signed_on(self):
        return check_past_date(self.cleaned_data["signed_on"], _("The signing date cannot be in the future."))

    def clean_decision_date(self):
        return check_past_date(self.cleaned_data["decision_date"], _("The decision date cannot be in the future."))


class CoordinatorRequestForm(forms.Form):
    reason = PlainTextField(
        label=_("Why do you need the coordinator role?"),
        help_text=_(
            "For example: I lead the procurement team and present the action plan to the executive. "
            "VNG staff read this to decide."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why you need the coordinator role.")},
    )


class MemberChoiceForm(forms.Form):
    """Which member of the organisation a coordinator acts on; the member comes from a button on the page."""

    membership = forms.IntegerField(widget=forms.HiddenInput)


class MemberRoleForm(MemberChoiceForm):
    role = forms.ChoiceField(choices=MembershipRole.choices, widget=forms.HiddenInput)


class MemberRemoveForm(MemberChoiceForm):
    reason = PlainTextField(
        label=_("Reason"),
        help_text=_("The person receives this by e-mail."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
