from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_dutch_at_the_unprefixed_url(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()
    assert "Van manifest naar actieplan" in response.content.decode()


def test_home_page_is_english_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert "From manifest to action plan" in response.content.decode()


def test_every_page_links_to_the_same_page_in_the_other_language(client):
    response = client.get(reverse("privacy"))
    assert 'href="/en/privacy/"' in response.content.decode()


@pytest.mark.parametrize("url", ["/toegankelijkheid/", "/privacy/", "/en/toegankelijkheid/", "/en/privacy/"])
def test_statements_are_public(client, url):
    assert client.get(url).status_code == 200


def test_unknown_page_shows_the_portal_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_visitor_not_logged_in_is_offered_the_login_back_to_the_page_and_a_logged_in_person_is_not(client, people):
    back_here = f'href="{reverse("account_login")}?next=%2Fbestaat-niet%2F%3Fa%3D1"'
    response = client.get("/bestaat-niet/?a=1")
    assert response.status_code == 404
    assert "Log dan eerst in: daarna komt u terug op deze pagina." in response.content.decode()
    assert back_here in response.content.decode()
    client.force_login(people.member_a)
    response = client.get("/bestaat-niet/?a=1")
    assert response.status_code == 404
    assert "Log dan eerst in" not in response.content.decode() and back_here not in response.content.decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.utils import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_security_txt_has_contact_and_future_expiry(client, settings):
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == f"mailto:{settings.SECURITY_CONTACT_EMAIL}"
    assert datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) > datetime.now(UTC)
    assert fields["Preferred-Languages"] == "nl, en"


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    import gzip

    plain = client.get("/")
    compressed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 3
    assert "Van manifest naar actieplan" in gzip.decompress(compressed.content).decode()


def test_favicon_ico_is_an_icon_browsers_can_cache(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # the ICO file signature
    assert "max-age=86400" in response["Cache-Control"]
