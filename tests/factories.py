"""Factories for every model the tests need; one place, shared by all apps' tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from guidance.models import GuidancePage, PageStatus, Resource, ResourceKind, ResourcePublisher, Section
from manifest.models import (
    EmailDomain,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)

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

    kind = OrganisationKind.GEMEENTE
    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    code = factory.Sequence(lambda n: f"gm9{n:03d}")
    cbs_code = factory.LazyAttribute(lambda o: o.code.upper() if o.kind == OrganisationKind.GEMEENTE else "")


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
