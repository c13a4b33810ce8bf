"""Writes to accounts: one function per use case, audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from trellis.accounts import throttle
from trellis.accounts.models import ApiToken, Practice, PracticeSettings, User, hash_token
from trellis.accounts.permissions import Permission, require
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record


@transaction.atomic
def api_token_issue(*, user: User, name: str = "api", via: str = "cli") -> str:
    """Create a token and return its only plain-text copy."""
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(user=user, name=name[:100], token_hash=hash_token(raw))
    record(Actor(user=user, via=via), AuditAction.TOKEN, obj=token)
    return raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    """Revoke one of the actor's own tokens; revoking twice changes nothing."""
    if token.user_id != actor.user.pk:
        raise PermissionError("a token is revoked by its owner only")
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        record(actor, AuditAction.DELETE, obj=token, detail={"revoked": 1})


@transaction.atomic
def api_tokens_revoke_all(*, actor: Actor, user: User, reason: str) -> int:
    """Revoke every live token of ``user`` (a password reset, or an operator's command)."""
    live = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    count = live.update(revoked_at=timezone.now())
    if count:
        record(
            actor,
            AuditAction.DELETE,
            object_type="apitoken",
            object_id=str(user.pk),
            detail={"revoked": count, "reason": reason},
        )
    return count


@transaction.atomic
def password_reset_completed(*, actor: Actor) -> None:
    """A reset by mail proves the account's owner: lift the lockout, end its API tokens."""
    user = actor.user
    throttle.clear(throttle.sign_in_keys(user.email, None)[0])
    count = api_tokens_revoke_all(actor=actor, user=user, reason="password reset")
    record(
        actor,
        AuditAction.UPDATE,
        object_type="password",
        object_id=str(user.pk),
        detail={"reset": 1, "tokens_revoked": count},
    )


PRACTICE_SETTING_FIELDS = (
    "review_warning_days",
    "no_improvement_weeks",
    "no_session_weeks",
    "plan_review_days",
    "date_style",
)


@transaction.atomic
def practice_settings_save(*, actor: Actor, data: Mapping[str, Any]) -> list[str]:
    """A practice admin sets the practice's rules; returns the fields that changed."""
    require(actor, Permission.CHANGE_PRACTICE_SETTINGS)
    row, _ = PracticeSettings.objects.select_for_update().get_or_create(
        practice_id=actor.practice_id
    )
    changed = [
        name
        for name in PRACTICE_SETTING_FIELDS
        if name in data and getattr(row, name) != data[name]
    ]
    for name in changed:
        setattr(row, name, data[name])
    if changed:
        row.updated_at = timezone.now()
        row.full_clean()
        row.save()
        record(actor, AuditAction.UPDATE, obj=row, detail={"fields": changed})
    return changed + _practice_details_save(actor, data)


PRACTICE_DETAIL_FIELDS = ("address", "phone")


def _practice_details_save(actor: Actor, data: Mapping[str, Any]) -> list[str]:
    """The address and phone printed on the practice's plans; returns the fields changed."""
    practice = Practice.objects.select_for_update().get(pk=actor.practice_id)
    values = {
        name: str(data[name] or "").strip() for name in PRACTICE_DETAIL_FIELDS if name in data
    }
    changed = [name for name, value in values.items() if getattr(practice, name) != value]
    if changed:
        for name in changed:
            setattr(practice, name, values[name])
        practice.full_clean()
        practice.save(update_fields=changed)
        record(actor, AuditAction.UPDATE, obj=practice, detail={"fields": changed})
    return changed
