"""allauth's forms as the portal shows them: visible labels only, no placeholders that look like input."""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class PortalFormMixin:
    """Drops placeholders: a placeholder repeating the label looks like a filled-in field and vanishes on typing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class CodeFieldMixin(PortalFormMixin):
    code_label = _("Code from your authenticator app")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = self.code_label
        code.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class LoginForm(PortalFormMixin, account_forms.LoginForm):
    pass


class SignupForm(PortalFormMixin, account_forms.SignupForm):
    pass


class ResetPasswordForm(PortalFormMixin, account_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PortalFormMixin, account_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PortalFormMixin, account_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PortalFormMixin, account_forms.SetPasswordForm):
    pass


class ReauthenticateForm(PortalFormMixin, account_forms.ReauthenticateForm):
    pass


class AuthenticateForm(CodeFieldMixin, mfa_forms.AuthenticateForm):
    code_label = _("Code from your authenticator app, or a recovery code")


class MFAReauthenticateForm(CodeFieldMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(CodeFieldMixin, totp_forms.ActivateTOTPForm):
    pass


class AccountSettingsForm(PortalFormMixin, forms.ModelForm):
    """What a person sets for their own account under "Mijn omgeving"."""

    class Meta:
        model = get_user_model()
        fields = ["preferred_language"]
        labels = {"preferred_language": _("Language of e-mails from the portal")}
        help_texts = {"preferred_language": ""}  # the page explains it to the person themselves
        widgets = {"preferred_language": forms.RadioSelect}
