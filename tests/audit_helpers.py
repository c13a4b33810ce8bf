"""Assert the exact audit rows a service wrote (zulip's test_muted_users style)."""

from __future__ import annotations

from typing import Any

from trellis.audit.models import AuditEvent


def events_since(mark: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=mark).order_by("id"))


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def summary(events: list[AuditEvent]) -> list[tuple[str, str, Any]]:
    return [(e.action, e.object_type, e.client_id) for e in events]
