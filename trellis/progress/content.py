"""What a note says, as one plain dict of text: shown on the note's page and, once signed,
stored whole on the note and hashed. The signed record therefore never depends on rows that
may change later (a goal reworded in the next plan, an objective removed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from trellis.accounts.models import User
from trellis.progress.formats import content_hash, sections_of
from trellis.progress.models import NoteFormat, ProgressNote
from trellis.progress.mse import mental_status_content
from trellis.progress.session_codes import shipped as shipped_session_codes


def _person(user: User) -> dict[str, str]:
    return {"id": str(user.pk), "name": user.display_name}


def _goals(note: ProgressNote) -> list[dict[str, Any]]:
    ratings = {r.goal_id: r for r in note.ratings.all()}
    objectives = list(note.objectives.all())
    goals = []
    for goal in note.goals.all():
        rating = ratings.get(goal.pk)
        goals.append(
            {
                "id": str(goal.pk),
                "statement": goal.statement,
                "rating": rating.rating if rating else None,
                "rating_label": rating.label if rating else "",
                "comment": rating.comment if rating else "",
                "objectives": [
                    {"id": str(o.pk), "statement": o.statement}
                    for o in objectives
                    if o.goal_id == goal.pk
                ],
            }
        )
    return goals


def _measures(note: ProgressNote) -> list[dict[str, Any]]:
    return [
        {
            "id": str(a.pk),
            "instrument": a.instrument_id,
            "name": a.instrument_name,
            "score": a.total_display,
            "severity": a.severity,
            "given_at": timezone.localtime(a.administered_at).isoformat(),
        }
        for a in note.administrations.all()
    ]


def _times_and_codes(note: ProgressNote) -> dict[str, Any]:
    """Start and end time, service code and place of service, each with its words; left out
    when none is given, so notes signed before they existed keep their layout."""
    if not (note.start_time or note.service_code or note.place_of_service):
        return {}
    codes = shipped_session_codes()
    service = codes.service_codes.get(note.service_code)
    place = codes.places.get(note.place_of_service)
    return {
        "start": note.start_time.strftime("%H:%M") if note.start_time else "",
        "end": note.end_time.strftime("%H:%M") if note.end_time else "",
        "service_code": note.service_code,
        "service_label": service.description if service else "",
        "place_of_service": note.place_of_service,
        "place_label": place.description if place else "",
    }


def note_content(note: ProgressNote) -> dict[str, Any]:
    """The note as it reads, from a note fetched with its links (see selectors.NOTE_LINKS)."""
    return {
        "note": str(note.pk),
        "client": str(note.client_id),
        "plan": str(note.plan_id) if note.plan_id else None,
        "format": note.note_format,
        "format_label": NoteFormat(note.note_format).label,
        "session": {
            "date": note.session_date.isoformat(),
            "type": note.session_type,
            "type_label": note.get_session_type_display(),
            "minutes": note.duration_minutes,
            **_times_and_codes(note),
        },
        "sections": [
            {"name": s.name, "label": s.label, "text": note.sections.get(s.name, "")}
            for s in sections_of(note.note_format)
        ],
        "goals": _goals(note),
        "interventions": [
            {"id": str(i.pk), "modality": i.get_modality_display(), "description": i.description}
            for i in note.interventions.all()
        ],
        "interventions_other": note.interventions_other,
        "measures": _measures(note),
        "risk": {
            "level": note.risk_level,
            "level_label": note.get_risk_level_display() if note.risk_level else "",
            "assessment": note.risk_assessment,
        },
        "next_session_plan": note.next_session_plan,
        "mental_status": mental_status_content(note.mental_status or {}),
        "author": _person(note.author),
    }


def signed_content(note: ProgressNote, signer: User, at: datetime) -> dict[str, Any]:
    return {**note_content(note), "signed": {"by": _person(signer), "at": at.isoformat()}}


def shown_content(note: ProgressNote) -> dict[str, Any]:
    """A signed note shows exactly what was signed; a draft shows what it says now."""
    if note.signed_content is not None:
        return note.signed_content  # type: ignore[no-any-return]
    return note_content(note)


def hash_matches(note: ProgressNote) -> bool:
    return note.signed_content is not None and content_hash(note.signed_content) == (
        note.content_hash
    )
