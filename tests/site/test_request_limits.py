"""Oversized requests are refused before they cost memory, disk or time."""

import time
from io import BytesIO

import pytest
from django.test.client import FakePayload
from django.urls import reverse

from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory
from tests.url_walk import all_url_patterns, concrete_path

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOUNDARY = "mvoi-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart_body(file_bytes: int, *, fields: dict | None = None) -> bytes:
    """A form post with the given fields first and then one CSV file of `file_bytes` bytes."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (fields or {}).items()
    ]
    header = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="groot.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return b"".join([*parts, header, b"id;status;voortgang\r\n" + b"1;lopend;40\r\n" * (file_bytes // 13), b"\r\n"]) + (
        f"--{BOUNDARY}--\r\n".encode()
    )


class CountingPayload(FakePayload):
    """The request body as the server's input stream, counting what the portal reads of it."""

    def __init__(self, content: bytes):
        super().__init__(content)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


@pytest.fixture
def upload_folder(settings, tmp_path):
    """An empty folder where Django would put uploads too large to keep in memory."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


class StreamingBody:
    """A 40 MB multipart body as a server's input stream: produced only as far as it is read."""

    def __init__(self, size: int = 40 * MB):
        self.size = size
        self.bytes_read = 0

    def read(self, size=-1):
        size = self.size - self.bytes_read if size is None or size < 0 else min(size, self.size - self.bytes_read)
        self.bytes_read += size
        return b"x" * size

    def readline(self, size=-1):
        return self.read(size)


@pytest.mark.parametrize("visitor", ["anonymous", "coordinator_a"])
def test_a_40_mb_post_to_every_address_is_refused_unread(client, people, upload_folder, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(people, visitor))
    plan = ActionPlanFactory(organisation=people.organisation_a)
    paths = [concrete_path(route) for route, _name in all_url_patterns()]
    paths += [reverse("guidance:contact"), reverse("actionplans:plan_import", args=[plan.uuid])]
    answers = {}
    for path in filter(None, paths):
        body = StreamingBody()
        started = time.monotonic()
        response = client.post(path, content_type=MULTIPART, **{"wsgi.input": body, "CONTENT_LENGTH": str(body.size)})
        answers[path] = (response.status_code, body.bytes_read, time.monotonic() - started)
    assert len(answers) > 50
    assert {path: status for path, (status, _read, _seconds) in answers.items() if status != 413} == {}
    assert {path: read for path, (_status, read, _seconds) in answers.items() if read} == {}
    assert max(seconds for _status, _read, seconds in answers.values()) < 1
    assert list(upload_folder.iterdir()) == []


@pytest.mark.parametrize("address", ["guidance:contact", "actionplans:plan_import"])
def test_a_real_40_mb_upload_gets_413_quickly_and_leaves_no_temporary_file(client, people, upload_folder, address):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    path = reverse(address, args=[plan.uuid] if address.startswith("actionplans") else [])
    body = multipart_body(40 * MB, fields={"csrfmiddlewaretoken": "x", "name": "Robot", "message": "Hallo"})
    started = time.monotonic()
    response = client.post(path, body, content_type=MULTIPART)
    assert response.status_code == 413
    assert time.monotonic() - started < 2
    assert list(upload_folder.iterdir()) == []


def test_the_refusal_is_a_short_page_in_the_visitors_language(client):
    body = b"x" * (7 * MB)
    dutch = client.post(reverse("guidance:contact"), body, content_type="application/x-www-form-urlencoded")
    assert dutch.status_code == 413
    assert "Te veel gegevens verstuurd" in dutch.content.decode()
    assert "5,0\xa0MB" in dutch.content.decode()
    english = client.post("/en/contact/", body, content_type="application/x-www-form-urlencoded")
    assert english.status_code == 413 and "Too much data sent" in english.content.decode()


def test_the_body_is_not_read_when_the_declared_length_is_too_large(client):
    payload = CountingPayload(b"x" * (7 * MB))
    response = client.post(
        reverse("guidance:contact"),
        content_type="application/x-www-form-urlencoded",
        **{"wsgi.input": payload, "CONTENT_LENGTH": str(7 * MB)},
    )
    assert response.status_code == 413
    assert payload.bytes_read == 0


def test_form_fields_beyond_two_megabytes_are_refused(client):
    body = b"name=Robot&message=" + b"x" * (3 * MB)
    response = client.post(reverse("guidance:contact"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


@pytest.fixture
def plan_with_action(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    ActionFactory(goal=GoalFactory(plan=plan))
    return plan


def test_an_import_file_over_five_megabytes_stops_streaming_and_the_coordinator_is_told(
    client, people, plan_with_action, upload_folder
):
    """Within the request limit, but the file passes 5 MB: reading stops there and nothing is kept."""
    body = multipart_body(int(5.5 * MB), fields={"csrfmiddlewaretoken": "x"})
    payload = CountingPayload(body)
    client.force_login(people.coordinator_a)
    response = client.post(
        reverse("actionplans:plan_import", args=[plan_with_action.uuid]),
        content_type=MULTIPART,
        **{"wsgi.input": payload, "CONTENT_LENGTH": str(len(body))},
    )
    assert response.status_code == 200
    assert "Het bestand is groter dan 5 MB." in response.content.decode()
    assert payload.bytes_read < 5 * MB + 256 * 1024, "the portal read on past the limit"
    assert list(upload_folder.iterdir()) == []


def test_an_import_file_under_the_limit_is_read_in_memory(client, people, plan_with_action, upload_folder):
    action = plan_with_action.goals.get().actions.get()
    csv_text = f"id;status;voortgang\r\n{action.pk};lopend;40\r\n"
    client.force_login(people.coordinator_a)
    response = client.post(
        reverse("actionplans:plan_import", args=[plan_with_action.uuid]),
        {"file": _named(csv_text.encode(), "voortgang.csv")},
    )
    assert response.status_code == 200
    assert "Het bestand is groter" not in response.content.decode()
    assert list(upload_folder.iterdir()) == []


def _named(content: bytes, name: str) -> BytesIO:
    upload = BytesIO(content)
    upload.name = name
    return upload
