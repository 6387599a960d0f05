from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class PortalAdminSite(admin.AdminSite):
    """The admin for VNG staff: login goes through allauth, and staff need two-factor authentication."""

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRES_MFA or has_two_factor(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not self.has_permission(request):
            messages.warning(request, _("Set up two-factor authentication before you use the admin."))
            return redirect("mfa_activate_totp")
        if user.is_authenticated and not self.has_permission(request):
            # Sending a logged-in non-staff user to the login page would redirect straight back here.
            messages.error(request, _("The admin is for VNG staff only."))
            return redirect("accounts:dashboard")
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
