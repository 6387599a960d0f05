"""The manifest: edition pages, the signing flow, withdrawing, and the public register with its open data."""

import csv
import hashlib
import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_GET, require_http_methods, require_safe

from core.page_cache import cached_public_page
from manifest import opendata, services
from manifest.cache import REGISTER_CONTENT
from manifest.forms import (
    ConfirmForm,
    ContactForm,
    MembershipRequestForm,
    OrganisationChoiceForm,
    OrganisationFilterForm,
    ReasonForm,
    RegisterFilterForm,
    SignatoryForm,
)
from manifest.models import (
    ManifestEdition,
    Membership,
    Organisation,
    OrganisationKind,
    Signature,
    SignatureStatus,
)
from manifest.organisation_page import organisation_section_contents, organisation_sections
from manifest.services import (
    SignatureConflict,
    SigningClosed,
    SigningError,
    signature_submit,
    signature_withdraw,
    signing_organisations_for,
    user_has_verified_email,
)

SESSION_KEY = "manifest_signing"
SUBMITTED_KEY = "manifest_submitted"
REGISTER_PAGE_SIZE = 100


# --- Editions -----------------------------------------------------------------------------------


def _edition_counts(edition) -> dict:
    """Signatories per tier and the municipalities' progress, in two queries."""
    per_tier = dict(
        Signature.objects.public()
        .filter(edition=edition)
        .values_list("organisation__kind")
        .annotate(n=Count("pk"))
        .values_list("organisation__kind", "n")
    )
    municipalities = (
        Organisation.objects.active()
        .municipalities()
        .aggregate(
            total=Count("pk", distinct=True),
            signed=Count(
                "pk",
                distinct=True,
                filter=Q(signatures__edition=edition, signatures__status=SignatureStatus.SIGNED),
            ),
        )
    )
    return {
        "total": sum(per_tier.values()),
        "tiers": [(label, per_tier.get(kind, 0)) for kind, label in OrganisationKind.choices],
        "municipalities_signed": municipalities["signed"],
        "municipalities_total": municipalities["total"],
        "municipalities_percentage": (
            100 * municipalities["signed"] / municipalities["total"] if municipalities["total"] else 0
        ),
    }


def _render_edition(request, edition):
    crumbs = [(reverse("manifest:index"), _("Manifest"))]
    if edition and not edition.is_current:
        crumbs.append((edition.get_absolute_url(), edition.title))
    return render(
        request,
        "manifest/edition.html",
        {
            "edition": edition,
            "crumbs": crumbs,
            "counts": _edition_counts(edition) if edition else None,
            "other_editions": ManifestEdition.objects.exclude(pk=edition.pk if edition else None),
        },
    )


@require_safe
@cached_public_page(REGISTER_CONTENT)
def index(request):
    """The current edition: its text and commitments, who signed, and the call to sign."""
    return _render_edition(request, ManifestEdition.objects.current())


@require_safe
@cached_public_page(REGISTER_CONTENT)
def edition_detail(request, slug):
    edition = get_object_or_404(ManifestEdition, slug=slug)
    if edition.is_current:
        return redirect("manifest:index")
    return _render_edition(request, edition)


# --- Signing flow -------------------------------------------------------------------------------

STEPS = [
    ("manifest:sign", gettext_lazy("Organisation")),
    ("manifest:sign_signatory", gettext_lazy("Office holder")),
    ("manifest:sign_contact", gettext_lazy("Contact person")),
    ("manifest:sign_review", gettext_lazy("Check and sign")),
]


def _render_sign(request, template, context):
    """Render a page of the signing flow, with its breadcrumb."""
    crumbs = [(reverse("manifest:index"), _("Manifest")), (request.path, _("Sign"))]
    return render(request, template, {**context, "crumbs": crumbs})


def _steps(current: str) -> list[tuple[str, str, bool]]:
    return [(reverse(name), label, name == current) for name, label in STEPS]


def _with_next(url_name: str, next_url: str) -> str | None:
    try:
        return f"{reverse(url_name)}?{urlencode({'next': next_url})}"
    except NoReverseMatch:
        return None


def _refuse_tampered(raw_codes, allowed) -> None:
    """A posted organisation the user may not sign for is tampering, not a typo: 403, nothing changes."""
    allowed_codes = {o.code for o in allowed}
    foreign = [code for code in raw_codes if code and code not in allowed_codes]
    if foreign and Organisation.objects.filter(code__in=foreign).exists():
        raise PermissionDenied("Organisation not open to this user.")


def _live_signatures(edition, organisations):
    return (
        Signature.objects.live()
        .filter(edition=edition, organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _signing_context(request):
    """What the signing flow needs, or the response that leads the visitor to the next requirement."""
    edition = ManifestEdition.objects.current()
    if edition is None:
        raise Http404("No current edition.")
    if not edition.is_open():
        return None, _render_sign(request, "manifest/sign_closed.html", {"edition": edition})
    user = request.user
    start_url = reverse("manifest:sign")
    # Back to the start of signing afterwards, with a preselected organisation if there was one.
    next_url = request.get_full_path() if request.path == start_url else start_url
    gate = None
    if not user.is_authenticated:
        gate = "login"
    elif not user_has_verified_email(user):
        gate = "verify"
    if gate is None:
        organisations = signing_organisations_for(user)
        if not organisations:
            gate = "membership"
    if gate:
        if request.method == "POST" and gate != "login":
            raise PermissionDenied("Not allowed to sign.")
        if gate == "login" and request.path != start_url:
            return None, redirect_to_login(request.get_full_path())
        context = {
            "edition": edition,
            "gate": gate,
            "login_url": _with_next("account_login", next_url),
            "signup_url": _with_next("account_signup", next_url),
            "email_url": reverse("account_email"),
            "membership_request_url": _with_next("manifest:membership_request", next_url),
            "pending_memberships": (
                Membership.objects.pending().filter(user=user).select_related("organisation")
                if user.is_authenticated
                else []
            ),
        }
        return None, _render_sign(request, "manifest/sign_gate.html", context)
    live = list(_live_signatures(edition, organisations))
    signed_pks = {s.organisation_id for s in live}
    available = organisations.exclude(pk__in=signed_pks)
    return {"edition": edition, "organisations": organisations, "available": available, "live": live}, None


def _flow_data(request, edition, available, *, needs=()):
    """The session's step data when it belongs to this edition, an organisation still open to the user,
    and every earlier step `needs`; otherwise None."""
    data = request.session.get(SESSION_KEY)
    if not data or data.get("edition") != edition.pk:
        return None, None
    organisation = available.filter(code=data.get("organisation")).first()
    if organisation is None or any(key not in data for key in needs):
        return None, None
    return data, organisation


def _posted(request):
    """The POST data, also when it is empty, so that a blank submission still shows its errors."""
    return request.POST if request.method == "POST" else None


def _date_or_none(value):
    return date.fromisoformat(value) if value else None


def _back_to_start(request):
    messages.info(request, _("Start by choosing the organisation you sign for."))
    return redirect("manifest:sign")


@require_http_methods(["GET", "POST"])
def sign(request):
    """Step 1: the organisation. Anyone who may not sign yet is led to the next requirement."""
    state, response = _signing_context(request)
    if response:
        return response
    edition, available = state["edition"], state["available"]
    data = request.session.get(SESSION_KEY) or {}
    if data.get("edition") != edition.pk:
        data = {"edition": edition.pk}
    initial_code = request.GET.get("organisatie") or data.get("organisation")
    if not initial_code and available.count() == 1:
        initial_code = available.first().code
    form = OrganisationChoiceForm(_posted(request), organisations=available, initial={"organisation": initial_code})
    if request.method == "POST":
        _refuse_tampered([request.POST.get("organisation", "")], state["organisations"])
        if form.is_valid():
            code = form.cleaned_data["organisation"].code
            if data.get("organisation") != code:
                data = {"edition": edition.pk, "organisation": code}
            request.session[SESSION_KEY] = data
            return redirect("manifest:sign_signatory")
    return _render_sign(
        request,
        "manifest/sign_organisation.html",
        {
            "edition": edition,
            "form": form,
            "live": state["live"],
            "has_available": available.exists(),
            "steps": _steps("manifest:sign"),
            "membership_request_url": _with_next("manifest:membership_request", reverse("manifest:sign")),
        },
    )


@require_http_methods(["GET", "POST"])
def sign_signatory(request):
    """Step 2: the office holder who signs, the decision date and any co-signing organisations."""
    state, response = _signing_context(request)
    if response:
        return response
    edition, available = state["edition"], state["available"]
    data, organisation = _flow_data(request, edition, available)
    if data is None:
        return _back_to_start(request)
    initial = {
        "signatory_name": data.get("signatory_name", ""),
        "signatory_role": data.get("signatory_role", ""),
        "decision_date": data.get("decision_date") or None,
        "co_signers": data.get("co_signers", []),
    }
    form = SignatoryForm(
        _posted(request),
        initial=initial,
        organisation=organisation,
        co_signer_choices=available.exclude(pk=organisation.pk),
    )
    if request.method == "POST":
        _refuse_tampered(request.POST.getlist("co_signers"), state["organisations"])
        if form.is_valid():
            cleaned = form.cleaned_data
            data.update(
                signatory_name=cleaned["signatory_name"].strip(),
                signatory_role=cleaned["signatory_role"].strip(),
                decision_date=cleaned["decision_date"].isoformat() if cleaned["decision_date"] else "",
                co_signers=[o.code for o in cleaned.get("co_signers", [])],
            )
            request.session[SESSION_KEY] = data
            return redirect("manifest:sign_contact")
    return _render_sign(
        request,
        "manifest/sign_step.html",
        {
            "edition": edition,
            "organisation": organisation,
            "form": form,
            "steps": _steps("manifest:sign_signatory"),
            "title": _("Who signs for %(organisation)s?") % {"organisation": organisation.name},
            "back_url": reverse("manifest:sign"),
        },
    )


@require_http_methods(["GET", "POST"])
def sign_contact(request):
    """Step 3: the contact person, who stays private to the organisation and the VNG."""
    state, response = _signing_context(request)
    if response:
        return response
    edition, available = state["edition"], state["available"]
    data, organisation = _flow_data(request, edition, available, needs=["signatory_name"])
    if data is None:
        return _back_to_start(request)
    initial = {
        "contact_name": data.get("contact_name", request.user.full_name),
        "contact_email": data.get("contact_email", request.user.email),
        "contact_phone": data.get("contact_phone", ""),
    }
    form = ContactForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data.update(form.cleaned_data)
        request.session[SESSION_KEY] = data
        return redirect("manifest:sign_review")
    return _render_sign(
        request,
        "manifest/sign_step.html",
        {
            "edition": edition,
            "organisation": organisation,
            "form": form,
            "steps": _steps("manifest:sign_contact"),
            "title": _("Who is the contact person?"),
            "intro": _(
                "The VNG contacts this person with questions about the signature. These details are not "
                "published: only your organisation and the VNG see them."
            ),
            "back_url": reverse("manifest:sign_signatory"),
        },
    )


@require_http_methods(["GET", "POST"])
def sign_review(request):
    """Step 4: check everything, confirm the mandate and the publication, and sign."""
    state, response = _signing_context(request)
    if response:
        return response
    edition, available = state["edition"], state["available"]
    data, organisation = _flow_data(request, edition, available, needs=["signatory_name", "contact_name"])
    if data is None:
        return _back_to_start(request)
    co_signers = list(available.filter(code__in=data.get("co_signers", [])))
    if len(co_signers) != len(data.get("co_signers", [])):
        messages.warning(
            request,
            _("One of the co-signing organisations has signed in the meantime. Check the organisations again."),
        )
        data["co_signers"] = [o.code for o in co_signers]
        request.session[SESSION_KEY] = data
        return redirect("manifest:sign_signatory")
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            signatures = signature_submit(
                user=request.user,
                edition=edition,
                organisation=organisation,
                co_signers=co_signers,
                signatory_name=data["signatory_name"],
                signatory_role=data["signatory_role"],
                decision_date=_date_or_none(data.get("decision_date")),
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data.get("contact_phone", ""),
                authority_confirmed=form.cleaned_data["authority_confirmed"],
                publication_consent=form.cleaned_data["publication_consent"],
            )
        except (SignatureConflict, SigningClosed, SigningError) as error:
            request.session.pop(SESSION_KEY, None)
            messages.error(request, error.message)
            return redirect("manifest:sign")
        request.session.pop(SESSION_KEY, None)
        request.session[SUBMITTED_KEY] = [str(s.public_id) for s in signatures]
        return redirect("manifest:sign_done")
    return _render_sign(
        request,
        "manifest/sign_review.html",
        {
            "edition": edition,
            "organisation": organisation,
            "co_signers": co_signers,
            "data": data,
            "decision_date": _date_or_none(data.get("decision_date")),
            "form": form,
            "steps": _steps("manifest:sign_review"),
        },
    )


@login_required
@require_safe
def sign_done(request):
    """What happens next, after submitting."""
    public_ids = request.session.get(SUBMITTED_KEY) or []
    signatures = list(
        Signature.objects.visible_to(request.user)
        .filter(public_id__in=public_ids)
        .select_related("organisation", "edition")
        .order_by("organisation__name")
        .distinct()
    )
    if not signatures:
        return redirect("manifest:sign")
    return _render_sign(
        request, "manifest/sign_done.html", {"signatures": signatures, "edition": signatures[0].edition}
    )


def get_signature_for_user(user, public_id) -> Signature:
    """A signature the user may manage: of an organisation they are a verified member of, or any for staff."""
    if user.is_staff:
        queryset = Signature.objects.all()
    else:
        queryset = Signature.objects.filter(organisation__in=signing_organisations_for(user))
    return get_object_or_404(queryset.select_related("organisation", "edition"), public_id=public_id)


@login_required
@require_http_methods(["GET", "POST"])
def signature_withdraw_view(request, public_id):
    """An organisation withdraws its signature, with a reason; the history stays."""
    signature = get_signature_for_user(request.user, public_id)
    form = ReasonForm(_posted(request)) if signature.is_live else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            signature_withdraw(signature=signature, by=request.user, reason=form.cleaned_data["reason"])
        except SigningError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The signature of %(organisation)s has been withdrawn.") % {"organisation": signature.organisation},
            )
        return redirect("manifest:sign")
    return _render_sign(request, "manifest/signature_withdraw.html", {"signature": signature, "form": form})


# --- Public register ------------------------------------------------------------------------------


def _register_filters(request):
    current = ManifestEdition.objects.current()
    form = RegisterFilterForm(request.GET or None, initial={"editie": current})
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    edition = filters.get("editie") or current
    return form, filters, edition


@require_safe
@cached_public_page(REGISTER_CONTENT)
def register(request):
    """Signatories of an edition, grouped by tier in the official order, with progress per province."""
    form, filters, edition = _register_filters(request)
    if edition is None:
        raise Http404("No edition.")
    signatures = (
        Signature.objects.public()
        .filter(edition=edition)
        .select_related("organisation", "organisation__province")
        .in_register_order()
    )
    if filters.get("niveau"):
        signatures = signatures.filter(organisation__kind=filters["niveau"])
    if filters.get("provincie"):
        province = filters["provincie"]
        signatures = signatures.filter(Q(organisation__province=province) | Q(organisation=province))
    if filters.get("q"):
        signatures = signatures.filter(
            Q(organisation__name__icontains=filters["q"]) | Q(organisation__official_name__icontains=filters["q"])
        )
    page_obj = Paginator(signatures, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    provinces = (
        Organisation.objects.provinces()
        .annotate(
            municipalities_total=Count(
                "municipalities",
                filter=Q(municipalities__is_active=True, municipalities__kind=OrganisationKind.MUNICIPALITY),
                distinct=True,
            ),
            municipalities_signed=Count(
                "municipalities",
                filter=Q(
                    municipalities__is_active=True,
                    municipalities__kind=OrganisationKind.MUNICIPALITY,
                    municipalities__signatures__edition=edition,
                    municipalities__signatures__status=SignatureStatus.SIGNED,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    province_rows = [
        (p, p.municipalities_signed, p.municipalities_total, 100 * p.municipalities_signed / p.municipalities_total)
        for p in provinces
        if p.municipalities_total
    ]
    return render(
        request,
        "manifest/register.html",
        {
            "form": form,
            "edition": edition,
            "page_obj": page_obj,
            "is_filtered": bool(filters.get("niveau") or filters.get("provincie") or filters.get("q")),
            "counts": _edition_counts(edition),
            "province_rows": province_rows,
            "crumbs": [(reverse("manifest:index"), _("Manifest")), (reverse("manifest:register"), _("Signatories"))],
        },
    )


def _open_data_edition(request):
    slug = request.GET.get("editie")
    edition = ManifestEdition.objects.filter(slug=slug).first() if slug else ManifestEdition.objects.current()
    if edition is None:
        raise Http404("No such edition.")
    return edition


def _open_data_state(request) -> dict:
    """When the requested edition's open data last changed, and a fingerprint of it.

    Harvesters poll often: the state is cached under the register's content version, so a
    conditional request that ends in 304 costs no query of its own.
    """
    if not hasattr(request, "open_data_state"):
        key = f"manifest:open-data-state:{REGISTER_CONTENT.current()}:{request.GET.get('editie', '')}"
        state = cache.get(key)
        if state is None:
            edition = _open_data_edition(request)
            signatures = Signature.objects.filter(edition=edition).aggregate(latest=Max("updated_at"), n=Count("pk"))
            state = {
                "modified": max(filter(None, [edition.updated_at, signatures["latest"]])),
                "fingerprint": f"{edition.pk}|{edition.updated_at.isoformat()}|{signatures['latest']}|{signatures['n']}",
            }
            cache.set(key, state)
        request.open_data_state = state
    return request.open_data_state


def _open_data_modified(request, *args, **kwargs):
    return _open_data_state(request)["modified"]


def _open_data_etag(request, *args, **kwargs):
    key = f"{request.path}|{_open_data_state(request)['fingerprint']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _open_data_signatures(edition):
    return (
        Signature.objects.public()
        .filter(edition=edition)
        .select_related("organisation", "organisation__province", "edition")
        .in_register_order()
    )


def _open_data_headers(response, edition, extension):
    filename = f"mvoi-ondertekenaars-{edition.slug}.{extension}"
    disposition = "attachment" if extension == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@require_safe
@condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)
@cached_public_page(REGISTER_CONTENT)
def register_csv(request):
    edition = _open_data_edition(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
    writer = csv.DictWriter(response, fieldnames=opendata.COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    for signature in _open_data_signatures(edition):
        writer.writerow({k: ("" if v is None else v) for k, v in opendata.signature_record(signature).items()})
    return _open_data_headers(response, edition, "csv")


@require_safe
@condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)
@cached_public_page(REGISTER_CONTENT)
def register_json(request):
    edition = _open_data_edition(request)
    records = [opendata.signature_record(s) for s in _open_data_signatures(edition)]
    document = {
        "title": f"Ondertekenaars {edition.title}",
        "edition": {
            "slug": edition.slug,
            "title": edition.title,
            "start_year": edition.start_year,
            "end_year": edition.end_year,
        },
        "licence": {"id": opendata.LICENCE_ID, "url": opendata.LICENCE_URL},
        "schema": request.build_absolute_uri(reverse("manifest:register_schema")),
        "modified": _open_data_modified(request).isoformat(timespec="seconds"),
        "count": len(records),
        "signatories": records,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    return _open_data_headers(response, edition, "json")


@require_safe
def register_schema(request):
    """The open data's Table Schema, machine-readable."""
    response = HttpResponse(
        json.dumps(opendata.table_schema(), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_public_page(REGISTER_CONTENT)
def open_data(request):
    """Documentation of the open data: every column, the licence and how often it changes."""
    return render(
        request,
        "manifest/open_data.html",
        {
            "columns": opendata.COLUMNS,
            "editions": ManifestEdition.objects.all(),
            "licence_url": opendata.LICENCE_URL,
            "tiers": OrganisationKind.choices,
            "crumbs": [(reverse("manifest:index"), _("Manifest")), (reverse("manifest:open_data"), _("Open data"))],
        },
    )


ORGANISATIONS_PER_PAGE = 50


@require_GET
@cached_public_page(REGISTER_CONTENT)
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
    crumbs = [(reverse("manifest:organisation_list"), _("Organisations"))]
    return render(request, "manifest/organisation_list.html", {"form": form, "page_obj": page_obj, "crumbs": crumbs})


@require_GET
@cached_public_page(REGISTER_CONTENT, organisation_section_contents)
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
            "crumbs": [
                (reverse("manifest:organisation_list"), _("Organisations")),
                (organisation.get_absolute_url(), organisation.name),
            ],
            "signatures": list(Signature.objects.for_organisation_page(organisation, request.user)),
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
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("accounts:dashboard")
    return render(request, "manifest/membership_request.html", {"form": form})
