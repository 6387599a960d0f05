import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.markdown import render_markdown
from core.staff import has_staff_powers


class OrganisationKind(models.TextChoices):
    """Tiers of public bodies, in the order the official list of signatories uses."""

    CENTRAL_GOVERNMENT = "rijk", _("Central government")
    WATER_BOARD = "waterschap", _("Water board")
    PROVINCE = "provincie", _("Province")
    MUNICIPALITY = "gemeente", _("Municipality")
    COOPERATIVE_BODY = "samenwerkingsverband", _("Cooperative body")
    OTHER = "overig", _("Other public body")


class BodyKind(models.TextChoices):
    """The legal form of a cooperative body."""

    JOINT_ARRANGEMENT = "gemeenschappelijke-regeling", _("Joint arrangement (gemeenschappelijke regeling)")
    PROCUREMENT_COOPERATION = "inkoopsamenwerking", _("Procurement cooperation")
    OTHER = "overig", _("Other form of cooperation")


KIND_ORDER = {kind: position for position, kind in enumerate(OrganisationKind.values)}


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def provinces(self):
        return self.filter(kind=OrganisationKind.PROVINCE)

    def ministries(self):
        return self.filter(kind=OrganisationKind.CENTRAL_GOVERNMENT)

    def cooperative_bodies(self):
        return self.filter(kind=OrganisationKind.COOPERATIVE_BODY)

    def members_of(self, body, on: date | None = None):
        """The organisations that are members of `body` on a day (today by default)."""
        return self.filter(pk__in=CooperationMember.objects.on(on).filter(body=body).values("member"))

    def bodies_of(self, member, on: date | None = None):
        """The cooperative bodies `member` belongs to on a day (today by default)."""
        return self.filter(pk__in=CooperationMember.objects.on(on).filter(member=member).values("body"))


class Organisation(models.Model):
    """A public body that can sign the manifest and make an action plan."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "Stable identifier used in web addresses and open data: the CBS code for municipalities and "
            "provinces (gm0344, pv26), the TOOi code for water boards (ws0155), a short slug for others."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=250, blank=True)
    kind = models.CharField(_("tier"), max_length=20, choices=OrganisationKind.choices)
    cbs_code = models.CharField(_("CBS code"), max_length=6, blank=True, help_text=_("For example GM0344."))
    tooi_uri = models.URLField(_("TOOi identifier"), blank=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"kind": OrganisationKind.PROVINCE},
    )
    website_domain = models.CharField(_("website domain"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    body_kind = models.CharField(
        _("form of cooperation"),
        max_length=30,
        choices=BodyKind.choices,
        blank=True,
        help_text=_("Only for cooperative bodies, and required for them."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Switched off when the body ends, for example after a merger.")
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        help_text=_("The organisation that took over its tasks, for example after a merger."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[a-z0-9-]+$"), name="organisation_code_lowercase_slug"),
            models.CheckConstraint(
                condition=Q(is_active=True) | Q(ended_on__isnull=False),
                name="ended_organisation_has_end_date",
            ),
            models.CheckConstraint(
                condition=(Q(kind=OrganisationKind.COOPERATIVE_BODY) & ~Q(body_kind=""))
                | (~Q(kind=OrganisationKind.COOPERATIVE_BODY) & Q(body_kind="")),
                name="organisation_body_kind_only_for_cooperative_bodies",
                violation_error_message=_("A cooperative body needs a form of cooperation; other tiers have none."),
            ),
            models.CheckConstraint(condition=~Q(successor=models.F("pk")), name="organisation_not_its_own_successor"),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("manifest:organisation_detail", kwargs={"code": self.code})

    @property
    def is_cooperative_body(self) -> bool:
        return self.kind == OrganisationKind.COOPERATIVE_BODY

    def clean(self):
        errors = {}
        if self.is_cooperative_body and not self.body_kind:
            errors["body_kind"] = _("Choose the form of cooperation of this body.")
        elif not self.is_cooperative_body and self.body_kind:
            errors["body_kind"] = _("Only a cooperative body has a form of cooperation; leave this field empty.")
        if self.pk and self.successor_id == self.pk:
            errors["successor"] = _("An organisation cannot succeed itself.")
        if self.pk and not self.is_cooperative_body and CooperationMember.objects.filter(body_id=self.pk).exists():
            errors["kind"] = _(
                "This organisation has member organisations, so it stays a cooperative body. Remove its members first."
            )
        if errors:
            raise ValidationError(errors)


class EmailDomain(models.Model):
    """An e-mail domain an organisation uses; its own domains verify members automatically."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(_("domain"), max_length=200)
    is_shared = models.BooleanField(
        _("shared by several bodies"),
        default=False,
        help_text=_("A domain used by more than one body never verifies anyone automatically."),
    )

    class Meta:
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")
        ordering = ["domain"]
        # Editors may view domains; changing them (they verify members automatically) is for administrators.
        permissions = [("manage_email_domains", _("Can change the e-mail domains that verify members"))]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="email_domain_unique_per_organisation"),
            models.CheckConstraint(condition=Q(domain__regex=r"^[a-z0-9.-]+$"), name="email_domain_lowercase"),
        ]

    def __str__(self):
        return self.domain


class DateRange(models.Func):
    """daterange(start, end, '[]'): a membership with its first and last day; no end date runs on."""

    function = "daterange"
    output_field = DateRangeField()


class CooperationMemberQuerySet(models.QuerySet):
    def on(self, day: date | None = None):
        """Memberships that run on `day` (today by default): started, and not yet past their last day."""
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def current(self):
        return self.on()

    def former(self):
        """Memberships whose last day has passed."""
        return self.filter(ends_on__lt=timezone.localdate())


class CooperationMember(models.Model):
    """An organisation's membership of a cooperative body, from its first day to its last (open-ended if unknown).

    One organisation can join the same body again later, but two memberships of the same pair never overlap.
    """

    body = models.ForeignKey(
        Organisation,
        verbose_name=_("cooperative body"),
        on_delete=models.CASCADE,
        related_name="member_links",
    )
    member = models.ForeignKey(
        Organisation,
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="body_links",
    )
    starts_on = models.DateField(_("member since"))
    ends_on = models.DateField(
        _("member until"), null=True, blank=True, help_text=_("The last day of the membership. Empty while it runs.")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = CooperationMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a cooperative body")
        verbose_name_plural = _("members of cooperative bodies")
        ordering = ["body__name", "member__name", "starts_on"]
        # Editors may view the members; the members a body acts for are changed by administrators.
        permissions = [("manage_cooperation_members", _("Can change the members of cooperative bodies"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body=models.F("member")),
                name="cooperation_member_not_the_body_itself",
                violation_error_message=_("A cooperative body cannot be a member of itself."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="cooperation_member_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            ExclusionConstraint(
                name="cooperation_member_no_overlap",
                expressions=[
                    ("body", RangeOperators.EQUAL),
                    ("member", RangeOperators.EQUAL),
                    (
                        DateRange("starts_on", "ends_on", RangeBoundary(inclusive_lower=True, inclusive_upper=True)),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_("This organisation is already a member of this body in that period."),
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.body}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def clean(self):
        errors = {}
        if self.body_id and self.member_id and self.body_id == self.member_id:
            errors["member"] = _("A cooperative body cannot be a member of itself.")
        if self.body_id and not self.body.is_cooperative_body:
            errors["body"] = _("Only a cooperative body has member organisations.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A membership cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class PreparationMandateQuerySet(models.QuerySet):
    def active(self):
        """Grants not revoked."""
        return self.filter(revoked_at__isnull=True)

    def in_force(self, day: date | None = None):
        """Active grants whose member belongs to the body on `day` (today by default): the body may act on them."""
        memberships = CooperationMember.objects.on(day).filter(body=OuterRef("body"), member=OuterRef("member"))
        return self.active().filter(Exists(memberships), body__is_active=True)

    def with_in_force(self):
        """Each grant with `in_force`: whether the body may act on it today (the rule of `in_force`)."""
        return self.annotate(in_force=Exists(PreparationMandate.objects.in_force().filter(pk=OuterRef("pk"))))


class PreparationMandate(models.Model):
    """A member organisation lets a cooperative body prepare its action plans and year reports.

    The body's coordinators draft; adopting, publishing and submitting stay with the member's own
    coordinators. The right works only while the member belongs to the body; revoking keeps the row
    (who granted and who revoked, when), so a pair can be granted again later.
    """

    member = models.ForeignKey(
        Organisation,
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="mandates_granted",
    )
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("cooperative body"),
        on_delete=models.CASCADE,
        related_name="mandates_received",
        limit_choices_to={"kind": OrganisationKind.COOPERATIVE_BODY},
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PreparationMandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("right to prepare action plans")
        verbose_name_plural = _("rights to prepare action plans")
        ordering = ["member__name", "body__name", "-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "body"],
                condition=Q(revoked_at__isnull=True),
                name="preparation_mandate_one_active_per_pair",
                violation_error_message=_("This body already has the right to prepare this organisation's plans."),
            ),
            models.CheckConstraint(
                condition=~Q(body=models.F("member")),
                name="preparation_mandate_not_to_itself",
                violation_error_message=_("An organisation cannot grant this right to itself."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("granted_at")),
                name="preparation_mandate_revoked_after_granted",
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.body}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def clean(self):
        errors = {}
        if self.body_id and self.member_id and self.body_id == self.member_id:
            errors["body"] = _("An organisation cannot grant this right to itself.")
        elif self.body_id and not self.body.is_cooperative_body:
            errors["body"] = _("Only a cooperative body can prepare plans for its members.")
        if errors:
            raise ValidationError(errors)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    VERIFIED = "verified", _("Verified")
    REFUSED = "refused", _("Refused")
    REMOVED = "removed", _("Removed")


class MembershipQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=MembershipStatus.VERIFIED)

    def pending(self):
        return self.filter(status=MembershipStatus.REQUESTED)

    def coordinators(self):
        return self.verified().filter(role=MembershipRole.COORDINATOR)

    def active_coordinators(self):
        """The coordinators whose account is active: the people the portal mails about their organisation."""
        return self.coordinators().filter(user__is_active=True)

    def decided_against(self):
        """Refused or removed: never verified again without a decision of VNG staff."""
        return self.filter(status__in=[MembershipStatus.REFUSED, MembershipStatus.REMOVED])


class Membership(models.Model):
    """A user acting for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    motivation = models.TextField(
        _("motivation"),
        blank=True,
        max_length=2000,
        help_text=_("Why this person acts for the organisation."),
    )
    verified_automatically = models.BooleanField(_("verified by e-mail domain"), default=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_per_user_organisation"),
            models.CheckConstraint(
                condition=Q(role=MembershipRole.MEMBER) | Q(status=MembershipStatus.VERIFIED),
                name="membership_coordinator_is_verified",
                violation_error_message=_("Only a verified member can be coordinator."),
            ),
        ]
        permissions = [("manage_coordinator_roles", _("Can give and take back the coordinator role"))]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_verified(self) -> bool:
        return self.status == MembershipStatus.VERIFIED

    @property
    def is_coordinator(self) -> bool:
        return self.is_verified and self.role == MembershipRole.COORDINATOR

    def clean(self):
        if self.role == MembershipRole.COORDINATOR and self.status != MembershipStatus.VERIFIED:
            raise ValidationError({"role": _("Only a verified member can be coordinator.")})


class CoordinatorRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class CoordinatorRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=CoordinatorRequestStatus.REQUESTED)


class CoordinatorRequest(models.Model):
    """A member asks to become coordinator of their organisation; VNG administrators decide."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="coordinator_requests"
    )
    reason = models.TextField(_("reason"), max_length=2000, help_text=_("Why this member needs the coordinator role."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CoordinatorRequestStatus.choices,
        default=CoordinatorRequestStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)

    objects = CoordinatorRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for the coordinator role")
        verbose_name_plural = _("requests for the coordinator role")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(status=CoordinatorRequestStatus.REQUESTED),
                name="coordinator_request_one_waiting_per_membership",
                violation_error_message=_("A request for the coordinator role is already waiting."),
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="coordinator_request_has_reason"),
            models.CheckConstraint(
                condition=~Q(status=CoordinatorRequestStatus.REFUSED) | ~Q(refusal_reason=""),
                name="coordinator_request_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.membership.user} – {self.membership.organisation}"

    @property
    def is_waiting(self) -> bool:
        return self.status == CoordinatorRequestStatus.REQUESTED

    def clean(self):
        errors = {}
        if not self.reason.strip():
            errors["reason"] = _("Say why you need the coordinator role.")
        if self.status == CoordinatorRequestStatus.REFUSED and not self.refusal_reason.strip():
            errors["refusal_reason"] = _("Give a reason; the member receives it.")
        if errors:
            raise ValidationError(errors)


# --- The manifest: editions and signatures ---------------------------------------------------

# Paths under /manifest/ that an edition slug may not take.
RESERVED_EDITION_SLUGS = {"ondertekenen", "ondertekenaars", "ondertekeningen", "open-data"}


class ManifestEditionQuerySet(models.QuerySet):
    def current(self):
        """The edition the portal shows and signs by default, or None."""
        return self.filter(is_current=True).first()


class ManifestEdition(models.Model):
    """One edition of the manifest, with its own text, signing window and signatories."""

    title = models.CharField(_("title"), max_length=200, help_text=_("For example Manifest MVOI 2022-2025."))
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Part of the web address, for example 2022-2025.")
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown above the text and in search results."),
    )
    text = models.TextField(_("text"), help_text=_("The manifest text in Markdown. HTML is removed."))
    text_html = models.TextField(_("text as HTML"), blank=True, editable=False)
    commitments = models.TextField(
        _("commitments"),
        help_text=_("What signatories commit to, one commitment per line."),
    )
    signing_opens = models.DateField(_("signing opens on"))
    signing_closes = models.DateField(_("signing closes on"), help_text=_("The last day on which it can be signed."))
    plan_due_months = models.PositiveSmallIntegerField(
        _("action plan due (months)"),
        default=12,
        help_text=_(
            "Signatories adopt their action plan within this many months after the VNG verified their signature."
        ),
    )
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_("The edition shown at /manifest/ and in the register by default. Only one can be current."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ManifestEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("manifest edition")
        verbose_name_plural = _("manifest editions")
        ordering = ["-start_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="manifest_edition_one_current"
            ),
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="manifest_edition_period"),
            models.CheckConstraint(
                condition=Q(signing_closes__gte=models.F("signing_opens")), name="manifest_edition_signing_window"
            ),
            models.CheckConstraint(
                condition=Q(plan_due_months__gte=1, plan_due_months__lte=60),
                name="manifest_edition_plan_due_months_range",
                violation_error_message=_("The action plan is due between 1 and 60 months after signing."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("manifest:edition_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_EDITION_SLUGS:
            errors["slug"] = _("This web address is used by the portal itself; choose another slug.")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be before the first year.")
        if self.signing_opens and self.signing_closes and self.signing_closes < self.signing_opens:
            errors["signing_closes"] = _("Signing cannot close before it opens.")
        if self.plan_due_months is not None and not 1 <= self.plan_due_months <= 60:
            errors["plan_due_months"] = _("The action plan is due between 1 and 60 months after signing.")
        if self.is_current and ManifestEdition.objects.filter(is_current=True).exclude(pk=self.pk).exists():
            errors["is_current"] = _("Another edition is current. Switch that one off first.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def commitment_list(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]

    def is_open(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.signing_opens <= on <= self.signing_closes

    @property
    def is_open_now(self) -> bool:
        return self.is_open()

    @property
    def ends_on(self) -> date:
        """The day after which the edition is over: the end of its period or of its signing window."""
        return max(date(self.end_year, 12, 31), self.signing_closes)

    def signatory_counts(self) -> dict:
        """Signatories per tier and the municipalities' progress, in two queries."""
        per_tier = dict(
            Signature.objects.public()
            .filter(edition=self)
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
                    filter=Q(signatures__edition=self, signatures__status=SignatureStatus.SIGNED),
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


class SignatureStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SIGNED = "signed", _("Signed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_SIGNATURE_STATUSES = [SignatureStatus.SUBMITTED, SignatureStatus.SIGNED]


class SignatureChannel(models.TextChoices):
    ONLINE = "online", _("Online in the portal")
    CEREMONY = "ceremony", _("At a signing ceremony")
    LETTER = "letter", _("By letter or e-mail")


class SignatureQuerySet(models.QuerySet):
    def live(self):
        """Submitted or signed: at most one per organisation and edition."""
        return self.filter(status__in=LIVE_SIGNATURE_STATUSES)

    def public(self):
        """What the public register, the open data and organisation pages show."""
        return self.filter(status=SignatureStatus.SIGNED)

    def in_register_order(self):
        """Tier in the official order, then organisation name."""
        tier_order = Case(
            *[When(organisation__kind=kind, then=position) for kind, position in KIND_ORDER.items()],
            default=len(KIND_ORDER),
            output_field=models.IntegerField(),
        )
        return self.alias(tier_order=tier_order).order_by("tier_order", "organisation__name", "pk")

    def moderation_queue(self):
        """Submitted signatures first, oldest first; then the rest, newest first."""
        waiting = Case(When(status=SignatureStatus.SUBMITTED, then=0), default=1, output_field=models.IntegerField())
        return self.annotate(moderation_waiting=waiting).order_by("moderation_waiting", "submitted_at")

    def visible_to(self, user):
        """Signatures a user may see in full (except contact details): their organisations' and all for staff."""
        if not user.is_authenticated:
            return self.none()
        if has_staff_powers(user):
            return self
        return self.filter(organisation__in=Membership.objects.verified().filter(user=user).values("organisation"))

    def for_organisation_page(self, organisation, user=None):
        """The signatures the organisation page shows: signed ones for everyone, all of them for its members
        and VNG staff. Newest edition first."""
        signatures = self.filter(organisation=organisation)
        is_insider = (
            user is not None
            and user.is_authenticated
            and (
                has_staff_powers(user)
                or Membership.objects.verified().filter(user=user, organisation=organisation).exists()
            )
        )
        if not is_insider:
            signatures = signatures.public()
        return signatures.select_related("edition").order_by("-edition__start_year", "-submitted_at")


class Signature(models.Model):
    """An organisation's signature of one manifest edition; never deleted, only withdrawn."""

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="signatures"
    )
    edition = models.ForeignKey(
        ManifestEdition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="signatures"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SignatureStatus.choices, default=SignatureStatus.SUBMITTED
    )
    signatory_name = models.CharField(
        _("name of the signing office holder"), max_length=200, help_text=_("Published in the register.")
    )
    signatory_role = models.CharField(
        _("role or portfolio"),
        max_length=200,
        help_text=_("For example alderman for sustainability. Published in the register."),
    )
    decision_date = models.DateField(_("date of the decision to sign"), null=True, blank=True)
    channel = models.CharField(
        _("signed"),
        max_length=20,
        choices=SignatureChannel.choices,
        default=SignatureChannel.ONLINE,
        help_text=_("Signatures made at a ceremony or by letter are recorded by VNG staff."),
    )
    joint_group = models.UUIDField(
        _("joint signature"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Shared by the signatures one office holder made for several organisations at once."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), max_length=254, blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=40, blank=True)
    contact_erased_at = models.DateTimeField(_("contact details erased at"), null=True, blank=True)
    authority_confirmed = models.BooleanField(
        _("authority to sign confirmed"), default=False, help_text=_("The submitter confirmed the mandate to sign.")
    )
    publication_consent = models.BooleanField(
        _("consent to publish"),
        default=False,
        help_text=_("The submitter agreed to publishing the organisation, office holder, role and date."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_signatures",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "edition"],
                condition=Q(status__in=LIVE_SIGNATURE_STATUSES),
                name="signature_one_live_per_organisation_edition",
                violation_error_message=_(
                    "This organisation has already signed this edition or is waiting for verification."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=SignatureStatus.REJECTED) | ~Q(rejection_reason=""),
                name="signature_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=SignatureStatus.WITHDRAWN)
                | (~Q(withdrawal_reason="") & Q(withdrawn_at__isnull=False)),
                name="signature_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=SignatureStatus.SIGNED) | Q(decided_at__isnull=False),
                name="signature_signed_has_verification_date",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.organisation} – {self.edition}"

    def clean(self):
        errors = {}
        if self.status == SignatureStatus.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Give a reason for the rejection; the submitter receives it.")
        if self.status == SignatureStatus.WITHDRAWN and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = _("Give a reason for the withdrawal.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_SIGNATURE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status == SignatureStatus.SIGNED

    @property
    def signed_on(self) -> date:
        """The day the organisation signed online."""
        return timezone.localdate(self.submitted_at)


class RenewalInvitation(models.Model):
    """An invitation to sign a new edition, mailed once to a coordinator of an organisation that signed an earlier one."""

    edition = models.ForeignKey(
        ManifestEdition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="renewal_invitations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="renewal_invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("sent to"), max_length=254)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("renewal invitation")
        verbose_name_plural = _("renewal invitations")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation", "user"], name="renewal_invitation_once_per_coordinator"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.edition} ({self.email})"


class ReportingDeadline(models.Model):
    """The day by which signatories of an edition submit their yearly report on a year; set by VNG staff."""

    edition = models.ForeignKey(
        ManifestEdition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="reporting_deadlines"
    )
    year = models.PositiveSmallIntegerField(_("report year"), help_text=_("The year the reports are about."))
    deadline = models.DateField(_("deadline"))
    opens_on = models.DateField(
        _("submission opens on"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to accept reports from 1 January after the report year. A date in the report year "
            "itself, for example 1 December, lets signatories submit earlier."
        ),
    )

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["-year", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "year"], name="reporting_deadline_one_per_edition_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="reporting_deadline_year_in_range",
                violation_error_message=_("Years must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__year__gt=models.F("year")),
                name="reporting_deadline_after_report_year",
                violation_error_message=_("The deadline falls after the year the reports are about."),
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(opens_on__lt=models.F("deadline")),
                name="reporting_deadline_opens_before_deadline",
                violation_error_message=_("Submission must open before the deadline."),
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(opens_on__year=models.F("year")),
                name="reporting_deadline_opens_in_report_year",
                violation_error_message=_("An earlier opening must lie in the report year itself."),
            ),
        ]

    def __str__(self):
        return f"{self.edition} – {self.year}: {self.deadline:%Y-%m-%d}"

    def clean(self):
        errors = {}
        if self.year is not None and self.deadline is not None and self.deadline.year <= self.year:
            errors["deadline"] = _("The deadline falls after the year the reports are about.")
        if self.opens_on is not None:
            if self.year is not None and self.opens_on.year != self.year:
                errors["opens_on"] = _(
                    "An earlier opening must lie in the report year itself; leave the field empty to open on "
                    "1 January after it."
                )
            elif self.deadline is not None and self.opens_on >= self.deadline:
                errors["opens_on"] = _("Submission must open before the deadline.")
        if errors:
            raise ValidationError(errors)

    @property
    def submission_opens_on(self) -> date:
        """The first day reports on the year may be submitted: the earlier opening if set, else 1 January after."""
        return self.opens_on or date(self.year + 1, 1, 1)
