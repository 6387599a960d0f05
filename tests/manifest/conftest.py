import pytest

from tests.users import log_in_with_two_factor


@pytest.fixture
def staff_client(client, staff_with_two_factor):
    """The test client logged in, through the code step, as a VNG staff member with every admin permission."""
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    log_in_with_two_factor(client, staff_with_two_factor)
    return client
