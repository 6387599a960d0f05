"""The register of public bodies: the searchable list and one page per organisation."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.page_cache import cached_public_page, keep_no_copy, paginate
from manifest.cache import REGISTER
from manifest.forms import OrganisationFilterForm
from manifest.ladder import stage_kinds, with_stage
from manifest.models import CoordinatorRequest, ManifestEdition, Organisation, PreparationMandate, Signature
from manifest.organisation_page import organisation_section_kinds, organisation_sections

ORGANISATIONS_PER_PAGE = 50


@require_GET
@cached_public_page(REGISTER, params=["q", "kind", "province", "page"])
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
    elif form.is_bound:
        keep_no_copy(request)
    page_obj = paginate(request, organisations, ORGANISATIONS_PER_PAGE)
    crumbs = [(reverse("manifest:organisation_list"), _("Organisations"))]
    return render(request, "manifest/organisation_list.html", {"form": form, "page_obj": page_obj, "crumbs": crumbs})


@require_GET
@cached_public_page(REGISTER, stage_kinds, organisation_section_kinds)
def organisation_detail(request, code):
    organisation = get_object_or_404(Organisation.objects.select_related("province", "successor"), code=code)
    membership = None
    if request.user.is_authenticated:
        waiting = CoordinatorRequest.objects.waiting().filter(membership=OuterRef("pk"))
        membership = (
            organisation.memberships.filter(user=request.user)
            .annotate(role_requested_at=Subquery(waiting.values("requested_at")[:1]))
            .first()
        )
    return render(
        request,
        "manifest/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "crumbs": [
                (reverse("manifest:organisation_list"), _("Organisations")),
                (organisation.get_absolute_url(), organisation.name),
            ],
            **edition_history(organisation, request.user),
            **_cooperation(organisation),
            "sections": organisation_sections(organisation, request),
        },
    )


def edition_history(organisation, user) -> dict:
    """Every edition, newest first, with the organisation's signatures of it (and where each stands on the ladder)."""
    signatures = list(with_stage(Signature.objects.for_organisation_page(organisation, user)))
    by_edition: dict[int, list] = {}
    for signature in signatures:
        by_edition.setdefault(signature.edition_id, []).append(signature)
    editions = ManifestEdition.objects.order_by("-start_year", "title") if signatures else []
    return {
        "signatures": signatures,
        "edition_history": [(edition, by_edition.get(edition.pk, [])) for edition in editions],
    }


def _cooperation(organisation) -> dict:
    """A body's members and an organisation's bodies, each in one query: current, upcoming and former."""
    today = timezone.localdate()

    def grouped(links):
        groups = {"current": [], "upcoming": [], "former": []}
        for link in links:
            if link.ends_on is not None and link.ends_on < today:
                groups["former"].append(link)
            elif link.starts_on > today:
                groups["upcoming"].append(link)
            else:
                groups["current"].append(link)
        return groups

    # `prepares`: the member lets the body prepare its action plans (public, like the membership itself).
    prepares = Exists(PreparationMandate.objects.active().filter(member=OuterRef("member"), body=OuterRef("body")))
    context = {
        "bodies": grouped(
            organisation.body_links.select_related("body")
            .annotate(prepares=prepares)
            .order_by("body__name", "-starts_on")
        )
    }
    if organisation.is_cooperative_body:
        context["members"] = grouped(
            organisation.member_links.select_related("member")
            .annotate(prepares=prepares)
            .order_by("member__name", "-starts_on")
        )
    return context
