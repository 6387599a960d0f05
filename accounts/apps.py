from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_editor_group(sender, using="default", verbosity=1, **kwargs):
    """After `migrate` (and after a test flush), the VNG-redactie group exists with its permissions."""
    from accounts.services import editor_group_ensure

    # post_migrate runs once per app after all migrations; the group needs doing only once.
    if sender.label == "accounts":
        editor_group_ensure(using=using, verbosity=verbosity)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        post_migrate.connect(_ensure_editor_group, dispatch_uid="accounts_editor_group")
