from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    """A mail backend whose server always refuses, as an SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("connection refused")
