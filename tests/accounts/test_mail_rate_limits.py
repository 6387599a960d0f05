"""Mails to one address are limited per address, however many addresses the sender uses."""

import time

import pytest
from allauth.core.internal import ratelimit
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Zonnepanelen-op-het-stadhuis-2026"
MAILS_PER_DAY = 10  # signup and reset mails to one address in 24 hours


class Clock:
    """The clock allauth's rate limits read, moved on by the test instead of by waiting."""

    def __init__(self):
        self.now = time.time()
        self.monotonic = time.monotonic
        self.sleep = time.sleep

    def time(self):
        return self.now

    def wait(self, minutes: float):
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit, "time", clock)
    return clock


def sign_up(client, email: str, attempt: int):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
        REMOTE_ADDR=f"198.51.100.{attempt + 1}",  # a different sender every time
    )


def reset(client, email: str, attempt: int):
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=f"203.0.113.{attempt + 1}")


def mails_to(mailoutbox, email: str) -> int:
    return sum(message.to == [email] for message in mailoutbox)


def test_signups_for_an_existing_address_send_at_most_ten_mails_a_day(client, mailoutbox, clock):
    UserFactory(email="lid@utrecht.example")
    for attempt in range(MAILS_PER_DAY + 2):
        assert sign_up(client, "lid@utrecht.example", attempt).status_code == 302
        clock.wait(minutes=4)
    assert mails_to(mailoutbox, "lid@utrecht.example") == MAILS_PER_DAY
    assert {message.subject for message in mailoutbox} == {"[MVOI-portaal] U hebt al een account"}


def test_a_second_signup_mail_within_three_minutes_is_not_sent(client, mailoutbox, clock):
    UserFactory(email="lid@utrecht.example")
    sign_up(client, "lid@utrecht.example", 0)
    clock.wait(minutes=2)
    sign_up(client, "lid@utrecht.example", 1)
    assert mails_to(mailoutbox, "lid@utrecht.example") == 1
    clock.wait(minutes=2)
    sign_up(client, "lid@utrecht.example", 2)
    assert mails_to(mailoutbox, "lid@utrecht.example") == 2


def test_password_reset_mails_to_one_address_stop_after_three_in_a_quarter_of_an_hour(client, mailoutbox, clock):
    UserFactory(email="lid@utrecht.example")
    answers = []
    for attempt in range(4):
        answers.append(reset(client, "lid@utrecht.example", attempt).status_code)
        clock.wait(minutes=1)
    assert answers == [302, 302, 302, 429]
    assert mails_to(mailoutbox, "lid@utrecht.example") == 3


def test_password_reset_mails_to_one_address_stop_after_ten_a_day(client, mailoutbox, clock):
    UserFactory(email="lid@utrecht.example")
    for attempt in range(MAILS_PER_DAY + 2):
        reset(client, "lid@utrecht.example", attempt)
        clock.wait(minutes=16)
    assert mails_to(mailoutbox, "lid@utrecht.example") == MAILS_PER_DAY


def test_the_limit_page_says_what_to_do_in_dutch(client, clock):
    UserFactory(email="lid@utrecht.example")
    for attempt in range(3):
        reset(client, "lid@utrecht.example", attempt)
    response = reset(client, "lid@utrecht.example", 3)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
