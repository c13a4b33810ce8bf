"""Writes of progress notes: one function per use case, atomic, audited.

A draft is created and edited (optimistic concurrency on ``version``), signed when
complete, and never changed again; later changes are addenda.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from trellis.accounts.models import User
from trellis.accounts.reauth import confirm_signature
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction
from trellis.audit.services import record
from trellis.clients.models import Client
from trellis.concurrency import StaleEditError, check_version, require_version, versioned_update
from trellis.core.progress import session_codes
from trellis.lookup import parse_uuid
from trellis.measures.models import Administration
from trellis.measures.selectors import open_critical_items
from trellis.plans.models import Goal, Intervention, Objective
from trellis.progress import formats
from trellis.progress.content import signed_content
from trellis.progress.models import (
    Addendum,
    GoalRating,
    NotAuthorError,
    NoteFormat,
    NotePreference,
    ProgressNote,
    RiskLevel,
    SessionType,
    SignedNoteError,
)
from trellis.progress.mse import clean_mental_status
from trellis.progress.selectors import active_plan, with_links
from trellis.progress.session_codes import shipped as shipped_session_codes

NOTE_FIELDS = (
    "note_format",
    "session_date",
    "session_type",
    "duration_minutes",
    "start_time",
    "end_time",
    "service_code",
    "place_of_service",
    "sections",
    "interventions_other",
    "risk_level",
    "risk_assessment",
    "next_session_plan",
    "mental_status",
)
TEXT_FIELDS = ("interventions_other", "risk_assessment", "next_session_plan")
LINK_FIELDS = ("goals", "objectives", "interventions", "administrations", "ratings")
MAX_MINUTES = 480
IN_PERSON = "11"  # CMS place of service: office
TELEHEALTH = {SessionType.TELEHEALTH_VIDEO, SessionType.TELEHEALTH_PHONE}
MAX_ADDENDUM = 20_000

Rating = int | tuple[int, str]


@dataclass
class Links:
    """What a note names, as validated ids: the goals worked on (with a rating each, where
    given), objectives, interventions and the administrations given in the session."""

    goals: set[Any]
    objectives: set[Any]
    interventions: set[Any]
    administrations: set[Any]
    ratings: dict[Any, tuple[int, str]]


# ---- validation: every check before any write, so bad input changes nothing ----


def _choice(name: str, value: object, choices: type[models.TextChoices], blank: bool) -> None:
    if (value == "" and blank) or value in choices.values:
        return
    raise ValidationError({name: f"Choose one of: {', '.join(map(str, choices.labels))}."})


def _check_values(client: Client, values: dict[str, Any]) -> None:
    _choice("note_format", values["note_format"], NoteFormat, blank=False)
    _choice("session_type", values["session_type"], SessionType, blank=False)
    _choice("risk_level", values["risk_level"], RiskLevel, blank=True)
    day = values["session_date"]
    if day > timezone.localdate():
        raise ValidationError({"session_date": "The session date is in the future."})
    if day < client.date_of_birth:
        raise ValidationError({"session_date": "The session date is before the client's birth."})
    minutes = values["duration_minutes"]
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES
    ):
        raise ValidationError({"duration_minutes": f"A session lasts 1 to {MAX_MINUTES} minutes."})
    _check_codes(values)


def _session_minutes(values: dict[str, Any]) -> int | None:
    """The session's length: from its start and end times when both are given (and then
    written into ``duration_minutes``), else the length typed."""
    start, end = values["start_time"], values["end_time"]
    if (start is None) != (end is None):
        missing = "end_time" if end is None else "start_time"
        raise ValidationError({missing: "Give both the start and the end time, or neither."})
    if start is None:
        return values["duration_minutes"]  # type: ignore[no-any-return]
    minutes = session_codes.minutes_between(start, end)
    if minutes <= 0:
        raise ValidationError({"end_time": "The session ends after it starts: check the times."})
    if minutes > MAX_MINUTES:
        raise ValidationError({"end_time": f"A session lasts 1 to {MAX_MINUTES} minutes."})
    values["duration_minutes"] = minutes
    return minutes


def _check_codes(values: dict[str, Any]) -> None:
    """Times, service code and place of service: known codes, and a length that fits the
    code's time band (``trellis/data/billing/session_codes.yaml``)."""
    minutes = _session_minutes(values)
    codes = shipped_session_codes()
    service, place = values["service_code"], values["place_of_service"]
    if service and service not in codes.service_codes:
        raise ValidationError({"service_code": "Choose one of the listed service codes."})
    if place and place not in codes.places:
        raise ValidationError({"place_of_service": "Choose one of the listed places of service."})
    if service:
        problem = session_codes.time_problem(codes.service_codes[service], minutes)
        if problem:
            raise ValidationError({"service_code": problem})
    if place == IN_PERSON and values["session_type"] in TELEHEALTH:
        raise ValidationError(
            {"place_of_service": "A telehealth session's place of service is 02 or 10."}
        )


def _note_values(
    client: Client, data: Mapping[str, Any], current: ProgressNote | None
) -> dict[str, Any]:
    """The note's own fields after this save: given ones over the current ones."""
    values = {name: getattr(current, name) for name in NOTE_FIELDS} if current else {}
    values.setdefault("note_format", NoteFormat.DAP)
    values.setdefault("session_date", timezone.localdate())
    values.setdefault("session_type", SessionType.INDIVIDUAL)
    values.setdefault("duration_minutes", None)
    values.setdefault("start_time", None)
    values.setdefault("end_time", None)
    values.setdefault("service_code", "")
    values.setdefault("place_of_service", "")
    values.setdefault("sections", {})
    for name in (*TEXT_FIELDS, "risk_level"):
        values.setdefault(name, "")
    values.setdefault("mental_status", {})
    old_format = values["note_format"]
    values.update({name: data[name] for name in NOTE_FIELDS if name in data})
    for name in TEXT_FIELDS:
        values[name] = str(values[name] or "").strip()
    values["risk_level"] = values["risk_level"] or ""
    for name in ("service_code", "place_of_service"):
        values[name] = str(values[name] or "").strip()
    values["mental_status"] = clean_mental_status(values["mental_status"])
    _check_values(client, values)
    sections = values["sections"] or {}
    if "sections" not in data and values["note_format"] != old_format:
        sections = formats.carry_sections(old_format, sections, values["note_format"])
    try:
        values["sections"] = formats.clean_sections(values["note_format"], sections)
    except formats.SectionError as error:
        raise ValidationError({"sections": str(error)}) from error
    return values


def _ids(items: Iterable[object], field: str) -> set[Any]:
    found = set()
    for item in items:
        key = parse_uuid(item.pk if isinstance(item, models.Model) else item)
        if key is None:
            raise ValidationError({field: f"{item!r} is not a {field[:-1]} of this client."})
        found.add(key)
    return found


def _of_client_plans(
    model: type[models.Model], ids: set[Any], plan_path: str, client: Client, field: str
) -> list[Any]:
    rows = list(model._default_manager.filter(pk__in=ids, **{f"{plan_path}__client": client}))
    if len(rows) != len(ids):
        label = model._meta.verbose_name_plural
        raise ValidationError({field: f"Choose {label} of this client's treatment plan."})
    return rows


def _ratings(given: Mapping[Any, Rating]) -> dict[Any, tuple[int, str]]:
    ratings: dict[Any, tuple[int, str]] = {}
    for goal, value in given.items():
        rating: Any
        rating, comment = value if isinstance(value, tuple) else (value, "")
        if rating is None or rating == "":
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or rating not in formats.RATINGS:
            words = ", ".join(f"{n} {w}" for n, w in formats.RATINGS.items())
            raise ValidationError({"ratings": f"A progress rating is one of: {words}."})
        ratings[next(iter(_ids([goal], "goals")))] = (rating, str(comment or "").strip())
    return ratings


def _current_links(note: ProgressNote | None) -> Links:
    if note is None:
        return Links(set(), set(), set(), set(), {})
    return Links(
        goals=set(note.goals.values_list("pk", flat=True)),
        objectives=set(note.objectives.values_list("pk", flat=True)),
        interventions=set(note.interventions.values_list("pk", flat=True)),
        administrations=set(note.administrations.values_list("pk", flat=True)),
        ratings={r.goal_id: (r.rating, r.comment) for r in note.ratings.all()},
    )


def _links(client: Client, data: Mapping[str, Any], current: Links) -> Links:
    """Given links over the current ones. A goal counts as worked on when it is named, rated
    or one of its objectives is; each must be of this client's plans, each administration
    one of this client's valid scores."""
    objectives = _of_client_plans(
        Objective,
        _ids(data["objectives"], "objectives") if "objectives" in data else current.objectives,
        "goal__problem__plan",
        client,
        "objectives",
    )
    interventions = (
        _ids(data["interventions"], "interventions")
        if "interventions" in data
        else current.interventions
    )
    _of_client_plans(
        Intervention, interventions, "objective__goal__problem__plan", client, "interventions"
    )
    named = _ids(data["goals"], "goals") if "goals" in data else current.goals
    named |= {o.goal_id for o in objectives}
    if "ratings" in data:
        ratings = _ratings(data["ratings"])
    else:  # kept only for goals still worked on
        ratings = {goal: r for goal, r in current.ratings.items() if goal in named}
    goals = named | set(ratings)
    _of_client_plans(Goal, goals, "problem__plan", client, "goals")
    administrations = (
        _ids(data["administrations"], "administrations")
        if "administrations" in data
        else current.administrations
    )
    valid = Administration.objects.filter(pk__in=administrations, client=client, voided_at=None)
    if valid.count() != len(administrations):
        raise ValidationError(
            {"administrations": "Link only this client's scores (not entered in error)."}
        )
    return Links(goals, {o.pk for o in objectives}, interventions, administrations, ratings)


# ---- writes ----


def _save_links(note: ProgressNote, links: Links) -> None:
    note.goals.set(links.goals)
    note.objectives.set(links.objectives)
    note.interventions.set(links.interventions)
    note.administrations.set(links.administrations)
    GoalRating.objects.filter(note=note).delete()
    GoalRating.objects.bulk_create(
        GoalRating(note=note, goal_id=goal, rating=rating, comment=comment)
        for goal, (rating, comment) in links.ratings.items()
    )


def _remember_format(user: User, note_format: str) -> None:
    NotePreference.objects.update_or_create(
        user=user, defaults={"note_format": note_format, "updated_at": timezone.now()}
    )


def _plan_id(client: Client) -> Any:
    plan = active_plan(client)
    return plan.pk if plan is not None else None


@transaction.atomic
def note_create(*, actor: Actor, client: Client, data: Mapping[str, Any]) -> ProgressNote:
    """Start a note (a draft) for a session; the format chosen becomes the author's default."""
    values = _note_values(client, data, None)
    links = _links(client, data, _current_links(None))
    note = ProgressNote(client=client, author=actor.user, plan_id=_plan_id(client), **values)
    note.full_clean()
    note.save()
    _save_links(note, links)
    _remember_format(actor.user, note.note_format)
    filled = [n for n in NOTE_FIELDS if n in data] + [n for n in LINK_FIELDS if data.get(n)]
    record(
        actor,
        AuditAction.CREATE,
        client=client,
        obj=note,
        detail={"format": note.note_format, "fields": sorted(filled)},
    )
    return note


def _authors_draft(actor: Actor, note: ProgressNote) -> ProgressNote:
    """The draft, locked, if ``actor`` wrote it: nobody else may put words in their note."""
    fresh = (
        ProgressNote.objects.select_for_update().select_related("client", "author").get(pk=note.pk)
    )
    if fresh.is_signed:
        raise SignedNoteError()
    if fresh.author_id != actor.user.pk:
        raise NotAuthorError(fresh.author.display_name)
    return fresh


def _changed_links(before: Links, after: Links) -> list[str]:
    return [name for name in LINK_FIELDS if getattr(before, name) != getattr(after, name)]


@transaction.atomic
def note_update(
    *, actor: Actor, note: ProgressNote, data: Mapping[str, Any], expected_version: int | None
) -> list[str]:
    """Edit a draft. Refused to anyone but its author, once signed, or if it was saved since
    ``expected_version``."""
    fresh = _authors_draft(actor, note)
    check_version(fresh, expected_version)
    client = fresh.client
    values = _note_values(client, data, fresh)
    before = _current_links(fresh)
    after = _links(client, data, before)
    values["plan_id"] = _plan_id(client) or fresh.plan_id
    changed = [n for n, v in values.items() if getattr(fresh, n) != v]
    changed += _changed_links(before, after)
    if not changed:
        return []
    versioned_update(
        note, {**values, "updated_at": timezone.now()}, expected_version=expected_version
    )
    _save_links(fresh, after)
    if "note_format" in changed:
        _remember_format(actor.user, values["note_format"])
    record(actor, AuditAction.UPDATE, client=client, obj=note, detail={"fields": sorted(changed)})
    return changed


def sign_problems(note: ProgressNote, *, critical_open: bool) -> list[str]:
    """What keeps a draft from being signed, in the clinician's words; empty when complete."""
    problems = []
    missing = formats.missing_sections(note.note_format, note.sections)
    if missing:
        problems.append(f"Write the {' and '.join(missing)} section{'s' * (len(missing) > 1)}.")
    if note.duration_minutes is None:
        problems.append("Say how long the session was (minutes).")
    if not note.risk_level:
        problems.append("Record the risk level.")
    if critical_open and not note.risk_assessment.strip():
        problems.append("A critical item is open for this client: write the risk assessment.")
    rated = {r.goal_id for r in note.ratings.all()}
    for goal in note.goals.all():
        if goal.pk not in rated:
            problems.append(f"Rate progress on the goal “{goal.statement[:60]}”.")
    return problems


def note_sign(
    *,
    actor: Actor,
    note: ProgressNote,
    expected_version: int | None,
    password: str,
    attested: bool,
) -> ProgressNote:
    """Sign a complete draft once its author has ticked the attestation and typed their
    password again: what it says is stored whole with its SHA-256 and never changes. A
    refused password is counted by the sign-in throttle and nothing is signed."""
    confirm_signature(user=actor.user, password=password, attested=attested, ip=actor.ip)
    return _note_sign(actor=actor, note=note, expected_version=expected_version)


@transaction.atomic
def _note_sign(*, actor: Actor, note: ProgressNote, expected_version: int | None) -> ProgressNote:
    fresh = _authors_draft(actor, note)
    check_version(fresh, expected_version)
    full = with_links(fresh)
    critical = bool(open_critical_items([full.client]))
    problems = sign_problems(full, critical_open=critical)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    content = signed_content(full, actor.user, now)
    digest = formats.content_hash(content)
    signed = ProgressNote.objects.filter(
        pk=note.pk, version=require_version(expected_version), signed_at__isnull=True
    ).update(
        signed_by=actor.user,
        signed_at=now,
        signed_content=content,
        content_hash=digest,
        version=F("version") + 1,
    )
    if signed != 1:
        raise StaleEditError(note, None)
    record(actor, AuditAction.UPDATE, client=full.client, obj=note, detail={"signed": True})
    note.refresh_from_db()
    return note


def _goal_links(client: Client, given: Mapping[Any, Any]) -> list[dict[str, Any]] | None:
    """The goals an addendum links a signed note to, each as it reads now, with its rating
    (1-5, or none); refused unless each is a goal of this client's plans."""
    if not given:
        return None
    ratings = {}
    for goal, rating in given.items():
        if rating not in (None, "") and (
            isinstance(rating, bool) or not isinstance(rating, int) or rating not in formats.RATINGS
        ):
            words = ", ".join(f"{n} {w}" for n, w in formats.RATINGS.items())
            raise ValidationError({"goal_links": f"A progress rating is one of: {words}."})
        ratings[next(iter(_ids([goal], "goals")))] = rating or None
    goals = _of_client_plans(Goal, set(ratings), "problem__plan", client, "goal_links")
    return [
        {
            "goal": str(goal.pk),
            "lineage": str(goal.lineage),
            "statement": goal.statement,
            "rating": ratings[goal.pk],
            "label": formats.RATINGS.get(ratings[goal.pk] or 0, ""),
        }
        for goal in sorted(goals, key=lambda g: str(g.pk))
    ]


@transaction.atomic
def addendum_add(
    *, actor: Actor, note: ProgressNote, text: str, goal_links: Mapping[Any, Any] | None = None
) -> Addendum:
    """A later change to a signed note, with its own author and time; itself never changed.
    ``goal_links`` (goal → rating or None) links a note signed before the plan was in force
    to that plan's goals: the signed note stays as it was, the addendum says which goals it
    worked on, and reviews count its ratings."""
    if not ProgressNote.objects.filter(pk=note.pk, signed_at__isnull=False).exists():
        raise ValidationError("A draft is edited, not amended: addenda are for signed notes.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the addendum."})
    if len(text) > MAX_ADDENDUM:
        raise ValidationError({"text": f"An addendum is at most {MAX_ADDENDUM:,} characters."})
    links = _goal_links(note.client, goal_links or {})
    addendum = Addendum.objects.create(note=note, text=text, author=actor.user, goal_links=links)
    detail: dict[str, Any] = {"note": str(note.pk)}
    if links:
        detail["goals"] = [link["goal"] for link in links]
    record(actor, AuditAction.CREATE, client=note.client, obj=addendum, detail=detail)
    return addendum
