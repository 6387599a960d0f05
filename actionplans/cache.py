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


def _next_midnight() -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time())
    )


# Where signatories stand on the ladder (actionplans/ladder.py) changes by itself when a due date passes.
# Pages that show it take a new version of DEADLINES every midnight rather than at the next due date:
# due dates come from signatures, editions, report deadlines and extensions, each changed by another
# service and each able to bring the next due date nearer, and a daily boundary stays right whichever
# changes, at the price of rendering those pages once more a day. Extension decisions mark it too.
DEADLINES = ContentKind("deadlines", next_change=_next_midnight)
# The national set of common indicators (names, definitions, units): the indicator monitor shows them.
INDICATORS = ContentKind("indicators")
# The list of product groups VNG staff keep in the admin: the monitor of product groups and the plan
# pages name them.
PRODUCT_GROUPS = ContentKind("product_groups")
