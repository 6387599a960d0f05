import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The named people get passwords; a fast hasher keeps the 100+ permission tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
