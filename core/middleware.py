from django.conf import settings


def permissions_policy(get_response):
    """Add a Permissions-Policy header that switches off browser features the portal never uses."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
