"""Action plans (Actieplan MVOI): a plan per organisation with SMART goals per theme and actions per goal."""

import datetime
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Greatest, JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.markdown import render_markdown
from core.staff import has_staff_powers
from manifest.models import Membership, Organisation
from manifest.permissions import prepared_organisations

FIRST_YEAR = 2000
LAST_YEAR = 2100
PERCENT = "%"  # a goal in this unit measures a share, which cannot be more than 100
COMMON_OR_OWN_MESSAGE = _("Choose a common indicator or describe your own indicator and unit, not both.")


class Track(models.TextChoices):
    STARTING = "startend", _("Starting organisation")
    ADVANCED = "gevorderd", _("Advanced organisation")


class PlanStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    ADOPTED = "vastgesteld", _("Adopted")
    PUBLISHED = "gepubliceerd", _("Published")


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Planned")
    IN_PROGRESS = "lopend", _("In progress")
    DONE = "afgerond", pgettext_lazy("action status", "Done")
    CANCELLED = "vervallen", _("Cancelled")


class AmbitionLevel(models.TextChoices):
    BASIC = "basis", _("Basic")
    SIGNIFICANT = "significant", _("Significant")
    AMBITIOUS = "ambitieus", _("Ambitious")


class SteeringLevel(models.TextChoices):
    STRATEGIC = "strategisch", _("Strategic")
    ORGANISATION = "organisatie", _("Organisation")
    PROJECT = "project", _("Project")


# The plan's narrative sections in the order of the document: (markdown field, rendered HTML field).
PLAN_SECTIONS = [
    ("occasion", "occasion_html"),
    ("baseline", "baseline_html"),
    ("ambition", "ambition_html"),
    ("steering_strategic", "steering_strategic_html"),
    ("steering_organisation", "steering_organisation_html"),
    ("steering_project", "steering_project_html"),
    ("monitoring", "monitoring_html"),
    ("communication", "communication_html"),
]


# --- the progress rule ------------------------------------------------------------------------
#
# An action counts towards the progress of its goal, theme and plan unless it is cancelled; a done
# action counts as 100%, any other as its own progress. Progress of a group of actions is the mean
# over the actions that count, rounded to a whole percentage; without such actions there is none.
# Pages, reports, exports, the peer comparison and the monitor all use what follows.


def effective_progress(status: str, progress: int | None) -> int | None:
    """The progress an action in `status` stands for: 100 when done, otherwise its own."""
    return 100 if status == ActionStatus.DONE else progress


def counts_towards_progress(status: str) -> bool:
    return status != ActionStatus.CANCELLED


def mean_progress(total: int | None, count: int) -> int | None:
    """The rounded mean of `count` counting actions whose effective progress adds up to `total`."""
    return round(total / count) if count else None


def progress_of(actions: Iterable[tuple[str, int]]) -> int | None:
    """The progress of a group of actions given as (status, progress) pairs."""
    values = [effective_progress(status, progress) for status, progress in actions if counts_towards_progress(status)]
    return mean_progress(sum(values), len(values))


def progress_aggregates(prefix: str = "") -> dict:
    """The same rule in SQL, for `annotate()` or `aggregate()` over the actions reached through `prefix`.

    From a plan the prefix is "goals__actions__", from a goal "actions__", on actions themselves "".
    Gives action_count, counting_count (not cancelled), done_count and progress_total (the sum of the
    effective progress of the counting actions); `mean_progress(progress_total, counting_count)` is the
    progress.
    """
    done = Q(**{f"{prefix}status": ActionStatus.DONE})
    counting = ~Q(**{f"{prefix}status": ActionStatus.CANCELLED})
    effective = Case(When(done, then=Value(100)), default=F(f"{prefix}progress"), output_field=models.IntegerField())
    return {
        "action_count": Count(f"{prefix}id"),
        "counting_count": Count(f"{prefix}id", filter=counting),
        "done_count": Count(f"{prefix}id", filter=done),
        "progress_total": Sum(effective, filter=counting),
    }


class ActionPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PlanStatus.PUBLISHED)

    def with_progress(self):
        """Annotate the progress figures of each plan's actions (see `progress_aggregates`)."""
        return self.annotate(**progress_aggregates("goals__actions__"))

    def visible_to(self, user):
        """Plans a user may read: those of their verified organisations and of the organisations whose plans
        they prepare for a cooperative body (manifest.permissions.prepared_organisations); VNG staff (with
        the second factor) read every plan.

        Each plan carries `user_role` (the user's role in the plan's organisation, or None) and `prepares`
        (the user prepares the organisation's plans for a cooperative body).
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        memberships = Membership.objects.verified().filter(user=user)
        prepared = prepared_organisations(user)
        role = Subquery(memberships.filter(organisation=OuterRef("organisation")).values("role")[:1])
        # Members of an accepted co-owner read the plan (and nothing more): a request alone opens nothing.
        co_owned = PlanOwner.objects.accepted().filter(
            plan=OuterRef("pk"), organisation__in=memberships.values("organisation")
        )
        plans = self.annotate(
            user_role=role,
            prepares=Exists(prepared.filter(pk=OuterRef("organisation"))),
            co_owner=Exists(co_owned),
        )
        if has_staff_powers(user):
            return plans
        return plans.filter(
            Q(organisation__in=memberships.values("organisation")) | Q(organisation__in=prepared) | Q(co_owner=True)
        )

    def owned_by(self, organisation):
        """The plans `organisation` owns: as their lead, or as a co-owner that accepted. The one rule for "the
        plans of an organisation" wherever they are counted (ladder, monitor, peers, organisation page).

        `organisation` is an Organisation, its id or an OuterRef (inside a subquery). Each plan carries
        `owner_adopted_on` (the date this owner adopted it: the plan's own adoption for the lead, the
        co-owner's own for a co-owner; None when not adopted) and `owner_status` (the plan's status for an
        owner that adopted it, "draft" for one that has not).
        """
        deeper = OuterRef(organisation) if isinstance(organisation, OuterRef) else organisation
        co_owner = PlanOwner.objects.accepted().filter(plan=OuterRef("pk"), organisation=deeper)
        lead = Q(organisation=organisation)
        return self.filter(lead | Exists(co_owner)).annotate(
            owner_adopted_on=Case(
                When(lead & ~Q(status=PlanStatus.DRAFT), then=F("adopted_on")),
                When(lead, then=Value(None)),
                default=Subquery(co_owner.values("adopted_on")[:1]),
                output_field=models.DateField(),
            ),
            owner_status=Case(
                When(owner_adopted_on__isnull=True, then=Value(PlanStatus.DRAFT)),
                default=F("status"),
                output_field=models.CharField(),
            ),
        )

    def owned_by_any(self, organisations):
        """The plans any of `organisations` (a queryset) owns as lead or accepted co-owner; each plan once."""
        co_owner = PlanOwner.objects.accepted().filter(plan=OuterRef("pk"), organisation__in=organisations)
        return self.filter(Q(organisation__in=organisations) | Exists(co_owner))

    def with_owners(self):
        """Prefetch the accepted co-owners (with their organisations) as `accepted_owners`, for `plan_owners()`."""
        return self.prefetch_related(
            models.Prefetch(
                "co_owners",
                queryset=PlanOwner.objects.accepted().select_related("organisation").order_by("organisation__name"),
                to_attr="accepted_owners",
            )
        )


class ActionPlan(models.Model):
    """The Actieplan MVOI of one organisation for one period."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "manifest.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    edition = models.ForeignKey(
        "manifest.ManifestEdition",
        verbose_name=_("manifest edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
        help_text=_("The Manifest MVOI edition this plan carries out, if any."),
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    track = models.CharField(
        _("track"),
        max_length=20,
        choices=Track.choices,
        default=Track.STARTING,
        help_text=_("Starting organisations build capacity first; advanced organisations set SMART goals per theme."),
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=200,
        blank=True,
        help_text=_("The body that adopted the plan, for example the college van burgemeester en wethouders."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    occasion = models.TextField(
        _("occasion and mandate"),
        blank=True,
        help_text=_("Why this plan exists: the manifest, the coalition agreement, council decisions. Markdown."),
    )
    occasion_html = models.TextField(editable=False, blank=True)
    baseline = models.TextField(
        _("baseline"),
        blank=True,
        help_text=_("Where you stand now: spend, main purchasing categories and current policy. Markdown."),
    )
    baseline_html = models.TextField(editable=False, blank=True)
    ambition = models.TextField(
        _("ambition"), blank=True, help_text=_("What you want to achieve per theme, in a few sentences. Markdown.")
    )
    ambition_html = models.TextField(editable=False, blank=True)
    steering_strategic = models.TextField(
        _("steering at strategic level"),
        blank=True,
        help_text=_("What the board decides: long-term effects, mandate, budget and capacity. Markdown."),
    )
    steering_strategic_html = models.TextField(editable=False, blank=True)
    steering_organisation = models.TextField(
        _("steering at organisation level"),
        blank=True,
        help_text=_("How the MVOI team and commissioners turn that into goals, processes and monitoring. Markdown."),
    )
    steering_organisation_html = models.TextField(editable=False, blank=True)
    steering_project = models.TextField(
        _("steering at project level"),
        blank=True,
        help_text=_("How project teams set goals, engage the market and secure MVOI in tender and contract. Markdown."),
    )
    steering_project_html = models.TextField(editable=False, blank=True)
    monitoring = models.TextField(
        _("monitoring and reporting"),
        blank=True,
        help_text=_("What you measure, who collects it and how you report every year. Markdown."),
    )
    monitoring_html = models.TextField(editable=False, blank=True)
    communication = models.TextField(
        _("communication and support"),
        blank=True,
        help_text=_("How you involve the college, the council, the organisation and the market. Markdown."),
    )
    communication_html = models.TextField(editable=False, blank=True)
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The budget reserved for carrying out the plan, if known."),
    )

    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["organisation__name", "-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="actionplan_end_year_not_before_start_year",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR, start_year__lte=LAST_YEAR, end_year__lte=LAST_YEAR),
                name="actionplan_years_in_range",
                violation_error_message=_("Years must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT) | Q(adopted_on__isnull=False),
                name="actionplan_adopted_has_date",
                violation_error_message=_("An adopted plan needs its adoption date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="actionplan_published_has_time",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="actionplan_version_positive"),
        ]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.render_sections()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(html for _text, html in PLAN_SECTIONS)}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actionplans:plan_detail", kwargs={"uuid": self.uuid})

    def get_public_url(self):
        return reverse("actionplans:published_detail", kwargs={"uuid": self.uuid})

    def clean(self):
        super().clean()
        if self.start_year is not None and self.end_year is not None and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})

    def render_sections(self):
        """Store the sanitised HTML of every narrative section, so pages never render markdown."""
        for text_field, html_field in PLAN_SECTIONS:
            setattr(self, html_field, render_markdown(getattr(self, text_field)))

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(field name, title, html) of the sections, in document order."""
        return [(name, self._meta.get_field(name).verbose_name, getattr(self, html)) for name, html in PLAN_SECTIONS]

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def status_badge(self) -> str:
        return {PlanStatus.DRAFT: "info", PlanStatus.ADOPTED: "warning", PlanStatus.PUBLISHED: "ok"}[self.status]


class OwnerStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Requested")
    ACCEPTED = "geaccepteerd", _("Accepted")
    DECLINED = "afgewezen", _("Declined")
    # A co-owner that adopted the plan and withdrew from it later: the row keeps who, when and why.
    LEFT = "uitgetreden", _("Left")


class PlanOwnerQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=OwnerStatus.ACCEPTED)

    def requested(self):
        return self.filter(status=OwnerStatus.REQUESTED)


class PlanOwner(models.Model):
    """An organisation that owns a plan together with its lead (`ActionPlan.organisation`): a joint plan.

    The lead (or a cooperative body that prepares the lead's plans) asks; the organisation's own coordinators
    accept or decline. Until accepted the organisation has no part in the plan. An accepted co-owner records
    its own adoption once the lead has adopted the plan; taking the plan back to draft clears it again.
    A co-owner that adopted the plan and withdraws from it later keeps its row as "left", with its adoption
    and who left, when and why; it no longer owns or counts for the plan (only `accepted()` rows do).
    """

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="co_owners"
    )
    organisation = models.ForeignKey(
        "manifest.Organisation",
        verbose_name=_("co-owner"),
        on_delete=models.PROTECT,
        related_name="plan_ownerships",
    )
    status = models.CharField(_("status"), max_length=20, choices=OwnerStatus.choices, default=OwnerStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty once the account of the person who decided has been removed."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=200,
        blank=True,
        help_text=_("The body of the co-owner that adopted the plan, for example its college or board."),
    )
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("left by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The coordinator who withdrew the co-owner; empty once that account has been removed."),
    )
    leave_reason = models.TextField(
        _("reason for leaving"),
        blank=True,
        help_text=_("Why the co-owner withdrew from the plan after adopting it, for example a council decision."),
    )

    objects = PlanOwnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-owner of an action plan")
        verbose_name_plural = _("co-owners of action plans")
        ordering = ["plan", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation"],
                name="planowner_once_per_plan",
                violation_error_message=_("This organisation has already been asked to own this plan."),
            ),
            # A co-owner that left keeps the adoption it withdrew from, as history.
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True) | Q(status__in=[OwnerStatus.ACCEPTED, OwnerStatus.LEFT]),
                name="planowner_adopted_only_when_accepted",
                violation_error_message=_("Only an organisation that accepted co-ownership adopts the plan."),
            ),
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True) | ~Q(adopted_by=""),
                name="planowner_adoption_names_its_body",
                violation_error_message=_("Say which body adopted the plan."),
            ),
            # A decision has its time, and an open request none. The decider is the coordinator who decided
            # (empty for the portal itself, in demo data, or once that account was removed).
            models.CheckConstraint(
                condition=Q(status=OwnerStatus.REQUESTED, decided_at__isnull=True, decided_by__isnull=True)
                | (~Q(status=OwnerStatus.REQUESTED) & Q(decided_at__isnull=False)),
                name="planowner_decision_has_its_time",
                violation_error_message=_("A decision on co-ownership needs the time it was taken."),
            ),
            # Only a co-owner that adopted the plan leaves it as "left" (one that had not adopted it simply
            # goes); leaving has its time and its reason, and nobody else carries either.
            models.CheckConstraint(
                condition=Q(status=OwnerStatus.LEFT, adopted_on__isnull=False, left_at__isnull=False)
                & ~Q(leave_reason="")
                | (~Q(status=OwnerStatus.LEFT) & Q(left_at__isnull=True, left_by__isnull=True, leave_reason="")),
                name="planowner_leaving_has_adoption_time_and_reason",
                violation_error_message=_("Leaving an adopted plan needs its time and its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.plan}"

    def get_absolute_url(self):
        return reverse("actionplans:owner_decide", kwargs={"uuid": self.plan.uuid, "code": self.organisation.code})

    def clean(self):
        super().clean()
        errors = {}
        if self.plan_id and self.organisation_id and self.plan.organisation_id == self.organisation_id:
            errors["organisation"] = _("The lead organisation already owns the plan.")
        if self.status != OwnerStatus.REQUESTED and self.decided_at is None:
            errors["status"] = _("A decision on co-ownership needs the time it was taken.")
        if self.adopted_on is not None and self.status not in (OwnerStatus.ACCEPTED, OwnerStatus.LEFT):
            errors["adopted_on"] = _("Only an organisation that accepted co-ownership adopts the plan.")
        if self.adopted_on is not None and not self.adopted_by.strip():
            errors["adopted_by"] = _("Say which body adopted the plan.")
        if self.status == OwnerStatus.LEFT and self.adopted_on is None:
            errors["status"] = _("Only a co-owner that adopted the plan leaves it this way.")
        if self.status == OwnerStatus.LEFT and not self.leave_reason.strip():
            errors["leave_reason"] = _("Say why the organisation leaves the plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_accepted(self) -> bool:
        return self.status == OwnerStatus.ACCEPTED

    @property
    def status_badge(self) -> str:
        return {
            OwnerStatus.REQUESTED: "info",
            OwnerStatus.ACCEPTED: "ok",
            OwnerStatus.DECLINED: "warning",
            OwnerStatus.LEFT: "warning",
        }[self.status]


class HandoverStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Requested")
    ACCEPTED = "geaccepteerd", _("Accepted")
    DECLINED = "afgewezen", _("Declined")
    WITHDRAWN = "ingetrokken", _("Withdrawn")


class LeadHandoverQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=HandoverStatus.REQUESTED)


class LeadHandover(models.Model):
    """The lead of a joint plan hands the plan to one of its accepted co-owners, whose coordinators accept or
    decline. On acceptance the co-owner becomes the plan's organisation (the lead) and the old lead an accepted
    co-owner; each keeps its own adoption. The rows stay as the history of who led the plan.
    """

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="handovers"
    )
    from_organisation = models.ForeignKey(
        "manifest.Organisation",
        verbose_name=_("lead handing over"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organisation = models.ForeignKey(
        "manifest.Organisation",
        verbose_name=_("new lead"),
        on_delete=models.PROTECT,
        related_name="lead_handovers",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = LeadHandoverQuerySet.as_manager()

    class Meta:
        verbose_name = _("handover of the lead of an action plan")
        verbose_name_plural = _("handovers of the lead of action plans")
        ordering = ["plan", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status=HandoverStatus.REQUESTED),
                name="leadhandover_one_open_per_plan",
                violation_error_message=_("This plan already has an open handover of its lead."),
            ),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="leadhandover_to_another_organisation",
                violation_error_message=_("The lead hands the plan to another organisation."),
            ),
            models.CheckConstraint(
                condition=Q(status=HandoverStatus.REQUESTED, decided_at__isnull=True, decided_by__isnull=True)
                | (~Q(status=HandoverStatus.REQUESTED) & Q(decided_at__isnull=False)),
                name="leadhandover_decision_has_its_time",
                violation_error_message=_("A decision on a handover needs the time it was taken."),
            ),
        ]

    def __str__(self):
        return f"{self.from_organisation} → {self.to_organisation}: {self.plan}"

    def get_absolute_url(self):
        return reverse(
            "actionplans:handover_decide", kwargs={"uuid": self.plan.uuid, "code": self.to_organisation.code}
        )

    @property
    def status_badge(self) -> str:
        return {
            HandoverStatus.REQUESTED: "info",
            HandoverStatus.ACCEPTED: "ok",
            HandoverStatus.DECLINED: "warning",
            HandoverStatus.WITHDRAWN: "warning",
        }[self.status]


def plan_owners(plan: ActionPlan) -> list[Organisation]:
    """The plan's owners: the lead first, then the accepted co-owners by name (prefetched by `with_owners()`)."""
    co_owners = getattr(plan, "accepted_owners", None)
    if co_owners is None:
        co_owners = list(PlanOwner.objects.accepted().filter(plan=plan).select_related("organisation"))
    return [plan.organisation, *(owner.organisation for owner in co_owners)]


def adoption_of(plan: ActionPlan, organisation) -> datetime.date | None:
    """Has `organisation` adopted `plan`, and on which date? The one answer, in Python, for pages and services.

    The lead adopts through the plan's status (its `adopted_on` while adopted or published); an accepted
    co-owner through its own PlanOwner row. Anybody else has not adopted it (None). `ActionPlan.objects
    .owned_by()` says the same in SQL, for counting.
    """
    organisation_id = getattr(organisation, "pk", organisation)
    if organisation_id == plan.organisation_id:
        return None if plan.status == PlanStatus.DRAFT else plan.adopted_on
    co_owners = getattr(plan, "accepted_owners", None)
    if co_owners is None:
        co_owners = PlanOwner.objects.accepted().filter(plan=plan)
    return next((owner.adopted_on for owner in co_owners if owner.organisation_id == organisation_id), None)


class OwnedPlans:
    """The plans an organisation owns, as SQL for counting over many organisations (an OuterRef): the same
    rule as `ActionPlan.objects.owned_by`, written as two parts (as lead, as accepted co-owner) that each
    start from their organisation index. One subquery with "lead OR co-owner" made PostgreSQL read every
    plan for every organisation: 19 s for the national monitor at ten times the bench data, against 0.4 s.

    `edition`, when given (a value or an OuterRef at the same depth as `organisation`), keeps the plans of
    that edition and those of no edition in particular, as the ladder counts them.
    """

    def __init__(self, organisation, edition=None):
        self.as_lead = ActionPlan.objects.filter(organisation=organisation)
        self.as_co_owner = PlanOwner.objects.accepted().filter(organisation=organisation)
        lead_reports = YearReport.objects.submitted().filter(plan__organisation=organisation)
        co_owner_reports = YearReport.objects.submitted().filter(
            plan__co_owners__organisation=organisation, plan__co_owners__status=OwnerStatus.ACCEPTED
        )
        if edition is not None:
            self.as_lead = self.as_lead.filter(Q(edition=edition) | Q(edition__isnull=True))
            self.as_co_owner = self.as_co_owner.filter(Q(plan__edition=edition) | Q(plan__edition__isnull=True))
            lead_reports = lead_reports.filter(Q(plan__edition=edition) | Q(plan__edition__isnull=True))
            co_owner_reports = co_owner_reports.filter(Q(plan__edition=edition) | Q(plan__edition__isnull=True))
        self._reports = (lead_reports, co_owner_reports)

    def exist(self, statuses=None) -> Q:
        """True when the organisation owns such a plan whose status for it is in `statuses` (any status by
        default); for a co-owner that is the plan's status once it adopted the plan, a draft before."""
        as_lead, as_co_owner = self.as_lead, self.as_co_owner
        if statuses is not None:
            as_lead = as_lead.filter(status__in=statuses)
            adopted = Q(adopted_on__isnull=False, plan__status__in=statuses)
            as_co_owner = as_co_owner.filter(
                adopted | Q(adopted_on__isnull=True) if PlanStatus.DRAFT in statuses else adopted
            )
        return Q(Exists(as_lead)) | Q(Exists(as_co_owner))

    def reported(self, year) -> Q:
        """True when a submitted report on `year` (a value or an OuterRef) of such a plan exists."""
        return Q(*(Exists(reports.filter(year=year)) for reports in self._reports), _connector=Q.OR)

    def latest_report_year(self):
        """The latest year of a submitted report of such a plan, or None."""
        latest = [Subquery(reports.order_by("-year").values("year")[:1]) for reports in self._reports]
        return Greatest(*latest, output_field=models.PositiveSmallIntegerField())


def owner_targets_of_goal():
    """Per goal, its targets per owner as a list of {"code", "name", "value"} (by owner name), in the goal's own
    query."""
    targets = (
        OwnerTarget.objects.filter(goal=OuterRef("pk"))
        .order_by("organisation__name")
        .values(json=JSONObject(code="organisation__code", name="organisation__name", value="target_value"))
    )
    return ArraySubquery(targets)


def co_owners_of_plan(plan_field: str = "pk", status: str = OwnerStatus.ACCEPTED):
    """The plan's accepted co-owners as a list of {"code", "name", "adopted_on", "adopted_by"} (by name), in the
    query of the plan (`plan_field` "pk") or of a row that points at it (for a goal: "plan"): no query per plan.
    `status` REQUESTED gives the requests still open instead (adopted_on then always null).
    """
    owners = (
        PlanOwner.objects.filter(status=status)
        .filter(plan=OuterRef(plan_field))
        .order_by("organisation__name")
        .values(
            json=JSONObject(
                code="organisation__code",
                name="organisation__name",
                adopted_on="adopted_on",
                adopted_by="adopted_by",
            )
        )
    )
    return ArraySubquery(owners)


class OwnerRole(models.TextChoices):
    """How an organisation stands to a plan in its exports; the values are those of the open data, the labels
    those of the plan's page."""

    LEAD = "lead", _("Lead")
    CO_OWNER = "co-owner", _("Co-owner")
    REQUESTED = "requested", _("Asked, has not answered yet")


@dataclass(frozen=True)
class OwnerEntry:
    """One owner of a plan (or an organisation asked to be one) as every export writes it."""

    code: str
    name: str
    role: OwnerRole
    adopted_on: datetime.date | None
    adopted_by: str


@dataclass(frozen=True)
class OwnerTargetEntry:
    """One owner's target for a goal with a target per owner."""

    code: str
    name: str
    target_value: Decimal | None


def co_owner_entries(rows: list[dict], role: OwnerRole = OwnerRole.CO_OWNER) -> list[OwnerEntry]:
    """The rows of `co_owners_of_plan()` (JSON: dates as text) as entries, in their order (by name)."""
    return [
        OwnerEntry(
            code=row["code"],
            name=row["name"],
            role=role,
            adopted_on=datetime.date.fromisoformat(row["adopted_on"]) if row["adopted_on"] else None,
            adopted_by=row["adopted_by"] or "",
        )
        for row in rows
    ]


def owner_entries(plan: ActionPlan, co_owner_rows: list[dict]) -> list[OwnerEntry]:
    """Whose plan it is, for the open data and the plan's own exports: the lead first, with its adoption by the
    rule of `adoption_of`, then the accepted co-owners (`co_owner_rows`, from `co_owners_of_plan()`)."""
    adopted_on = adoption_of(plan, plan.organisation_id)
    lead = OwnerEntry(
        code=plan.organisation.code,
        name=plan.organisation.name,
        role=OwnerRole.LEAD,
        adopted_on=adopted_on,
        adopted_by=plan.adopted_by if adopted_on else "",
    )
    return [lead, *co_owner_entries(co_owner_rows)]


def goal_target_entries(goal: "Goal") -> list[OwnerTargetEntry] | None:
    """The targets per owner of a goal (`goal.owner_target_list`, from `owner_targets_of_goal()`), by owner name;
    None for a goal with one shared target."""
    if not goal.targets_per_owner:
        return None
    return [
        OwnerTargetEntry(
            code=target["code"],
            name=target["name"],
            # JSON gives a float: read back through its text, 55.5 stays Decimal("55.5")
            target_value=None if target["value"] is None else Decimal(str(target["value"])),
        )
        for target in goal.owner_target_list
    ]


class GoalQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate the progress figures of each goal's actions (see `progress_aggregates`)."""
        return self.annotate(**progress_aggregates("actions__"))


class Goal(models.Model):
    """A SMART goal of a plan, under one theme."""

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="goals")
    theme = models.ForeignKey("guidance.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("SMART description"),
        blank=True,
        help_text=_("Specific, measurable, acceptable, realistic and time-bound: what changes, by how much, by when."),
    )
    indicator = models.CharField(
        _("indicator"),
        max_length=200,
        blank=True,
        help_text=_("What you measure, for example the share of tenders with climate criteria."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example %, tonnes CO2 or euro."))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    common_indicator = models.ForeignKey(
        "actionplans.CommonIndicator",
        verbose_name=_("common indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        help_text=_(
            "One of the national indicators of the goal's theme, with a fixed definition and unit, so the "
            "monitor can add your figures to those of others. Or leave it empty and describe your own indicator."
        ),
    )
    targets_per_owner = models.BooleanField(
        _("a target per owner"),
        default=False,
        help_text=_(
            "In a joint plan: each owner sets its own target value for this goal instead of one shared target."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(baseline_year__isnull=True)
                | Q(target_year__gte=F("baseline_year")),
                name="goal_target_year_not_before_baseline_year",
                violation_error_message=_("The target year cannot be before the baseline year."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(baseline_year__isnull=True) | Q(baseline_year__gte=FIRST_YEAR, baseline_year__lte=LAST_YEAR)
                )
                & (Q(target_year__isnull=True) | Q(target_year__gte=FIRST_YEAR, target_year__lte=LAST_YEAR)),
                name="goal_years_in_range",
                violation_error_message=_("Years must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(unit=PERCENT)
                | (
                    (Q(baseline_value__isnull=True) | Q(baseline_value__lte=100))
                    & (Q(target_value__isnull=True) | Q(target_value__lte=100))
                ),
                name="goal_percentage_at_most_100",
                violation_error_message=_("A percentage cannot be more than 100."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="goal_version_positive"),
            models.CheckConstraint(
                condition=Q(common_indicator__isnull=True) | (Q(indicator="") & Q(unit="")),
                name="goal_common_or_own_indicator",
                violation_error_message=COMMON_OR_OWN_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["plan", "common_indicator"],
                condition=Q(common_indicator__isnull=False),
                name="goal_common_indicator_once_per_plan",
                violation_error_message=_("This plan already has a goal with this common indicator."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#goal-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("The target year cannot be before the baseline year.")
        if self.measure_unit == PERCENT:
            for field in ("baseline_value", "target_value"):
                if getattr(self, field) is not None and getattr(self, field) > 100:
                    errors[field] = _("A percentage cannot be more than 100.")
        errors.update(self.common_indicator_errors())
        if errors:
            raise ValidationError(errors)

    def common_indicator_errors(self) -> dict:
        """The rules of a goal with a common indicator, as messages per field (see `goal_common_or_own_indicator`)."""
        indicator = self.common_indicator
        if indicator is None:
            return {}
        errors = {}
        if self.indicator or self.unit:
            errors["common_indicator"] = COMMON_OR_OWN_MESSAGE
        if self.theme_id is not None and indicator.theme_id != self.theme_id:
            errors["common_indicator"] = _("Choose a common indicator of the goal's theme.")
        return errors

    @property
    def measure_name(self) -> str:
        """What the goal measures: the common indicator's name, or the goal's own indicator."""
        return self.common_indicator.display_name if self.common_indicator_id else self.indicator

    @property
    def measure_unit(self) -> str:
        return self.common_indicator.unit if self.common_indicator_id else self.unit


class ActionQuerySet(models.QuerySet):
    def counting(self):
        """The actions that count towards progress: all but the cancelled ones."""
        return self.exclude(status=ActionStatus.CANCELLED)

    def progress(self) -> int | None:
        """The progress of these actions together, in one query."""
        figures = self.aggregate(**progress_aggregates())
        return mean_progress(figures["progress_total"], figures["counting_count"])


class Action(models.Model):
    """A concrete action that serves a goal, with an owner, a period and its progress."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The role or department responsible, for example 'team Inkoop' or 'contractmanager'."),
    )
    owner_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A colleague in the portal who keeps this action up to date."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, help_text=_("A whole number from 0 to 100. A done action counts as 100.")
    )
    progress_note = models.CharField(
        _("explanation of the progress"),
        max_length=1000,
        blank=True,
        help_text=_("Optional, a sentence or two: what was achieved, or why the action is late."),
    )
    product_groups = models.ManyToManyField(
        "ProductGroup",
        verbose_name=_("product groups"),
        blank=True,
        related_name="actions",
        help_text=_("The product groups of the national MVI criteria this action concerns."),
    )
    ambition_level = models.CharField(
        _("criteria ambition level"),
        max_length=20,
        choices=AmbitionLevel.choices,
        blank=True,
        help_text=_(
            "The level of the national MVI criteria this action aims for: basic excludes the least sustainable "
            "offers, significant adds stricter requirements and award criteria, ambitious asks for innovation."
        ),
    )
    steering_level = models.CharField(_("steering level"), max_length=20, choices=SteeringLevel.choices, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["goal", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="action_progress_between_0_and_100",
                violation_error_message=_("Progress must lie between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(start_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="action_due_date_not_before_start_date",
                violation_error_message=_("The due date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="action_version_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.goal.plan.get_absolute_url()}#action-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.progress is not None and self.progress > 100:
            errors["progress"] = _("Progress must lie between 0 and 100.")
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def effective_progress(self) -> int:
        return effective_progress(self.status, self.progress)

    @property
    def counts_towards_progress(self) -> bool:
        return counts_towards_progress(self.status)

    @staticmethod
    def progress_of(actions: Iterable["Action"]) -> int | None:
        """The progress of these actions together (see the progress rule at the top of this module)."""
        return progress_of((action.status, action.progress) for action in actions)

    @cached_property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date
            and self.due_date < timezone.localdate()
            and self.status not in (ActionStatus.DONE, ActionStatus.CANCELLED)
        )

    @property
    def status_badge(self) -> str:
        return {
            ActionStatus.PLANNED: "info",
            ActionStatus.IN_PROGRESS: "warning",
            ActionStatus.DONE: "ok",
            ActionStatus.CANCELLED: "",
        }[self.status]


# --- showcases (voorbeeldacties) ----------------------------------------------------------------

MAX_SHOWCASES = 10  # per plan: positions 1 to 10, each taken once


class ShowcaseQuerySet(models.QuerySet):
    def public(self):
        """Showcases everybody sees: those of published plans."""
        return self.filter(plan__status=PlanStatus.PUBLISHED)

    def featured(self):
        return self.public().filter(is_featured=True)

    def for_listing(self):
        """With what the lists show (action, theme, organisation, province) in the same query."""
        return self.select_related("action__goal__theme", "plan__organisation__province", "plan__edition").order_by(
            "-is_featured", "plan__organisation__name", "plan_id", "position"
        )


class Showcase(models.Model):
    """An action of a published plan that its organisation holds up as an example, with what it achieved."""

    action = models.OneToOneField(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="showcase")
    # The action's plan, stored so that "one position per plan" can be a database rule.
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="showcases", editable=False
    )
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Where it stands among the plan's showcases: 1 to 10.")
    )
    result = models.TextField(
        _("result"),
        max_length=1000,
        help_text=_("What the action achieved, in a few sentences others can learn from."),
    )
    figure_value = models.DecimalField(
        _("figure"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional: one number that shows the result, for example 120."),
    )
    figure_unit = models.CharField(
        _("unit of the figure"),
        max_length=50,
        blank=True,
        help_text=_("For example tonnes CO2 less per year, or people at work."),
    )
    figures_text = models.CharField(
        _("figures in words"),
        max_length=200,
        blank=True,
        help_text=_("Optional: a short line with figures, for example 8 of 10 tenders with climate criteria."),
    )
    is_featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("Shown on the home page and on the page of its theme. Chosen by VNG editors."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ShowcaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="showcase_position_unique_per_plan",
                violation_error_message=_("Another showcase of this plan has this position already."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=MAX_SHOWCASES),
                name="showcase_position_between_1_and_10",
                violation_error_message=_("The position lies between 1 and 10."),
            ),
            models.CheckConstraint(
                condition=~Q(result=""),
                name="showcase_has_result",
                violation_error_message=_("Describe the result."),
            ),
            models.CheckConstraint(
                condition=Q(figure_unit="") | Q(figure_value__isnull=False),
                name="showcase_unit_has_figure",
                violation_error_message=_("A unit needs a figure."),
            ),
        ]
        indexes = [models.Index(fields=["is_featured", "plan"])]

    def __str__(self):
        return str(self.action)

    def get_absolute_url(self):
        return f"{self.plan.get_public_url()}#action-{self.action_id}"

    def clean(self):
        super().clean()
        errors = {}
        if not (self.result or "").strip():
            errors["result"] = _("Describe the result.")
        if self.position is not None and not 1 <= self.position <= MAX_SHOWCASES:
            errors["position"] = _("The position lies between 1 and 10.")
        if self.figure_unit and self.figure_value is None:
            errors["figure_value"] = _("A unit needs a figure.")
        if errors:
            raise ValidationError(errors)

    @property
    def theme(self):
        return self.action.goal.theme

    @property
    def organisation(self):
        return self.plan.organisation


# What people edit, per kind of object: the fields of the plan editor's forms and the only fields the
# update services accept (they refuse any other name, so a form field the service would drop cannot exist).
PLAN_FIELDS = [
    "title",
    "edition",
    "start_year",
    "end_year",
    "track",
    *(text_field for text_field, _html_field in PLAN_SECTIONS),
    "budget",
]
GOAL_FIELDS = [
    "theme",
    "title",
    "description",
    "common_indicator",
    "indicator",
    "unit",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
]
ACTION_FIELDS = [
    "goal",
    "title",
    "description",
    "owner",
    "owner_member",
    "start_date",
    "due_date",
    "status",
    "progress",
    "product_groups",
    "ambition_level",
    "steering_level",
]
# What monitoring records. An adopted or published plan keeps its content frozen, but the team keeps
# recording how far its actions have come, without taking it back to draft.
PROGRESS_FIELDS = ["status", "progress", "progress_note"]
# What a coordinator tells about an action held up as a showcase.
SHOWCASE_FIELDS = ["result", "figure_value", "figure_unit", "figures_text", "position"]


class ChangeKind(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    DELETED = "deleted", _("deleted")
    MOVED = "moved", _("moved")


class ObjectKind(models.TextChoices):
    PLAN = "plan", _("plan")
    GOAL = "goal", _("goal")
    ACTION = "action", _("action")
    SHOWCASE = "showcase", _("showcase")
    CO_OWNER = "co_owner", _("co-owner")


OBJECT_MODELS = {
    ObjectKind.PLAN: ActionPlan,
    ObjectKind.GOAL: Goal,
    ObjectKind.ACTION: Action,
    ObjectKind.SHOWCASE: Showcase,
    ObjectKind.CO_OWNER: PlanOwner,
}


class Change(models.Model):
    """One recorded change to a plan, goal or action: who, when, which object, which field, old and new."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    object_kind = models.CharField(_("object"), max_length=10, choices=ObjectKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    object_label = models.CharField(_("object title"), max_length=200)
    kind = models.CharField(_("kind of change"), max_length=10, choices=ChangeKind.choices)
    field = models.CharField(_("field"), max_length=60, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["plan", "-changed_at"])]

    def __str__(self):
        return f"{self.get_object_kind_display()} {self.object_label}: {self.get_kind_display()}"

    def _field(self):
        try:
            return OBJECT_MODELS[self.object_kind]._meta.get_field(self.field)
        except (KeyError, FieldDoesNotExist):
            return None

    def _display(self, value: str) -> str:
        field = self._field()
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return value

    @property
    def field_label(self) -> str:
        field = self._field() if self.field else None
        return field.verbose_name if field is not None else self.field

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)


# --- yearly reports ---------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    SUBMITTED = "ingediend", _("Submitted")


class YearReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=ReportStatus.SUBMITTED)


class YearReport(models.Model):
    """The yearly progress report of a plan: a draft while `data` is edited, a frozen snapshot once submitted.

    `data` holds what the coordinator entered (measured values, action statuses, narratives).
    `snapshot` is filled on submission with everything the report shows, copied from the plan, so
    later changes to the plan never change a submitted report.
    """

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    data = models.JSONField(_("entered data"), default=dict, blank=True)
    next_year = models.TextField(
        _("plans for next year"), blank=True, help_text=_("What you will do next year, in a few sentences.")
    )
    snapshot = models.JSONField(_("submitted report"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = YearReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="yearreport_one_per_plan_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="yearreport_year_in_range",
                violation_error_message=_("Years must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | (Q(snapshot__isnull=False) & Q(submitted_at__isnull=False)),
                name="yearreport_submitted_has_snapshot",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.plan} – {self.year}"

    def get_absolute_url(self):
        return reverse("actionplans:report_detail", kwargs={"uuid": self.plan.uuid, "year": self.year})

    def clean(self):
        super().clean()
        if self.year is not None and not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValidationError({"year": _("Years must lie between 2000 and 2100.")})

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    @property
    def status_badge(self) -> str:
        return "ok" if self.is_submitted else "info"


class ReportReminder(models.Model):
    """A reminder e-mail sent to an organisation about its missing yearly report; sent once per kind."""

    organisation = models.ForeignKey(
        "manifest.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "days_before"], name="reportreminder_once_per_organisation_year_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.year} ({self.days_before})"


class SignatoryReporting(Organisation):
    """Signatories of the current edition as the admin lists them: who has reported on a year and who has not."""

    class Meta:
        proxy = True
        verbose_name = _("signatory's yearly report")
        verbose_name_plural = _("signatories' yearly reports")
        ordering = ["name"]


# --- review by VNG ------------------------------------------------------------------------------
#
# A coordinator submits an adopted plan; VNG staff go through the checklist below and give feedback per
# item; a coordinator may reply once per item and then agrees, which completes the review. The live
# checklist on a draft plan's page (actionplans/checklist.py) checks the same items from the data.


class ReviewItem(models.TextChoices):
    """The checklist of a review, in the order staff go through it."""

    THEMES = "themas", _("Each theme is covered, or its absence explained")
    GOALS = "doelen", _("Every goal has an indicator, a baseline and a target, with years")
    ACTIONS = "acties", _("Every action has an owner, dates and a theme")
    SECTIONS = "onderdelen", _("The monitoring, communication and budget sections are filled in")
    ADOPTION = "vaststelling", _("Adopted by the college, with a date")


class ReviewStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Waiting for feedback")
    FEEDBACK = "teruggekoppeld", _("Feedback given")
    COMPLETED = "getoetst", _("Reviewed by VNG")


class FindingStatus(models.TextChoices):
    OK = "in_orde", _("In order")
    ATTENTION = "aandacht_nodig", _("Needs attention")


class PlanReviewQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ReviewStatus.COMPLETED)

    def completed(self):
        return self.filter(status=ReviewStatus.COMPLETED)


class PlanReview(models.Model):
    """One review of an adopted plan by VNG staff, from submission to the organisation's agreement."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="reviews"
    )
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED)
    adopted_on = models.DateField(
        _("adoption reviewed"),
        help_text=_("The plan's adoption date at submission: a plan adopted again later needs a new review."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feedback given by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlanReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=~Q(status=ReviewStatus.COMPLETED),
                name="planreview_one_open_per_plan",
                violation_error_message=_("This plan is already being reviewed."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.SUBMITTED) | Q(feedback_at__isnull=False),
                name="planreview_feedback_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.COMPLETED) | Q(completed_at__isnull=False),
                name="planreview_completed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.plan} – {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("actionplans:plan_review", kwargs={"uuid": self.plan.uuid})

    @property
    def is_open(self) -> bool:
        return self.status != ReviewStatus.COMPLETED

    @property
    def status_badge(self) -> str:
        return {ReviewStatus.SUBMITTED: "info", ReviewStatus.FEEDBACK: "warning", ReviewStatus.COMPLETED: "ok"}[
            self.status
        ]


class ReviewFinding(models.Model):
    """VNG's feedback on one checklist item of a review."""

    review = models.ForeignKey(
        PlanReview, verbose_name=_("plan review"), on_delete=models.CASCADE, related_name="findings"
    )
    item = models.CharField(_("checklist item"), max_length=20, choices=ReviewItem.choices)
    status = models.CharField(_("assessment"), max_length=20, choices=FindingStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review finding")
        verbose_name_plural = _("review findings")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="reviewfinding_one_per_item"),
            models.CheckConstraint(
                condition=Q(status=FindingStatus.OK) | ~Q(comment=""),
                name="reviewfinding_attention_has_comment",
                violation_error_message=_("Say what needs attention."),
            ),
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {self.get_status_display()}"

    @property
    def status_badge(self) -> str:
        return "ok" if self.status == FindingStatus.OK else "warning"


class ReviewReply(models.Model):
    """The organisation's one reply to one finding; the one-to-one link allows no second."""

    finding = models.OneToOneField(
        ReviewFinding, verbose_name=_("review finding"), on_delete=models.CASCADE, related_name="reply"
    )
    text = models.TextField(_("reply"))
    replied_at = models.DateTimeField(_("replied at"), default=timezone.now)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reply to a finding")
        verbose_name_plural = _("replies to findings")
        ordering = ["finding"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="reviewreply_not_empty")]

    def __str__(self):
        return str(self.finding)


# --- the ladder: plan deadlines, reminders and extensions (see actionplans/ladder.py) ------------------


class ExtensionSubject(models.TextChoices):
    PLAN = "actieplan", _("Action plan")
    REPORT = "jaarverslag", _("Yearly report")


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class DeadlineExtensionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=ExtensionStatus.REQUESTED)

    def approved(self):
        return self.filter(status=ExtensionStatus.APPROVED)


# An extension moves a due date by at most this much: a step put off further is a new plan, not more time.
LONGEST_EXTENSION = datetime.timedelta(days=365)


class DeadlineExtension(models.Model):
    """A signatory asks for more time for its action plan or for a yearly report; VNG staff decide.

    An approved extension moves the due date the ladder uses (actionplans/ladder.py).
    """

    organisation = models.ForeignKey(
        "manifest.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    edition = models.ForeignKey(
        "manifest.ManifestEdition", verbose_name=_("manifest edition"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("extension for"), max_length=20, choices=ExtensionSubject.choices)
    year = models.PositiveSmallIntegerField(
        _("report year"), null=True, blank=True, help_text=_("For a yearly report: the year it is about.")
    )
    due_on = models.DateField(_("due date when asked"), help_text=_("The due date that applied when it was asked."))
    new_date = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)

    objects = DeadlineExtensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-requested_at"]
        constraints = [
            # One extension per step, as the EU Covenant of Mayors allows: while one waits or after one
            # was granted, no other; after a refusal the coordinator may ask again.
            models.UniqueConstraint(
                fields=["organisation", "edition", "subject", "year"],
                condition=Q(status__in=[ExtensionStatus.REQUESTED, ExtensionStatus.APPROVED]),
                nulls_distinct=False,
                name="extension_one_per_step",
                violation_error_message=_("This step already has a request for more time, waiting or approved."),
            ),
            models.CheckConstraint(
                condition=(Q(subject=ExtensionSubject.PLAN) & Q(year__isnull=True))
                | (Q(subject=ExtensionSubject.REPORT) & Q(year__isnull=False)),
                name="extension_report_has_year",
            ),
            models.CheckConstraint(
                condition=Q(new_date__gt=F("due_on")),
                name="extension_after_due_date",
                violation_error_message=_("The new date must fall after the current due date."),
            ),
            models.CheckConstraint(
                condition=Q(new_date__lte=F("due_on") + LONGEST_EXTENSION),
                name="extension_at_most_a_year",
                violation_error_message=_("The new date can be at most a year after the current due date."),
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
            models.CheckConstraint(
                condition=~Q(status=ExtensionStatus.REFUSED) | ~Q(refusal_reason=""),
                name="extension_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ExtensionStatus.REQUESTED) | Q(decided_at__isnull=False),
                name="extension_decision_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.step_label}"

    @property
    def step_label(self) -> str:
        if self.subject == ExtensionSubject.REPORT:
            return _("yearly report on %(year)s") % {"year": self.year}
        return str(_("action plan"))

    @property
    def is_waiting(self) -> bool:
        return self.status == ExtensionStatus.REQUESTED

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Say why you need more time.")
        if self.new_date and self.due_on and self.new_date <= self.due_on:
            errors["new_date"] = _("The new date must fall after the current due date.")
        if self.new_date and self.due_on and self.new_date > self.due_on + LONGEST_EXTENSION:
            errors["new_date"] = _("The new date can be at most a year after the current due date.")
        if self.status == ExtensionStatus.REFUSED and not self.refusal_reason.strip():
            errors["refusal_reason"] = _("Give a reason; the coordinators receive it.")
        if errors:
            raise ValidationError(errors)


class PlanReminderKind(models.TextChoices):
    THIRTY_DAYS = "30-dagen", _("30 days before")
    SEVEN_DAYS = "7-dagen", _("7 days before")
    OVERDUE = "verlopen", _("Overdue")


class PlanReminder(models.Model):
    """A reminder e-mail about an action plan that is due or overdue; sent once per kind and due date."""

    organisation = models.ForeignKey(
        "manifest.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    edition = models.ForeignKey(
        "manifest.ManifestEdition", verbose_name=_("manifest edition"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlanReminderKind.choices)
    due_on = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("action plan reminder")
        verbose_name_plural = _("action plan reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "edition", "kind", "due_on"], name="planreminder_once_per_due_date_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_kind_display()} ({self.due_on:%Y-%m-%d})"


# --- common indicators ------------------------------------------------------------------------
#
# VNG staff keep a national set of indicators per theme. A goal that uses one takes over its definition
# and unit, and the values reported on it add up across organisations in the monitor
# (actionplans/indicator_monitor.py).


class IndicatorUnit(models.TextChoices):
    PERCENT = PERCENT, _("% (percentage)")
    TONNES_CO2 = "t CO2-eq", _("t CO2-eq (tonnes of CO2 equivalent)")
    FTE = "fte", _("FTE (full-time jobs)")
    EURO = "euro", _("euro")
    NUMBER = "aantal", _("number")


class IndicatorDirection(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class IndicatorAggregation(models.TextChoices):
    SUM = "sum", _("Sum of the organisations' values")
    MEDIAN = "median", _("Median of the organisations' values")


class CommonIndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CommonIndicator(models.Model):
    """A national indicator of one theme: the same definition and unit for every organisation that uses it."""

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A stable identifier for the open data; do not change it once organisations report on it."),
    )
    theme = models.ForeignKey(
        "guidance.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="common_indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    definition = models.TextField(_("definition"), help_text=_("What exactly is counted, in plain words."))
    definition_en = models.TextField(_("definition (English)"), blank=True)
    measurement = models.TextField(
        _("how to measure"), help_text=_("Where the figures come from and how to work out the value for a year.")
    )
    measurement_en = models.TextField(_("how to measure (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=IndicatorUnit.choices)
    direction = models.CharField(_("desired direction"), max_length=10, choices=IndicatorDirection.choices)
    aggregation = models.CharField(
        _("how it adds up"),
        max_length=10,
        choices=IndicatorAggregation.choices,
        help_text=_("Amounts (tonnes, FTE, euro) add up; shares do not: percentages take the median."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active indicators can be chosen for new goals.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CommonIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("common indicator")
        verbose_name_plural = _("common indicators")
        ordering = ["theme__order", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit=PERCENT) | Q(aggregation=IndicatorAggregation.MEDIAN),
                name="commonindicator_percentage_not_summed",
                violation_error_message=_("Percentages cannot be summed: choose the median."),
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.unit})"

    def clean(self):
        super().clean()
        if self.unit == PERCENT and self.aggregation == IndicatorAggregation.SUM:
            raise ValidationError({"aggregation": _("Percentages cannot be summed: choose the median.")})

    @property
    def display_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name

    @property
    def display_definition(self) -> str:
        return self.definition_en if _english() and self.definition_en else self.definition

    @property
    def display_measurement(self) -> str:
        return self.measurement_en if _english() and self.measurement_en else self.measurement

    @property
    def is_percentage(self) -> bool:
        return self.unit == PERCENT


def _english() -> bool:
    return (get_language() or "").startswith("en")


class ReportedIndicatorValue(models.Model):
    """The value of a common indicator in a submitted yearly report, kept apart so the monitor can add them up.

    Written by `report_submit` from the report's snapshot, which stays the record of what was reported;
    one value per organisation, indicator and year, so an organisation with two plans over the same year
    counts once (the report submitted last gives the value).
    """

    report = models.ForeignKey(
        YearReport, verbose_name=_("yearly report"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        CommonIndicator, verbose_name=_("common indicator"), on_delete=models.PROTECT, related_name="values"
    )
    organisation = models.ForeignKey(
        "manifest.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("reported indicator value")
        verbose_name_plural = _("reported indicator values")
        ordering = ["indicator", "year", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "indicator", "year"], name="reportedindicatorvalue_once_per_organisation_year"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="reportedindicatorvalue_not_negative"),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self):
        return f"{self.indicator} – {self.organisation} – {self.year}: {self.value}"


# --- product groups and tenders -----------------------------------------------------------------
#
# The national MVI criteria are organised by product group (in clusters) and three ambition levels.
# Actions name the groups they concern and the level they aim for; yearly reports record, per group,
# the tenders awarded that year and the level applied. The monitor sets the two side by side.

# A TenderNed publication number (kenmerk) as it appears in the address of a notice: digits only.
TENDERNED_NUMBER_PATTERN = r"^[0-9]{4,9}$"


class ProductGroupQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("cluster", "order", "name")


class ProductGroup(models.Model):
    """A product group of the national MVI criteria, kept by VNG staff in the admin."""

    cluster = models.CharField(
        _("cluster"),
        max_length=200,
        blank=True,
        help_text=_("The product cluster the group belongs to, for example Kantoorfaciliteiten en diensten."),
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Used in the open data."))
    criteria_url = models.URLField(
        _("criteria page"), blank=True, help_text=_("The page with this group's criteria in the MVI criteria tool.")
    )
    to_check = models.BooleanField(
        _("to check"),
        default=False,
        help_text=_("Tick while the name or cluster has not been checked against the criteria tool."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ProductGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        ordering = ["cluster", "order", "name"]

    def __str__(self):
        return self.name


class ReportTender(models.Model):
    """Tenders of one product group awarded in the year of a report, at one ambition level, for one theme."""

    report = models.ForeignKey(
        YearReport, verbose_name=_("yearly report"), on_delete=models.CASCADE, related_name="tenders"
    )
    product_group = models.ForeignKey(
        ProductGroup, verbose_name=_("product group"), on_delete=models.PROTECT, related_name="tenders"
    )
    theme = models.ForeignKey("guidance.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+")
    ambition_level = models.CharField(_("ambition level applied"), max_length=20, choices=AmbitionLevel.choices)
    tender_count = models.PositiveIntegerField(_("number of tenders"))
    contract_value = models.DecimalField(_("contract value (euro)"), max_digits=14, decimal_places=2)
    tenderned_number = models.CharField(
        _("TenderNed publication number"),
        max_length=9,
        blank=True,
        help_text=_("Optional: the number of one of these tenders on TenderNed, 4 to 9 digits, for example 312345."),
    )

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["report", "product_group__cluster", "product_group__name", "theme", "ambition_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "product_group", "theme", "ambition_level"],
                name="reporttender_one_row_per_group_theme_level",
                violation_error_message=_("This product group, theme and level already have a row in this report."),
            ),
            models.CheckConstraint(
                condition=Q(tender_count__gte=1),
                name="reporttender_count_at_least_one",
                violation_error_message=_("The number of tenders must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(contract_value__gte=0),
                name="reporttender_value_not_negative",
                violation_error_message=_("The contract value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(tenderned_number="") | Q(tenderned_number__regex=TENDERNED_NUMBER_PATTERN),
                name="reporttender_tenderned_number_format",
                violation_error_message=_("A TenderNed publication number has 4 to 9 digits and nothing else."),
            ),
        ]

    def __str__(self):
        return f"{self.product_group} ({self.get_ambition_level_display()}): {self.tender_count}"

    def clean(self):
        super().clean()
        errors = {}
        if self.tender_count is not None and self.tender_count < 1:
            errors["tender_count"] = _("The number of tenders must be at least 1.")
        if self.contract_value is not None and self.contract_value < 0:
            errors["contract_value"] = _("The contract value cannot be negative.")
        if self.tenderned_number and not re.fullmatch(TENDERNED_NUMBER_PATTERN, self.tenderned_number):
            errors["tenderned_number"] = _("A TenderNed publication number has 4 to 9 digits and nothing else.")
        if errors:
            raise ValidationError(errors)


class OwnerTarget(models.Model):
    """The target value of one owner (the lead or an accepted co-owner) for a goal with a target per owner."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="owner_targets")
    organisation = models.ForeignKey(
        "manifest.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("target per owner")
        verbose_name_plural = _("targets per owner")
        ordering = ["goal", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "organisation"],
                name="ownertarget_once_per_goal_and_owner",
                violation_error_message=_("This owner already has a target for this goal."),
            ),
        ]

    def __str__(self):
        return f"{self.goal}: {self.organisation}"
