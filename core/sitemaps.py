"""Base classes for the sitemaps: each app lists its public pages, in Dutch and English."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class LocalisedSitemap(Sitemap):
    """Every page in both languages, with hreflang alternates and x-default (the Dutch page)."""

    i18n = True
    alternates = True
    x_default = True


class NamedPagesSitemap(LocalisedSitemap):
    """Pages without an object of their own, by URL name."""

    url_names: list[str] = []

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
