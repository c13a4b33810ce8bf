"""Password reset through a real SMTP listener (aiosmtpd), not the locmem backend."""

import re

import pytest
from django.urls import reverse

from tests.mailbox import html_of, run_jobs, text_of

pytestmark = pytest.mark.django_db


def test_reset_mail_arrives_and_its_link_sets_a_new_password(client, cast, smtp) -> None:
    response = client.post(reverse("password_reset"), {"email": cast.clinician.email})
    assert response.status_code == 302
    assert smtp.messages == []  # the page does not wait for SMTP
    assert run_jobs().outcomes["done"] == 1
    [raw] = smtp.messages
    [mail] = smtp.parsed()
    assert mail["To"] == cast.clinician.email
    assert mail["Subject"] == "Reset your Trellis password"
    body = text_of(raw)
    assert "within an hour" in body
    assert 'href="https://plans.example.org/accounts/password-reset/' in html_of(raw)
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
    run_jobs()
    body = text_of(smtp.messages[-1])
    assert "evil.example" not in body and "evil.example" not in html_of(smtp.messages[-1])
    assert re.search(r"https://plans\.example\.org/accounts/password-reset/\S+/", body)


def test_unknown_address_sends_nothing_and_says_the_same(client, cast, smtp) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@test.test"})
    assert response.status_code == 302
    assert run_jobs().ran == 0
    assert smtp.messages == []


def _reset_through_the_mailed_link(client, email: str, smtp, new_password: str) -> None:
    client.post(reverse("password_reset"), {"email": email})
    run_jobs()
    body = text_of(smtp.messages[-1])
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
    run_jobs()
    assert len(smtp.messages) == 2
