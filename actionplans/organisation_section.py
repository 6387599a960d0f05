"""The organisation page (in manifest) shows the organisation's published action plans, joint plans included."""

from actionplans.cache import DEADLINES, PLANS
from manifest.organisation_page import add_organisation_section


def published_plans_context(organisation, request) -> dict:
    from actionplans.models import ActionPlan, adoption_of, plan_owners

    plans = list(
        ActionPlan.objects.published()
        .owned_by(organisation)
        .select_related("organisation")
        .with_owners()
        .order_by("-start_year")
    )
    for plan in plans:  # a joint plan names its owners, each with its own adoption (or its absence)
        plan.owners = [{"organisation": owner, "adopted_on": adoption_of(plan, owner)} for owner in plan_owners(plan)]
    return {"organisation": organisation, "plans": plans}


def add_plans_to_organisation_page() -> None:
    add_organisation_section(
        template="actionplans/includes/organisation_plans.html", context=published_plans_context, kind=PLANS
    )


def deadlines_context(organisation, request) -> dict:
    """For the organisation's own members: what is due when, and the way to ask for more time."""
    from actionplans.ladder_services import current_signature, open_steps
    from actionplans.models import DeadlineExtension
    from manifest.permissions import is_coordinator, is_member

    user = request.user
    if not is_member(user, organisation):
        return {}
    signature = current_signature(organisation)
    return {
        "organisation": organisation,
        "signature": signature,
        "steps": open_steps(signature) if signature is not None else [],
        "waiting": list(DeadlineExtension.objects.waiting().filter(organisation=organisation)),
        "is_coordinator": is_coordinator(user, organisation),
    }


def add_deadlines_to_organisation_page() -> None:
    add_organisation_section(
        template="actionplans/includes/organisation_deadlines.html", context=deadlines_context, kind=DEADLINES
    )
