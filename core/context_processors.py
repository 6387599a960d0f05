from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import gettext_lazy as _

# The main navigation, in order; a section appears once its app provides the URL.
MAIN_NAVIGATION = [
    ("guidance:index", _("Knowledge base")),
    ("guidance:resource_list", _("Tools")),
    ("manifest:index", _("Manifest")),
    ("actionplans:index", _("Action plans")),
    ("manifest:organisation_list", _("Organisations")),
    ("monitor:index", _("Monitor")),
]
# Sections whose own page is for logged-in people: anonymous visitors get the public page instead of a login.
ANONYMOUS_NAVIGATION = {"actionplans:index": "actionplans:published_list"}


def _navigation(request) -> list[tuple[str, str, bool]]:
    user = getattr(request, "user", None)  # missing on a page rendered before authentication ran
    anonymous = user is None or not user.is_authenticated
    path = request.path
    items = []
    for url_name, label in MAIN_NAVIGATION:
        if anonymous:
            url_name = ANONYMOUS_NAVIGATION.get(url_name, url_name)
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append((url, label, path.startswith(url)))
    return items


def portal(request):
    """Values every template may show: contact address, navigation and the page in each language."""
    return {
        "VNG_CONTACT_EMAIL": settings.VNG_CONTACT_EMAIL,
        "SITE_URL": settings.SITE_URL,
        # Called only by a page that shows the menu: the error pages, which must render while the
        # database is down, never read the user.
        "main_navigation": lambda: _navigation(request),
        "language_urls": [
            (code, name, translate_url(request.get_full_path(), code)) for code, name in settings.LANGUAGES
        ],
    }
