"""The benchmark's data set command: the real register plus generated members, on a throwaway database only."""

import pytest
from django.core.management import CommandError, call_command

from manifest.models import Membership, Organisation
from tests.factories import UserFactory
from tests.public_pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


def test_the_data_set_has_every_public_body_and_two_members_each():
    call_command("generate_bench_data", verbosity=0)
    assert Organisation.objects.municipalities().count() == 342
    assert Organisation.objects.count() == 375
    assert Membership.objects.verified().count() == 750
    assert Organisation.objects.filter(code="gm0344").exists()


def test_the_larger_data_set_has_ten_times_the_organisations():
    call_command("generate_bench_data", scale=10, verbosity=0)
    assert Organisation.objects.count() == 3750


def test_a_dry_run_keeps_nothing(capsys):
    call_command("generate_bench_data", dry_run=True)
    assert "Would make a data set at scale 1: 375 organisations" in capsys.readouterr().out
    assert not Organisation.objects.exists()


def test_a_database_with_real_accounts_is_refused():
    UserFactory(email="echt@utrecht.nl")
    with pytest.raises(CommandError, match="real people"):
        call_command("generate_bench_data", verbosity=0)
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("public_page", PUBLIC_PAGES, ids=[public_page.name for public_page in PUBLIC_PAGES])
def test_every_benchmarked_and_audited_page_works_on_the_benchmark_data(client, public_page):
    call_command("generate_bench_data", verbosity=0)
    assert client.get(public_page.path).status_code == 200
