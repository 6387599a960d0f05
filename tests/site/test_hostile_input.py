"""Every form of the project gets every hostile string in every field: never a 500, never an injection."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.forms_walk import every_form
from tests.hostile import HOSTILE_STRINGS, MARKER

pytestmark = pytest.mark.django_db


class InjectionFinder(HTMLParser):
    """Collects markup that a payload managed to create: script content, event handlers, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.injections: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            is_url = name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:")
            if MARKER in value and (name.startswith("on") or is_url):
                self.injections.append(f"<{tag} {name}={value[:80]!r}>")
        if tag in ("img", "svg") and any(name.startswith("on") for name, _ in attrs):
            self.injections.append(f"<{tag}> with an event handler")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and MARKER in data:
            self.injections.append(f"<script>{data[:80]}")


def assert_no_injection(html: str, where: str) -> None:
    finder = InjectionFinder()
    finder.feed(html)
    assert not finder.injections, f"{where}: {finder.injections}"


def fill(form, payload: str) -> dict[str, str]:
    data = {}
    for name, kind in form.fields.items():
        if kind in ("hidden", "select", "radio", "checkbox") and name in form.values:
            data[name] = form.values[name]
        else:
            data[name] = payload
    return data


@pytest.fixture
def sample_paths(people):
    """Real pages of sample objects, so forms behind URL parameters are found too."""
    return [people.organisation_a.get_absolute_url()]


@pytest.fixture(params=["anonymous", "member_a", "coordinator_a"])
def visitor(request, people):
    client = Client()
    if request.param != "anonymous":
        client.force_login(getattr(people, request.param))
    return client


def test_every_form_field_survives_every_hostile_string(visitor, sample_paths):
    forms = every_form(visitor, sample_paths)
    assert forms, "no forms found"
    for form in forms:
        for payload in HOSTILE_STRINGS:
            data = fill(form, payload)
            send = visitor.post if form.method == "post" else visitor.get
            response = send(form.action, data)
            where = f"{form.method.upper()} {form.action} from {form.page} with {payload[:40]!r}"
            assert response.status_code in (200, 302, 400, 403, 404, 405), f"{where} gave {response.status_code}"
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                assert_no_injection(response.content.decode(), where)


def test_the_injection_finder_catches_an_unescaped_payload():
    with pytest.raises(AssertionError):
        assert_no_injection(f"<p>{HOSTILE_STRINGS[1]}</p>", "test page")


def test_every_post_form_refuses_a_request_without_csrf_token(people, sample_paths):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.coordinator_a)
    post_forms = [form for form in every_form(client, sample_paths) if form.method == "post"]
    assert post_forms
    for form in post_forms:
        data = {name: value for name, value in fill(form, "x").items() if name != "csrfmiddlewaretoken"}
        response = client.post(form.action, data)
        assert response.status_code == 403, f"POST {form.action} without a CSRF token gave {response.status_code}"
