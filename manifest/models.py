from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """Tiers of public bodies, in the order the official list of signatories uses."""

    RIJK = "rijk", _("Central government")
    WATERSCHAP = "waterschap", _("Water board")
    PROVINCIE = "provincie", _("Province")
    GEMEENTE = "gemeente", _("Municipality")
    OVERIG = "overig", _("Other public body")


KIND_ORDER = {kind: position for position, kind in enumerate(OrganisationKind.values)}


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def municipalities(self):
        return self.filter(kind=OrganisationKind.GEMEENTE)

    def provinces(self):
        return self.filter(kind=OrganisationKind.PROVINCIE)


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
        limit_choices_to={"kind": OrganisationKind.PROVINCIE},
    )
    website_domain = models.CharField(_("website domain"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Switched off when the body ends, for example after a merger.")
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
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
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("manifest:organisation_detail", kwargs={"code": self.code})

    @property
    def kind_order(self) -> int:
        return KIND_ORDER[self.kind]


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
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="email_domain_unique_per_organisation"),
            models.CheckConstraint(condition=Q(domain__regex=r"^[a-z0-9.-]+$"), name="email_domain_lowercase"),
        ]

    def __str__(self):
        return self.domain


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    VERIFIED = "verified", _("Verified")
    REFUSED = "refused", _("Refused")


class MembershipQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=MembershipStatus.VERIFIED)

    def pending(self):
        return self.filter(status=MembershipStatus.REQUESTED)

    def coordinators(self):
        return self.verified().filter(role=MembershipRole.COORDINATOR)


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
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_verified(self) -> bool:
        return self.status == MembershipStatus.VERIFIED

    @property
    def is_coordinator(self) -> bool:
        return self.is_verified and self.role == MembershipRole.COORDINATOR
