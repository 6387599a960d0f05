from core.sitemaps import LocalisedSitemap, NamedPagesSitemap
from manifest.models import ManifestEdition, Organisation


class ManifestPagesSitemap(NamedPagesSitemap):
    changefreq = "daily"
    url_names = ["manifest:index", "manifest:register", "manifest:open_data", "manifest:organisation_list"]


class EarlierEditionSitemap(LocalisedSitemap):
    changefreq = "yearly"

    def items(self):
        return ManifestEdition.objects.filter(is_current=False).order_by("start_year")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return Organisation.objects.active().order_by("code")


SITEMAPS = {
    "manifest": ManifestPagesSitemap,
    "editions": EarlierEditionSitemap,
    "organisations": OrganisationSitemap,
}
