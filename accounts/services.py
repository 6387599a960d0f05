from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

EDITOR_GROUP_NAME = "VNG-redactie"
# The apps whose content VNG editors maintain in the admin.
EDITOR_APPS = ("guidance", "manifest", "actionplans")
# Editors add, change and view content; deleting (an organisation, a user) stays with administrators.
EDITOR_ACTIONS = ("add", "change", "view")
# Editors may look up who an account belongs to, never change it.
EDITOR_EXTRA_PERMISSIONS = (("accounts", "view_user"),)

ADMINISTRATOR_GROUP_NAME = "VNG-beheer"
# Administrators decide who acts for an organisation with which powers: they give and take back the
# coordinator role, change the e-mail domains that verify members automatically and the member
# organisations of cooperative bodies.
ADMINISTRATOR_PERMISSIONS = (
    ("manifest", "manage_coordinator_roles"),
    ("manifest", "manage_email_domains"),
    ("manifest", "manage_cooperation_members"),
    ("manifest", "view_cooperationmember"),
    ("manifest", "view_membership"),
    ("manifest", "change_membership"),
    ("manifest", "view_coordinatorrequest"),
    ("manifest", "change_coordinatorrequest"),
    ("manifest", "view_organisation"),
    ("manifest", "view_emaildomain"),
    ("accounts", "view_user"),
)


@transaction.atomic
def editor_group_ensure(*, using: str = DEFAULT_DB_ALIAS, verbosity: int = 0) -> Group:
    """Create the "VNG-redactie" staff group and give it its permissions; running it again changes nothing.

    Permissions an administrator added to the group by hand are kept.
    """
    app_configs = [global_apps.get_app_config(label) for label in EDITOR_APPS]
    for app_label in {*EDITOR_APPS, *(app_label for app_label, _ in EDITOR_EXTRA_PERMISSIONS)}:
        # Django creates permissions right after this signal handler; make sure they exist already.
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)

    codenames = [
        f"{action}_{model._meta.model_name}"
        for app_config in app_configs
        for model in app_config.get_models()
        for action in EDITOR_ACTIONS
    ]
    permissions = list(
        Permission.objects.using(using).filter(content_type__app_label__in=EDITOR_APPS, codename__in=codenames)
    )
    for app_label, codename in EDITOR_EXTRA_PERMISSIONS:
        permissions += Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename)

    group, created = Group.objects.using(using).get_or_create(name=EDITOR_GROUP_NAME)
    group.permissions.add(*permissions)
    if verbosity >= 2:
        print(f"{'Created' if created else 'Updated'} group {EDITOR_GROUP_NAME} ({len(permissions)} permissions).")
    return group


@transaction.atomic
def administrator_group_ensure(*, using: str = DEFAULT_DB_ALIAS, verbosity: int = 0) -> Group:
    """Create the "VNG-beheer" staff group with its permissions; running it again changes nothing.

    Permissions an administrator added to the group by hand are kept.
    """
    for app_label in {app_label for app_label, _codename in ADMINISTRATOR_PERMISSIONS}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    permissions = [
        Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in ADMINISTRATOR_PERMISSIONS
    ]
    group, created = Group.objects.using(using).get_or_create(name=ADMINISTRATOR_GROUP_NAME)
    group.permissions.add(*permissions)
    if verbosity >= 2:
        print(
            f"{'Created' if created else 'Updated'} group {ADMINISTRATOR_GROUP_NAME} ({len(permissions)} permissions)."
        )
    return group
