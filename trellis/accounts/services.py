"""Writes to accounts: one function per use case, audited."""

from __future__ import annotations

from django.db import transaction

from trellis.accounts.models import ApiToken, User, hash_token
from trellis.audit.models import AuditAction, AuditEvent


@transaction.atomic
def api_token_issue(*, user: User, name: str = "api") -> str:
    """Create a token and return its only plain-text copy."""
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(user=user, name=name[:100], token_hash=hash_token(raw))
    AuditEvent.objects.create(
        actor=user,
        actor_email=user.email,
        practice_id=user.practice_id,
        action=AuditAction.TOKEN,
        object_type="apitoken",
        object_id=str(token.pk),
        via="cli",
    )
    return raw
