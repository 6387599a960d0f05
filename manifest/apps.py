from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifestConfig(AppConfig):
    name = "manifest"
    verbose_name = _("Manifest and public bodies")
