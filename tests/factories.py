"""Factories for every model the tests need; one place, shared by all apps' tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

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


# --- Action plans ---------------------------------------------------------------------------------


def theme(slug: str = "klimaat"):
    """One of the six themes the guidance migration creates."""
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
