"""Nothing lost when the database fails: killed connections, a restarted server, an outage during a form post.

These run the portal as production does (gunicorn, DEBUG off, persistent connections with health
checks) against a throwaway PostgreSQL cluster that the tests stop and start. Loopback only.
"""

import time
from urllib.parse import urlsplit

import pytest
import requests

from bench.servers import Gunicorn, Load, csrf_token, fetch, log_in_over_http
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.servers

TERMINATE_OTHERS = """
    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
    FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


@pytest.fixture
def portal(portal_environment):
    server = Gunicorn(portal_environment, workers=2, threads=2)
    yield server
    server.stop()


# pg_terminate_backend only signals the server process, which exits a moment later: a request that
# checked its connection just before that moment may still find it gone.
TERMINATION_DELAY = 0.25


def in_flight_during(result, windows) -> bool:
    started, finished, _path, _status = result
    return any(started <= end + TERMINATION_DELAY and finished >= begin for begin, end in windows)


def wait_for_answers(load, *, started_after: float, count: int, limit: float = 15) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        answered = [result for result in load.started_after(started_after) if result[3] == 200]
        if len(answered) >= count:
            return
        time.sleep(0.05)


def test_requests_after_every_database_connection_is_killed_succeed(portal, throwaway_cluster, portal_environment):
    database = urlsplit(portal_environment["DATABASE_URL"]).path.lstrip("/")
    kills = []
    pages = ["/organisaties/", "/organisaties/gm0344/", "/healthz"]
    with Load(portal.base_url, pages, clients=4, uncached=True) as load:
        answered_from = 0.0
        for _round in range(3):
            # A busy machine may take longer than a fixed pause to reconnect: kill only once a request
            # begun after the last kill was answered, so an open connection is there to be killed.
            wait_for_answers(load, started_after=answered_from, count=4)
            begin = time.monotonic()
            with throwaway_cluster.connect(database) as connection:
                killed = connection.execute(TERMINATE_OTHERS).fetchone()[0]
            kills.append(((begin, time.monotonic()), killed))
            answered_from = time.monotonic() + TERMINATION_DELAY
        # On a busy machine the load may need longer to show recovery; wait for it, up to a limit.
        recovered_from = kills[-1][0][1] + TERMINATION_DELAY
        deadline = time.monotonic() + 15
        while len(load.started_after(recovered_from)) < 10 and time.monotonic() < deadline:
            time.sleep(0.1)
    # The portal kept its connections open between requests, so there was something to kill every time.
    assert all(killed >= 1 for _window, killed in kills), kills
    last_kill_end = kills[-1][0][1]
    assert len(load.started_after(last_kill_end + TERMINATION_DELAY)) >= 10, "too few requests to show recovery"
    # Only a request that was using a connection while it was being killed may fail.
    windows = [window for window, _killed in kills]
    unexplained = [result for result in load.failures() if not in_flight_during(result, windows)]
    assert unexplained == [], unexplained


def test_a_restarted_database_costs_only_the_requests_during_the_restart(portal, throwaway_cluster):
    workers = portal.worker_pids()
    with Load(portal.base_url, ["/healthz", "/organisaties/"], clients=3, uncached=True) as load:
        time.sleep(0.5)
        stopping = time.monotonic()
        throwaway_cluster.stop()
        health_while_down = fetch(portal.base_url + "/healthz")
        # A search nobody made before: no process has that page in memory, so it needs the database.
        page_while_down = fetch(portal.base_url + "/organisaties/?q=nog-nooit-gezocht")
        time.sleep(0.5)
        throwaway_cluster.start()
        running = time.monotonic()
        time.sleep(1.0)
    assert health_while_down == (503, b"unavailable")
    assert page_while_down[0] == 500
    assert fetch(portal.base_url + "/healthz") == (200, b"ok")
    after = load.started_after(running)
    assert len(after) >= 10 and all(status == 200 for _s, _f, _p, status in after), after
    outside_the_window = [result for result in load.failures() if result[1] < stopping or result[0] > running]
    assert outside_the_window == []
    assert any(status == 503 and path == "/healthz" for _s, _f, path, status in load.failures())
    # The same processes serve on: the application recovered by itself.
    assert portal.process.poll() is None
    assert portal.worker_pids() == workers


def test_a_form_posted_during_a_database_outage_gets_the_friendly_error_page(portal, throwaway_cluster):
    browser = requests.Session()
    log_in_over_http(browser, portal.base_url, "lid@utrecht.example", TEST_PASSWORD)
    form_url = portal.base_url + "/mijn-omgeving/lidmaatschap-aanvragen/"
    form = browser.get(form_url, timeout=10)
    typed = {"csrfmiddlewaretoken": csrf_token(form.text), "organisation": "gm0344", "motivation": "Inkoopadviseur"}

    throwaway_cluster.stop()
    try:
        answer = browser.post(form_url, data=typed, headers={"Referer": form_url}, allow_redirects=False, timeout=10)
        stylesheet = answer.text.split('rel="stylesheet" href="')[1].split('"')[0]
        stylesheet_status = browser.get(portal.base_url + stylesheet, timeout=10).status_code
    finally:
        throwaway_cluster.start()

    assert answer.status_code == 500
    assert '<h1 class="utrecht-heading-1">Er ging iets mis</h1>' in answer.text
    assert "niets opgeslagen" in answer.text and "Terug" in answer.text and 'href="/"' in answer.text
    assert "Traceback" not in answer.text and "OperationalError" not in answer.text
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    assert stylesheet_status == 200, "the error page's stylesheet is served without the database"

    # What the person typed is still theirs: sending the same form again once the database is back works.
    retry = browser.post(form_url, data=typed, headers={"Referer": form_url}, allow_redirects=False, timeout=10)
    assert retry.status_code == 302
    dashboard = browser.get(portal.base_url + "/mijn-omgeving/", timeout=10)
    assert "Utrecht" in dashboard.text
