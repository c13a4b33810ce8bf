"""The demo's files, read and checked: `trellis/data/demo/staff.yaml` and one file per
client under `trellis/data/demo/clients/`.

A file is checked whole before anything is loaded, and an error names the file and the
field (`03-tessa-kowalczyk.yaml: plans[0].notes[1].ratings: 3 ratings for 2 goals`).
Dates are days from the day the demo is loaded ("110 days ago", "in 76 days", "today"),
so reviews come due and scores stay recent whenever it is loaded; scores and sessions
must be in the past, as neither can be dated ahead. Each score is written as its item
answers, with the total they should score; the total is checked here with the real
scorer, so a reviewer can trust the number beside the answers.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from trellis.accounts.permissions import Role
from trellis.clients.models import DiagnosisStatus
from trellis.core.datafile import DecodeError, decode_yaml
from trellis.core.measures import AnswerError, builtin_instruments, score
from trellis.measures.models import AdministrationMode, CriticalAction
from trellis.plans.models import Modality, ObjectiveStatus, PlanStatus, TargetKind
from trellis.progress import formats
from trellis.progress.models import NoteFormat, RiskLevel, SessionType

DEMO_DATA = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the published password of invented demo users

_DAYS = re.compile(r"(?:(?P<ago>\d+) days? ago|in (?P<ahead>\d+) days?|today)")


class DemoFileError(ValueError):
    """A demo file that cannot be loaded; the message names the file and the field."""


def _days_from_today(value: object) -> object:
    """ "110 days ago" is -110, "in 76 days" is 76, "today" is 0."""
    if not isinstance(value, str):
        return value  # pydantic then says what it expected
    found = _DAYS.fullmatch(value.strip())
    if found is None:
        raise ValueError(f"{value!r} is not a day: write '30 days ago', 'in 14 days' or 'today'")
    if found["ago"] is not None:
        return -int(found["ago"])
    return int(found["ahead"] or 0)


Day = Annotated[int, BeforeValidator(_days_from_today)]


def _in_the_past(day: int) -> int:
    if day >= 0:
        raise ValueError("must be in the past: a score or a session cannot be dated ahead")
    return day


PastDay = Annotated[int, BeforeValidator(_days_from_today), AfterValidator(_in_the_past)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


# --- staff.yaml ---------------------------------------------------------------------------


class Staff(_Part):
    email: str
    full_name: str
    credentials: str = ""
    role: Role
    practice: str
    supervises: tuple[str, ...] = ()
    shows: str = ""  # what this login shows, for the command's summary

    @property
    def display_name(self) -> str:
        return f"{self.full_name}, {self.credentials}" if self.credentials else self.full_name


class StaffFile(_Part):
    practices: tuple[str, ...]
    staff: tuple[Staff, ...]

    @model_validator(mode="after")
    def _known(self) -> StaffFile:
        emails = {person.email for person in self.staff}
        for n, person in enumerate(self.staff):
            if person.practice not in self.practices:
                raise ValueError(f"staff[{n}].practice: {person.practice!r} is not a practice")
            for email in person.supervises:
                if email not in emails:
                    raise ValueError(f"staff[{n}].supervises: {email!r} is not demo staff")
        return self


# --- A client's file ----------------------------------------------------------------------


class Intake(_Part):
    """Demographics and intake, as on *Add a client*; only what is written is set."""

    preferred_name: str = ""
    pronouns: str = ""
    gender_identity: str = ""
    preferred_language: str = ""
    interpreter_needed: bool = False
    email: str = ""
    phone: str = ""
    address: str = ""
    presenting_problem: str = ""
    psychosocial_history: str = ""
    medical_history: str = ""
    substance_use_history: str = ""
    treatment_history: str = ""
    strengths: str = ""
    barriers: str = ""
    cultural_considerations: str = ""
    religious_considerations: str = ""
    sex_at_birth: Literal["female", "male", "intersex", "unknown"] = "unknown"
    occupation: str = ""
    education: str = "unknown"
    relationship_status: str = "unknown"
    first_session_date: date | None = None
    referral_source: str = ""
    current_medications: str = ""
    prescriber: str = ""
    primary_care_provider: str = ""
    family_psychiatric_history: str = ""
    suicidal_ideation: str = "not_assessed"
    homicidal_ideation: str = "not_assessed"
    self_harm_history: str = "not_assessed"
    risk_notes: str = ""


class EmergencyContact(_Part):
    name: str
    relationship: str
    phone: str = ""
    email: str = ""
    may_discuss_care: bool = False


class Diagnosis(_Part):
    code: str
    status: DiagnosisStatus = DiagnosisStatus.ACTIVE
    primary: bool = False
    onset: Day | None = None
    notes: str = ""


class CriticalResponse(_Part):
    """What the clinician did about a positive critical item."""

    action: CriticalAction
    note: str


class Score(_Part):
    """One administration: the client's answers, in item order, as the form records them."""

    instrument: str
    date: PastDay
    answers: tuple[int, ...]
    total: float  # what the answers score; checked with the scorer
    mode: AdministrationMode = AdministrationMode.IN_SESSION
    notes: str = ""
    critical_response: CriticalResponse | None = None

    @model_validator(mode="after")
    def _scores_its_total(self) -> Score:
        instrument = builtin_instruments().get(self.instrument)
        if instrument is None:
            raise ValueError(f"instrument: {self.instrument!r} is not a shipped instrument")
        try:
            result = score(instrument, list(self.answers))
        except AnswerError as error:
            raise ValueError(f"answers: {error}") from error
        if result.total != self.total:
            raise ValueError(f"total: the answers score {result.total:g}, not {self.total:g}")
        return self


class Target(_Part):
    """A measure-linked target: 'PHQ-9 at or below 9', 'GAD-7 reliable improvement'."""

    instrument: str
    kind: TargetKind
    value: float | None = None
    deadline: Day | None = None


class Intervention(_Part):
    modality: Modality
    description: str
    frequency: str
    delivered_by: str


class Objective(_Part):
    statement: str
    due: Day | None  # no deadline is a gap a draft may have
    status: ObjectiveStatus
    targets: tuple[Target, ...] = ()
    interventions: tuple[Intervention, ...] = ()


class Goal(_Part):
    statement: str
    targets: tuple[Target, ...] = ()
    objectives: tuple[Objective, ...]


class Problem(_Part):
    title: str
    definition: str
    diagnosis: str | None = None  # an ICD-10-CM code among the client's diagnoses
    goals: tuple[Goal, ...]


class Rating(_Part):
    rating: int = Field(ge=1, le=5)
    comment: str


class Note(_Part):
    """One session's note, in its author's words. ``ratings`` rate the plan's goals in
    order (1 worse ... 5 goal met; null for a goal not worked on); the scores given that
    day are linked to it. The author (the primary clinician unless named) signs it
    unless it is a draft."""

    date: PastDay
    format: NoteFormat
    session_type: SessionType = SessionType.INDIVIDUAL
    minutes: int = 50
    author: str = ""  # a staff email, on the care team
    sections: dict[str, str]
    ratings: tuple[Annotated[int, Field(ge=1, le=5)] | Rating | None, ...]
    risk_level: RiskLevel
    risk_assessment: str
    next_session: str
    draft: bool = False

    @model_validator(mode="after")
    def _sections_of_its_format(self) -> Note:
        names = [section.name for section in formats.sections_of(self.format)]
        if list(self.sections) != names:
            raise ValueError(f"sections: a {self.format.upper()} note has {', '.join(names)}")
        return self


class SafetyPlan(_Part):
    warning_signs: str = ""
    coping_strategies: str = ""
    distraction_people_places: str = ""
    support_contacts: str = ""
    professional_contacts: str = ""
    crisis_lines: str = ""
    environment_safety: str = ""
    reasons_for_living: str = ""


class PlanDetails(_Part):
    """The plan's own fields; only what is written is set."""

    expected_sessions: int | None = None
    session_frequency: str = ""
    family_involvement: str = ""
    referrals: str = ""
    safety_plan: SafetyPlan | None = None

    def data(self) -> dict[str, Any]:
        """The fields as the plan services take them."""
        data = self.model_dump(include=set(self.model_fields_set) - {"safety_plan"})
        if self.safety_plan is not None:
            data |= self.safety_plan.model_dump(exclude_unset=True)
        return data


class ReviewHeld(_Part):
    """A review of the plan in force that decided to go on with it."""

    held: PastDay
    summary: str
    next_review: Day


class ObjectiveChange(_Part):
    """An objective of the version revised, found by how its statement begins."""

    objective: str
    statement: str | None = None
    status: ObjectiveStatus | None = None


class AddedObjective(Objective):
    goal: str  # how the goal's statement begins


class Revision(PlanDetails):
    """A new version of the plan in force, left a draft to go through with the client."""

    review: Day
    changes: tuple[ObjectiveChange, ...] = ()
    added: tuple[AddedObjective, ...] = ()

    def data(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in super().data().items()
            if name not in {"review", "changes", "added"}
        }


class Plan(PlanDetails):
    """A plan and the status it ends in (a superseded plan is replaced by the client's
    next active one), and what happens while it is in force: session notes, the measures
    it schedules (instrument: every N weeks), a review held, a revision drafted, and
    whether the clinician and the client (in person) sign it."""

    title: str
    status: PlanStatus
    start: Day
    review: Day
    problems: tuple[Problem, ...]
    notes: tuple[Note, ...] = ()  # oldest first
    measure_schedule: dict[str, int] = Field(default_factory=dict)
    review_held: ReviewHeld | None = None
    revision: Revision | None = None
    signed: bool = False

    def data(self) -> dict[str, Any]:
        own = {"title", "status", "start", "review", "problems", "notes"}
        own |= {"measure_schedule", "review_held", "revision", "signed"}
        return {name: value for name, value in super().data().items() if name not in own}

    @property
    def goals(self) -> list[Goal]:
        return [goal for problem in self.problems for goal in problem.goals]

    @model_validator(mode="after")
    def _a_rating_per_goal(self) -> Plan:
        for n, note in enumerate(self.notes):
            if len(note.ratings) != len(self.goals):
                raise ValueError(
                    f"notes[{n}].ratings: {len(note.ratings)} ratings for {len(self.goals)} goals"
                )
        return self


class ClientStory(_Part):
    first_name: str
    last_name: str
    born: date  # fixed: a client is found again by it
    practice: str
    care_team: tuple[str, ...] = Field(min_length=1)  # the first is the primary clinician
    discharged: bool = False
    intake: Intake
    emergency_contacts: tuple[EmergencyContact, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()
    scores: tuple[Score, ...] = ()  # oldest first
    plans: tuple[Plan, ...] = ()

    @field_validator("scores")
    @classmethod
    def _oldest_first(cls, scores: tuple[Score, ...]) -> tuple[Score, ...]:
        days = [s.date for s in scores]
        if days != sorted(days):
            raise ValueError("list the scores oldest first")
        return scores

    @model_validator(mode="after")
    def _references(self) -> ClientStory:
        codes = {d.code for d in self.diagnoses}
        for p, plan in enumerate(self.plans):
            for n, problem in enumerate(plan.problems):
                if problem.diagnosis is not None and problem.diagnosis not in codes:
                    raise ValueError(
                        f"plans[{p}].problems[{n}].diagnosis: {problem.diagnosis} is not "
                        "among the client's diagnoses"
                    )
            for n, note in enumerate(plan.notes):
                if note.author and note.author not in self.care_team:
                    raise ValueError(
                        f"plans[{p}].notes[{n}].author: {note.author} is not on the care team"
                    )
        return self


_FIELD = re.compile(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): ")


def _where(loc: tuple[int | str, ...]) -> str:
    """('plans', 0, 'notes', 1, 'date') as 'plans[0].notes[1].date'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _parse[M: BaseModel](model: type[M], path: Path) -> M:
    try:
        data = decode_yaml(path.read_text(encoding="utf-8"))
    except DecodeError as error:
        raise DemoFileError(f"{path.name}: {error}") from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_url=False):
            where = _where(tuple(p for p in problem["loc"] if not str(p).startswith("function-")))
            message = problem["msg"].removeprefix("Value error, ")
            field = _FIELD.match(message)  # a check of a whole part names its field first
            if field is not None:
                where = f"{where}.{field[1]}" if where else field[1]
                message = message[field.end() :]
            problems.append(
                f"{path.name}: {where}: {message}" if where else f"{path.name}: {message}"
            )
        raise DemoFileError("\n".join(problems)) from None


def load_staff(folder: Path = DEMO_DATA) -> StaffFile:
    return _parse(StaffFile, folder / "staff.yaml")


def load_clients(folder: Path = DEMO_DATA, staff: StaffFile | None = None) -> list[ClientStory]:
    """Every client's story, in the order of their file names; each checked whole."""
    known = staff or load_staff(folder)
    emails = {person.email for person in known.staff}
    stories = []
    for path in sorted((folder / "clients").glob("*.yaml")):
        story = _parse(ClientStory, path)
        if story.practice not in known.practices:
            raise DemoFileError(f"{path.name}: practice: {story.practice!r} is not a practice")
        for n, email in enumerate(story.care_team):
            if email not in emails:
                raise DemoFileError(f"{path.name}: care_team[{n}]: {email!r} is not demo staff")
        stories.append(story)
    return stories
