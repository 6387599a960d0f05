from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from manifest import services
from manifest.forms import MembershipRequestForm, OrganisationFilterForm
from manifest.models import Organisation
from manifest.organisation_page import organisation_sections

ORGANISATIONS_PER_PAGE = 50


@require_GET
def organisation_list(request):
    """The register of public bodies, searchable and filtered by tier and province."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = Organisation.objects.active().select_related("province").order_by("name")
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            organisations = organisations.filter(Q(name__icontains=query) | Q(code__iexact=query))
        if kind := form.cleaned_data["kind"]:
            organisations = organisations.filter(kind=kind)
        if province := form.cleaned_data["province"]:
            organisations = organisations.filter(province=province)
    page_obj = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "manifest/organisation_list.html", {"form": form, "page_obj": page_obj})


@require_GET
def organisation_detail(request, code):
    organisation = get_object_or_404(Organisation.objects.select_related("province", "successor"), code=code)
    membership = None
    if request.user.is_authenticated:
        membership = organisation.memberships.filter(user=request.user).first()
    return render(
        request,
        "manifest/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "sections": organisation_sections(organisation, request),
        },
    )


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
            return redirect("accounts:dashboard")
    return render(request, "manifest/membership_request.html", {"form": form})
