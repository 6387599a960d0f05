"""Shared fixtures: named people and organisations, and the real-browser harness with axe-core."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, give_totp_authenticator
from tests.users import People, log_in_with_two_factor

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SOURCE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Dutch: a request to an /en/ page leaves English active in the test thread."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture(autouse=True)
def fresh_process_memory():
    """Each test starts with no pages or content versions in the process's memory.

    A test's database, with its shared cache tables, is rolled back; what the process remembers is not.
    """
    from core.page_cache import forget_process_memory

    forget_process_memory()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashing is slow on purpose; tests hash many passwords and need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation_a(db):
    return OrganisationFactory(code="gm0344", name="Utrecht", cbs_code="GM0344")


@pytest.fixture
def organisation_b(db):
    return OrganisationFactory(code="gm0193", name="Zwolle", cbs_code="GM0193")


@pytest.fixture
def people(db, organisation_a, organisation_b):
    """Anonymous, member of A, coordinator of A, member of B and VNG staff."""
    member_a = MembershipFactory(user=UserFactory(email="lid@utrecht.example"), organisation=organisation_a).user
    coordinator_a = MembershipFactory(
        user=UserFactory(email="coordinator@utrecht.example"), organisation=organisation_a, role="coordinator"
    ).user
    member_b = MembershipFactory(user=UserFactory(email="lid@zwolle.example"), organisation=organisation_b).user
    staff = UserFactory(email="redactie@vng.example", is_staff=True)
    return People(
        anonymous=None,
        member_a=member_a,
        coordinator_a=coordinator_a,
        member_b=member_b,
        staff=staff,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
    )


@dataclass
class Cooperation:
    body: object  # a cooperative body organisation A lets prepare its plans
    other_body: object  # a body organisation A belongs to as well, without that right
    body_coordinator: object
    other_body_coordinator: object
    outsider: object  # a member of a municipality that belongs to neither body
    mandate: object


@pytest.fixture
def cooperation(people):
    """Organisation A belongs to two cooperative bodies and lets one of them prepare its action plans."""
    from manifest import services
    from tests.factories import CooperationMemberFactory, CooperativeBodyFactory

    body = CooperativeBodyFactory(code="inkoop-utrecht", name="Inkoopsamenwerking Utrecht")
    other_body = CooperativeBodyFactory(code="regio-utrecht", name="Regio Utrecht")
    CooperationMemberFactory(body=body, member=people.organisation_a)
    CooperationMemberFactory(body=other_body, member=people.organisation_a)
    body_coordinator = MembershipFactory(
        user=UserFactory(email="inkoop@samenwerking.example"), organisation=body, role="coordinator"
    ).user
    other_body_coordinator = MembershipFactory(
        user=UserFactory(email="regio@samenwerking.example"), organisation=other_body, role="coordinator"
    ).user
    outsider = MembershipFactory(
        user=UserFactory(email="lid@amersfoort.example"),
        organisation=OrganisationFactory(code="gm0307", name="Amersfoort"),
    ).user
    mandate = services.mandate_grant(member=people.organisation_a, body=body, by=people.coordinator_a)
    return Cooperation(body, other_body, body_coordinator, other_body_coordinator, outsider, mandate)


@pytest.fixture
def locmem_cache(settings):
    """In-memory caches, so query counts measure the page's own queries, not the database caches'."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"},
    }
    from django.core.cache import cache, caches

    from core.page_cache import forget_process_memory

    cache.clear()
    caches["pages"].clear()
    forget_process_memory()
    yield cache
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def staff_with_two_factor(people):
    """`people.staff` with an authenticator app, so the admin lets them in as it does in production."""
    give_totp_authenticator(people.staff)
    return people.staff


@pytest.fixture
def staff_in_session(staff_with_two_factor):
    """`people.staff` as a VNG administrator (superuser) as the portal sees them after logging in through the
    code step (in a browser of their own): with staff powers. Services called with it pass the staff guard."""
    from django.test import Client

    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    return log_in_with_two_factor(Client(), staff_with_two_factor)


@pytest.fixture(scope="session", autouse=True)
def _end_stray_test_database_sessions(django_db_setup, django_db_blocker):
    """Let the session's teardown drop the test database.

    After the transactional tests, the main thread's connection from creating the test database
    (idle after a ROLLBACK) is still open though Django no longer refers to it; dropping the database
    then fails with "being accessed by other users". End every session but our own first.
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


# --- Real browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must install it (apt-get install chromium).")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def page(page, live_server):
    """A Chromium page that fails the test on any CSP violation, script error or unchecked page.

    Every page that finishes loading must be checked with `axe(page)` before the test ends.
    """
    from django.core.cache import cache, caches

    from tests.browser import BrowserWatch

    # The caches are database tables that the flush between browser tests leaves alone; without
    # this, rate-limit counters, used two-factor codes and pages of other data leak from test to test.
    cache.clear()
    caches["pages"].clear()
    watch = BrowserWatch(page, AXE_SOURCE)
    page.axe_watch = watch
    yield page
    watch.assert_clean()


@pytest.fixture
def axe():
    from tests.browser import check_accessibility

    return check_accessibility


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config):
    if not AXE_SOURCE.exists() and shutil.which("npm"):
        config.issue_config_time_warning(
            pytest.PytestConfigWarning("axe-core is missing: run `npm ci` (make test does)."), stacklevel=2
        )


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    uses_transactions = marker is not None and marker.kwargs.get("transaction", False)
    return uses_transactions or bool({"live_server", "transactional_db"} & set(item.fixturenames))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put back the data that migrations created (themes, edition).

    Not when this teardown also dropped the test database (after the session's last test): the connection
    then points at the configured database again, which must not be written to.
    """
    from django.db import connection

    test_database = connection.settings_dict["NAME"]
    result = yield
    if _is_transactional(item) and connection.settings_dict["NAME"] == test_database:
        from pytest_django.plugin import blocking_manager_key

        from tests.reference_data import restore_reference_data

        with item.config.stash[blocking_manager_key].unblock():
            restore_reference_data()
    return result
