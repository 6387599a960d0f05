from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def dashboard(request):
    """'My portal': the user's organisations and account settings."""
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})
