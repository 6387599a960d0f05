import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The people fixture creates four users per test; a fast hasher keeps the permission matrix quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
