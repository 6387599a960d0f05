from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib import messages
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.mail import language_of, recipient_language, supported_language


class AccountAdapter(DefaultAccountAdapter):
    """allauth with the portal's own wording: plain language, addressing the user formally."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account has been switched off."),
        "email_password_mismatch": _("The e-mail address or password is not correct."),
        "email_taken": _("An account with this e-mail address already exists."),
        "duplicate_email": _("This is already your e-mail address."),
        "enter_current_password": _("Enter your current password."),
        "incorrect_code": _("This code is not correct. Enter the code your app shows now."),
        "incorrect_password": _("This password is not correct."),
        "invalid_or_expired_key": _("This link has expired or is not valid."),
        "same_as_current": _("This is already your e-mail address."),
        "too_many_login_attempts": _(
            "Too many failed attempts to log in to this account. Wait a few minutes and try again, "
            "or choose a new password via “Forgot your password?”."
        ),
        "rate_limited": _("Too many attempts in a short time. Wait a few minutes and try again."),
        "unknown_email": _("There is no account with this e-mail address."),
        "unverified_primary_email": _("Confirm your e-mail address first."),
    }

    def confirm_email(self, request, email_address):
        """A confirmed address on an organisation's own e-mail domain makes its owner a member at once."""
        from manifest.services import memberships_verify_by_email_domain

        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            for membership in memberships_verify_by_email_domain(user=email_address.user, email=email_address.email):
                messages.success(
                    request,
                    gettext("Your e-mail address belongs to %(organisation)s: you are now a member.")
                    % {"organisation": membership.organisation.name},
                    fail_silently=True,
                )
        return confirmed

    def save_user(self, request, user, form, commit=True):
        """A new account reads the portal's e-mails in the language the person signed up in."""
        user.preferred_language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails in the recipient's language; to an address without an account, in the page's."""
        user = context.get("user")
        if user is not None and getattr(user, "pk", None):
            language = language_of(user)
        else:
            language = recipient_language(email, default=translation.get_language())
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


class MFAAdapter(DefaultMFAAdapter):
    """allauth.mfa with the portal's own wording."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "Your account is protected with two-factor authentication, so you cannot add an e-mail address "
            "here. Contact us to change it."
        ),
        "cannot_delete_authenticator": _("You cannot switch off two-factor authentication."),
        "cannot_generate_recovery_codes": _("Set up an authenticator app first; then you get recovery codes."),
        "incorrect_code": _("This code is not correct. Enter the code your app shows now."),
        "unverified_email": _("Confirm your e-mail address first; then you can set up two-factor authentication."),
    }
