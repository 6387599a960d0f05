import pytest
from django.conf import settings
from django.db import connection

from core.backup import dump, restore
from manifest.models import Membership, Organisation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_survives_a_wiped_database(tmp_path):
    memberships = MembershipFactory.create_batch(3)
    expected_organisations = sorted(Organisation.objects.values_list("code", flat=True))
    database = {**settings.DATABASES["default"], "NAME": connection.settings_dict["NAME"]}
    backup_file = dump(database, tmp_path / "portal.dump")

    connection.close()
    Membership.objects.all().delete()
    Organisation.objects.all().delete()
    assert not Organisation.objects.exists()
    connection.close()

    restore(database, backup_file)
    assert sorted(Organisation.objects.values_list("code", flat=True)) == expected_organisations
    assert set(Membership.objects.values_list("pk", flat=True)) == {membership.pk for membership in memberships}
