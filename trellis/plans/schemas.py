"""API shapes for treatment plans and their items."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from trellis.clients.schemas import Patch, Strict
from trellis.plans.models import MeansAccess, Modality, ObjectiveStatus

if TYPE_CHECKING:
    # A Literal built from the choices at run time is no type to the checker: it sees the
    # strings, and pydantic (which reads the names below) refuses any other value.
    ModalityIn = str
    ObjectiveStatusIn = str
    MeansAccessIn = str
else:
    ModalityIn = Literal[tuple(Modality.values)]
    ObjectiveStatusIn = Literal[tuple(ObjectiveStatus.values)]
    MeansAccessIn = Literal[("", *MeansAccess.values)]
Text = Field(default=None, max_length=20000)


class PlanFields(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    start_date: date | None = None
    review_date: date | None = None
    expected_sessions: int | None = Field(default=None, ge=1, le=500)
    session_frequency: str | None = Field(default=None, max_length=100)
    strengths: str | None = Text
    barriers: str | None = Text
    family_involvement: str | None = Text
    referrals: str | None = Text
    warning_signs: str | None = Text
    coping_strategies: str | None = Text
    distraction_people_places: str | None = Text
    support_contacts: str | None = Text
    professional_contacts: str | None = Text
    crisis_lines: str | None = Text
    environment_safety: str | None = Text
    firearms_access: MeansAccessIn | None = Field(
        default=None, description="yes, no, unknown, or empty when not asked yet"
    )
    firearms_plan: str | None = Text
    medication_access: MeansAccessIn | None = Field(
        default=None, description="yes, no, unknown, or empty when not asked yet"
    )
    medication_plan: str | None = Text
    reasons_for_living: str | None = Text


class PlanIn(PlanFields, Strict):
    """A new draft; what is left out (or null) takes its default: start today, review in 90
    days, strengths and barriers from the client's record."""


class PlanPatch(PlanFields, Patch):
    clearable = frozenset({"expected_sessions"})
    version: int = Field(ge=1, description="The version you read; a stale one answers 409.")


class PlanVersionIn(Strict):
    version: int = Field(ge=1, description="The version you read; a stale one answers 409.")


class ProblemIn(Strict):
    title: str = Field(min_length=1, max_length=200)
    behavioral_definition: str = Field(default="", max_length=20000)
    diagnosis_id: UUID | None = None


class ProblemPatch(Patch):
    clearable = frozenset({"diagnosis_id"})
    version: int = Field(ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    behavioral_definition: str | None = Field(default=None, max_length=20000)
    diagnosis_id: UUID | None = None


class GoalIn(Strict):
    statement: str = Field(min_length=1, max_length=5000)
    target_date: date | None = None
    status: ObjectiveStatusIn = "not_started"


class GoalPatch(Patch):
    clearable = frozenset({"target_date"})
    version: int = Field(ge=1)
    statement: str | None = Field(default=None, min_length=1, max_length=5000)
    target_date: date | None = None
    status: ObjectiveStatusIn | None = None


class ObjectiveIn(Strict):
    statement: str = Field(min_length=1, max_length=5000)
    target_date: date | None = None
    status: ObjectiveStatusIn = "not_started"


class ObjectivePatch(Patch):
    clearable = frozenset({"target_date"})
    version: int = Field(ge=1)
    statement: str | None = Field(default=None, min_length=1, max_length=5000)
    target_date: date | None = None
    status: ObjectiveStatusIn | None = None


class InterventionIn(Strict):
    modality: ModalityIn = "cbt"
    description: str = Field(min_length=1, max_length=5000)
    frequency: str = Field(default="", max_length=100)
    delivered_by: str = Field(default="", max_length=200)


class InterventionPatch(Patch):
    version: int = Field(ge=1)
    modality: ModalityIn | None = None
    description: str | None = Field(default=None, min_length=1, max_length=5000)
    frequency: str | None = Field(default=None, max_length=100)
    delivered_by: str | None = Field(default=None, max_length=200)


class InterventionOut(Schema):
    id: UUID
    position: int
    modality: str
    description: str
    frequency: str
    delivered_by: str
    version: int


class ObjectiveItemOut(Schema):
    id: UUID
    position: int
    statement: str
    target_date: date | None
    status: str
    version: int


class ObjectiveOut(ObjectiveItemOut):
    interventions: list[InterventionOut]


class GoalItemOut(Schema):
    id: UUID
    position: int
    statement: str
    target_date: date | None
    status: str
    version: int


class GoalOut(GoalItemOut):
    objectives: list[ObjectiveOut]


class ProblemItemOut(Schema):
    id: UUID
    position: int
    title: str
    behavioral_definition: str
    diagnosis_id: UUID | None
    version: int


class ProblemOut(ProblemItemOut):
    goals: list[GoalOut]


class PlanSummaryOut(Schema):
    id: UUID
    client_id: UUID
    title: str
    status: str
    start_date: date
    review_date: date | None
    updated_at: datetime
    version: int


class PlanOut(PlanSummaryOut):
    expected_sessions: int | None
    session_frequency: str
    strengths: str
    barriers: str
    family_involvement: str
    referrals: str
    warning_signs: str
    coping_strategies: str
    distraction_people_places: str
    support_contacts: str
    professional_contacts: str
    crisis_lines: str
    environment_safety: str
    firearms_access: str
    firearms_plan: str
    medication_access: str
    medication_plan: str
    reasons_for_living: str
    problems: list[ProblemOut]


class SafetyReviewIn(Strict):
    """An empty object: the review is the caller's, dated today."""


class SafetyReviewOut(Schema):
    """The safety plan was gone through with the client on ``reviewed_on``."""

    id: UUID
    plan_id: UUID
    reviewed_on: date
    reviewed_by_id: UUID
    created_at: datetime
