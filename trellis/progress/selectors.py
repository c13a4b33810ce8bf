"""Reads of progress notes, scoped through the clients the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from trellis.accounts.models import User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.clients.selectors import visible_clients
from trellis.lookup import get_or_404
from trellis.measures.models import Administration
from trellis.measures.selectors import open_critical_items
from trellis.plans.models import Goal, Intervention, Objective, PlanStatus, TreatmentPlan
from trellis.progress.formats import RATINGS
from trellis.progress.models import (
    Addendum,
    GoalRating,
    NoteFormat,
    NotePreference,
    ProgressNote,
)

RECENT_ADMINISTRATIONS = 20


def visible_notes(user: User) -> QuerySet[ProgressNote]:
    return ProgressNote.objects.filter(client__in=visible_clients(user))


def note_links() -> list[Prefetch[Any]]:
    """Everything a note links to, in plan order: one query per kind, whatever the count."""
    plan_order = ("problem__position", "position", "id")
    return [
        Prefetch("goals", queryset=Goal.objects.order_by(*plan_order)),
        Prefetch(
            "objectives",
            queryset=Objective.objects.order_by(
                *(f"goal__{o}" for o in plan_order[:2]), "position"
            ),
        ),
        Prefetch(
            "interventions",
            queryset=Intervention.objects.order_by(
                "objective__goal__problem__position",
                "objective__goal__position",
                "objective__position",
                "position",
            ),
        ),
        Prefetch("ratings", queryset=GoalRating.objects.all()),
        Prefetch("administrations", queryset=Administration.objects.order_by("administered_at")),
    ]


def note_get(actor: Actor, note_id: object, *, audit: bool = True) -> ProgressNote:
    """The note if the actor may see its client, else 404 (never 403: no existence leak)."""
    scoped = visible_notes(actor.user).select_related("client", "author", "signed_by")
    note = get_or_404(scoped, note_id)
    if audit:
        record(actor, AuditAction.VIEW, client=note.client, obj=note)
    return note


def note_detail(actor: Actor, note_id: object) -> ProgressNote:
    """The note with its links and addenda, in a fixed number of queries."""
    scoped = (
        visible_notes(actor.user)
        .select_related("client", "author", "signed_by", "plan")
        .prefetch_related(
            *note_links(), Prefetch("addenda", queryset=Addendum.objects.select_related("author"))
        )
    )
    note = get_or_404(scoped, note_id)
    record(actor, AuditAction.VIEW, client=note.client, obj=note)
    return note


def with_links(note: ProgressNote) -> ProgressNote:
    """The same note again, links prefetched (for signing: what is signed is read fresh)."""
    return (
        ProgressNote.objects.select_related("client", "author", "plan")
        .prefetch_related(*note_links())
        .get(pk=note.pk)
    )


def notes_of_client(actor: Actor, client: Client) -> list[ProgressNote]:
    """A client's notes, newest session first, for a client fetched through client_get."""
    record(
        actor,
        AuditAction.VIEW,
        client=client,
        object_type="progress_notes",
        object_id=str(client.pk),
    )
    return list(
        ProgressNote.objects.filter(client=client)
        .defer("signed_content", "sections")
        .select_related("author", "signed_by")
        .annotate(addenda_count=Count("addenda"))
        .prefetch_related(Prefetch("ratings", queryset=GoalRating.objects.order_by("id")))
        .order_by("-session_date", "-created_at")
    )


def preferred_format(user: User) -> str:
    found = NotePreference.objects.filter(user=user).values_list("note_format", flat=True).first()
    return found or NoteFormat.DAP


def active_plan(client: Client) -> TreatmentPlan | None:
    return TreatmentPlan.objects.filter(client=client, status=PlanStatus.ACTIVE).first()


def plan_goals(plan: TreatmentPlan) -> list[Goal]:
    """A plan's goals in plan order, each with its problem: one query."""
    return list(
        Goal.objects.filter(problem__plan=plan)
        .select_related("problem")
        .order_by("problem__position", "position", "id")
    )


@dataclass
class NoteSetting:
    """What the note form opens with, so that nothing has to be retyped."""

    plan: TreatmentPlan | None
    goals: list[Goal] = field(default_factory=list)
    latest_scores: list[Administration] = field(default_factory=list)
    administrations: list[Administration] = field(default_factory=list)
    critical: list[Administration] = field(default_factory=list)


def note_setting(actor: Actor, client: Client, *, note: ProgressNote | None = None) -> NoteSetting:
    """The active plan's goals (with objectives and interventions), the latest score per
    instrument, recent administrations to link, and open critical items; for a draft, also
    what it already names (a goal of the plan version it was started under, an older score),
    so that saving it again drops nothing. A fixed number of queries."""
    plan = active_plan(client)
    setting = NoteSetting(plan=plan, critical=open_critical_items([client]).get(client.pk, []))
    if plan is not None:
        record(actor, AuditAction.VIEW, client=client, obj=plan, detail={"for": "progress_note"})
    named = [g.pk for g in note.goals.all()] if note is not None else []
    if plan is not None or named:
        setting.goals = _goals(plan, named)
    scores = list(
        Administration.objects.scored()
        .filter(client=client)
        .order_by("-administered_at", "-recorded_at")
    )
    latest: dict[str, Administration] = {}
    for administration in scores:
        latest.setdefault(administration.instrument_id, administration)
    setting.latest_scores = sorted(latest.values(), key=lambda a: a.instrument_id)
    linked = {a.pk for a in note.administrations.all()} if note is not None else set()
    setting.administrations = [
        a for n, a in enumerate(scores) if n < RECENT_ADMINISTRATIONS or a.pk in linked
    ]
    return setting


def _goals(plan: TreatmentPlan | None, named: list[Any]) -> list[Goal]:
    objectives = Objective.objects.order_by("position", "id").prefetch_related(
        Prefetch("interventions", queryset=Intervention.objects.order_by("position", "id"))
    )
    return list(
        Goal.objects.filter(Q(problem__plan=plan) | Q(pk__in=named))
        .select_related("problem")
        .order_by("problem__plan__start_date", "problem__position", "position", "id")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
    )


# For the caseload dashboard and charts. They take clients the caller already scoped (through
# visible_clients or client_get, which audit the read) and record nothing themselves.


def last_session_dates(
    client_ids: Iterable[object], *, signed_only: bool = False
) -> dict[Any, date]:
    """The date of each client's latest documented session, in one aggregate query. A draft
    counts (the session took place) unless ``signed_only``."""
    notes = ProgressNote.objects.filter(client_id__in=list(client_ids))
    if signed_only:
        notes = notes.filter(signed_at__isnull=False)
    rows = notes.values("client_id").annotate(last=Max("session_date")).order_by()
    return {row["client_id"]: row["last"] for row in rows}


def goal_ratings(client: Client, *, signed_only: bool = True) -> list[tuple[Any, date, int]]:
    """Every progress rating of a client's goals as (goal id, session date, rating), oldest
    session first, in one query. Only signed notes count unless told otherwise: a draft's
    rating may still change."""
    ratings = GoalRating.objects.filter(note__client=client)
    if signed_only:
        ratings = ratings.filter(note__signed_at__isnull=False)
    rows = ratings.order_by("note__session_date", "note__created_at", "id").values_list(
        "goal_id", "note__session_date", "rating"
    )
    return [(goal_id, day, rating) for goal_id, day, rating in rows]


@dataclass
class GoalRatings:
    """One goal's ratings across plan versions (matched by lineage), oldest session first.
    ``statement`` is the goal's words in the latest note that rated it."""

    lineage: Any
    statement: str
    ratings: list[tuple[date, int]] = field(default_factory=list)


def ratings_by_goal(
    client: Client, *, lineages: Iterable[Any] | None = None, signed_only: bool = True
) -> list[GoalRatings]:
    """The client's progress ratings per goal, a goal keeping its ratings when the plan is
    revised; goals in the order they were first rated. One query. Only signed notes count
    unless told otherwise (a draft's rating may still change); ``lineages`` keeps those goals."""
    ratings = GoalRating.objects.filter(note__client=client)
    if signed_only:
        ratings = ratings.filter(note__signed_at__isnull=False)
    if lineages is not None:
        ratings = ratings.filter(goal__lineage__in=list(lineages))
    rows = ratings.order_by("note__session_date", "note__created_at", "id").values_list(
        "goal__lineage", "goal__statement", "note__session_date", "rating"
    )
    goals: dict[Any, GoalRatings] = {}
    for lineage, statement, day, rating in rows:
        goal = goals.setdefault(lineage, GoalRatings(lineage, statement))
        goal.statement = statement
        goal.ratings.append((day, rating))
    return list(goals.values())


def notes_for_review(client_id: UUID, since: date) -> list[dict[str, Any]]:
    """A client's session notes since ``since``, oldest first, as a plan review keeps them
    in its evidence (ids and dates as text; at most 500), each with its per-goal ratings
    keyed by the goal's lineage, so a rating given under an earlier version of the plan
    still counts for the same goal, and those of addenda that linked a note to goals later.
    Three queries."""
    rows = (
        ProgressNote.objects.filter(client_id=client_id, session_date__gte=since)
        .order_by("session_date")
        .values("pk", "session_date", "note_format", "session_type", "signed_at")[:500]
    )
    notes: list[dict[str, Any]] = [
        {
            "id": str(row["pk"]),
            **{
                k: v.isoformat() if hasattr(v, "isoformat") else v
                for k, v in row.items()
                if k != "pk"
            },
            "ratings": [],
        }
        for row in rows
    ]
    by_id = {note["id"]: note for note in notes}
    ratings = GoalRating.objects.filter(note_id__in=list(by_id)).values_list(
        "note_id", "goal__lineage", "rating", "comment"
    )
    for note_id, lineage, rating, comment in ratings:
        by_id[str(note_id)]["ratings"].append(
            {
                "goal_lineage": str(lineage),
                "rating": rating,
                "label": RATINGS[rating],
                "comment": comment,
            }
        )
    linked = Addendum.objects.filter(note_id__in=list(by_id), goal_links__isnull=False)
    for note_id, links in linked.values_list("note_id", "goal_links"):
        for link in links or []:
            if link.get("rating"):
                by_id[str(note_id)]["ratings"].append(
                    {
                        "goal_lineage": link["lineage"],
                        "rating": link["rating"],
                        "label": link["label"],
                        "comment": "",
                    }
                )
    return notes
