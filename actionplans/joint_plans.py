"""Joint plans on "My portal": what the coordinators of an asked or accepted co-owner have to do.

One query, however many plans: requests to answer, and joint plans the lead has adopted that the
co-owner has not yet adopted itself.
"""

from django.db.models import Q

from actionplans.models import OwnerStatus, PlanOwner, PlanStatus
from manifest.models import Membership


def co_owner_tasks(user) -> list[PlanOwner]:
    if not user.is_authenticated or not user.is_active:
        return []
    coordinated = Membership.objects.coordinators().filter(user=user).values("organisation")
    to_adopt = Q(
        status=OwnerStatus.ACCEPTED,
        adopted_on__isnull=True,
        plan__status__in=[PlanStatus.ADOPTED, PlanStatus.PUBLISHED],
    )
    return list(
        PlanOwner.objects.filter(organisation__in=coordinated, organisation__is_active=True)
        .filter(Q(status=OwnerStatus.REQUESTED) | to_adopt)
        .select_related("plan__organisation", "organisation")
        .order_by("organisation__name", "requested_at")
    )


def co_owner_section(request, memberships) -> dict | None:
    tasks = co_owner_tasks(request.user)
    if not tasks:
        return None
    return {"tasks": tasks}


def add_co_owner_tasks_to_dashboard() -> None:
    from accounts.dashboard import add_dashboard_section

    add_dashboard_section(template="actionplans/includes/co_owner_tasks.html", context=co_owner_section)
