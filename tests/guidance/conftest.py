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


class Clock:
    """The time as Django's `timezone.now()` reports it, moved on by the test instead of by waiting."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def move(self, **delta):
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    from django.utils import timezone

    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", clock)
    return clock
