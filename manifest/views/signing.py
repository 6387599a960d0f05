"""Signing the manifest online: choose the organisations, the office holder, the contact person, review, done; and withdrawing."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from manifest import opendata
from manifest.forms import ConfirmForm, ContactForm, OrganisationChoiceForm, ReasonForm, SignatoryForm
from manifest.models import ManifestEdition, Membership, Organisation, Signature
from manifest.permissions import get_signature_for_user, signing_organisations_for, user_has_verified_email
from manifest.services import (
    SignatureConflict,
    SigningClosed,
    SigningError,
    coordinators_besides,
    signature_submit,
    signature_withdraw,
)

SESSION_KEY = "manifest_signing"
SUBMITTED_KEY = "manifest_submitted"


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


def _renewal(request, edition, available) -> dict | None:
    """The flow's data filled in from the organisation's latest signature, for a renewal link (?vernieuw=<code>).

    Only for an organisation the user may sign for and that has not signed this edition: for anyone
    else the parameter is ignored, so the link shows nothing of an organisation to outsiders. Nothing is
    stored beyond the visitor's own session until they sign.
    """
    code = request.GET.get("vernieuw") if request.method == "GET" else None
    organisation = available.filter(code=code).first() if code else None
    if organisation is None:
        return None
    latest = (
        Signature.objects.filter(organisation=organisation)
        .exclude(edition=edition)
        .select_related("edition")
        .order_by("-edition__start_year", "-submitted_at")
        .first()
    )
    if latest is None:
        return None
    data = {
        "edition": edition.pk,
        "organisation": organisation.code,
        "signatory_name": latest.signatory_name,
        "signatory_role": latest.signatory_role,
    }
    if latest.contact_name:  # erased after the retention period: the flow offers the user's own details
        data.update(
            contact_name=latest.contact_name, contact_email=latest.contact_email, contact_phone=latest.contact_phone
        )
    messages.info(
        request,
        _(
            "The form is filled in with the signature of %(organisation)s for the %(edition)s. Check every step "
            "and change what is no longer right; nothing is submitted until you sign."
        )
        % {"organisation": organisation.name, "edition": latest.edition.title},
    )
    return data


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
    renewed = _renewal(request, edition, available)
    if renewed:
        data = renewed
        request.session[SESSION_KEY] = data
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
    published, private = _review_rows(edition=edition, organisation=organisation, co_signers=co_signers, data=data)
    return _render_sign(
        request,
        "manifest/sign_review.html",
        {
            "edition": edition,
            "published": published,
            "private": private,
            "form": form,
            "steps": _steps("manifest:sign_review"),
        },
    )


@dataclass
class ReviewRow:
    label: str
    value: str
    change_url: str = ""
    change_hint: str = ""  # completes "Change" for screen readers


def _review_rows(*, edition, organisation, co_signers, data) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """What the register will publish and what stays private, row for row from the open data's field lists."""
    organisation_step, signatory_step, contact_step = (reverse(name) for name, _label in STEPS[:3])
    decision_date = _date_or_none(data.get("decision_date"))
    contact = [data["contact_name"], data["contact_email"], data.get("contact_phone", "")]
    by_vng = _("Added by the VNG when it has checked the signature")
    values = {
        "edition": (edition.title, "", ""),
        "organisation": (organisation.name, organisation_step, _("organisation")),
        "joint_group": (
            ", ".join(o.name for o in co_signers) or _("None"),
            signatory_step,
            _("co-signing organisations"),
        ),
        "signatory_name": (data["signatory_name"], signatory_step, _("office holder")),
        "signatory_role": (data["signatory_role"], signatory_step, _("role or portfolio")),
        "signed_on": (date_format(timezone.localdate()), "", ""),
        "status": (by_vng, "", ""),
        "decided_at": (by_vng, "", ""),
        "stage": (_("Kept up to date by the portal from your action plan and yearly reports"), "", ""),
        "decision_date": (
            date_format(decision_date) if decision_date else _("Not given"),
            signatory_step,
            _("decision date"),
        ),
        "contact": ("\n".join(line for line in contact if line), contact_step, _("contact person")),
    }

    def rows(fields):
        return [ReviewRow(str(field.label), *values[field.name]) for field in fields]

    return rows(opendata.PUBLIC_FIELDS), rows(opendata.PRIVATE_FIELDS)


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
    )
    if not signatures:
        return redirect("manifest:sign")
    organisations = [signature.organisation for signature in signatures]
    return _render_sign(
        request,
        "manifest/sign_done.html",
        {
            "signatures": signatures,
            "edition": signatures[0].edition,
            **coordinators_besides(organisations, request.user),
        },
    )


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
    context = {"signature": signature, "form": form, **coordinators_besides([signature.organisation], request.user)}
    return _render_sign(request, "manifest/signature_withdraw.html", context)
