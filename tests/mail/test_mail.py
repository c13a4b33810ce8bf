"""The mail service (trellis/mail) end to end: rendered from templates, audited without its
body, sent by the worker to a real SMTP listener, once, and late rather than never."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import actor
from tests.mailbox import free_port, html_of, run_jobs, smtp_settings, text_of
from trellis.audit.models import AuditAction, AuditEvent
from trellis.mail.jobs import deliver
from trellis.mail.models import MailStatus, OutgoingMail
from trellis.mail.services import queue_mail

pytestmark = pytest.mark.django_db


def _reset_context(user) -> dict:  # type: ignore[no-untyped-def]
    return {
        "user": user,
        "protocol": "https",
        "domain": "plans.example.org",
        "uid": "MQ",
        "token": "set-token",
        "valid_for": "an hour",
        "site_name": "plans.example.org",
    }


def _queue(cast, **extra) -> OutgoingMail:  # type: ignore[no-untyped-def]
    return queue_mail(
        actor=actor(cast.admin),
        template="password_reset",
        to=cast.clinician.email,
        context=_reset_context(cast.clinician),
        recipient=cast.clinician,
        practice_id=cast.practice.pk,
        **extra,
    )


def test_a_mail_has_a_text_and_an_html_part_and_the_audit_log_no_body(cast, smtp) -> None:
    mail = _queue(cast)
    event = AuditEvent.objects.get(action=AuditAction.MAIL)
    assert (event.object_type, event.object_id) == ("user", str(cast.clinician.pk))
    assert event.detail == {"about": "password_reset", "mail": str(mail.pk)}
    assert "set-token" not in str(event.detail)
    assert run_jobs().outcomes["done"] == 1
    [raw] = smtp.messages
    [parsed] = smtp.parsed()
    assert parsed["Subject"] == "Reset your Trellis password"
    assert parsed["To"] == cast.clinician.email
    assert parsed.get_content_type() == "multipart/alternative"
    assert "https://plans.example.org/accounts/password-reset/MQ/set-token/" in text_of(raw)
    assert 'href="https://plans.example.org/accounts/password-reset/MQ/set-token/"' in html_of(raw)
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.sent_at is not None
    assert (mail.body_text, mail.body_html) == ("", "")  # the link is not kept once sent


def test_running_the_delivery_twice_sends_once(cast, smtp) -> None:
    mail = _queue(cast)
    deliver.enqueue(mail_id=str(mail.pk), practice_id=str(cast.practice.pk))  # a duplicate job
    summary = run_jobs()
    assert summary.outcomes["done"] == 2
    assert len(smtp.messages) == 1


def test_the_same_key_queues_one_mail(cast, smtp) -> None:
    first = _queue(cast, key="reminder:abc:2026-05-04")
    second = _queue(cast, key="reminder:abc:2026-05-04")
    assert first.pk == second.pk and OutgoingMail.objects.count() == 1
    run_jobs()
    assert len(smtp.messages) == 1


def test_a_mail_deleted_before_sending_is_skipped(cast, smtp) -> None:
    _queue(cast).delete()
    summary = run_jobs()
    assert summary.outcomes["skipped"] == 1 and smtp.messages == []


def test_a_down_smtp_server_delays_the_mail_and_the_page_still_works(
    client, cast, smtp, settings
) -> None:
    smtp_settings(settings, free_port())  # nothing listens there
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        response = client.post(reverse("password_reset"), {"email": cast.clinician.email})
        assert response.status_code == 302
        assert run_jobs().outcomes["retrying"] == 1
        mail = OutgoingMail.objects.get()
        assert mail.status == MailStatus.QUEUED and mail.attempts == 1
        assert mail.last_error == "ConnectionRefusedError"
        assert mail.body_text  # kept until it goes
        smtp_settings(settings, smtp.port)
        clock.shift(dt.timedelta(seconds=59))
        assert run_jobs().ran == 0  # the backoff is a minute
        clock.shift(dt.timedelta(seconds=1))
        assert run_jobs().outcomes["done"] == 1
    assert len(smtp.messages) == 1
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.attempts == 2


def test_a_refusing_server_is_tried_again(cast, smtp) -> None:
    smtp.refuse = True
    _queue(cast)
    assert run_jobs().outcomes["retrying"] == 1
    assert OutgoingMail.objects.get().last_error == "SMTPDataError"
