"""Password reset through a real SMTP listener (aiosmtpd), not the locmem backend."""

import re
import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    try:
        yield inbox
    finally:
        controller.stop()


def test_reset_mail_arrives_and_its_link_sets_a_new_password(client, cast, smtp) -> None:
    response = client.post(reverse("password_reset"), {"email": cast.clinician.email})
    assert response.status_code == 302
    [raw] = smtp.messages
    mail = message_from_bytes(raw)
    assert mail["To"] == cast.clinician.email
    body = mail.get_payload(decode=True).decode()
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert done.status_code == 302
    assert client.login(username=cast.clinician.email, password="a-new-long-passphrase")


def test_unknown_address_sends_nothing_and_says_the_same(client, cast, smtp) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@test.test"})
    assert response.status_code == 302
    assert smtp.messages == []
