from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import AccountSettingsForm


@login_required
@require_GET
def dashboard(request):
    """'My portal': the user's organisations and account settings."""
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    """The person's own settings: for now, the language of the portal's e-mails to them."""
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings have been saved."))
        return redirect("accounts:dashboard")
    crumbs = [(reverse("accounts:dashboard"), _("My portal")), (request.path, _("Account settings"))]
    return render(
        request, "accounts/settings.html", {"form": form, "crumbs": crumbs}, status=400 if form.errors else 200
    )
