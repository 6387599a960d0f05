import pytest


@pytest.fixture
def staff_client(client, staff_with_two_factor):
    """The test client logged in as a VNG staff member with every admin permission and two-factor set up."""
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    client.force_login(staff_with_two_factor)
    return client
