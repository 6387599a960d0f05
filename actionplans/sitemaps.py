from actionplans.models import ActionPlan
from core.sitemaps import LocalisedSitemap, NamedPagesSitemap


class PlanPagesSitemap(NamedPagesSitemap):
    changefreq = "daily"
    url_names = ["getting_started", "actionplans:published_list", "monitor:index", "showcases:list"]


class PublishedPlanSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return ActionPlan.objects.published().order_by("pk")

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"plans": PlanPagesSitemap, "published-plans": PublishedPlanSitemap}
