"""The action plans' kind of public content, for the page cache (core/page_cache.py).

PLANS is everything public about action plans: published plans, their goals and actions, reports and
the monitor's figures. The services in actionplans/services.py and report_services.py mark each change.
"""

import datetime

from django.db.models import Min
from django.utils import timezone

from core.page_cache import ContentKind


def _next_action_overdue() -> datetime.datetime | None:
    """Published plans mark open actions past their due date: the next midnight an action falls overdue."""
    from actionplans.models import Action, ActionStatus, PlanStatus

    due = (
        Action.objects.filter(goal__plan__status=PlanStatus.PUBLISHED, due_date__gte=timezone.localdate())
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .aggregate(first=Min("due_date"))["first"]
    )
    if due is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time()))


PLANS = ContentKind("plans", next_change=_next_action_overdue)

# The list of product groups VNG staff keep in the admin: the monitor of product groups and the plan
# pages name them.
PRODUCT_GROUPS = ContentKind("product_groups")
