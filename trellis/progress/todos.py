"""The caseload's to-dos: the user's own notes not yet signed (only a note's author signs
it), plans waiting for a signature, and draft versions.

Three queries whatever the caseload: the notes, the drafts, and the signatures of the
caseload's open plans. The plans in force come from the dashboard's rows, already read.
Each list keeps its oldest ``SHOWN`` items and its full count. The clients are the ones
the dashboard shows, so the access rule is the same."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Window

from trellis.accounts.models import User
from trellis.clients.models import Client
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


def todos_for(
    user: User, client_ids: QuerySet[Any], in_force: Iterable[tuple[Client, TreatmentPlan]]
) -> Todos:
    """The to-dos of the clients ``client_ids`` (a subquery of client pks) for ``user``;
    ``in_force`` is each client's active plan as the dashboard read it."""
    notes = (
        ProgressNote.objects.filter(client_id__in=client_ids, author=user, signed_at=None)
        .select_related("client")
        .order_by("session_date", "created_at")
    )
    counted = list(notes.annotate(todo_total=Window(Count("pk")))[:SHOWN])
    # todo_total is annotated just above; ProgressNoteQuerySet's rows are typed as bare notes.
    unsigned = TodoList(counted, counted[0].todo_total if counted else 0)  # type: ignore[attr-defined]
    drafts = list(
        TreatmentPlan.objects.filter(client_id__in=client_ids, status=PlanStatus.DRAFT)
        .select_related("client")
        .order_by("updated_at")
    )
    active = []
    for client, plan in in_force:
        plan.client = client  # the row's client: no query
        active.append(plan)
    signed = _signatures([*active, *drafts], client_ids)
    awaiting, unsigned_drafts = [], []
    for plan in sorted(active, key=lambda p: (p.start_date, str(p.pk))) + drafts:
        plan.missing = _missing(signed.get(plan.pk))
        if plan.status == PlanStatus.DRAFT and plan.pk not in signed:
            unsigned_drafts.append(plan)
        elif plan.missing:
            awaiting.append(plan)
    return Todos(unsigned, _cut(awaiting), _cut(unsigned_drafts))


def _cut(items: list[Any]) -> TodoList:
    return TodoList(items[:SHOWN], len(items))


def _signatures(
    plans: list[TreatmentPlan], client_ids: QuerySet[Any]
) -> dict[Any, dict[str, bool]]:
    """For each open plan someone signed: role -> whether the signer needs a co-signature."""
    if not plans:
        return {}
    rows = PlanSignature.objects.filter(
        plan__client_id__in=client_ids, plan__status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT]
    ).values_list("plan_id", "role", "signer__supervision_requirement__requires_cosign")
    found: dict[Any, dict[str, bool]] = defaultdict(dict)
    for plan_id, role, requires_cosign in rows:
        found[plan_id][role] = bool(requires_cosign)
    return found


def _missing(roles: dict[str, bool] | None) -> list[str]:
    """Who still has to sign: the clinician, the client, and a supervisor where the
    clinician who signed needs a co-signature."""
    roles = roles or {}
    missing = [r for r in (SignatureRole.CLINICIAN, SignatureRole.CLIENT) if r not in roles]
    if roles.get(SignatureRole.CLINICIAN) and SignatureRole.SUPERVISOR not in roles:
        missing.append(SignatureRole.SUPERVISOR)
    return [str(role) for role in missing]
