"""Delivering a queued mail: the worker's side of `queue_mail`.

Idempotent: a mail already sent is not sent again, however often its job runs. The SMTP
conversation happens outside any transaction (a slow server must not hold the database);
a worker killed in the middle of it leaves the mail "being sent", and the next attempt
sends it, so a mail goes at least once and, but for that crash, exactly once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from trellis.jobs.registry import InputGone, job
from trellis.mail.models import MailStatus, OutgoingMail


@job(label="Send a mail", max_attempts=8, backoff_seconds=60, queue_name="mail")
def deliver(mail_id: str, practice_id: str | None = None) -> dict[str, Any]:
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            raise InputGone("The mail was removed before it was sent.")
        if mail.status == MailStatus.SENT:
            return {"outcome": "done", "mail": mail_id, "already_sent": True}
        mail.status = MailStatus.SENDING
        mail.attempts += 1
        mail.save(update_fields=["status", "attempts"])
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to_address],
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        message.send()
    except Exception as error:
        OutgoingMail.objects.filter(pk=mail_id).update(
            status=MailStatus.QUEUED, last_error=type(error).__name__
        )
        raise
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=MailStatus.SENT, sent_at=timezone.now(), body_text="", body_html="", last_error=""
    )
    return {"outcome": "done", "mail": mail_id}
