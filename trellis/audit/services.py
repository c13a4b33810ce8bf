"""Writing audit events. Called inside the same transaction as the change it records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction, AuditEvent


def object_type_of(obj: models.Model) -> str:
    return obj._meta.model_name or type(obj).__name__.lower()


def build_event(
    actor: Actor,
    action: str,
    *,
    client: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    user = actor.user
    return AuditEvent(
        actor=user if user.pk else None,
        actor_email=getattr(user, "email", "") or "",
        practice_id=getattr(user, "practice_id", None),
        action=action,
        client=client,
        object_type=object_type or (object_type_of(obj) if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None else ""),
        ip_address=actor.ip,
        via=actor.via,
        detail=dict(detail or {}),
    )


def record(
    actor: Actor,
    action: AuditAction | str,
    *,
    client: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    event = build_event(
        actor,
        str(action),
        client=client,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )
    event.save()
    return event


def record_many_views(actor: Actor, clients: Iterable[Any], *, object_type: str = "client") -> None:
    """One row per client shown in a list, in one INSERT: who saw whom, without N queries."""
    events = [
        build_event(actor, AuditAction.LIST, client=c, object_type=object_type, object_id=str(c.pk))
        for c in clients
    ]
    if events:
        AuditEvent.objects.bulk_create(events)
