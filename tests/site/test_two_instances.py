"""Two identical instances behind a load balancer share everything through the one database."""

import pytest
import requests

from bench.servers import Gunicorn, csrf_token, log_in_over_http
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.servers


@pytest.fixture
def two_instances(portal_environment):
    first = Gunicorn(portal_environment, workers=1, threads=2)
    second = Gunicorn(portal_environment, workers=1, threads=2)
    yield first, second
    first.stop()
    second.stop()


def test_a_person_logged_in_through_one_instance_is_logged_in_on_the_other(two_instances):
    first, second = two_instances
    assert first.port != second.port
    browser = requests.Session()
    log_in_over_http(browser, first.base_url, "lid@utrecht.example", TEST_PASSWORD)

    dashboard = browser.get(second.base_url + "/mijn-omgeving/", allow_redirects=False, timeout=10)
    assert dashboard.status_code == 200
    assert "lid@utrecht.example" in dashboard.text

    # Logging out through the second instance ends the session on the first too.
    browser.post(
        second.base_url + "/account/logout/",
        data={"csrfmiddlewaretoken": csrf_token(dashboard.text)},
        headers={"Referer": second.base_url + "/mijn-omgeving/"},
        timeout=10,
    )
    again = browser.get(first.base_url + "/mijn-omgeving/", allow_redirects=False, timeout=10)
    assert again.status_code == 302 and "/account/login/" in again.headers["Location"]


def test_a_request_sent_through_one_instance_is_visible_through_the_other(two_instances):
    first, second = two_instances
    browser = requests.Session()
    log_in_over_http(browser, first.base_url, "lid@utrecht.example", TEST_PASSWORD)
    form_url = first.base_url + "/mijn-omgeving/lidmaatschap-aanvragen/"
    form = browser.get(form_url, timeout=10)
    sent = browser.post(
        form_url,
        data={"csrfmiddlewaretoken": csrf_token(form.text), "organisation": "gm0193", "motivation": "Inkoper"},
        headers={"Referer": form_url},
        allow_redirects=False,
        timeout=10,
    )
    assert sent.status_code == 302

    dashboard = browser.get(second.base_url + "/mijn-omgeving/", timeout=10)
    assert "Zwolle" in dashboard.text and "Aangevraagd" in dashboard.text
    # The confirmation travels in a cookie signed with the shared SECRET_KEY, so the other instance shows it.
    assert "Uw aanvraag is verstuurd" in dashboard.text
