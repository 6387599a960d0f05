from core.sitemaps import LocalisedSitemap, NamedPagesSitemap
from guidance.models import GuidancePage, Theme
from guidance.services import scheduled_changes_publish_due


class StaticPagesSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    url_names = ["home", "guidance:index", "guidance:theme_list", "guidance:resource_list", "guidance:contact"]


class GuidancePageSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        scheduled_changes_publish_due()
        return GuidancePage.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ThemeSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return Theme.objects.all()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "guidance": GuidancePageSitemap, "themes": ThemeSitemap}
