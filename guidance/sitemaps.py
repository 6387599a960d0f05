from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guidance.models import GuidancePage, Theme


class _Localised(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_Localised):
    changefreq = "weekly"

    def items(self):
        return ["home", "guidance:index", "guidance:resource_list", "guidance:contact"]

    def location(self, item):
        return reverse(item)


class GuidancePageSitemap(_Localised):
    changefreq = "monthly"

    def items(self):
        return GuidancePage.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ThemeSitemap(_Localised):
    changefreq = "monthly"

    def items(self):
        return Theme.objects.all()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "guidance": GuidancePageSitemap, "themes": ThemeSitemap}
