"""Every URL of the project answers with the security headers, whoever asks."""

import pytest

from tests.factories import give_totp_authenticator
from tests.url_walk import all_url_patterns, concrete_path
from tests.users import log_in

pytestmark = pytest.mark.django_db

PATHS = sorted({path for route, _name in all_url_patterns() if (path := concrete_path(route))})


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_security_headers(response, path):
    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"], path
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[directive] and "'unsafe-eval'" not in directives[directive], path
    assert directives["frame-ancestors"] == ["'none'"], path
    assert directives["object-src"] == ["'none'"], path
    assert directives["base-uri"] == ["'none'"], path
    assert directives["form-action"] == ["'self'"], path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert response["X-Frame-Options"] == "DENY", path


def test_the_url_walk_covers_public_private_and_admin_urls():
    assert {"/", "/organisaties/voorbeeld/", "/mijn-omgeving/", "/admin/"} <= set(PATHS)


@pytest.mark.parametrize("who", ["anonymous", "member_a", "staff"])
def test_every_url_sends_the_security_headers(client, people, who):
    if who == "staff":
        # A superuser with an authenticator app, so every admin page really renders.
        give_totp_authenticator(people.staff)
        people.staff.is_superuser = True
        people.staff.save()
    if who != "anonymous":
        log_in(client, getattr(people, who))
    for path in PATHS:
        for prefix in ("", "/en"):
            response = client.get(prefix + path)
            assert response.status_code < 500, f"{prefix}{path} gave {response.status_code}"
            assert_security_headers(response, prefix + path)
