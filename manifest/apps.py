from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifestConfig(AppConfig):
    name = "manifest"
    verbose_name = _("Manifest and public bodies")

    def ready(self):
        from core.opendata import register_dataset
        from manifest.opendata import REGISTER_DATASET

        register_dataset(REGISTER_DATASET)
