from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifestConfig(AppConfig):
    name = "manifest"
    verbose_name = _("Manifest and public bodies")

    def ready(self):
        from manifest.cache import connect_register_signals

        connect_register_signals()
