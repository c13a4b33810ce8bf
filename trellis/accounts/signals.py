"""Sign-ins and sign-outs go to the access log too."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from trellis.accounts.backends import was_locked
from trellis.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY
from trellis.accounts.models import User
from trellis.audit.actor import client_ip
from trellis.audit.models import AuditAction, AuditEvent


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    request.session[LOGIN_AT_KEY] = request.session[SEEN_AT_KEY] = time.time()
    AuditEvent.objects.create(
        actor=user,
        actor_email=user.email,
        practice_id=user.practice_id,
        action=AuditAction.LOGIN,
        ip_address=client_ip(request),
    )


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    AuditEvent.objects.create(
        actor=user,
        actor_email=user.email,
        practice_id=user.practice_id,
        action=AuditAction.LOGOUT,
        ip_address=client_ip(request) if request else None,
    )


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username", "")).strip()[:254].lower()
    # The practice of the account tried, so that its admin sees an attack in their log.
    practice_id = User.objects.filter(email=email).values_list("practice_id", flat=True).first()
    AuditEvent.objects.create(
        actor=None,
        actor_email=email,
        practice_id=practice_id,
        action=AuditAction.LOGIN_FAILED,
        ip_address=client_ip(request) if request else None,
        detail={"locked": 1} if was_locked(request) else {},
    )
