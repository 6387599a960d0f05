"""The organisation page (in manifest) shows the organisation's published action plans."""

from actionplans.cache import PLANS
from manifest.organisation_page import add_organisation_section


def published_plans_context(organisation, request) -> dict:
    from actionplans.models import ActionPlan

    plans = ActionPlan.objects.published().filter(organisation=organisation).order_by("-start_year")
    return {"organisation": organisation, "plans": list(plans)}


def add_plans_to_organisation_page() -> None:
    add_organisation_section(
        template="actionplans/includes/organisation_plans.html", context=published_plans_context, kind=PLANS
    )
