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


class OpenDataSitemap(LocalisedSitemap):
    """The open-data catalogue and the page of every dataset in it."""

    changefreq = "daily"

    def items(self):
        from core.opendata import datasets

        return [None, *(dataset.identifier for dataset in datasets())]

    def location(self, item):
        if item is None:
            return reverse("open_data")
        return reverse("open_data_dataset", kwargs={"identifier": item})
