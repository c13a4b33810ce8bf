"""API shapes for administrations: strict inputs, the stored score as output."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, Field

from trellis.clients.schemas import Strict


class AdministrationIn(Strict):
    instrument: str = Field(min_length=1, max_length=60, description="e.g. 'PHQ-9'")
    answers: list[int | None] = Field(
        min_length=1, max_length=200, description="Item answers in item order; null if skipped."
    )
    administered_at: AwareDatetime | None = Field(
        default=None,
        description="With its time zone (e.g. 2026-01-05T10:00:00+01:00). Default: now.",
    )
    mode: Literal["in_session", "paper"] = "in_session"
    notes: str = Field(default="", max_length=5000)
    unscored_answers: dict[str, int] = Field(
        default_factory=dict,
        description="Answers to questions outside the score, e.g. {'difficulty': 1} on the "
        "PHQ-9 or GAD-7.",
    )


class AdministrationOut(Schema):
    id: UUID
    client_id: UUID
    instrument: str
    answers: list[int | None]
    total: float | None = Field(
        description="null when the answers cannot be scored but hold a critical answer, "
        "which is kept and alerts (see unscored_reason)"
    )
    unscored_reason: str
    severity: str
    subscales: dict[str, float]
    flags: list[str]
    score_notes: list[str] = Field(
        description="What scoring could not decide from the record, e.g. that the sex at "
        "birth is not recorded so both AUDIT-C cut-offs were applied."
    )
    critical: bool
    critical_response: bool
    critical_actions: list[str] = Field(
        description="What was done about the critical item, e.g. ['safety_plan', "
        "'crisis_line']; empty until a response is recorded."
    )
    mode: str
    total_only: bool = Field(
        description="A historical score entered as its total alone: answers are all null and "
        "no critical item could be checked; it still counts as a score."
    )
    unscored_answers: dict[str, int] = Field(
        description="Answers to questions outside the score, e.g. the PHQ-9's 'difficulty' "
        "(0 not difficult at all to 3 extremely difficult)."
    )
    administered_at: datetime
    administered_by: str
    entered_in_error: bool
