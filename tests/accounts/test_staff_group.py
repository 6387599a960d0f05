"""The VNG-redactie staff group: created with the database, editors maintain content in the admin."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.services import EDITOR_APPS, EDITOR_GROUP_NAME, editor_group_ensure
from tests.factories import UserFactory, give_totp_authenticator
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


def content_models():
    return [model for label in EDITOR_APPS for model in apps.get_app_config(label).get_models()]


@pytest.fixture
def editor(db):
    user = UserFactory(email="redacteur@vng.example", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    give_totp_authenticator(user)
    return user


def test_group_exists_after_migrating_a_fresh_database():
    group = Group.objects.get(name="VNG-redactie")
    assert group.permissions.exists()


def test_group_may_add_change_and_view_every_content_model():
    codenames = set(Group.objects.get(name=EDITOR_GROUP_NAME).permissions.values_list("codename", flat=True))
    assert content_models(), "the content apps have models"
    for model in content_models():
        for action in ("add", "change", "view"):
            assert f"{action}_{model._meta.model_name}" in codenames


def test_group_may_delete_nothing_and_only_look_up_users():
    permissions = Group.objects.get(name=EDITOR_GROUP_NAME).permissions.select_related("content_type")
    assert not [p.codename for p in permissions if p.codename.startswith("delete_")]
    assert {p.codename for p in permissions if p.content_type.app_label == "accounts"} == {"view_user"}


def test_ensuring_the_group_again_changes_nothing():
    before = set(Group.objects.get(name=EDITOR_GROUP_NAME).permissions.values_list("pk", flat=True))
    editor_group_ensure()
    editor_group_ensure()
    assert Group.objects.filter(name=EDITOR_GROUP_NAME).count() == 1
    assert set(Group.objects.get(name=EDITOR_GROUP_NAME).permissions.values_list("pk", flat=True)) == before


def test_ensuring_the_group_keeps_permissions_an_administrator_added():
    group = Group.objects.get(name=EDITOR_GROUP_NAME)
    extra = Permission.objects.get(codename="delete_theme")
    group.permissions.add(extra)
    editor_group_ensure()
    assert group.permissions.filter(pk=extra.pk).exists()


def test_editor_has_content_permissions_but_cannot_delete_organisations_or_users(editor):
    assert editor.has_perm("manifest.change_organisation")
    assert editor.has_perm("manifest.change_membership")
    assert editor.has_perm("guidance.change_theme")
    assert not editor.has_perm("manifest.delete_organisation")
    assert not editor.has_perm("accounts.delete_user")
    assert not editor.has_perm("accounts.change_user")


def test_editor_opens_the_admin_and_may_look_up_but_not_change_users(client, editor):
    log_in_with_two_factor(client, editor)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    response = client.get(reverse("admin:accounts_user_change", args=[editor.pk]))
    assert response.status_code == 200
    assert 'name="email"' not in response.content.decode()  # read-only
    assert client.get(reverse("admin:accounts_user_delete", args=[editor.pk])).status_code == 403
