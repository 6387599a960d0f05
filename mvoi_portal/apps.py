from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "mvoi_portal"
    verbose_name = "MVOI portal"


class PortalAdminConfig(AdminConfig):
    default_site = "mvoi_portal.admin.PortalAdminSite"
