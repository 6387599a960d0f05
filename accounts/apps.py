from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_editor_group(sender, using="default", verbosity=1, **kwargs):
    """After `migrate` (and after a test flush), the VNG-redactie and VNG-beheer groups exist with their permissions."""
    from accounts.services import administrator_group_ensure, editor_group_ensure

    # post_migrate runs once per app after all migrations; the groups need doing only once.
    if sender.label == "accounts":
        editor_group_ensure(using=using, verbosity=verbosity)
        administrator_group_ensure(using=using, verbosity=verbosity)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from core.staff import record_second_factor_at_setup

        post_migrate.connect(_ensure_editor_group, dispatch_uid="accounts_editor_group")
        authenticator_added.connect(record_second_factor_at_setup, dispatch_uid="accounts_second_factor_at_setup")
