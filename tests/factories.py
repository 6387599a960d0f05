"""Factories for every model the tests need; one place, shared by all apps' tests."""

from datetime import date

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from guidance.models import GuidancePage, PageStatus, Resource, ResourceKind, ResourcePublisher, Section
from guidance.services import search_words_refresh
from manifest.models import (
    BodyKind,
    CooperationMember,
    EmailDomain,
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Signature,
    SignatureStatus,
)
from manifest.reference import load_reference_data as load_manifest_reference_data

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is verified, as after following the link in allauth's e-mail."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": extracted is not False, "primary": True}
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    code = factory.Sequence(lambda n: f"gm{9000 + n % 1000}")  # unique within a test; CBS codes have 6 characters
    cbs_code = factory.LazyAttribute(lambda o: o.code.upper() if o.kind == OrganisationKind.MUNICIPALITY else "")


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"gemeente{n}.nl")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.VERIFIED


# --- Two-factor authentication ------------------------------------------------------------

# A fixed authenticator secret (base32), so a test can compute the code an authenticator app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp_authenticator(user, secret: str = TOTP_SECRET):
    """Give `user` an authenticator app (TOTP) with a known secret, as after scanning the QR code."""
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code the authenticator app shows now, computed with allauth's own TOTP functions.

    Waits for the next period when the current one is about to end, so the code is still
    valid when the form is submitted. allauth accepts each code only once per period.
    """
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def current_edition() -> ManifestEdition:
    """The 2022-2025 edition the migration creates, open for signing.

    Transactional tests (browser, concurrency) flush the database afterwards, data migrations included;
    the next one gets the edition back from its content file (manifest/content/editions/).
    """
    edition = ManifestEdition.objects.filter(slug="2022-2025").first()
    if edition is None:
        load_manifest_reference_data()
        edition = ManifestEdition.objects.get(slug="2022-2025")
    return edition


class ManifestEditionFactory(factory.django.DjangoModelFactory):
    """An earlier, closed edition; the current one comes from the migration (see current_edition)."""

    class Meta:
        model = ManifestEdition
        django_get_or_create = ("slug",)

    title = "Manifest MVI 2016-2020"
    slug = "2016-2020"
    start_year = 2016
    end_year = 2020
    text = "De tekst van het **manifest**."
    commitments = "Een actieplan maken.\nMonitoren.\nRapporteren."
    signing_opens = date(2016, 1, 1)
    signing_closes = date(2020, 12, 31)
    is_current = False


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature verified by the VNG, so it shows in the register."""

    class Meta:
        model = Signature

    organisation = factory.SubFactory(OrganisationFactory)
    edition = factory.LazyFunction(current_edition)
    status = SignatureStatus.SIGNED
    # Names without apostrophes ("van 't Hof"), which pages escape: tests look for the name as typed.
    signatory_name = factory.Iterator(["Anna de Vries", "Jan Jansen", "Fatima el Amrani", "Pieter van Dijk"])
    signatory_role = "wethouder duurzaamheid"
    contact_name = "Carla Contactpersoon"
    contact_email = factory.Sequence(lambda n: f"contact{n}@geheim.example")
    contact_phone = "030 123 45 67"
    authority_confirmed = True
    publication_consent = True
    submitted_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyAttribute(lambda s: timezone.now() if s.status != SignatureStatus.SUBMITTED else None)


# --- Action plans ---------------------------------------------------------------------------------


def theme(slug: str = "klimaat"):
    """One of the six themes the guidance migration creates (guidance/content/themes.toml)."""
    from guidance.models import Theme

    return Theme.objects.get(slug=slug)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.ActionPlan"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Actieplan MVOI {n}")
    start_year = 2026
    end_year = 2029
    occasion = "Het **manifest** is ondertekend."


class ProductGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.ProductGroup"
        django_get_or_create = ["slug"]

    cluster = "Kantoorfaciliteiten en diensten"
    name = factory.Sequence(lambda n: f"Productgroep {n}")
    slug = factory.LazyAttribute(lambda group: slugify(group.name))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.Goal"

    plan = factory.SubFactory(ActionPlanFactory)
    theme = factory.LazyFunction(theme)
    title = factory.Sequence(lambda n: f"Doel {n}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.Action"

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    owner = "Team Inkoop"
    order = factory.Sequence(lambda n: n)


# --- Knowledge base (guidance) ------------------------------------------------------------


class GuidancePageFactory(factory.django.DjangoModelFactory):
    """A published guidance page in the first section; saved like an editor would (markdown rendered)."""

    class Meta:
        model = GuidancePage
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Vraag {n} over inkoop")
    slug = factory.Sequence(lambda n: f"vraag-{n}")
    summary = "Een korte samenvatting."
    body = "Een tekst over maatschappelijk verantwoord opdrachtgeven."
    section = factory.LazyFunction(lambda: Section.objects.order_by("order").first())
    status = PageStatus.PUBLISHED

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        if create and extracted:
            page.themes.set(extracted)

    @factory.post_generation
    def search_words(page, create, extracted, **kwargs):
        if create:  # as every save through the services does
            search_words_refresh()


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hulpmiddel {n}")
    description = "Een hulpmiddel voor inkopers."
    url = "https://www.pianoo.nl/"
    publisher = ResourcePublisher.PIANOO
    kind = ResourceKind.TOOL

    @factory.post_generation
    def themes(resource, create, extracted, **kwargs):
        if create and extracted:
            resource.themes.set(extracted)


# --- Yearly reports and the monitor ---------------------------------------------------------------


class ReportingDeadlineFactory(factory.django.DjangoModelFactory):
    """The day by which signatories of the current edition report on a year."""

    class Meta:
        model = "manifest.ReportingDeadline"
        django_get_or_create = ("edition", "year")

    edition = factory.LazyFunction(current_edition)
    year = 2026
    deadline = date(2027, 3, 31)


def submitted_report(
    plan, year: int, *, user=None, values: dict | None = None, next_year: str = "", on=None, tenders=None
):
    """A report on `year`, entered and submitted through the services as a coordinator would.

    `values` maps goals to their measured value. The coordinator acts `on` a day after the year has
    ended (by default 15 January of the next year), whatever the date the test runs.
    """
    from actionplans import report_services

    on = on or date(year + 1, 1, 15)
    report_services.report_save_draft(
        plan=plan,
        year=year,
        user=user,
        data={"goals": {str(goal.pk): value for goal, value in (values or {}).items()}},
        next_year=next_year,
        today=on,
        tenders=tenders,
    )
    return report_services.report_submit(plan=plan, year=year, user=user, today=on)


def publish_plan(plan, user=None):
    """Adopt and publish a plan through the services, as its coordinator would."""
    from actionplans import services

    plan = services.plan_adopt(plan=plan, user=user, adopted_on=date(2026, 1, 15), adopted_by="College")
    return services.plan_publish(plan=plan, user=user)


# --- Reviews by VNG -------------------------------------------------------------------------------


def plan_review(plan, status: str = "ingediend", *, findings: dict | None = None):
    """A review of an adopted `plan` in `status`, written straight to the database (the services' steps
    are tested in tests/actionplans/test_review.py). After feedback every item is "in orde" unless
    `findings` gives {item: (status, comment)}."""
    from django.utils import timezone

    from actionplans.models import PlanReview, ReviewFinding, ReviewItem

    now = timezone.now()
    review = PlanReview.objects.create(
        plan=plan,
        status=status,
        adopted_on=plan.adopted_on,
        feedback_at=None if status == "ingediend" else now,
        completed_at=now if status == "getoetst" else None,
    )
    if status != "ingediend":
        findings = findings or {}
        ReviewFinding.objects.bulk_create(
            ReviewFinding(
                review=review,
                item=item,
                status=findings.get(item, ("in_orde", ""))[0],
                comment=findings.get(item, ("", ""))[1],
            )
            for item in ReviewItem.values
        )
    return review


class CooperativeBodyFactory(OrganisationFactory):
    kind = OrganisationKind.COOPERATIVE_BODY
    body_kind = BodyKind.PROCUREMENT_COOPERATION
    name = factory.Sequence(lambda n: f"Inkoopsamenwerking Test {n}")
    code = factory.Sequence(lambda n: f"samenwerking-{n}")


class CooperationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationMember

    body = factory.SubFactory(CooperativeBodyFactory)
    member = factory.SubFactory(OrganisationFactory)
    starts_on = date(2023, 1, 1)


# --- Joint plans ----------------------------------------------------------------------------------


def co_owner(plan, organisation, status: str = "geaccepteerd", *, adopted_on=None, adopted_by="College"):
    """`organisation` asked to own `plan` with its lead, through the services, and (by default) accepting.

    `status` "aangevraagd" leaves the request open, "afgewezen" declines it; `adopted_on` records the
    co-owner's own adoption (the plan must be adopted by its lead already).
    """
    from actionplans import owner_services

    owner = owner_services.owner_request(plan=plan, organisation=organisation, user=None)
    if status == "geaccepteerd":
        owner = owner_services.owner_accept(owner=owner, user=None)
    elif status == "afgewezen":
        owner = owner_services.owner_decline(owner=owner, user=None)
    if adopted_on is not None:
        owner = owner_services.owner_adopt(owner=owner, user=None, adopted_on=adopted_on, adopted_by=adopted_by)
    return owner
