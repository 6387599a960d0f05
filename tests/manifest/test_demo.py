from io import StringIO

import pytest

from manifest.demo import load_demo_content
from manifest.models import Signature, SignatureStatus
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_signatures_load_once_and_leave_utrecht_to_sign(people):
    OrganisationFactory(code="gm0363", name="Amsterdam")
    OrganisationFactory(code="gm0599", name="Rotterdam")
    load_demo_content(stdout=StringIO())
    load_demo_content(stdout=StringIO())
    assert Signature.objects.count() == 3
    assert Signature.objects.get(organisation__code="gm0599").status == SignatureStatus.SUBMITTED
    assert not Signature.objects.filter(organisation=people.organisation_a).exists()
