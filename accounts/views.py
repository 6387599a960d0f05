from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Subquery, Value
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.dashboard import dashboard_sections
from accounts.forms import AccountSettingsForm
from core.staff import has_staff_powers, staff_code_url
from manifest.models import CoordinatorRequest, ManifestEdition, Signature


@login_required
@require_GET
def dashboard(request):
    """'My portal': the user's organisations, what they may do in each and how to get more; account settings.

    An organisation that has not yet signed the edition open for signing gets signing as its next step.
    """
    waiting = CoordinatorRequest.objects.waiting().filter(membership=OuterRef("pk"))
    edition = ManifestEdition.objects.current()
    if edition is None or not edition.is_open_now:
        edition = None
    signed = Signature.objects.live().filter(edition=edition, organisation=OuterRef("organisation"))
    memberships = list(
        request.user.memberships.select_related("organisation")
        .annotate(
            role_requested_at=Subquery(waiting.values("requested_at")[:1]),
            has_signed=Exists(signed) if edition else Value(True),
        )
        .order_by("organisation__name")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "signing_edition": edition,
            "sections": dashboard_sections(request, memberships),
            "is_vng_staff": has_staff_powers(request.user),
            "staff_code_url": staff_code_url(request),
        },
    )


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
