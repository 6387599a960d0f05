"""`make run` loads the demo content of every app through one command."""

from io import StringIO

import pytest
from django.core.management import call_command

from actionplans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_demo_command_loads_every_apps_demo_and_lists_the_logins(settings):
    settings.DEBUG = True
    call_command("load_public_bodies", verbosity=0)
    out = StringIO()
    call_command("load_demo_content", stdout=out, verbosity=1)
    assert "Demo logins" in out.getvalue()
    assert ActionPlan.objects.exists()
