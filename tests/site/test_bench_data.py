"""The benchmark's data set command: the real register plus generated content, on a throwaway database only."""

import pytest
from django.core.management import CommandError, call_command

from actionplans.models import Action, ActionPlan
from bench.generate_data import Command as GenerateBenchData
from bench.public_pages import PUBLIC_PAGES
from guidance.models import GuidancePage
from manifest.models import Membership, Organisation, Signature, SignatureStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_data_set_has_the_register_members_signatures_plans_and_pages(client):
    call_command(GenerateBenchData(), verbosity=0)
    assert Organisation.objects.municipalities().count() == 342
    assert Organisation.objects.count() == 394  # 342 + 12 provinces + 21 water boards + 19 ministries
    assert Membership.objects.verified().count() == 788
    assert Signature.objects.filter(status=SignatureStatus.SIGNED).count() == 150
    assert ActionPlan.objects.count() == 120
    assert ActionPlan.objects.published().count() == 60
    assert Action.objects.count() == 120 * 6 * 5 * 10
    assert GuidancePage.objects.published().count() == 60
    # Every page the benchmark and the audit load exists in it.
    answers = {public_page.path: client.get(public_page.path).status_code for public_page in PUBLIC_PAGES}
    assert answers == {public_page.path: 200 for public_page in PUBLIC_PAGES}
    # The sample organisation is in the register and its plan is shown on its page.
    assert "Bestuurder" in client.get("/manifest/ondertekenaars/?q=Utrecht").content.decode()
    assert "Actieplan MVOI Gemeente Utrecht" in client.get("/organisaties/gm0344/").content.decode()
    search = client.get("/kennisbank/zoeken/?q=aanbesteding").content.decode()
    assert "benchmark-vraag-" in search


def test_a_larger_scale_multiplies_every_count():
    # `make bench` uses --scale 10; scale 2 proves the multiplication at a fifth of the cost.
    call_command(GenerateBenchData(), scale=2, verbosity=0)
    assert Organisation.objects.count() == 788
    assert Membership.objects.count() == 1576
    assert Signature.objects.count() == 300
    assert ActionPlan.objects.count() == 240
    assert Action.objects.count() == 240 * 6 * 5 * 10
    assert GuidancePage.objects.count() == 120


def test_a_dry_run_keeps_nothing(capsys):
    call_command(GenerateBenchData(), dry_run=True)
    assert "Would make a data set at scale 1: 394 organisations" in capsys.readouterr().out
    assert not Organisation.objects.exists()


def test_a_database_with_real_accounts_is_refused():
    UserFactory(email="echt@utrecht.nl")
    with pytest.raises(CommandError, match="real people"):
        call_command(GenerateBenchData(), verbosity=0)
    assert not Organisation.objects.exists()
