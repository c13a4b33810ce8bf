"""Clients and diagnoses over the JSON API.

Each operation fetches what it names through a scoped selector (404 when the caller
may not see it; the selector records the view, as the pages do) and writes through a
service. A write and its audit rows happen in one transaction: a refused write
leaves no trace but its error.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Router, Status

from trellis.accounts.models import User
from trellis.apikit import actor_of
from trellis.audit.actor import Actor
from trellis.audit.services import record_many_views
from trellis.clients import selectors, services
from trellis.clients.models import Client, Diagnosis
from trellis.clients.schemas import (
    ClientIn,
    ClientOut,
    ClientPatch,
    DiagnosisIn,
    DiagnosisOut,
    DiagnosisPatch,
)

router = Router(tags=["clients"])


def client_out(client: Client) -> dict[str, Any]:
    prefetch_related_objects([client], "team_members__user")  # no-op when a list prefetched it
    data = {name: getattr(client, name) for name in ClientOut.model_fields if name != "care_team"}
    team = sorted(client.team_members.all(), key=lambda m: (not m.is_primary, m.added_at))
    data["care_team"] = [
        {"id": m.user_id, "full_name": m.user.full_name, "is_primary": m.is_primary} for m in team
    ]
    return data


def _team(actor: Actor, ids: list[UUID] | None) -> list[User] | None:
    """The named staff of the caller's practice, in the order given (the first is primary)."""
    if ids is None:
        return None
    wanted = list(dict.fromkeys(ids))
    found = {u.pk: u for u in User.objects.filter(pk__in=wanted, practice_id=actor.practice_id)}
    if len(found) != len(wanted):
        raise ValidationError(
            {"care_team": "Each care team member must be staff of your practice."}
        )
    return [found[pk] for pk in wanted]


@router.get("/clients", response=list[ClientOut], summary="Clients on your caseload")
def list_clients(
    request: HttpRequest, status: Literal["active", "discharged", "all"] = "active"
) -> list[dict[str, Any]]:
    clients = selectors.client_list(actor_of(request), status="" if status == "all" else status)
    return [client_out(c) for c in clients]


@router.post("/clients", response={201: ClientOut}, summary="Add a client")
def create_client(request: HttpRequest, payload: ClientIn) -> Status[dict[str, Any]]:
    actor = actor_of(request)
    data = payload.model_dump(exclude={"care_team"})
    team = _team(actor, payload.care_team)
    client = services.client_create(actor=actor, data=data, care_team=team)
    return Status(201, client_out(client))


@router.get("/clients/{client_id}", response=ClientOut, summary="A client's record")
def get_client(request: HttpRequest, client_id: UUID) -> dict[str, Any]:
    return client_out(selectors.client_get(actor_of(request), client_id))


@router.patch("/clients/{client_id}", response=ClientOut, summary="Edit a client")
def update_client(request: HttpRequest, client_id: UUID, payload: ClientPatch) -> dict[str, Any]:
    actor = actor_of(request)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    with transaction.atomic():
        client = selectors.client_get(actor, client_id)
        services.client_update(
            actor=actor, client=client, data=data, expected_version=payload.version
        )
    return client_out(client)


def diagnosis_out(diagnosis: Diagnosis) -> dict[str, Any]:
    return {name: getattr(diagnosis, name) for name in DiagnosisOut.model_fields}


@router.get(
    "/clients/{client_id}/diagnoses", response=list[DiagnosisOut], summary="A client's diagnoses"
)
def list_diagnoses(request: HttpRequest, client_id: UUID) -> list[dict[str, Any]]:
    actor = actor_of(request)
    client = selectors.client_get(actor, client_id, audit=False)
    record_many_views(actor, [client], object_type="diagnosis")
    return [diagnosis_out(d) for d in client.diagnoses.all()]


@router.post(
    "/clients/{client_id}/diagnoses", response={201: DiagnosisOut}, summary="Record a diagnosis"
)
def add_diagnosis(
    request: HttpRequest, client_id: UUID, payload: DiagnosisIn
) -> Status[dict[str, Any]]:
    actor = actor_of(request)
    with transaction.atomic():
        client = selectors.client_get(actor, client_id)
        diagnosis = services.diagnosis_add(actor=actor, client=client, **payload.model_dump())
    return Status(201, diagnosis_out(diagnosis))


@router.get("/diagnoses/{diagnosis_id}", response=DiagnosisOut, summary="A diagnosis")
def get_diagnosis(request: HttpRequest, diagnosis_id: UUID) -> dict[str, Any]:
    return diagnosis_out(selectors.diagnosis_get(actor_of(request), diagnosis_id))


@router.patch("/diagnoses/{diagnosis_id}", response=DiagnosisOut, summary="Edit a diagnosis")
def update_diagnosis(
    request: HttpRequest, diagnosis_id: UUID, payload: DiagnosisPatch
) -> dict[str, Any]:
    actor = actor_of(request)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    with transaction.atomic():
        diagnosis = selectors.diagnosis_get(actor, diagnosis_id)
        services.diagnosis_update(
            actor=actor, diagnosis=diagnosis, data=data, expected_version=payload.version
        )
    return diagnosis_out(diagnosis)
