from core.sitemaps import LocalisedSitemap, NamedPagesSitemap
from guidance.models import GuidancePage, Theme


class StaticPagesSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    url_names = ["home", "guidance:index", "guidance:theme_list", "guidance:resource_list", "guidance:contact"]


class GuidancePageSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
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
