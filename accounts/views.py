from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.staff import has_staff_powers, staff_code_url
from manifest.models import CoordinatorRequest


@login_required
@require_GET
def dashboard(request):
    """'My portal': the user's organisations, what they may do in each and how to get more; account settings."""
    waiting = CoordinatorRequest.objects.waiting().filter(membership=OuterRef("pk"))
    memberships = (
        request.user.memberships.select_related("organisation")
        .annotate(role_requested_at=Subquery(waiting.values("requested_at")[:1]))
        .order_by("organisation__name")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "is_vng_staff": has_staff_powers(request.user),
            "staff_code_url": staff_code_url(request),
        },
    )
