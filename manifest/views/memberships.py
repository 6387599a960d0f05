"""Asking to become a member of an organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from manifest import services
from manifest.forms import MembershipRequestForm


@login_required
def membership_request(request):
    initial = {"organisation": request.GET.get("organisatie")} if request.method == "GET" else None
    form = MembershipRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_request(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            if membership.is_verified:
                messages.success(
                    request,
                    _("Your e-mail address belongs to %(organisation)s: you are now a member.")
                    % {"organisation": membership.organisation.name},
                )
            else:
                messages.success(
                    request,
                    _("Your request has been sent. VNG staff will check it and let you know by e-mail."),
                )
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("accounts:dashboard")
    return render(request, "manifest/membership_request.html", {"form": form})
