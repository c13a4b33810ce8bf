"""Reading the access log: practice admins only, their own practice only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from trellis.audit.models import AuditEvent

if TYPE_CHECKING:  # the log is below the accounts that write to it: types only
    from trellis.accounts.models import User


def visible_events(user: User) -> QuerySet[AuditEvent]:
    if not user.is_authenticated or user.practice_id is None or not user.can("read_access_log"):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(practice_id=user.practice_id)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_events(user: User, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = visible_events(user).select_related("actor", "client")
    if filters.get("actor"):
        events = events.filter(actor=filters["actor"])
    if filters.get("client"):
        events = events.filter(client_id=filters["client"])
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("since"):
        events = events.filter(at__gte=_day_start(filters["since"]))
    if filters.get("until"):
        events = events.filter(at__lt=_day_start(filters["until"]) + timedelta(days=1))
    return events
