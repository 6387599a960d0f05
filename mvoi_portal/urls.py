from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from actionplans import journey_views
from actionplans.sitemaps import SITEMAPS as ACTIONPLANS_SITEMAPS
from core import opendata_views, views
from core.sitemaps import OpenDataSitemap
from guidance import views as guidance_views
from guidance.sitemaps import SITEMAPS as GUIDANCE_SITEMAPS
from manifest import opendata
from manifest.sitemaps import SITEMAPS as MANIFEST_SITEMAPS

admin.site.site_header = _("MVOI portal administration")
admin.site.site_title = _("MVOI portal administration")
admin.site.index_title = _("VNG editors and staff")

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("robots.txt", guidance_views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**GUIDANCE_SITEMAPS, **MANIFEST_SITEMAPS, **ACTIONPLANS_SITEMAPS, "open-data": OpenDataSitemap}},
        name="sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", guidance_views.home, name="home"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "privacy/",
        TemplateView.as_view(
            template_name="pages/privacy.html",
            extra_context={"public_fields": opendata.PUBLIC_FIELDS, "private_fields": opendata.PRIVATE_FIELDS},
        ),
        name="privacy",
    ),
    path("aan-de-slag/", journey_views.getting_started, name="getting_started"),
    path("open-data/", opendata_views.open_data, name="open_data"),
    path("open-data/catalogus.jsonld", opendata_views.open_data_catalogue, name="open_data_catalogue"),
    path("open-data/<slug:identifier>/", opendata_views.open_data_dataset, name="open_data_dataset"),
    path("account/", include("allauth.urls")),
    path("mijn-omgeving/", include("accounts.urls")),
    path("", include("manifest.urls")),
    path("", include("actionplans.ladder_urls")),
    path("actieplannen/", include("actionplans.urls")),
    path("monitor/", include("actionplans.monitor_urls")),
    path("voorbeelden/", include("actionplans.showcase_urls")),
    path("", include("guidance.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
