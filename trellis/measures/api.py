"""Administrations over the JSON API: the same scoping, scoring and audit as the pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Status

from trellis.apikit import actor_of
from trellis.audit.services import record_many_views
from trellis.clients.selectors import client_get
from trellis.core.measures import find_instrument
from trellis.measures import selectors, services
from trellis.measures.models import Administration
from trellis.measures.registry import instruments_for
from trellis.measures.schemas import AdministrationIn, AdministrationOut

router = Router(tags=["measures"])


def administration_out(a: Administration) -> dict[str, Any]:
    return {
        "id": a.pk,
        "client_id": a.client_id,
        "instrument": a.instrument_id,
        "answers": a.answers,
        "total": a.total,
        "unscored_reason": a.unscored_reason,
        "severity": a.severity,
        "subscales": a.subscales,
        "flags": a.flags,
        "score_notes": a.score_notes,
        "critical": a.is_critical,
        "critical_response": hasattr(a, "critical_response"),
        "critical_actions": _actions(a),
        "mode": a.mode,
        "total_only": a.total_only,
        "unscored_answers": a.unscored_answers,
        "administered_at": a.administered_at,
        "administered_by": a.administered_by.display_name,
        "entered_in_error": a.voided_at is not None,
    }


def _actions(a: Administration) -> list[str]:
    """What was done about its critical item, if a response is recorded."""
    response = getattr(a, "critical_response", None)
    return list(response.actions or [response.action]) if response is not None else []


@router.get(
    "/clients/{client_id}/administrations",
    response=list[AdministrationOut],
    summary="A client's scores, oldest first",
)
def list_administrations(request: HttpRequest, client_id: UUID) -> list[dict[str, Any]]:
    actor = actor_of(request)
    client = client_get(actor, client_id, audit=False)
    record_many_views(actor, [client], object_type="administration")
    rows = (
        Administration.objects.filter(client=client)
        .select_related("administered_by", "critical_response")
        .order_by("administered_at", "recorded_at")
    )
    return [administration_out(a) for a in rows]


@router.post(
    "/clients/{client_id}/administrations",
    response={201: AdministrationOut},
    summary="Record an administration; it is scored as the instrument's manual says",
)
def record_administration(
    request: HttpRequest, client_id: UUID, payload: AdministrationIn
) -> Status[dict[str, Any]]:
    actor = actor_of(request)
    with transaction.atomic():
        client = client_get(actor, client_id)
        instrument = find_instrument(instruments_for(client.practice_id), payload.instrument)
        if instrument is None:
            known = ", ".join(sorted(instruments_for(client.practice_id)))
            raise ValidationError(
                {"instrument": f"No instrument {payload.instrument!r} here; known: {known}."}
            )
        administration = services.administration_record(
            actor=actor,
            client=client,
            instrument=instrument,
            answers=payload.answers,
            administered_at=payload.administered_at,
            mode=payload.mode,
            notes=payload.notes,
            unscored_answers=payload.unscored_answers,
        )
    return Status(201, administration_out(administration))


@router.get(
    "/administrations/{administration_id}",
    response=AdministrationOut,
    summary="One administration",
)
def get_administration(request: HttpRequest, administration_id: UUID) -> dict[str, Any]:
    return administration_out(selectors.administration_get(actor_of(request), administration_id))
