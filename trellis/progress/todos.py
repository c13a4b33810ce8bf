"""The caseload's to-dos: notes not yet signed, plans waiting for a signature, and draft
versions. Three queries whatever the caseload (each list is cut at ``SHOWN`` with its
full count kept), over the same clients the dashboard shows, so the same access rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from trellis.plans.models import PlanSignature, PlanStatus, SignatureRole, TreatmentPlan
from trellis.progress.models import ProgressNote

SHOWN = 20


@dataclass
class TodoList:
    """One kind of to-do: the oldest ``SHOWN`` items and how many there are in all."""

    items: list[Any] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class Todos:
    unsigned_notes: TodoList
    awaiting_signatures: TodoList
    drafts: TodoList

    @property
    def total(self) -> int:
        return self.unsigned_notes.total + self.awaiting_signatures.total + self.drafts.total


def todos_for(client_ids: QuerySet[Any]) -> Todos:
    """The to-dos of the clients ``client_ids`` (a subquery of client pks)."""
    awaiting = _listed(_awaiting_signatures(client_ids))
    for plan in awaiting.items:
        plan.missing = missing_signatures(plan)
    return Todos(
        _listed(
            ProgressNote.objects.filter(client_id__in=client_ids, signed_at=None)
            .select_related("client", "author")
            .order_by("session_date", "created_at")
        ),
        awaiting,
        _listed(
            TreatmentPlan.objects.filter(client_id__in=client_ids, status=PlanStatus.DRAFT)
            .annotate(signatures_given=Exists(PlanSignature.objects.filter(plan=OuterRef("pk"))))
            .filter(signatures_given=False)
            .select_related("client")
            .order_by("updated_at")
        ),
    )


def _listed(rows: QuerySet[Any]) -> TodoList:
    """The first SHOWN rows and the count, in one query (a window count)."""
    counted = list(rows.annotate(todo_total=Window(Count("pk")))[:SHOWN])
    return TodoList(counted, counted[0].todo_total if counted else 0)


def _awaiting_signatures(client_ids: QuerySet[Any]) -> QuerySet[TreatmentPlan]:
    """Plans in force, or drafts someone has begun signing, still missing the clinician's
    or the client's signature, or a supervisor's where the clinician's plans need one.
    Each carries ``missing``: the roles still to sign, in signing order."""
    signed = {
        role: Exists(PlanSignature.objects.filter(plan=OuterRef("pk"), role=role))
        for role in SignatureRole.values
    }
    needs_cosign = Exists(
        PlanSignature.objects.filter(
            plan=OuterRef("pk"),
            role=SignatureRole.CLINICIAN,
            signer__supervision_requirement__requires_cosign=True,
        )
    )
    plans = (
        TreatmentPlan.objects.filter(client_id__in=client_ids)
        .annotate(
            by_clinician=signed[SignatureRole.CLINICIAN],
            by_client=signed[SignatureRole.CLIENT],
            by_supervisor=signed[SignatureRole.SUPERVISOR],
            needs_cosign=needs_cosign,
        )
        .filter(status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT])
    )
    begun = Exists(PlanSignature.objects.filter(plan=OuterRef("pk")))
    return (
        plans.filter(Q(status=PlanStatus.ACTIVE) | Q(begun))
        .filter(
            Q(by_clinician=False) | Q(by_client=False) | Q(needs_cosign=True, by_supervisor=False)
        )
        .select_related("client")
        .order_by("start_date", "pk")
    )


def missing_signatures(plan: TreatmentPlan) -> list[str]:
    """Who still has to sign a plan read by ``todos_for`` (no query)."""
    missing = []
    if not plan.by_clinician:  # type: ignore[attr-defined]
        missing.append("clinician")
    if not plan.by_client:  # type: ignore[attr-defined]
        missing.append("client")
    if plan.needs_cosign and not plan.by_supervisor:  # type: ignore[attr-defined]
        missing.append("supervisor")
    return missing
