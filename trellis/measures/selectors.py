"""Reads of measurement data, scoped through the clients the user may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.clients.selectors import visible_clients
from trellis.lookup import get_or_404
from trellis.measures.models import Administration


def visible_administrations(user: User) -> QuerySet[Administration]:
    return Administration.objects.filter(client__in=visible_clients(user))


def administration_get(actor: Actor, administration_id: object) -> Administration:
    scoped = visible_administrations(actor.user).select_related(
        "client", "administered_by", "critical_response__responded_by", "voided_by"
    )
    administration = get_or_404(scoped, administration_id)
    record(actor, AuditAction.VIEW, client=administration.client, obj=administration)
    return administration


def scores_of_client(client: Client) -> list[Administration]:
    """Every valid administration of a client already fetched through client_get, oldest first."""
    return list(
        Administration.objects.scored()
        .filter(client=client)
        .select_related("administered_by", "critical_response__responded_by")
        .order_by("administered_at", "recorded_at")
    )


def open_critical_items(clients: Iterable[Client]) -> dict[object, list[Administration]]:
    """Positive critical items with no clinician response yet, per client id, in one query."""
    found: dict[object, list[Administration]] = {}
    rows = (
        Administration.objects.filter(
            client__in=list(clients),
            is_critical=True,
            voided_at=None,
            critical_response__isnull=True,
        )
        .select_related("administered_by")
        .order_by("-administered_at")
    )
    for row in rows:
        found.setdefault(row.client_id, []).append(row)
    return found
