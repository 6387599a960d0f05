"""The content version of the public register: organisations, editions, signatures and reporting deadlines.

Every save or delete of those models bumps it (signals, so the admin is covered too); bulk loads
bump it themselves. Pages that show any of them are cached under it.
"""

from django.db.models.signals import post_delete, post_save

from core.page_cache import ContentVersion

REGISTER_CONTENT = ContentVersion("manifest:register-version")


def _register_changed(sender, **kwargs):
    REGISTER_CONTENT.bump()


def connect_register_signals() -> None:
    from manifest.models import ManifestEdition, Organisation, ReportingDeadline, Signature

    for model in (Organisation, ManifestEdition, Signature, ReportingDeadline):
        post_save.connect(_register_changed, sender=model, dispatch_uid=f"register-changed-{model.__name__}")
        post_delete.connect(_register_changed, sender=model, dispatch_uid=f"register-deleted-{model.__name__}")
