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
    settings.SITE_URL = "https://plans.example.org"
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
    link = re.search(r"https://plans\.example\.org(/accounts/password-reset/\S+/)", body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert done.status_code == 302
    assert client.login(username=cast.clinician.email, password="a-new-long-passphrase")


def test_the_link_comes_from_site_url_never_from_the_host_header(
    client, cast, smtp, settings
) -> None:
    """A stranger who sends the reset form with their own Host must not get the token
    mailed inside a link to their site."""
    settings.ALLOWED_HOSTS = ["*"]
    response = client.post(
        reverse("password_reset"), {"email": cast.clinician.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    body = message_from_bytes(smtp.messages[-1]).get_payload(decode=True).decode()
    assert "evil.example" not in body
    assert re.search(r"https://plans\.example\.org/accounts/password-reset/\S+/", body)


def test_unknown_address_sends_nothing_and_says_the_same(client, cast, smtp) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@test.test"})
    assert response.status_code == 302
    assert smtp.messages == []


def _reset_through_the_mailed_link(client, email: str, smtp, new_password: str) -> None:
    client.post(reverse("password_reset"), {"email": email})
    body = message_from_bytes(smtp.messages[-1]).get_payload(decode=True).decode()
    link = re.search(r"https://plans\.example\.org(/accounts/password-reset/\S+/)", body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302


def test_a_reset_lifts_the_lockout_and_revokes_api_tokens(client, cast, smtp, settings) -> None:
    """Issue 13: the lockout message says a reset lifts it; it did not, and tokens lived on."""
    from trellis.accounts.models import ApiToken
    from trellis.accounts.services import api_token_issue
    from trellis.audit.models import AuditEvent

    settings.LOGIN_LOCKOUT_FAILURES = 3
    api_token_issue(user=cast.clinician)
    for _ in range(3):
        client.post(reverse("login"), {"username": cast.clinician.email, "password": "x"})
    _reset_through_the_mailed_link(client, cast.clinician.email, smtp, "a-new-long-passphrase")
    response = client.post(
        reverse("login"), {"username": cast.clinician.email, "password": "a-new-long-passphrase"}
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=cast.clinician, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(object_type="password")
    assert (event.actor, event.practice_id, event.detail) == (
        cast.clinician,
        cast.practice.pk,
        {"reset": 1, "tokens_revoked": 1},
    )


def test_reset_requests_are_throttled_per_email(client, cast, smtp, settings) -> None:
    settings.PASSWORD_RESET_LIMIT = 2
    for _ in range(2):
        assert (
            client.post(reverse("password_reset"), {"email": cast.clinician.email}).status_code
            == 302
        )
    response = client.post(reverse("password_reset"), {"email": cast.clinician.email})
    assert response.status_code == 200
    assert "Too many reset requests" in response.content.decode()
    assert len(smtp.messages) == 2
