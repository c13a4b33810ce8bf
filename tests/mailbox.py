"""A real SMTP listener (aiosmtpd) for the tests that send mail, and the worker run that
sends it: mail leaves through the job queue, never from inside the request."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from trellis.jobs.worker import Summary, Worker


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.refuse = False
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.refuse:
            return "451 Try again later"
        self.messages.append(envelope.content)
        return "250 OK"

    def parsed(self) -> list[EmailMessage]:
        return [message_from_bytes(raw, policy=policy.default) for raw in self.messages]  # type: ignore[misc]


def text_of(raw: bytes) -> str:
    """The plain-text part of a mail."""
    mail = message_from_bytes(raw, policy=policy.default)
    part = mail.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(part.get_content())


def html_of(raw: bytes) -> str:
    mail = message_from_bytes(raw, policy=policy.default)
    part = mail.get_body(preferencelist=("html",))  # type: ignore[attr-defined]
    return (
        str(part.get_content())
        if part is not None and part.get_content_type() == "text/html"
        else ""
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def smtp_settings(settings, port: int) -> None:  # type: ignore[no-untyped-def]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    port = inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.SITE_URL = "https://plans.example.org"
    smtp_settings(settings, port)
    try:
        yield inbox
    finally:
        controller.stop()


def run_jobs() -> Summary:
    """What `trellis worker --once` does, in this process and this test's transaction."""
    return Worker(worker_id="test-worker").run_once()
