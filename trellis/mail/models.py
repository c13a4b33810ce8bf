"""A mail waiting to go, or gone. The rendered parts are kept only until the mail is sent
(they may carry a reset link); what stays is to whom, about what, and when."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class MailStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"


class OutgoingMail(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practice = models.ForeignKey(
        "accounts.Practice", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Mails of one occasion share a key (a reminder for one due date, say): a second
    # request for the same key is the first mail, never a second one.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    template = models.CharField(max_length=100)
    to_address = models.EmailField(max_length=254)
    recipient_type = models.CharField(max_length=50, blank=True)
    recipient_id = models.CharField(max_length=64, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    # The class of the last SMTP error (never its text, which may quote the address).
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["practice", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.template} mail {self.pk}"
