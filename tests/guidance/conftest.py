import pytest


@pytest.fixture
def editor(db):
    """A VNG editor with full admin rights and an authenticator app, as the admin requires."""
    from tests.factories import UserFactory, give_totp_authenticator

    user = UserFactory(email="editor@vng.example", full_name="Eva Editor", is_staff=True, is_superuser=True)
    return give_totp_authenticator(user).user


@pytest.fixture
def second_editor(db):
    from tests.factories import UserFactory, give_totp_authenticator

    user = UserFactory(email="editor2@vng.example", full_name="Piet Redacteur", is_staff=True, is_superuser=True)
    return give_totp_authenticator(user).user


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Requests to /en/ leave English active in the test thread; start every test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
