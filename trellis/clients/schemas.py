"""API shapes for clients and diagnoses: strict, with field-level errors."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator

Status = Literal["active", "discharged"]
SexAtBirthIn = Literal["female", "male", "intersex", "unknown"]
DiagnosisStatusIn = Literal["active", "rule_out", "resolved", "ruled_out"]
EducationIn = Literal[
    "none",
    "primary",
    "secondary",
    "vocational",
    "some_college",
    "associate",
    "bachelor",
    "graduate",
    "unknown",
]
RelationshipIn = Literal[
    "single",
    "dating",
    "partnered",
    "married",
    "separated",
    "divorced",
    "widowed",
    "other",
    "unknown",
]
IdeationIn = Literal["not_assessed", "denied", "passive", "active_no_plan", "active_plan"]
SelfHarmIn = Literal["not_assessed", "none", "past", "recent"]
Short = Field(default="", max_length=100)
Long = Field(default="", max_length=20000)


def _email_or_blank(value: str) -> str:
    """The same rule as the pages' forms (Django's), so both accept the same addresses."""
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError("Enter a valid email address, or an empty string.") from None
    return value


Email = Annotated[str, Field(max_length=254), AfterValidator(_email_or_blank)]


class Strict(Schema):
    """An input: unknown fields are refused (a typo is not silently ignored), text is
    stripped of surrounding whitespace as the pages' forms do."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Patch(Strict):
    """An edit: a field left out keeps its value; null clears only the `clearable` ones."""

    clearable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _null_only_where_clearable(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.clearable:
            raise ValueError("This field cannot be null; leave it out to keep its value.")
        return value


class ClientFields(Strict):
    preferred_name: str = Short
    pronouns: str = Field(default="", max_length=50)
    gender_identity: str = Short
    sex_at_birth: SexAtBirthIn = Field(
        default="unknown",
        description="Sex assigned at birth; chooses sex-specific cut-offs (AUDIT-C, AUDIT). "
        "'unknown' (not recorded) shows both cut-offs.",
    )
    occupation: str = Short
    education: EducationIn = "unknown"
    relationship_status: RelationshipIn = "unknown"
    preferred_language: str = Short
    interpreter_needed: bool = False
    email: Email = ""
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=1000)
    first_session_date: date | None = None
    referral_source: str = Field(default="", max_length=200)
    presenting_problem: str = Long
    psychosocial_history: str = Long
    medical_history: str = Long
    current_medications: str = Long
    prescriber: str = Field(default="", max_length=200)
    primary_care_provider: str = Field(default="", max_length=200)
    family_psychiatric_history: str = Long
    substance_use_history: str = Long
    treatment_history: str = Long
    strengths: str = Long
    barriers: str = Long
    cultural_considerations: str = Long
    religious_considerations: str = Long
    suicidal_ideation: IdeationIn = "not_assessed"
    homicidal_ideation: IdeationIn = "not_assessed"
    self_harm_history: SelfHarmIn = "not_assessed"
    risk_notes: str = Long


class ClientIn(ClientFields):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    date_of_birth: date
    care_team: list[UUID] | None = Field(
        default=None,
        min_length=1,
        description="Staff on the care team, the first one primary; the caller by default.",
    )


class ClientPatch(Patch):
    clearable = frozenset({"first_session_date"})
    version: int = Field(ge=1, description="The version you read; a stale one answers 409.")
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)
    date_of_birth: date | None = None
    preferred_name: str | None = Field(default=None, max_length=100)
    pronouns: str | None = Field(default=None, max_length=50)
    gender_identity: str | None = Field(default=None, max_length=100)
    sex_at_birth: SexAtBirthIn | None = None
    occupation: str | None = Field(default=None, max_length=100)
    education: EducationIn | None = None
    relationship_status: RelationshipIn | None = None
    preferred_language: str | None = Field(default=None, max_length=100)
    interpreter_needed: bool | None = None
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=1000)
    first_session_date: date | None = None
    referral_source: str | None = Field(default=None, max_length=200)
    presenting_problem: str | None = Field(default=None, max_length=20000)
    psychosocial_history: str | None = Field(default=None, max_length=20000)
    medical_history: str | None = Field(default=None, max_length=20000)
    current_medications: str | None = Field(default=None, max_length=20000)
    prescriber: str | None = Field(default=None, max_length=200)
    primary_care_provider: str | None = Field(default=None, max_length=200)
    family_psychiatric_history: str | None = Field(default=None, max_length=20000)
    substance_use_history: str | None = Field(default=None, max_length=20000)
    treatment_history: str | None = Field(default=None, max_length=20000)
    strengths: str | None = Field(default=None, max_length=20000)
    barriers: str | None = Field(default=None, max_length=20000)
    cultural_considerations: str | None = Field(default=None, max_length=20000)
    religious_considerations: str | None = Field(default=None, max_length=20000)
    suicidal_ideation: IdeationIn | None = None
    homicidal_ideation: IdeationIn | None = None
    self_harm_history: SelfHarmIn | None = None
    risk_notes: str | None = Field(default=None, max_length=20000)
    status: Status | None = None


class TeamMemberOut(Schema):
    id: UUID
    full_name: str
    is_primary: bool


class ClientOut(Schema):
    id: UUID
    number: int = Field(description="The practice's client number, given in order of intake.")
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    age: int = Field(description="Age in whole years today.")
    pronouns: str
    gender_identity: str
    sex_at_birth: str
    occupation: str
    education: str
    relationship_status: str
    preferred_language: str
    interpreter_needed: bool
    email: str
    phone: str
    address: str
    first_session_date: date | None
    referral_source: str
    presenting_problem: str
    psychosocial_history: str
    medical_history: str
    current_medications: str
    prescriber: str
    primary_care_provider: str
    family_psychiatric_history: str
    substance_use_history: str
    treatment_history: str
    strengths: str
    barriers: str
    cultural_considerations: str
    religious_considerations: str
    suicidal_ideation: str
    homicidal_ideation: str
    self_harm_history: str
    risk_notes: str
    status: str
    discharged_on: date | None
    care_team: list[TeamMemberOut]
    version: int


class DiagnosisIn(Strict):
    code: str = Field(min_length=3, max_length=10, examples=["F41.1"])
    status: DiagnosisStatusIn = "active"
    is_primary: bool = False
    onset_date: date | None = None
    onset: str | None = Field(
        default=None,
        max_length=100,
        description='As known: "2021-03-14", "2021-03", "March 2021", "2019", "childhood". '
        "Takes the place of onset_date when both are given.",
    )
    notes: str = Field(default="", max_length=5000)


class DiagnosisPatch(Patch):
    clearable = frozenset({"onset_date", "onset"})
    version: int = Field(ge=1)
    status: DiagnosisStatusIn | None = None
    is_primary: bool | None = None
    onset_date: date | None = None
    onset: str | None = Field(
        default=None,
        max_length=100,
        description='As known: "2021-03-14", "2021-03", "March 2021", "2019", "childhood". '
        "Takes the place of onset_date when both are given.",
    )
    notes: str | None = Field(default=None, max_length=5000)


class DiagnosisOut(Schema):
    id: UUID
    client_id: UUID
    code: str
    description: str
    status: str
    is_primary: bool
    onset_date: date | None
    onset_text: str
    onset_precision: str
    diagnosed_on: date
    diagnosed_by_id: UUID | None
    notes: str
    version: int
