""" "My portal" says, for each organisation the person acts for, where it stands on the ladder and, while its
action plan is still to come, by when it is due (extensions included). One query, however many
organisations; the organisation page lists every due date, the yearly reports' too.
"""

from actionplans.ladder import annotate_stage
from manifest.models import Signature


def due_dates_section(request, memberships) -> dict | None:
    """The current edition's signatures of the person's organisations, with stage and plan due date; None
    when none of them has signed it."""
    organisations = [membership.organisation for membership in memberships if membership.is_verified]
    if not organisations:
        return None
    signatures = list(
        annotate_stage(Signature.objects.public().filter(edition__is_current=True, organisation__in=organisations))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return {"signatures": signatures} if signatures else None


def add_due_dates_to_dashboard() -> None:
    from accounts.dashboard import add_dashboard_section

    add_dashboard_section(template="actionplans/includes/dashboard_due_dates.html", context=due_dates_section)
