"""Queueing a mail. Call it inside the transaction of the change that asks for it: the mail
row and its job commit with that change, or not at all."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import object_type_of, record
from trellis.mail.jobs import deliver
from trellis.mail.models import OutgoingMail


def render(template: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML of `mail/<template>`: the subject on one line, the HTML part
    only when the template has one."""
    subject = " ".join(render_to_string(f"mail/{template}.subject.txt", dict(context)).split())
    text = render_to_string(f"mail/{template}.txt", dict(context))
    try:
        html: str = render_to_string(f"mail/{template}.html", dict(context))
    except TemplateDoesNotExist:
        html = ""
    return subject, text, html


def queue_mail(
    *,
    actor: Actor,
    template: str,
    to: str,
    context: Mapping[str, Any],
    recipient: models.Model | None = None,
    client: Any = None,
    practice_id: Any = None,
    key: str | None = None,
) -> OutgoingMail:
    """Render a mail, keep it, and enqueue its delivery. With `key`, asking twice queues
    once. The audit log gets who was mailed about what, never the body."""
    if key is not None:
        existing = OutgoingMail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    subject, text, html = render(template, context)
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                practice_id=practice_id,
                key=key,
                template=template,
                to_address=to,
                recipient_type=object_type_of(recipient) if recipient is not None else "",
                recipient_id=str(recipient.pk) if recipient is not None else "",
                subject=subject,
                body_text=text,
                body_html=html,
            )
    except IntegrityError:
        if key is None:
            raise
        return OutgoingMail.objects.get(key=key)
    deliver.enqueue(mail_id=str(mail.pk), practice_id=str(practice_id) if practice_id else None)
    record(
        actor,
        AuditAction.MAIL,
        client=client,
        object_type=mail.recipient_type or "mail",
        object_id=mail.recipient_id or str(mail.pk),
        detail={"about": template, "mail": str(mail.pk)},
    )
    return mail
