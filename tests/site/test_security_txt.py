import pytest
from sectxt import Parser

pytestmark = pytest.mark.django_db


def test_security_txt_is_valid_per_rfc_9116(client, settings):
    settings.SITE_URL = "https://mvoi.example.nl"
    response = client.get("/.well-known/security.txt")
    parser = Parser(response.content, urls="https://mvoi.example.nl/.well-known/security.txt")
    assert parser.errors == []
    assert parser.is_valid()
    assert parser.preferred_languages == ["nl", "en"]
    assert parser.contact_email == settings.SECURITY_CONTACT_EMAIL
