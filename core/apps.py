from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: the public page cache, sitemaps, markdown, the database helpers, demo loading."""

    default = True
    name = "core"
    verbose_name = _("Portal")

    def ready(self):
        from core import staff  # noqa: F401 - registers the deployment check of the second factor


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin.PortalAdminSite"

    def ready(self):
        super().ready()
        from core.admin import name_third_party_models_in_dutch

        name_third_party_models_in_dutch()
