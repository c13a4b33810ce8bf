"""Reads of client data, always scoped to the requesting user.

The one place that decides who sees which client: care team; a supervisor also
sees their supervisees' clients; a practice admin sees the practice; nobody
sees across practices.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from trellis.accounts.models import User
from trellis.accounts.permissions import Permission, has
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record, record_many_views
from trellis.clients.models import CareTeamMember, Client, ClientStatus, Diagnosis
from trellis.lookup import get_or_404


def visible_clients(user: User) -> QuerySet[Client]:
    if not user.is_authenticated or not user.is_active or user.practice_id is None:
        return Client.objects.none()
    in_practice = Client.objects.filter(practice_id=user.practice_id)
    if has(user, Permission.SEE_WHOLE_PRACTICE):
        return in_practice
    team = Q(user=user)
    if has(user, Permission.SEE_SUPERVISEES_CLIENTS):
        team |= Q(user__supervisors=user)
    on_team = CareTeamMember.objects.filter(team, client=OuterRef("pk"))
    return in_practice.filter(Exists(on_team))


def client_list(
    actor: Actor, *, query: str = "", status: str = ClientStatus.ACTIVE, mine_only: bool = False
) -> list[Client]:
    clients = visible_clients(actor.user)
    if status:
        clients = clients.filter(status=status)
    if mine_only:
        clients = clients.filter(team_members__user=actor.user)
    clients = clients.filter(matching(query))
    shown = list(clients.prefetch_related("team_members__user", "diagnoses")[:500])
    record_many_views(actor, shown)
    return shown


def number_searched(query: str) -> int | None:
    """The client number a search names ("42", "#42", "no. 42"), or None for a name."""
    wanted = query.strip().lower().removeprefix("no.").strip().lstrip("#")
    return int(wanted) if wanted.isdigit() else None


def matching(query: str) -> Q:
    """Clients whose names hold every word of ``query``, or whose client number it is."""
    number = number_searched(query)
    if number is not None:
        return Q(number=number)
    found = Q()
    for word in query.split():
        found &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return found


def client_get(actor: Actor, client_id: object, *, audit: bool = True) -> Client:
    """The client if the actor may see them, else 404 (never 403: no existence leak)."""
    client = get_or_404(visible_clients(actor.user), client_id)
    if audit:
        record(actor, AuditAction.VIEW, client=client, obj=client)
    return client


def client_detail(actor: Actor, client_id: object) -> Client:
    """The client with what their page shows, in a fixed number of queries."""
    client = client_get(actor, client_id)
    team = list(client.team_members.select_related("user").order_by("-is_primary", "added_at"))
    client.team = team  # type: ignore[attr-defined]
    client.contacts = list(client.emergency_contacts.all())  # type: ignore[attr-defined]
    client.diagnosis_list = list(  # type: ignore[attr-defined]
        client.diagnoses.select_related("diagnosed_by")
    )
    return client


def diagnosis_get(actor: Actor, diagnosis_id: object) -> Diagnosis:
    scoped = Diagnosis.objects.select_related("client").filter(
        client__in=visible_clients(actor.user)
    )
    diagnosis = get_or_404(scoped, diagnosis_id)
    record(actor, AuditAction.VIEW, client=diagnosis.client, obj=diagnosis)
    return diagnosis


def assignable_clinicians(user: User) -> QuerySet[User]:
    """Colleagues who can be put on a care team: active staff of the same practice."""
    if user.practice_id is None:
        return User.objects.none()
    return User.objects.filter(practice_id=user.practice_id, is_active=True).order_by("full_name")
