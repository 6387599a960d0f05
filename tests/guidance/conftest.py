import pytest


@pytest.fixture
def editor(db):
    """A VNG editor with full admin rights (two-factor is switched off for these tests)."""
    from tests.factories import UserFactory

    return UserFactory(email="editor@vng.example", full_name="Eva Editor", is_staff=True, is_superuser=True)


@pytest.fixture
def second_editor(db):
    from tests.factories import UserFactory

    return UserFactory(email="editor2@vng.example", full_name="Piet Redacteur", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_without_mfa(settings):
    settings.ADMIN_REQUIRES_MFA = False


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Requests to /en/ leave English active in the test thread; start every test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
