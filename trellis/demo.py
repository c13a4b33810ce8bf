"""The demo: two invented practices, their staff, and synthetic clients with plans.

`seed_demo()` loads it through the same services a clinician's clicks use, so every
record gets its audit event (via "cli"). It is safe to run again: staff are found by
email, practices by name and clients by practice, name and date of birth, and what is
already there is left exactly as it is. Everything of a client (scores, targets, notes,
schedules, reviews, revisions, signatures) is loaded with the client, so a database
seeded before some of it existed keeps its clients without it.

Most clients have a history of outcome measures matching their problems, each given as
the total it scores (the answers are built to match), with measure-linked targets on
their goals and objectives. Between them the targets show the statuses a clinician
meets most: met, on track, worse than baseline (Dana's GAD-7, a point up in a hard week),
deteriorated and not yet measured (a new client's baseline). Harold's latest PHQ-9 has
item 9 positive and no response yet, so his page shows the critical-item banner; two
earlier positive answers have their responses.

Each plan in force has weekly session notes (DAP, SOAP or BIRP) rating its goals as the
scores move, signed by their author; Harold's latest, which records the risk
assessment, is still a draft. Tessa has had no session for four weeks. Plans schedule
their measures (Harold's monthly AUDIT is due), Dana's and Noah's plans are signed by
clinician and client, Noah's review came due and the plan goes on, and a revised
version of Luis's plan waits as a draft for his overdue review. So the caseload
dashboard shows a working week: a critical item, deterioration, an overdue review, a
target worse than baseline, a lapse in sessions, measures due and targets met, and clients
who need nothing.

Plan dates, deadlines, scores and sessions are days from today, so reviews come due, fall
overdue and scores stay recent in any month the demo is loaded; every score and session
is in the past, as neither can be dated ahead (signatures carry the time of loading).
Birth dates are fixed, because a client is found again by them; the adolescent stays
under 18 until 2029.

Every person, phone number (555-01xx) and address here is invented. The clinical text
is this project's own, written to show sound, evidence-based planning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from trellis.accounts.models import Practice, Role, User
from trellis.audit.actor import Actor
from trellis.clients import services as client_services
from trellis.clients.models import Client, ClientStatus, Diagnosis, DiagnosisStatus
from trellis.core.measures import Instrument
from trellis.core.measures.schema import Item
from trellis.measures import services as measure_services
from trellis.measures.models import (
    Administration,
    AdministrationMode,
    CriticalAction,
    MeasureSchedule,
)
from trellis.measures.registry import instrument_get
from trellis.plans import services as plan_services
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import (
    Goal,
    MeasureTarget,
    Modality,
    Objective,
    ObjectiveStatus,
    PlanReview,
    PlanSignature,
    PlanStatus,
    ReviewDecision,
    SignatureRole,
    TargetKind,
    TreatmentPlan,
)
from trellis.plans.reviews import review_record
from trellis.plans.signatures import plan_hash, plan_sign
from trellis.plans.versions import plan_revise, plan_tree
from trellis.progress import formats
from trellis.progress import services as note_services
from trellis.progress.models import NoteFormat, ProgressNote, RiskLevel, SessionType

DEMO_PASSWORD = "demo-password"  # noqa: S105 - the published password of invented demo users
DEMO_PRACTICE = "Demo Practice"
OTHER_PRACTICE = "Other Practice"


def _p(text: str) -> str:
    """One paragraph from an indented triple-quoted string."""
    return " ".join(text.split())


def _lines(*items: str) -> str:
    return "\n".join(items)


# --- What the demo is made of -----------------------------------------------------------


@dataclass(frozen=True)
class StaffSpec:
    email: str
    full_name: str
    credentials: str
    role: str
    practice: str
    supervises: tuple[str, ...] = ()
    note: str = ""  # what this login shows, for the summary

    @property
    def display_name(self) -> str:
        return f"{self.full_name}, {self.credentials}" if self.credentials else self.full_name


@dataclass(frozen=True)
class InterventionSpec:
    modality: str
    description: str
    frequency: str
    delivered_by: str


@dataclass(frozen=True)
class MeasureTargetSpec:
    """A measure-linked target: 'PHQ-9 at or below 9', 'GAD-7 reliable improvement'."""

    instrument: str
    kind: str
    value: float | None = None
    due: int | None = None  # days from today


@dataclass(frozen=True)
class ObjectiveSpec:
    statement: str
    due: int | None  # days from today; None leaves the deadline open (a draft's gap)
    status: str
    interventions: tuple[InterventionSpec, ...] = ()
    targets: tuple[MeasureTargetSpec, ...] = ()


@dataclass(frozen=True)
class GoalSpec:
    statement: str
    objectives: tuple[ObjectiveSpec, ...]
    targets: tuple[MeasureTargetSpec, ...] = ()


@dataclass(frozen=True)
class ProblemSpec:
    title: str
    definition: str
    diagnosis: str | None  # an ICD-10-CM code among the client's diagnoses
    goals: tuple[GoalSpec, ...]


Rating = int | tuple[int, str] | None  # 1 (worse) to 5 (goal met), with a comment or not


@dataclass(frozen=True)
class NoteSpec:
    """One session's progress note, in its author's words.

    ``sections`` fill the format's sections in order (DAP: data, assessment, plan; SOAP:
    subjective, objective, assessment, plan; BIRP: behavior, intervention, response, plan).
    ``ratings`` rate each of the plan's goals in plan order; None for a goal not worked on
    that session. The scores given that day are linked to the note. The author (the primary
    clinician unless named) signs it unless it is still a draft.
    """

    day: int  # days from today, in the past
    note_format: str
    sections: tuple[str, ...]
    ratings: tuple[Rating, ...]
    risk_level: str
    risk_assessment: str
    next_session: str
    session_type: str = SessionType.INDIVIDUAL
    minutes: int = 50
    author: str = ""  # a staff email
    draft: bool = False

    def __post_init__(self) -> None:
        if self.day >= 0:
            raise ValueError(f"Note on day {self.day}: sessions in the demo are in the past")


@dataclass(frozen=True)
class ReviewSpec:
    """A review of the plan in force that decided to go on with it."""

    day: int  # when it was held, days from today
    summary: str
    next_review: int  # days from today


@dataclass(frozen=True)
class ObjectiveChange:
    """An objective of the version revised, found by how its statement begins."""

    begins: str
    statement: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class RevisionSpec:
    """A new version of the plan in force, left as a draft for the client to go through."""

    review: int  # the draft's review date, days from today
    fields: Mapping[str, Any] = field(default_factory=dict)
    changes: tuple[ObjectiveChange, ...] = ()
    added: tuple[tuple[str, ObjectiveSpec], ...] = ()  # (how the goal begins, new objective)


@dataclass(frozen=True)
class PlanSpec:
    """A plan and the status it ends in. A superseded plan is activated and then replaced
    by the next active plan in the client's list.

    What follows while it is in force: session notes, the measures it schedules
    (instrument: every N weeks), a review held, a revision drafted, and whether the
    clinician and the client (in person) have signed it."""

    title: str
    status: str
    start: int  # days from today
    review: int
    problems: tuple[ProblemSpec, ...]
    fields: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[NoteSpec, ...] = ()  # oldest first
    schedule: Mapping[str, int] = field(default_factory=dict)
    review_held: ReviewSpec | None = None
    revision: RevisionSpec | None = None
    signed: bool = False


@dataclass(frozen=True)
class DiagnosisSpec:
    code: str
    status: str = DiagnosisStatus.ACTIVE
    primary: bool = False
    onset: int | None = None  # days from today
    notes: str = ""


@dataclass(frozen=True)
class ResponseSpec:
    """What the clinician did about a positive critical item."""

    action: str
    note: str


@dataclass(frozen=True)
class ScoreSpec:
    """One administration, given as the total it scores; the answers are built to match.

    ``fixed`` pins answers by item number (PHQ-9 item 9, or every AUDIT-C item); the rest
    are spread evenly. A critical item not pinned is answered at its lowest option.
    """

    instrument: str
    day: int  # days from today, always in the past: an administration cannot be dated ahead
    total: float
    fixed: Mapping[int, int] = field(default_factory=dict)
    mode: str = AdministrationMode.IN_SESSION
    notes: str = ""
    response: ResponseSpec | None = None

    def __post_init__(self) -> None:
        if self.day >= 0:
            raise ValueError(f"{self.instrument} on day {self.day}: scores must be in the past")


@dataclass(frozen=True)
class ClientSpec:
    practice: str
    team: tuple[str, ...]  # staff emails; the first is the primary clinician and records all
    first_name: str
    last_name: str
    born: date
    intake: Mapping[str, Any]
    contacts: tuple[Mapping[str, Any], ...]
    diagnoses: tuple[DiagnosisSpec, ...]
    plans: tuple[PlanSpec, ...]
    discharged: bool = False
    scores: tuple[ScoreSpec, ...] = ()  # the client's outcome measures, oldest first


# --- The staff ---------------------------------------------------------------------------

CLINICIAN = "clinician@demo.test"
COLLEAGUE = "colleague@demo.test"
SUPERVISOR = "supervisor@demo.test"
ADMIN = "admin@demo.test"
OTHER_CLINICIAN = "clinician@other.test"

STAFF: tuple[StaffSpec, ...] = (
    StaffSpec(
        CLINICIAN,
        "Jordan Hale",
        "LCSW",
        Role.CLINICIAN,
        DEMO_PRACTICE,
        note="clinician; most demo clients are on their care team",
    ),
    StaffSpec(
        COLLEAGUE,
        "Marisol Vega",
        "PsyD",
        Role.CLINICIAN,
        DEMO_PRACTICE,
        note="clinician; sees only the 2 clients on their care team",
    ),
    StaffSpec(
        SUPERVISOR,
        "Elaine Carter",
        "PhD",
        Role.SUPERVISOR,
        DEMO_PRACTICE,
        supervises=(CLINICIAN,),
        note="supervisor of Jordan Hale (clinician@); sees Jordan's clients",
    ),
    StaffSpec(
        ADMIN,
        "Robin Castellano",
        "",
        Role.ADMIN,
        DEMO_PRACTICE,
        note="practice admin; sees every client and the access log",
    ),
    StaffSpec(
        OTHER_CLINICIAN,
        "Theo Lindqvist",
        "LMFT",
        Role.CLINICIAN,
        OTHER_PRACTICE,
        note="clinician; sees nothing of Demo Practice",
    ),
)
_NAMES = {spec.email: spec.display_name for spec in STAFF}
JORDAN = _NAMES[CLINICIAN]
MARISOL = _NAMES[COLLEAGUE]
THEO = _NAMES[OTHER_CLINICIAN]

S = ObjectiveStatus
M = Modality
T = TargetKind
DAP, SOAP, BIRP = NoteFormat.DAP, NoteFormat.SOAP, NoteFormat.BIRP
R = RiskLevel

CRISIS_LINES = _lines(
    "988 Suicide & Crisis Lifeline (call or text 988, or chat at 988lifeline.org)",
    "Crisis Text Line: text HOME to 741741",
    "In immediate danger: call 911 or go to the nearest emergency department",
)


# --- Dana Whitfield: recurrent depression and worry; a superseded plan and its successor --

DANA_SAFETY = {
    "warning_signs": _lines(
        "Waking at 4 a.m. and lying in bed going over money and work",
        "Cancelling plans with Renee or her sister two or more times in a week",
        "Drinking more than two glasses of wine on a weeknight",
        "The thought 'everyone would be better off without me'",
    ),
    "coping_strategies": _lines(
        "Get up and make tea in the kitchen instead of lying awake",
        "A 20-minute walk or an easy run",
        "Write the thought down, then the balanced answer practiced in session",
        "Her 'steady' playlist and a warm shower",
    ),
    "distraction_people_places": _lines(
        "The community garden on Saturday mornings",
        "The bookshop café on Elm Street",
        "Calling her sister Alisha to talk about anything other than how she feels",
    ),
    "support_contacts": _lines(
        "Renee Caldwell (partner): 555-0111",
        "Alisha Whitfield (sister): 555-0112",
    ),
    "professional_contacts": _lines(
        f"{JORDAN}, Demo Practice: 555-0100 (weekdays 9 to 5)",
        "Dr. Amara Osei, primary care: 555-0190",
        "Fairview County mobile crisis team (after hours): 555-0199",
    ),
    "crisis_lines": CRISIS_LINES,
    "environment_safety": _p(
        """No firearms in the home (asked of Dana and, with her consent, of Renee).
        Renee keeps the household's painkillers and Dana's spare medication in a locked
        box; Dana keeps one week's supply. Dana agrees not to drink when she is low or
        alone."""
    ),
    "reasons_for_living": _p(
        """Renee and their plan to adopt a dog this spring; being there for her sister's
        children; the garden plot she has tended for three years."""
    ),
}

# The 90-day review session, under the first plan (goals: mood, worry).
DANA_FIRST_NOTES = (
    NoteSpec(
        -20,
        DAP,
        (
            _p(
                """90-day review. Running twice a week again and cooking at weekends; still
                low on Sundays and awake from 4 a.m. most nights. Used the worry period on
                two days only: 'it just moved the worry to six o'clock'. PHQ-9 11, GAD-7
                14."""
            ),
            _p(
                """Partial response: PHQ-9 down from 17 at intake with behavioral activation
                and sertraline, not yet remission. Worry barely changed (GAD-7 16 to 14);
                postponement alone has not helped. Early waking keeps fatigue and low mood
                going."""
            ),
            _p(
                """Revise the plan with Dana: keep behavioral activation, move the worry
                work to problem solving and written exposure, add CBT for insomnia. Send
                scores to Dr. Osei with her consent."""
            ),
        ),
        ((3, "PHQ-9 17 to 11; routines mostly back."), (2, "GAD-7 16 to 14.")),
        R.LOW,
        _p(
            """One fleeting thought of not being here in the past month, none this week; no
            intent, plan or preparation. No firearms at home; Renee holds the spare
            medication. Safety plan read through together, unchanged."""
        ),
        "Go through the revised plan together and agree its targets.",
    ),
)

# Under the revised plan (goals: remission, worry, sleep): weekly, mood lifting, worry not yet.
DANA_NOTES = (
    NoteSpec(
        -14,
        DAP,
        (
            _p(
                """Read the revised plan together; Dana chose a PHQ-9 under 5 as her own
                sign of being 'back'. Started a sleep diary and a 6:30 a.m. rise time.
                Sorted this week's worries into 'can act on' and 'can't control'."""
            ),
            _p(
                """Engaged and hopeful about the new focus; mood much as last week. Most of
                her worry is hypothetical (Renee's health, losing her job), which suits
                written exposure; the overdue bills are a real problem to solve."""
            ),
            _p(
                """Rise at 6:30 daily and keep the diary; one problem-solving sheet on the
                bills. Next session: first written exposure to the job-loss worry."""
            ),
        ),
        (3, 2, 2),
        R.LOW,
        "No thoughts of death or suicide since the last session; no intent or plan. Safety "
        "plan unchanged.",
        "First written exposure; review the sleep diary.",
    ),
    NoteSpec(
        -9,
        DAP,
        (
            _p(
                """Kept the 6:30 rise time on 6 of 7 days; woke before 5 a.m. on three
                nights, down from five. Paid the bills using the problem-solving sheet.
                First written exposure to the job-loss worry in session: distress 8/10 at
                the start, 5/10 after 25 minutes. GAD-7 14."""
            ),
            _p(
                """Sleep is responding to the fixed rise time. Worry unchanged on the GAD-7,
                as expected this early in exposure; she stayed with the distress instead of
                reassuring herself. Mood steadier; ran twice."""
            ),
            _p(
                """Written exposure 20 minutes a day; keep the sleep schedule. Uncertainty
                experiment: send work emails after one read-through and note what
                happens."""
            ),
        ),
        (3, 2, 3),
        R.LOW,
        "Denies thoughts of death or suicide this week; no intent or plan.",
        "Review the exposure log and the email experiment.",
    ),
    NoteSpec(
        -2,
        DAP,
        (
            _p(
                """Quarter-end week at work: long days, more worry, two short nights. Still
                ran twice and saw friends on Saturday; calls her mood 'the best since last
                spring'. Sent nine emails after one read-through; none of the complaints
                she predicted came. PHQ-9 8, GAD-7 15, PSWQ 66."""
            ),
            _p(
                """Depression now mild: PHQ-9 under 10 for the first time, well down from 17
                at intake. Worry held steady under real work pressure, and the email
                experiments disconfirmed her prediction; too early to judge the worry
                work."""
            ),
            _p(
                """Keep up the exposures and experiments through quarter end. Book the
                relapse-prevention session with Renee for next month. Send scores to Dr.
                Osei."""
            ),
        ),
        ((4, "PHQ-9 8, her first score under 10."), (2, "GAD-7 15 in quarter-end week."), 3),
        R.LOW,
        _p(
            """PHQ-9 item 9 answered 'not at all'; no thoughts of death in the past two
            weeks. Protective: Renee, her sister, their plan to adopt a dog. Safety plan kept
            on her phone."""
        ),
        "Review the worry log after quarter end; book Renee's session.",
    ),
)

DANA_FIRST_PLAN = PlanSpec(
    title="Depression and worry: first plan",
    status=PlanStatus.SUPERSEDED,
    start=-110,
    review=-20,
    notes=DANA_FIRST_NOTES,
    fields={
        "expected_sessions": 12,
        "session_frequency": "Weekly, 50 minutes",
        "family_involvement": "Renee joined the second session to hear the plan.",
        "referrals": "Primary care (Dr. Osei) to restart antidepressant treatment.",
        **DANA_SAFETY,
    },
    problems=(
        ProblemSpec(
            "Depressed mood",
            _p(
                """Low mood most days; stopped running and cooking; called in sick six times
                in two months; passive thoughts that others would be better off without
                her."""
            ),
            "F33.1",
            (
                GoalSpec(
                    "Dana's mood lifts enough that she returns to her usual routines at work "
                    "and at home.",
                    (
                        ObjectiveSpec(
                            "Within 6 weeks, Dana will do at least three planned activities "
                            "she values each week (running, cooking, time with friends), "
                            "recorded in her activity diary.",
                            -68,
                            S.MET,
                            (
                                InterventionSpec(
                                    M.BA,
                                    "Activity monitoring for one week, then scheduling of "
                                    "valued activities, starting small and building up.",
                                    "Weekly",
                                    JORDAN,
                                ),
                            ),
                        ),
                        ObjectiveSpec(
                            "By the 90-day review, Dana's PHQ-9 score will fall from 17 to "
                            "below 10.",
                            -20,
                            S.PARTIALLY_MET,
                            (
                                InterventionSpec(
                                    M.MEDICATION_REFERRAL,
                                    "Referral to her primary care provider to restart an "
                                    "antidepressant, given two earlier episodes and a good "
                                    "past response to sertraline.",
                                    "Once, then an update every month",
                                    "Dr. Amara Osei (primary care)",
                                ),
                            ),
                        ),
                        ObjectiveSpec(
                            "Dana will keep a written safety plan and review it in session "
                            "at least once a month.",
                            -20,
                            S.MET,
                            (
                                InterventionSpec(
                                    M.SAFETY_PLANNING,
                                    "Write the safety plan together at intake; ask about "
                                    "suicidal thoughts at every session.",
                                    "Every session",
                                    JORDAN,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ProblemSpec(
            "Excessive worry",
            _p(
                """Worries about money, her job and her partner's health for several hours
                a day; cannot switch off at night; re-reads work emails many times before
                sending."""
            ),
            "F41.1",
            (
                GoalSpec(
                    "Worry takes up less of Dana's day and no longer keeps her awake.",
                    (
                        ObjectiveSpec(
                            "Within 10 weeks, Dana will move worries to a 20-minute worry "
                            "period on at least 5 days a week.",
                            -40,
                            S.NOT_MET,
                            (
                                InterventionSpec(
                                    M.CBT,
                                    "Worry postponement and cognitive restructuring of "
                                    "catastrophic predictions.",
                                    "Weekly",
                                    JORDAN,
                                ),
                            ),
                        ),
                        ObjectiveSpec(
                            "Within 4 weeks, Dana will practice progressive muscle relaxation "
                            "for 15 minutes on at least 5 days a week, logged on her phone.",
                            -82,
                            S.DISCONTINUED,
                            (
                                InterventionSpec(
                                    M.SKILLS,
                                    "Applied relaxation training; stopped after four weeks "
                                    "because Dana used it to avoid worries rather than face "
                                    "them.",
                                    "Weekly",
                                    JORDAN,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

DANA_REVISED_PLAN = PlanSpec(
    title="Depression and worry: revised at the 90-day review",
    status=PlanStatus.ACTIVE,
    start=-14,
    review=76,
    notes=DANA_NOTES,
    schedule={"PHQ-9": 2, "GAD-7": 2},
    signed=True,
    fields={
        "expected_sessions": 12,
        "session_frequency": "Weekly, 50 minutes",
        "family_involvement": _p(
            """Renee is invited to one session a month for relapse-prevention planning,
            with Dana's written consent."""
        ),
        "referrals": _p(
            """Primary care (Dr. Osei) continues sertraline; Jordan sends PHQ-9 and GAD-7
            results monthly with Dana's consent."""
        ),
        **DANA_SAFETY,
    },
    problems=(
        ProblemSpec(
            "Depressed mood, partly improved",
            _p(
                """PHQ-9 down from 17 to 11; back to running twice a week, but still low
                on Sundays and waking early; passive thoughts of death now rare."""
            ),
            "F33.1",
            (
                GoalSpec(
                    "Dana reaches remission from depression and has a plan to catch a fourth "
                    "episode early.",
                    targets=(MeasureTargetSpec("PHQ-9", T.RECOVERY),),
                    objectives=(
                        ObjectiveSpec(
                            "By the next review, Dana will score below 5 on the PHQ-9 on two "
                            "administrations at least two weeks apart.",
                            60,
                            S.IN_PROGRESS,
                            targets=(MeasureTargetSpec("PHQ-9", T.AT_OR_BELOW, 4, due=60),),
                            interventions=(
                                InterventionSpec(
                                    M.BA,
                                    "Keep the weekly activity schedule and add one social "
                                    "activity a week, chosen from her values list.",
                                    "Weekly",
                                    JORDAN,
                                ),
                                InterventionSpec(
                                    M.MEDICATION_REFERRAL,
                                    "Coordinate with her primary care provider on "
                                    "sertraline; share scores monthly with consent.",
                                    "Monthly",
                                    f"Dr. Amara Osei (primary care), with {JORDAN}",
                                ),
                            ),
                        ),
                        ObjectiveSpec(
                            "Within 10 weeks, Dana will write a relapse-prevention plan "
                            "naming her early warning signs, three actions for each, and "
                            "who she will tell.",
                            56,
                            S.NOT_STARTED,
                            (
                                InterventionSpec(
                                    M.CBT,
                                    "Relapse-prevention sessions: review what helped, "
                                    "map early signs, rehearse the plan with Renee.",
                                    "Weekly in the last month of the plan",
                                    JORDAN,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ProblemSpec(
            "Excessive worry",
            _p(
                """Still worries for two to three hours a day, mostly about things she
                cannot control; the worry period alone did not help (GAD-7 of 14)."""
            ),
            "F41.1",
            (
                GoalSpec(
                    "Dana can notice a worry, decide whether it needs action, and let the "
                    "rest go without losing sleep or work time.",
                    (
                        ObjectiveSpec(
                            "Within 6 weeks, Dana's GAD-7 score will fall from 14 to 9 or lower.",
                            28,
                            S.IN_PROGRESS,
                            targets=(MeasureTargetSpec("GAD-7", T.AT_OR_BELOW, 9, due=28),),
                            interventions=(
                                InterventionSpec(
                                    M.CBT,
                                    "CBT for worry: sort worries into problems she can act "
                                    "on (structured problem solving) and hypothetical ones "
                                    "(written exposure to the feared outcome).",
                                    "Weekly",
                                    JORDAN,
                                ),
                                InterventionSpec(
                                    M.PSYCHOEDUCATION,
                                    "How intolerance of uncertainty and avoidance keep "
                                    "worry going; a one-page summary she keeps.",
                                    "Once, then reviewed as needed",
                                    JORDAN,
                                ),
                            ),
                        ),
                        ObjectiveSpec(
                            "Within 4 weeks, Dana will run an uncertainty experiment (such as "
                            "sending an email after one read-through) at least 3 times a week "
                            "and record what happened.",
                            14,
                            S.IN_PROGRESS,
                            (
                                InterventionSpec(
                                    M.CBT,
                                    "Behavioral experiments planned in session and "
                                    "reviewed the next week.",
                                    "Weekly",
                                    JORDAN,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ProblemSpec(
            "Early waking",
            _p(
                """Wakes around 4 a.m. four or five nights a week and lies in bed worrying;
                tired and irritable at work."""
            ),
            None,
            (
                GoalSpec(
                    "Dana sleeps through to her alarm on most nights.",
                    (
                        ObjectiveSpec(
                            "Within 5 weeks, Dana will keep a 6:30 a.m. rise time on at least "
                            "6 days a week, and her sleep diary will show waking before 5 "
                            "a.m. on no more than 2 nights a week.",
                            21,
                            S.NOT_STARTED,
                            (
                                InterventionSpec(
                                    M.CBT,
                                    "CBT for insomnia components: sleep diary, a fixed rise "
                                    "time, leaving bed after about 20 minutes awake, and a "
                                    "wind-down hour without work email.",
                                    "Weekly",
                                    JORDAN,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

DANA_SCORES = (
    ScoreSpec(
        "PHQ-9",
        -110,
        17,
        fixed={9: 1},
        notes="Intake.",
        response=ResponseSpec(
            CriticalAction.SAFETY_PLAN,
            _p(
                """On bad nights, the thought that others would be better off without her;
                no plan, intent or past attempt. Safety plan written with her in session;
                Renee knows it. Ask at every session."""
            ),
        ),
    ),
    ScoreSpec("GAD-7", -110, 16, notes="Intake."),
    ScoreSpec("PSWQ", -110, 68, notes="Intake."),
    ScoreSpec("PHQ-9", -82, 15),
    ScoreSpec("PHQ-9", -54, 13),
    ScoreSpec("PHQ-9", -20, 11, notes="90-day review."),
    ScoreSpec("GAD-7", -20, 14, notes="90-day review."),
    ScoreSpec("GAD-7", -9, 14),
    ScoreSpec("PHQ-9", -2, 8),
    ScoreSpec("GAD-7", -2, 15, notes="Quarter-end deadlines at work this week."),
    ScoreSpec("PSWQ", -2, 66),
)

DANA = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Dana",
    last_name="Whitfield",
    born=date(1992, 6, 3),
    intake={
        "pronouns": "she/her",
        "gender_identity": "Woman",
        "preferred_language": "English",
        "email": "dana.whitfield@example.com",
        "phone": "555-0110",
        "address": "27 Birchwood Lane, Apt 4, Fairview",
        "presenting_problem": _p(
            """Referred by her primary care provider for a third episode of depression.
            For five months: low mood most days, lost interest in running and cooking,
            waking at 4 a.m., poor concentration at work, and constant worry about money
            and her job. Called in sick six times in two months. On bad nights, passive
            thoughts that 'everyone would be better off' without her; no plan, no intent,
            no past attempts."""
        ),
        "psychosocial_history": _p(
            """Lives with her partner Renee of six years in a rented apartment. Eldest of four;
            parents divorced when she was 12 and she helped raise her siblings. Business
            degree; supervises accounts payable at a regional distributor. Fewer friends
            since moving for work two years ago; close to her younger sister."""
        ),
        "medical_history": _p(
            """Hypothyroidism treated with levothyroxine; thyroid tests normal three months
            ago. Migraines a few times a month. No known allergies."""
        ),
        "substance_use_history": _p(
            """Two or three glasses of wine on weekend evenings, up to five when low.
            AUDIT-C 4. No other substances. Stopped smoking in 2019."""
        ),
        "treatment_history": _p(
            """Depressive episodes at 19 and 27. Counseling at her university at 19;
            sertraline for 14 months at 27 with a good response, tapered with her
            prescriber. No hospital stays."""
        ),
        "strengths": _p(
            """Insightful and organized; does her homework between sessions; a supportive
            partner; enjoys running and cooking when well; recovered with treatment
            before."""
        ),
        "barriers": _p(
            """Long hours and a 45-minute commute; worried about copay costs; withdraws and
            cancels plans when her mood drops."""
        ),
        "cultural_considerations": _p(
            """Black and queer; wants a clinician at ease with her relationship. Her
            mother sees therapy as a private family matter, so Dana has not told her."""
        ),
        "religious_considerations": _p(
            """Raised Baptist, not practicing now; finds community and meaning in the
            neighborhood garden group."""
        ),
    },
    contacts=(
        {
            "name": "Renee Caldwell",
            "relationship": "Partner",
            "phone": "555-0111",
            "email": "renee.caldwell@example.com",
            "may_discuss_care": True,
        },
        {"name": "Alisha Whitfield", "relationship": "Sister", "phone": "555-0112"},
    ),
    scores=DANA_SCORES,
    diagnoses=(
        DiagnosisSpec("F33.1", primary=True, onset=-150),
        DiagnosisSpec(
            "F41.1", onset=-900, notes="Worry since her early twenties, worse under stress."
        ),
        DiagnosisSpec(
            "F10.10",
            status=DiagnosisStatus.RULED_OUT,
            notes="AUDIT-C 4; no loss of control or harm from drinking. Recheck at review.",
        ),
    ),
    plans=(DANA_FIRST_PLAN, DANA_REVISED_PLAN),
)


# --- Luis Ortega: PTSD after a robbery; Spanish with an interpreter; review overdue ------

LUIS_SCORES = (
    ScoreSpec("PCL-5", -125, 52, notes="Intake, in Spanish with a certified interpreter."),
    ScoreSpec("PHQ-9", -125, 11, notes="Intake screen, in Spanish."),
    ScoreSpec("PCL-5", -97, 47),
    ScoreSpec("PCL-5", -69, 41, notes="After the impact statement."),
    ScoreSpec("PCL-5", -41, 36),
    ScoreSpec("PCL-5", -13, 33),
    ScoreSpec("PHQ-9", -13, 6, notes="Re-screen."),
)

# Weekly with an interpreter (goals: the robbery, sleep). The review fell due and was put
# off; a revised version is drafted for it.
LUIS_NOTES = (
    NoteSpec(
        -34,
        SOAP,
        (
            _p(
                """Through the interpreter: nightmares about three nights a week now. Still
                blames himself for his young co-worker being tied up: 'I am older, I should
                have done something.'"""
            ),
            _p(
                """Calm, good eye contact; tearful when speaking of his co-worker. Brought
                the practice sheets, completed in Spanish."""
            ),
            _p(
                """Guilt is the main stuck point. Ready for challenging questions about what
                he could have known and done with a gun pointed at him."""
            ),
            _p(
                """Challenging-questions worksheet on 'I should have protected him'; keep
                up the nightmare rehearsal daily."""
            ),
        ),
        (3, 3),
        R.NONE,
        "Denies thoughts of suicide or self-harm; C-SSRS screener negative.",
        "Review the worksheet.",
        minutes=60,
    ),
    NoteSpec(
        -27,
        SOAP,
        (
            _p(
                """Carmen joined, as planned. She says he no longer checks the locks every
                night and is 'less on edge' with the grandchildren. Luis says he slept five
                hours on most nights."""
            ),
            "Relaxed with Carmen present; both asked how avoidance keeps fear going.",
            _p(
                """Carmen is a strong support and understands why avoiding the warehouse
                street keeps the fear alive. Sleep improving."""
            ),
            _p(
                """Carmen will go with him on the first drives past the street once the list
                of avoided places is ready. Continue the worksheets."""
            ),
        ),
        (4, 3),
        R.NONE,
        "No thoughts of suicide; Carmen raised no concerns about his safety.",
        "Finish the guilt worksheet.",
        session_type=SessionType.FAMILY,
        minutes=60,
    ),
    NoteSpec(
        -20,
        SOAP,
        (
            _p(
                """Read out his balanced statement: 'I could not stop a man with a gun. I
                kept him calm and we both went home.' Nightmares twice this week."""
            ),
            "Said it without prompting, and with less distress than in earlier sessions.",
            _p(
                """A clear shift on the guilt stuck point. The plan's review fell due today;
                the interpreter was booked for only 45 minutes, so the review moves to a
                longer session."""
            ),
            _p(
                """Start the safety stuck point ('nowhere is safe at night'). Book a longer
                session with the interpreter for the review."""
            ),
        ),
        (4, 3),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Safety worksheet.",
        minutes=45,
    ),
    NoteSpec(
        -13,
        SOAP,
        (
            _p(
                """Worked one evening shift this week, with a co-worker walking him to his
                car. Worried beforehand, 'but nothing happened'."""
            ),
            "PCL-5 33 (52 at intake), PHQ-9 6. Sleep diary complete: 5 to 6 hours most nights.",
            _p(
                """Has met the plan's target of a 10-point fall on the PCL-5 (19 points), but
                is still in the range that suggests PTSD, and still avoids the warehouse
                street."""
            ),
            "Trust and safety worksheets; list the places he avoids, easiest first.",
        ),
        ((4, "PCL-5 52 to 33."), (3, "5 to 6 hours most nights.")),
        R.NONE,
        "Denies thoughts of suicide; PHQ-9 item 9 'not at all'.",
        "Rank the avoided places.",
        minutes=60,
    ),
    NoteSpec(
        -6,
        SOAP,
        (
            _p(
                """Ranked eleven places and situations he avoids; the warehouse street at
                night is the hardest. Wants to drive past it in daylight with Carmen
                first."""
            ),
            "Engaged; rates his distress about that first step at 6 out of 10.",
            _p(
                """Ready for graded exposure. The plan needs its review: the PCL-5 target is
                met and the exposure objective needs a deadline, so a revised version is
                drafted to go through with him."""
            ),
            _p(
                """Two daylight drives past the street with Carmen before the next session.
                Review the plan and the revised version with Luis and the interpreter next
                week (90 minutes booked)."""
            ),
        ),
        (4, (4, "Nightmares once this week.")),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Plan review; the drives past the street.",
        minutes=60,
    ),
)

LUIS_REVISION = RevisionSpec(
    review=70,
    fields={
        "expected_sessions": 8,
        "session_frequency": "Every other week, 60 minutes with an interpreter",
    },
    changes=(
        ObjectiveChange("By the end of CPT", status=S.MET),
        ObjectiveChange(
            "Luis will drive past the warehouse",
            statement=_p(
                """Within 6 weeks, Luis will drive past the warehouse street twice with
                Carmen and then once alone, staying until his distress rating (0 to 10)
                drops by half."""
            ),
            status=S.IN_PROGRESS,
        ),
    ),
    added=(
        (
            "Luis can remember the robbery",
            ObjectiveSpec(
                "By the next review, Luis's PCL-5 score will be 30 or lower, below the 31 to "
                "33 range that suggests PTSD.",
                70,
                S.IN_PROGRESS,
                targets=(MeasureTargetSpec("PCL-5", T.AT_OR_BELOW, 30, due=70),),
                interventions=(
                    InterventionSpec(
                        M.CPT,
                        "Finish CPT: the stuck points on trust and safety, and a final "
                        "impact statement read beside the first.",
                        "Every other week",
                        f"{JORDAN}, with a certified interpreter",
                    ),
                ),
            ),
        ),
    ),
)

LUIS = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Luis",
    last_name="Ortega",
    born=date(1974, 9, 21),
    intake={
        "pronouns": "he/him",
        "gender_identity": "Man",
        "preferred_language": "Spanish",
        "interpreter_needed": True,
        "email": "luis.ortega@example.com",
        "phone": "555-0120",
        "address": "1150 Harbor Road, Fairview",
        "presenting_problem": _p(
            """Fourteen months ago Luis was held at gunpoint and tied up during a night-time
            robbery at the grocery warehouse where he works. Since then: nightmares about
            four nights a week, checking the door locks several times a night, startling at
            loud noises, snapping at his family, and avoiding the warehouse street and any
            work after dark. Blames himself for not protecting a younger co-worker. PCL-5
            of 52 at intake. Denies thoughts of suicide (C-SSRS screener negative)."""
        ),
        "psychosocial_history": _p(
            """Born in Michoacán, Mexico; in the United States for 25 years. Married to
            Carmen for 28 years; three adult children, the youngest still at home. Works
            day shifts only now, at reduced hours, which strains the family budget."""
        ),
        "medical_history": _p(
            """High blood pressure treated with lisinopril. Back pain from lifting. Sleeps
            about four hours a night."""
        ),
        "substance_use_history": _p(
            """One or two beers at family gatherings; no change since the robbery. No other
            substances."""
        ),
        "treatment_history": "No earlier mental health treatment.",
        "strengths": _p(
            """Devoted to his family; steady work history of 20 years; his wife is a strong
            support; faith and his parish community; keeps every appointment."""
        ),
        "barriers": _p(
            """Needs sessions in Spanish with an interpreter; reduced income; shame about
            needing help; evening appointments clash with his shifts."""
        ),
        "cultural_considerations": _p(
            """Prefers a professional interpreter to his bilingual daughter, so she does not
            hear the details. Sees himself as the family's protector and provider. Written
            materials in Spanish."""
        ),
        "religious_considerations": _p(
            """Catholic; goes to Mass with Carmen most Sundays and finds comfort in prayer.
            Open to support from his parish priest alongside therapy."""
        ),
    },
    contacts=(
        {
            "name": "Carmen Ortega",
            "relationship": "Wife",
            "phone": "555-0121",
            "may_discuss_care": True,
        },
        {"name": "Daniela Ortega", "relationship": "Daughter", "phone": "555-0122"},
    ),
    scores=LUIS_SCORES,
    diagnoses=(
        DiagnosisSpec("F43.12", primary=True, onset=-420),
        DiagnosisSpec(
            "F32.1",
            status=DiagnosisStatus.RULED_OUT,
            notes=_p(
                """Low mood follows the trauma symptoms; criteria for a major depressive
                episode not met at intake. Re-screen with the PHQ-9 monthly."""
            ),
        ),
    ),
    plans=(
        PlanSpec(
            title="Trauma recovery plan",
            status=PlanStatus.ACTIVE,
            start=-125,
            review=-20,
            notes=LUIS_NOTES,
            schedule={"PCL-5": 4},
            revision=LUIS_REVISION,
            fields={
                "expected_sessions": 12,
                "session_frequency": "Weekly, 60 minutes with an interpreter",
                "family_involvement": _p(
                    """Carmen joins one session to learn about trauma reactions and how to
                    support practice between sessions."""
                ),
                "referrals": _p(
                    """Primary care (Spanish-speaking) for sleep and nightmares. Certified
                    Spanish medical interpreter booked for every session."""
                ),
                "crisis_lines": _lines(
                    "988 Suicide & Crisis Lifeline: call 988 and press 2 for Spanish",
                    "In immediate danger: call 911",
                ),
            },
            problems=(
                ProblemSpec(
                    "Trauma reactions after the robbery",
                    _p(
                        """Nightmares about four nights a week; avoids the warehouse street
                        and night work; checks locks several times a night; startles at
                        loud noises; blames himself for not protecting a co-worker."""
                    ),
                    "F43.12",
                    (
                        GoalSpec(
                            "Luis can remember the robbery without being overwhelmed and goes "
                            "back to the places and work he now avoids.",
                            (
                                ObjectiveSpec(
                                    "Within 8 weeks, Luis will write his impact statement "
                                    "and name in his own words two beliefs about the robbery "
                                    "that keep him stuck.",
                                    -69,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.CPT,
                                            "In Spanish through a certified interpreter: "
                                            "education about PTSD, the impact statement, and "
                                            "finding stuck points.",
                                            "Weekly",
                                            f"{JORDAN}, with a certified interpreter",
                                        ),
                                        InterventionSpec(
                                            M.PSYCHOEDUCATION,
                                            "Common reactions to trauma and how avoidance "
                                            "keeps them going, with handouts in Spanish.",
                                            "Sessions 1 and 2, and once with Carmen",
                                            f"{JORDAN}, with a certified interpreter",
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "By the end of CPT, Luis's PCL-5 score will drop at "
                                    "least 10 points from its intake score of 52.",
                                    14,
                                    S.IN_PROGRESS,
                                    targets=(
                                        MeasureTargetSpec("PCL-5", T.DOWN_BY_POINTS, 10, due=14),
                                    ),
                                    interventions=(
                                        InterventionSpec(
                                            M.CPT,
                                            "Worksheets on stuck points about guilt, safety "
                                            "and trust; Socratic questions in session; "
                                            "practice sheets in Spanish between sessions.",
                                            "Weekly",
                                            f"{JORDAN}, with a certified interpreter",
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Luis will drive past the warehouse "
                                    "street twice with Carmen, staying until his distress "
                                    "rating (0 to 10) drops by half.",
                                    30,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.EXPOSURE,
                                            "A graded list of avoided places built together; "
                                            "practice between sessions with Carmen for "
                                            "support.",
                                            "Twice a week between sessions",
                                            f"Luis and Carmen, planned with {JORDAN}",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Broken sleep and nightmares",
                    _p(
                        """Sleeps about four hours a night; wakes from nightmares and
                        checks the house; too tired for safe lifting at work."""
                    ),
                    "F43.12",
                    (
                        GoalSpec(
                            "Luis gets enough sleep to work his shifts safely.",
                            (
                                ObjectiveSpec(
                                    "Within 6 weeks, Luis will see his primary care "
                                    "provider about sleep and nightmares.",
                                    -83,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.MEDICATION_REFERRAL,
                                            "Referral to his Spanish-speaking primary care "
                                            "provider to assess sleep and discuss "
                                            "medication; PCL-5 results shared with consent.",
                                            "Once",
                                            "Primary care provider (referral)",
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Luis will rehearse a changed version "
                                    "of his recurring nightmare for 10 minutes a day on 5 "
                                    "days a week, logged on a Spanish sleep diary.",
                                    21,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.CBT,
                                            "Imagery rehearsal for nightmares: rewrite the "
                                            "dream with a new ending and rehearse it daily.",
                                            "Weekly review",
                                            f"{JORDAN}, with a certified interpreter",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Tessa Kowalczyk: an adolescent with ADHD and conflict at home; two clinicians -------

# Weekly, the parents every other week with Dr. Vega (goals: schoolwork, home). Nothing since
# the soccer tournament: the dashboard shows four weeks without a session.
TESSA_NOTES = (
    NoteSpec(
        -42,
        BIRP,
        (
            _p(
                """Came straight from soccer practice, chatty and restless. Says homework
                'never gets started' and that she and her mum yelled at each other three
                times this week."""
            ),
            _p(
                """Set up one paper planner and a daily 7 p.m. check with a parent; broke the
                history project into four dated steps. Taught STOP for arguments and
                started a diary card."""
            ),
            _p(
                """Enjoyed choosing her planner; unsure she will remember STOP 'in the
                moment' but agreed to try it."""
            ),
            "Daily planner check; diary card for arguments; bring both next week.",
        ),
        (2, 2),
        R.NONE,
        "Seen alone for part of the session: denies thoughts of self-harm or suicide, and "
        "any alcohol or drug use.",
        "Review the planner and the diary card.",
    ),
    NoteSpec(
        -35,
        BIRP,
        (
            _p(
                """Parent session with Anna and Piotr; Tessa joined for the last 20 minutes.
                Parents report planner checks on 3 of 5 school days and two yelling
                episodes this week, down from about four."""
            ),
            _p(
                """Coached a calm two-minute planner check with praise for effort; agreed a
                points chart toward weekend phone time; began a written family agreement on
                phone and homework times."""
            ),
            _p(
                """Parents keen; Anna noticed most arguments start when homework comes up at
                dinner. Tessa agreed to the chart and asked for Sunday afternoons free of
                homework talk."""
            ),
            "Parents run the chart and log yelling episodes; finish the agreement next time.",
        ),
        (3, 3),
        R.NONE,
        "No safety concerns raised by Tessa or her parents.",
        "Family agreement on phone and homework times.",
        session_type=SessionType.FAMILY,
        author=COLLEAGUE,
    ),
    NoteSpec(
        -28,
        BIRP,
        (
            _p(
                """Used the planner on 4 of 5 school days and handed in the first two
                history steps on time. Two arguments this week: used STOP in one and took a
                ten-minute break."""
            ),
            _p(
                """Reviewed the diary card; practiced paced breathing; dated the next two
                project steps. Booked the next session for after her soccer tournament."""
            ),
            "Proud of her history grade; said STOP 'actually worked once'.",
            "Keep the planner and the diary card; ask the school counselor about the 504 review.",
        ),
        ((3, "Planner used on 4 of 5 days."), (3, "A skill used in 1 of 2 arguments.")),
        R.NONE,
        "Asked alone: no thoughts of self-harm or suicide.",
        "Review two weeks of diary cards.",
    ),
)

TESSA = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN, COLLEAGUE),
    first_name="Tessa",
    last_name="Kowalczyk",
    born=date(2011, 2, 8),
    intake={
        "pronouns": "she/her",
        "gender_identity": "Girl",
        "preferred_language": "English",
        "email": "tessa.k@example.com",
        "phone": "555-0125",
        "address": "8 Orchard Court, Fairview",
        "presenting_problem": _p(
            """Brought by her mother after her grades fell from Bs to Ds in two classes and
            arguments at home grew to yelling and door slamming several times a week.
            Teachers report missing assignments, talking in class and trouble starting
            tasks. Tessa says she 'can't make herself start homework' and feels 'stupid'
            next to her older brother. No thoughts of self-harm (asked alone)."""
        ),
        "psychosocial_history": _p(
            """Tenth grade at Fairview High. Lives with her parents, older brother and her
            mother's parents. Plays soccer; a small, steady group of friends. Diagnosed
            with ADHD at 8."""
        ),
        "medical_history": _p(
            """Extended-release methylphenidate each school day from her pediatrician;
            skips it at weekends. Eats little at lunch. No other conditions."""
        ),
        "substance_use_history": "Denies alcohol, vaping or drug use (CRAFFT 0, asked alone).",
        "treatment_history": _p(
            """Parent training group when she was 9, which her parents found helpful. No
            individual therapy before."""
        ),
        "strengths": _p(
            """Funny, creative and good at art; loyal to friends; committed to her soccer
            team; both parents are engaged in her care."""
        ),
        "barriers": _p(
            """Medication wears off before homework time; phone use late at night; long
            projects feel impossible to start."""
        ),
        "cultural_considerations": _p(
            """Polish-American family; her grandparents speak Polish at home and distrust
            ADHD medication, a source of family tension."""
        ),
        "religious_considerations": _p(
            """The family is Catholic; Tessa is in confirmation classes and says she is
            'not sure what she believes'."""
        ),
    },
    contacts=(
        {
            "name": "Anna Kowalczyk",
            "relationship": "Mother (legal guardian)",
            "phone": "555-0126",
            "email": "anna.kowalczyk@example.com",
            "may_discuss_care": True,
        },
        {
            "name": "Piotr Kowalczyk",
            "relationship": "Father (legal guardian)",
            "phone": "555-0127",
            "may_discuss_care": True,
        },
    ),
    diagnoses=(
        DiagnosisSpec(
            "F90.2", primary=True, onset=-2600, notes="Diagnosed by her pediatrician at 8."
        ),
        DiagnosisSpec("Z62.820", onset=-120),
        DiagnosisSpec(
            "F41.1",
            status=DiagnosisStatus.RULED_OUT,
            notes="Worry is tied to school deadlines and eases when work is done.",
        ),
    ),
    plans=(
        PlanSpec(
            title="School and home plan",
            status=PlanStatus.ACTIVE,
            start=-45,
            review=45,
            notes=TESSA_NOTES,
            fields={
                "expected_sessions": 16,
                "session_frequency": "Weekly, with a parent session every other week",
                "family_involvement": _p(
                    """Both parents attend parent sessions with Dr. Vega; Tessa agreed to
                    what is shared with them (progress and plans, not her private
                    conversations)."""
                ),
                "referrals": _p(
                    """Pediatrician for a medication review; school counselor for a
                    504 plan review, with parental consent."""
                ),
            },
            problems=(
                ProblemSpec(
                    "Schoolwork not getting done",
                    _p(
                        """Misses about a third of homework; leaves projects to the night
                        before; loses papers in her backpack; teachers often redirect her
                        in class."""
                    ),
                    "F90.2",
                    (
                        GoalSpec(
                            "Tessa keeps up with schoolwork using systems that fit how her "
                            "attention works.",
                            (
                                ObjectiveSpec(
                                    "Tessa will write every assignment in "
                                    "one planner and check it with a parent at a set time on "
                                    "at least 4 of 5 school days, for 3 weeks running.",
                                    20,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.SKILLS,
                                            "Organization skills training: one planner, a "
                                            "daily check routine, breaking projects into "
                                            "dated steps, a Sunday backpack clear-out.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.FAMILY,
                                            "Parent coaching: a calm daily check-in, praise "
                                            "for effort, and points toward weekend phone "
                                            "time for planner checks done.",
                                            "Every other week",
                                            MARISOL,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Missing assignments in her two lowest "
                                    "classes will drop from about 10 to 3 or fewer on each "
                                    "two-week grade report.",
                                    40,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.CASE_MANAGEMENT,
                                            "Coordinate with the school counselor on a 504 "
                                            "plan review: extra time on long assignments "
                                            "and a weekly teacher check-in.",
                                            "Monthly",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.MEDICATION_REFERRAL,
                                            "Ask her pediatrician to review the timing of "
                                            "her stimulant, which wears off before homework; "
                                            "share parent and teacher rating scales.",
                                            "Once",
                                            "Pediatrician (referral)",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Blow-ups at home",
                    _p(
                        """Arguments with her mother about homework and phone use turn into
                        yelling and door slamming three or four times a week; Tessa then
                        shuts herself in her room for the evening."""
                    ),
                    "Z62.820",
                    (
                        GoalSpec(
                            "Tessa and her parents can disagree without yelling, and make up "
                            "afterwards.",
                            (
                                ObjectiveSpec(
                                    "Tessa will use a skill from her list "
                                    "(STOP, paced breathing, a 10-minute break) in at least "
                                    "half of the arguments on her diary card.",
                                    30,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.DBT,
                                            "DBT skills for adolescents: emotion regulation "
                                            "and distress tolerance skills taught in "
                                            "session and tracked on a diary card.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Her parents will report no more than "
                                    "one yelling episode a week for 3 weeks in a row.",
                                    45,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.FAMILY,
                                            "Family sessions: a written agreement on phone "
                                            "and homework time, and practice taking a break "
                                            "and coming back to talk.",
                                            "Every other week",
                                            MARISOL,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Harold Brennan: an older adult, depression after bereavement; a full safety plan ----

HAROLD_SCORES = (
    ScoreSpec(
        "PHQ-9",
        -37,
        16,
        fixed={9: 1},
        mode=AdministrationMode.PAPER,
        notes="Completed at Dr. Fischer's annual visit; entered from the referral letter.",
        response=ResponseSpec(
            CriticalAction.SAFETY_PLAN,
            _p(
                """Asked at the first session: passive wishes not to wake up several times
                a week; no plan, intent or past attempt. Safety plan written with Harold and
                Michael; both firearms moved to Michael's house."""
            ),
        ),
    ),
    ScoreSpec("AUDIT", -30, 7, fixed={1: 4, 2: 1, 3: 1, 7: 1}, notes="Intake."),
    ScoreSpec("PHQ-9", -23, 17),
    ScoreSpec("PHQ-9", -9, 19),
    ScoreSpec(
        "PHQ-9",
        -2,
        22,
        fixed={9: 2},
        notes="Margaret's birthday is next week; he has stopped going to the coffee group.",
    ),
)

# Weekly (goals: purpose and mood, safety), getting worse. The latest note, two days ago,
# records the risk assessment but is still a draft, and the critical-item response is
# still to be recorded: the dashboard shows it.
HAROLD_NOTES = (
    NoteSpec(
        -30,
        DAP,
        (
            _p(
                """First session after the assessment; Michael joined for the first half.
                Harold spends most days in the recliner, has missed the coffee group for two
                months and eats one proper meal a day. Wishes he would not wake up 'a few
                nights a week'. AUDIT 7: two beers most evenings."""
            ),
            _p(
                """Moderate depression with grief seven months after Margaret's death. Risk
                raised by his age, living alone, drinking alone and firearms in the house;
                protected by his family, faith and dog. Willing, though he sees needing help
                as weakness."""
            ),
            _p(
                """Safety plan written with Harold and Michael; Michael takes both firearms
                to his house this week. Start an activity chart. Ask Dr. Fischer for an
                antidepressant evaluation."""
            ),
        ),
        (2, 3),
        R.MODERATE,
        _p(
            """Passive wishes not to wake up several nights a week; denies intent, plan,
            preparation or past attempts. Two firearms at home: Michael agreed to remove
            them. Safety plan written; Veterans Crisis Line number given."""
        ),
        "Confirm the firearms are moved; review the activity chart.",
    ),
    NoteSpec(
        -23,
        DAP,
        (
            _p(
                """Michael phoned to confirm both firearms are at his house. Harold went to
                the coffee group once and 'didn't say much'. Told how he met Margaret at a
                church dance. PHQ-9 17."""
            ),
            _p(
                """Means restricted as agreed. Starting to talk about Margaret, with tears;
                mood unchanged. One activity outside the house is a start."""
            ),
            _p(
                """Chart: the coffee group and one afternoon in the woodshop. Bring photos
                of Margaret next week."""
            ),
        ),
        ((2, "PHQ-9 17."), (3, "Firearms moved; the safety plan is in his wallet.")),
        R.MODERATE,
        "Passive wishes not to wake up twice this week; no intent or plan; no access to "
        "firearms. Safety plan reviewed.",
        "Photos of Margaret; the activity chart.",
    ),
    NoteSpec(
        -16,
        DAP,
        (
            _p(
                """Did not go to the woodshop: 'no point, she always came out to see what I
                was making'. Brought photos of their 50th anniversary. Eating two meals on
                some days since the senior center meals started."""
            ),
            _p(
                """Avoiding the places tied to Margaret; grief close to the surface and the
                depression no better. Meals improving with practical help."""
            ),
            _p(
                """A smaller step: 15 minutes in the garage with Michael on Saturday. Chase
                the antidepressant evaluation with Dr. Fischer's office."""
            ),
        ),
        (2, 2),
        R.MODERATE,
        "Passive wishes 'most evenings' this week; denies intent or plan; firearms still at "
        "Michael's. He used the 'call Michael' step of his safety plan once.",
        "The garage visit; the doctor's appointment.",
    ),
    NoteSpec(
        -9,
        DAP,
        (
            _p(
                """Spent 15 minutes in the garage with Michael, then stopped. Has dropped the
                coffee group again. Dr. Fischer's appointment is in two weeks. Evenings are
                the worst. PHQ-9 19."""
            ),
            _p(
                """Depression worsening (16 at referral, 19 now) although he comes every
                week. Withdrawal growing, with Margaret's birthday close. He needs more
                support between sessions."""
            ),
            _p(
                """Michael to phone every evening this week; ask Dr. Fischer for an earlier
                appointment. Plan for Margaret's birthday next session."""
            ),
        ),
        ((1, "PHQ-9 19, up from 17."), 2),
        R.MODERATE,
        _p(
            """Passive wishes most evenings; denies intent, plan or preparation; no access to
            firearms; Michael holds his medication. Risk moderate and rising; Michael's
            evening calls added to the safety plan."""
        ),
        "Plan for Margaret's birthday; repeat the PHQ-9.",
    ),
    NoteSpec(
        -2,
        DAP,
        (
            _p(
                """Margaret's birthday is next week. Sits in the dark most evenings; has not
                been back to the coffee group. PHQ-9 22, item 9 'more than half the days'.
                'A few more' beers on some nights. Dr. Fischer moved his appointment up to
                this week."""
            ),
            _p(
                """Severe depression, reliably worse since the plan began, with an
                anniversary coming. Passive suicidal thoughts more frequent, still without
                intent or plan; the safety steps are in place. Care needs stepping up."""
            ),
            _p(
                """An extra session in three days and a call on the birthday, which he will
                spend at Michael's. Ask Dr. Fischer to start an antidepressant. Repeat the
                AUDIT next session. Consider revising the plan at the next session."""
            ),
        ),
        ((1, "PHQ-9 22."), (1, "Item 9 positive on more than half the days.")),
        R.MODERATE,
        _p(
            """Asked directly (C-SSRS screener): wishes he would not wake up on most days
            this week, and thought 'it would be easier to be with Margaret'; denies intent,
            plan, method, preparation or any past attempt. Firearms still at Michael's
            (confirmed by phone in session, with Harold's consent); Michael holds all but
            two weeks of his medication. Risk factors: severe and worsening depression,
            the anniversary, his age, living alone, drinking. Protective: grandchildren,
            Biscuit, his faith, the cradle, coming to every session. Judged moderate and
            rising, not imminent. Safety plan updated with a plan for the birthday; crisis
            lines checked on his phone."""
        ),
        "Extra session: the week, the safety plan and the AUDIT.",
        draft=True,
    ),
)

HAROLD = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Harold",
    last_name="Brennan",
    born=date(1948, 4, 17),
    intake={
        "pronouns": "he/him",
        "gender_identity": "Man",
        "preferred_language": "English",
        "email": "harold.brennan@example.com",
        "phone": "555-0130",
        "address": "402 Mill Street, Fairview",
        "presenting_problem": _p(
            """Referred by his primary care physician after a PHQ-9 of 16 at his annual
            visit. His wife of 51 years, Margaret, died of cancer seven months ago. Since
            then he has lost 12 pounds, stopped going to his coffee group and his
            woodshop, sleeps in the recliner and says 'I don't see the point of much any
            more'. Passive wishes not to wake up several times a week; no plan or intent;
            no past attempts. Two firearms in the house."""
        ),
        "psychosocial_history": _p(
            """Retired high-school shop teacher; Army veteran (1968-1970). Lives alone in
            the house he and Margaret shared for 40 years. His son Michael lives 20 minutes
            away and visits weekly; his daughter lives out of state. No longer drives at
            night."""
        ),
        "medical_history": _p(
            """Type 2 diabetes (metformin), high blood pressure, hearing loss in the left
            ear (hearing aid). Memory screen normal at his doctor's three months ago.
            Weight loss being followed by his doctor."""
        ),
        "substance_use_history": _p(
            """Two beers most evenings since Margaret died, up from occasional use. AUDIT
            7. No other substances."""
        ),
        "treatment_history": _p(
            """No earlier mental health care; spoke with the hospice chaplain twice."""
        ),
        "strengths": _p(
            """Dry sense of humor; skilled woodworker; close to his son and grandchildren;
            lifelong friends from church and the coffee group; veteran's benefits."""
        ),
        "barriers": _p(
            """Hearing loss (sit on his right, keep background noise down); no night
            driving; sees asking for help as weakness; lives alone."""
        ),
        "cultural_considerations": _p(
            """Irish-American farming family where 'you didn't talk about feelings'.
            Prefers to be called Harold. Afternoon appointments suit him best."""
        ),
        "religious_considerations": _p(
            """Methodist; faith matters to him and he struggles with why Margaret suffered.
            Welcomes his pastor's involvement alongside therapy."""
        ),
    },
    contacts=(
        {
            "name": "Michael Brennan",
            "relationship": "Son",
            "phone": "555-0131",
            "email": "michael.brennan@example.com",
            "may_discuss_care": True,
        },
        {"name": "Susan Brennan-Ford", "relationship": "Daughter", "phone": "555-0132"},
    ),
    scores=HAROLD_SCORES,
    diagnoses=(
        DiagnosisSpec("F32.1", primary=True, onset=-180),
        DiagnosisSpec("Z63.4", onset=-215, notes="Death of his wife after a long illness."),
        DiagnosisSpec(
            "F10.10",
            status=DiagnosisStatus.RULED_OUT,
            notes="AUDIT 7, no harm or loss of control; drinking is monitored in the plan.",
        ),
    ),
    plans=(
        PlanSpec(
            title="Grief and depression plan",
            status=PlanStatus.ACTIVE,
            start=-30,
            review=60,
            notes=HAROLD_NOTES,
            # Drinking is watched monthly (see the ruled-out F10.10): due now.
            schedule={"PHQ-9": 2, "AUDIT": 4},
            fields={
                "expected_sessions": 16,
                "session_frequency": "Weekly, afternoons, 50 minutes",
                "family_involvement": _p(
                    """Michael joined the first session for safety planning and moved the
                    firearms; he checks in by phone twice a week."""
                ),
                "referrals": _p(
                    """Primary care (Dr. Lena Fischer) for an antidepressant evaluation and
                    weight follow-up; county senior center meals program; Pastor Ruth
                    Adams with Harold's consent."""
                ),
                "warning_signs": _lines(
                    "Sitting in the dark in the evening with the TV off",
                    "Skipping meals for a whole day",
                    "Thinking 'I'd rather be with Margaret'",
                    "Their wedding anniversary, Margaret's birthday and the holidays",
                ),
                "coping_strategies": _lines(
                    "Go out to the garage and work on the cradle",
                    "Walk Biscuit around the block",
                    "Put on the Sunday radio program he and Margaret liked",
                    "Call Michael, even just to talk about the ball game",
                ),
                "distraction_people_places": _lines(
                    "Tuesday coffee group at the Main Street diner",
                    "The men's breakfast at First Methodist",
                    "Michael's house and the grandchildren",
                ),
                "support_contacts": _lines(
                    "Michael Brennan (son): 555-0131",
                    "Pastor Ruth Adams, First Methodist: 555-0133",
                ),
                "professional_contacts": _lines(
                    f"{JORDAN}, Demo Practice: 555-0100",
                    "Dr. Lena Fischer, primary care: 555-0191",
                ),
                "crisis_lines": _lines(
                    "988 Suicide & Crisis Lifeline (call or text 988)",
                    "Veterans Crisis Line: dial 988, then press 1",
                    "In immediate danger: call 911",
                ),
                "environment_safety": _p(
                    """Both firearms moved to Michael's house, with Michael keeping the key
                    (Michael confirmed by phone). Harold keeps two weeks of medication;
                    Michael keeps the rest. No more than one drink, and none on a low
                    evening."""
                ),
                "reasons_for_living": _p(
                    """His grandchildren, and seeing his granddaughter start college next
                    fall; his dog Biscuit; finishing the cradle for his first
                    great-grandchild."""
                ),
            },
            problems=(
                ProblemSpec(
                    "Depression after Margaret's death",
                    _p(
                        """Spends most days in the recliner with the TV on; has stopped the
                        coffee group and woodworking; eats one proper meal a day; PHQ-9 of
                        16 at intake."""
                    ),
                    "F32.1",
                    (
                        GoalSpec(
                            "Harold takes up again the people and activities that give his "
                            "days purpose, and his mood lifts.",
                            (
                                ObjectiveSpec(
                                    "Harold will do one planned activity "
                                    "outside the house each week (coffee group, church, "
                                    "Michael's woodshop), marked on his activity chart.",
                                    14,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.BA,
                                            "An activity chart; choose activities tied to "
                                            "what he values (family, craft, faith); solve "
                                            "barriers such as night driving.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Harold's PHQ-9 score will be under 10.",
                                    56,
                                    S.IN_PROGRESS,
                                    targets=(MeasureTargetSpec("PHQ-9", T.AT_OR_BELOW, 9, due=56),),
                                    interventions=(
                                        InterventionSpec(
                                            M.IPT,
                                            "Grief-focused work: telling the "
                                            "story of his life with Margaret, mourning her, "
                                            "and building new roles and ties.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.MEDICATION_REFERRAL,
                                            "With consent, send the PHQ-9 to his doctor and "
                                            "ask for an antidepressant evaluation, given "
                                            "moderate depression and weight loss.",
                                            "Once, then monthly updates",
                                            "Dr. Lena Fischer (primary care)",
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Harold will eat three meals a day on at "
                                    "least 5 days a week, recorded in a simple food log.",
                                    35,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.CASE_MANAGEMENT,
                                            "Connect Harold with the senior center meals "
                                            "program and a nutrition visit via his doctor.",
                                            "Once, then as needed",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Risk of suicide",
                    _p(
                        """Passive wishes not to wake up several times a week; lives alone;
                        had two firearms at home; an older widowed man, a group at higher
                        risk. No plan, intent or past attempt."""
                    ),
                    None,
                    (
                        GoalSpec(
                            "Harold stays safe, and the wish not to wake up fades.",
                            (
                                ObjectiveSpec(
                                    "Within the first week, Harold and Michael will move "
                                    "both firearms to Michael's house and confirm it to the "
                                    "clinician.",
                                    -23,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.SAFETY_PLANNING,
                                            "Write the safety plan together in the first "
                                            "session; counsel Harold and Michael on "
                                            "limiting access to firearms and medication.",
                                            "At intake, then at every review",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Before the review, Harold's rating of the wish not to "
                                    "wake up (0 to 10) will be 2 or lower for 4 weeks in a "
                                    "row.",
                                    56,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.SAFETY_PLANNING,
                                            "Ask about suicidal thoughts each session with "
                                            "the C-SSRS screener; update the safety plan "
                                            "when anything changes.",
                                            "Every session",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Marcus Delacroix: alcohol use disorder; on the colleague's care team only -----------

MARCUS_SCORES = (
    ScoreSpec("AUDIT", -50, 27, fixed={1: 4, 2: 4, 3: 3, 9: 4, 10: 4}, notes="Intake."),
    ScoreSpec(
        "AUDIT-C",
        -36,
        7,
        fixed={1: 3, 2: 2, 3: 2},
        notes="Asked about the past two weeks, as at every check.",
    ),
    ScoreSpec("AUDIT-C", -22, 2, fixed={1: 1, 2: 1}, notes="One lapse, at a family birthday."),
    ScoreSpec("AUDIT-C", -8, 0, notes="No alcohol since the lapse; Danielle's check-ins agree."),
)

# Weekly with Dr. Vega, couple sessions every other week (goals: sobriety, the marriage).
MARCUS_NOTES = (
    NoteSpec(
        -36,
        BIRP,
        (
            _p(
                """Eleven days without a drink since withdrawal management with his doctor.
                Cravings worst on Friday afternoons, when the crew goes to the bar. AUDIT-C
                7 for the past two weeks."""
            ),
            _p(
                """Motivational interviewing on his own reasons to stop (his children, his
                license, Danielle); mapped high-risk situations; rehearsed turning down a
                drink."""
            ),
            _p(
                """Named coaching his son's team as his main reason. Unsure he can say no to
                the crew, but will try the line he rehearsed."""
            ),
            "Daily log of cravings and drinks; leave with his co-worker on Fridays; ask his "
            "doctor about naltrexone.",
        ),
        (3, None),
        R.LOW,
        "No thoughts of suicide or self-harm. Not driving (license suspended).",
        "Review the log; plan the first couple session.",
    ),
    NoteSpec(
        -29,
        BIRP,
        (
            _p(
                """Danielle joined. Both describe arguments most evenings before treatment,
                calmer in the past two weeks. No alcohol this week."""
            ),
            _p(
                """Behavioral couples therapy: began a daily five-minute recovery check-in
                (Marcus states his intention not to drink, Danielle thanks him, no talk of
                past drinking); chose one shared activity."""
            ),
            "Danielle cautious but willing; Marcus found the check-in 'awkward but fine'.",
            "Check-in daily; a walk together on Sunday.",
        ),
        (3, 3),
        R.LOW,
        "No thoughts of suicide; no violence at home, asked of each alone.",
        "Review the check-ins.",
        session_type=SessionType.COUPLES,
    ),
    NoteSpec(
        -22,
        BIRP,
        (
            _p(
                """Drank four beers at his brother's birthday party on Saturday and told
                Danielle the next morning. No drinking since. Started naltrexone. AUDIT-C
                2."""
            ),
            _p(
                """Went through the lapse as something to learn from: what led to it (family
                pressure, no plan to leave) and what he did well (stopped, told Danielle).
                Wrote a plan for family gatherings."""
            ),
            "Ashamed at first, then engaged; will bring his own drinks and leave by 9.",
            "Gathering plan on his phone; keep the log; find a SMART Recovery meeting.",
        ),
        ((3, "One lapse, stopped and disclosed."), 3),
        R.LOW,
        "No thoughts of suicide; shame about the lapse, no hopelessness.",
        "SMART Recovery meetings; the gathering plan.",
    ),
    NoteSpec(
        -15,
        BIRP,
        (
            _p(
                """Check-ins on 6 of 7 days. Danielle saw him leave a barbecue early without
                drinking. Their first evening out alone in a year."""
            ),
            "Communication skills: speaking for himself, listening back; practiced on money.",
            "Both used the skills with coaching; Danielle said she 'felt heard'.",
            "One practice conversation at home; keep up the check-ins.",
        ),
        (4, 4),
        R.LOW,
        "No thoughts of suicide; no conflict at home beyond arguments about money.",
        "Relapse prevention for Fridays.",
        session_type=SessionType.COUPLES,
    ),
    NoteSpec(
        -8,
        BIRP,
        (
            _p(
                """No alcohol in the two weeks since the lapse; Danielle's check-ins agree.
                First SMART Recovery meeting, online. AUDIT-C 0."""
            ),
            "Reviewed his gains; urge surfing for Friday cravings; planned for his court date.",
            "More confident: 'Fridays are getting easier'. Worried about the court date.",
            "Two SMART meetings a week; stay on naltrexone; bring the court papers.",
        ),
        ((4, "AUDIT-C 0: the target is met."), 4),
        R.LOW,
        "No thoughts of suicide; worried but hopeful about court.",
        "The court date; the next target for his recovery.",
    ),
)

MARCUS = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(COLLEAGUE,),
    first_name="Marcus",
    last_name="Delacroix",
    born=date(1985, 11, 30),
    intake={
        "pronouns": "he/him",
        "gender_identity": "Man",
        "preferred_language": "English",
        "email": "marcus.delacroix@example.com",
        "phone": "555-0140",
        "address": "77 Levee Street, Fairview",
        "presenting_problem": _p(
            """Self-referred after a DUI arrest two months ago (license suspended,
            court date pending) and his wife saying she would leave if his drinking did not
            change. Eight to ten beers most evenings, more at weekends; shaky in the
            morning twice; several failed attempts to cut down. AUDIT 27. No thoughts of
            suicide."""
        ),
        "psychosocial_history": _p(
            """Electrician with a commercial contractor. Married to Danielle for nine years;
            children aged 6 and 9. His father drank heavily. A co-worker drives him to
            work for now."""
        ),
        "medical_history": _p(
            """Raised liver enzymes and untreated high blood pressure at a recent physical.
            Completed outpatient withdrawal management with his doctor in the first
            weeks of treatment. Back injury four years ago."""
        ),
        "substance_use_history": _p(
            """Alcohol since 16; daily since his back injury. Cannabis now and then in his
            twenties, none now. No opioids. Smokes half a pack a day."""
        ),
        "treatment_history": _p(
            """Court-ordered alcohol education after a first DUI charge at 24. A
            few AA meetings then; 'not for me'."""
        ),
        "strengths": _p(
            """Loves his children and wants to coach his son's baseball team; steady work
            record; skilled in his trade; honest about his drinking in sessions."""
        ),
        "barriers": _p(
            """No driving license for now; early shifts; drinking is part of the crew's
            Friday routine; unsure about stopping completely."""
        ),
        "cultural_considerations": _p(
            """Creole family from Louisiana; large family gatherings center on food and
            drink, so he will need a plan for them."""
        ),
        "religious_considerations": _p(
            """Raised Catholic, not practicing; prefers a non-religious mutual-help group
            such as SMART Recovery."""
        ),
    },
    contacts=(
        {
            "name": "Danielle Delacroix",
            "relationship": "Wife",
            "phone": "555-0141",
            "email": "danielle.delacroix@example.com",
            "may_discuss_care": True,
        },
        {"name": "André Delacroix", "relationship": "Brother", "phone": "555-0142"},
    ),
    scores=MARCUS_SCORES,
    diagnoses=(
        DiagnosisSpec("F10.20", primary=True, onset=-1500),
        DiagnosisSpec("Z63.0", onset=-365),
    ),
    plans=(
        PlanSpec(
            title="Recovery plan",
            status=PlanStatus.ACTIVE,
            start=-50,
            review=40,
            notes=MARCUS_NOTES,
            schedule={"AUDIT-C": 2},
            fields={
                "expected_sessions": 20,
                "session_frequency": "Weekly; couple sessions every other week",
                "family_involvement": _p(
                    """Danielle attends couple sessions and takes part in the daily recovery
                    check-in; Marcus signed consent to share progress with her."""
                ),
                "referrals": _p(
                    """Primary care for withdrawal follow-up, blood pressure and medication
                    for alcohol use disorder; SMART Recovery meetings (online or by bus)."""
                ),
                "crisis_lines": CRISIS_LINES,
            },
            problems=(
                ProblemSpec(
                    "Alcohol use",
                    _p(
                        """Drank eight to ten beers on most evenings before treatment; drove
                        after drinking; morning shakes; drinking has cost him his license
                        and strained his marriage."""
                    ),
                    "F10.20",
                    (
                        GoalSpec(
                            "Marcus stops drinking and builds a life in recovery that "
                            "protects his family and his work.",
                            targets=(MeasureTargetSpec("AUDIT-C", T.AT_OR_BELOW, 3, due=40),),
                            objectives=(
                                ObjectiveSpec(
                                    "Within 10 days, Marcus will have a medical check on "
                                    "safe withdrawal and follow its advice.",
                                    -40,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.MEDICATION_REFERRAL,
                                            "Referral to his doctor for withdrawal "
                                            "assessment and to discuss naltrexone or "
                                            "acamprosate.",
                                            "Once",
                                            f"{MARISOL} and his primary care provider",
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Marcus will reach 60 days in a row "
                                    "without alcohol, confirmed by his daily log and "
                                    "Danielle's check-in.",
                                    20,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.MI,
                                            "Draw out and strengthen his own reasons to "
                                            "change, and work through his "
                                            "doubts about stopping completely.",
                                            "Weekly",
                                            MARISOL,
                                        ),
                                        InterventionSpec(
                                            M.CBT,
                                            "CBT relapse prevention: map high-risk "
                                            "situations, practice refusing drinks, and a "
                                            "plan for cravings (delay, distract, call).",
                                            "Weekly",
                                            MARISOL,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Marcus will attend a mutual-help "
                                    "meeting of his choice at least once a week, 4 weeks "
                                    "running.",
                                    30,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.CASE_MANAGEMENT,
                                            "Find SMART Recovery meetings online and on his "
                                            "bus route; plan the first visit together.",
                                            "Once",
                                            MARISOL,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Strain in his marriage",
                    _p(
                        """Frequent arguments about drinking and money; Danielle sleeps in
                        the children's room on bad nights; they rarely spend time together
                        without the children."""
                    ),
                    "Z63.0",
                    (
                        GoalSpec(
                            "Marcus and Danielle rebuild trust and can talk problems through "
                            "without arguing.",
                            (
                                ObjectiveSpec(
                                    "Marcus and Danielle will attend 6 "
                                    "couple sessions and do the daily recovery check-in on "
                                    "at least 5 days a week.",
                                    42,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.COUPLES,
                                            "Behavioral couples therapy for alcohol use: a "
                                            "daily sobriety check-in, shared positive "
                                            "activities, and communication skills.",
                                            "Every other week",
                                            MARISOL,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Jasmine Albright: panic disorder treated to completion; discharged, plan closed -----

JASMINE_SCORES = (
    ScoreSpec("GAD-7", -150, 15, notes="Intake."),
    ScoreSpec("GAD-7", -122, 11),
    ScoreSpec("GAD-7", -94, 7),
    ScoreSpec("GAD-7", -66, 4, notes="Last weekly session."),
)

JASMINE = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Jasmine",
    last_name="Albright",
    born=date(1997, 1, 25),
    intake={
        "pronouns": "she/her",
        "gender_identity": "Woman",
        "preferred_language": "English",
        "email": "jasmine.albright@example.com",
        "phone": "555-0145",
        "address": "19 Station Road, Apt 2B, Fairview",
        "presenting_problem": _p(
            """Panic attacks three or four times a week for six months, beginning on a
            crowded train. Racing heart, dizziness and fear of dying; one emergency visit
            for chest pain with normal heart tests. Stopped taking the train (now spends
            about $400 a month on rideshares) and leaves stores when lines are long."""
        ),
        "psychosocial_history": _p(
            """Graphic designer; shares an apartment with a friend. Close to her brother. Active
            in a climbing gym before the attacks began."""
        ),
        "medical_history": "Asthma, well controlled. Heart tests normal (emergency visit).",
        "substance_use_history": _p(
            """Social drinking, one or two drinks a week. Three or four coffees a day at
            intake, cut to one during treatment."""
        ),
        "treatment_history": "None before this episode.",
        "strengths": "Curious, determined and quick to try new skills; supportive brother.",
        "barriers": "Busy project deadlines; at first wanted to avoid anything that felt scary.",
        "cultural_considerations": "Korean-American; her parents would rather not discuss therapy.",
        "religious_considerations": "None given.",
    },
    contacts=({"name": "Kevin Albright", "relationship": "Brother", "phone": "555-0146"},),
    scores=JASMINE_SCORES,
    diagnoses=(
        DiagnosisSpec(
            "F41.0",
            status=DiagnosisStatus.RESOLVED,
            primary=True,
            onset=-330,
            notes="No panic attacks for two months at discharge.",
        ),
    ),
    plans=(
        PlanSpec(
            title="Panic treatment plan",
            status=PlanStatus.CLOSED,
            start=-150,
            review=-60,
            fields={
                "expected_sessions": 12,
                "session_frequency": "Weekly, then two monthly booster sessions",
                "family_involvement": "Kevin joined one exposure outing on the train.",
                "referrals": "None needed; primary care kept informed with consent.",
            },
            problems=(
                ProblemSpec(
                    "Panic attacks and avoidance",
                    _p(
                        """Sudden surges of racing heart, dizziness and fear of dying three
                        or four times a week; takes rideshares instead of the train;
                        leaves stores if the line is long."""
                    ),
                    "F41.0",
                    (
                        GoalSpec(
                            "Jasmine goes where she needs to go without panic deciding for her.",
                            targets=(MeasureTargetSpec("GAD-7", T.RECOVERY),),
                            objectives=(
                                ObjectiveSpec(
                                    "Within 3 weeks, Jasmine will explain the panic cycle in "
                                    "her own words and practice slow breathing for 5 "
                                    "minutes a day.",
                                    -130,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.PSYCHOEDUCATION,
                                            "The panic cycle, misreading body sensations as "
                                            "danger, and why escape keeps panic going.",
                                            "Sessions 1 to 3",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Within 6 weeks, Jasmine will do interoceptive exposure "
                                    "(spinning, straw breathing, running in place) daily "
                                    "until her fear rating stays below 3 out of 10.",
                                    -110,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.EXPOSURE,
                                            "Interoceptive exposure in session and as daily "
                                            "homework.",
                                            "Weekly in session, daily at home",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.CBT,
                                            "Cognitive restructuring of 'I'm having a heart "
                                            "attack' and 'I'll faint and no one will help'.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Within 10 weeks, Jasmine will take the train to work 5 "
                                    "days a week for 2 weeks without safety behaviors.",
                                    -80,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.EXPOSURE,
                                            "Graded real-life exposure from one stop off-peak "
                                            "to the full rush-hour journey.",
                                            "Three times a week between sessions",
                                            f"Jasmine, planned with {JORDAN}",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Keeping the gains",
                    "Worried the attacks will come back once sessions end.",
                    "F41.0",
                    (
                        GoalSpec(
                            "Jasmine keeps her progress after treatment ends.",
                            (
                                ObjectiveSpec(
                                    "By the last weekly session, Jasmine will write a "
                                    "relapse-prevention plan: her early signs, the skills "
                                    "that worked, and when to call.",
                                    -65,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.CBT,
                                            "Relapse-prevention session and two monthly "
                                            "booster sessions.",
                                            "Once, then monthly twice",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Jasmine will go back to the climbing gym at least "
                                    "twice a week.",
                                    -60,
                                    S.PARTIALLY_MET,
                                    (
                                        InterventionSpec(
                                            M.BA,
                                            "Plan visits with a friend; treat a racing "
                                            "heart while climbing as one more exposure.",
                                            "Reviewed at each booster",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    discharged=True,
)


# --- Sam Adeyemi: social anxiety, plan still a draft ------------------------------------

SAM_SCORES = (
    ScoreSpec("GAD-7", -6, 13, notes="Intake."),
    ScoreSpec("PHQ-9", -6, 8, notes="Intake."),
)

SAM = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Samuel",
    last_name="Adeyemi",
    born=date(2003, 8, 12),
    intake={
        "preferred_name": "Sam",
        "pronouns": "they/them",
        "gender_identity": "Nonbinary",
        "preferred_language": "English",
        "email": "sam.adeyemi@example.com",
        "phone": "555-0150",
        "address": "Fairview University, Maple Hall 312",
        "presenting_problem": _p(
            """Strong fear of being judged when speaking in class, in group projects and on
            the phone. Dropped two seminars that required presentations and may not
            graduate on time. Eats lunch in their car to avoid the dining hall. Blushes
            and shakes when they must speak. No thoughts of self-harm."""
        ),
        "psychosocial_history": _p(
            """Final-year biology student; lives in student housing. Parents emigrated from
            Lagos; two younger siblings. A few close friends from a gaming club."""
        ),
        "medical_history": "No significant history.",
        "substance_use_history": _p(
            """Drinks two or three beers before parties 'to be able to talk'; otherwise
            rarely. No other substances."""
        ),
        "treatment_history": "One session at the university counseling center last year.",
        "strengths": "Thoughtful, funny with friends, strong in science, motivated to graduate.",
        "barriers": "Fear of the treatment itself (exposure); exam weeks; limited insurance.",
        "cultural_considerations": _p(
            """Nigerian-American. Out as nonbinary to friends, not yet to their parents;
            uses Sam and they/them in sessions, and letters home use their legal name.
            Feels pressure from family to go into medicine."""
        ),
        "religious_considerations": _p(
            """Parents are active in a Pentecostal church; Sam goes at holidays and feels
            conflicted about it."""
        ),
    },
    contacts=({"name": "Tobi Okonkwo", "relationship": "Friend", "phone": "555-0151"},),
    scores=SAM_SCORES,
    diagnoses=(
        DiagnosisSpec("F40.10", primary=True, onset=-2200),
        DiagnosisSpec(
            "F41.1",
            status=DiagnosisStatus.RULED_OUT,
            notes="Worry is confined to social situations.",
        ),
    ),
    plans=(
        PlanSpec(
            title="Social anxiety plan (draft)",
            status=PlanStatus.DRAFT,
            start=0,
            review=90,
            fields={
                "expected_sessions": 14,
                "session_frequency": "Weekly, 50 minutes",
                "referrals": "Disability services, to ask about presentation adjustments.",
            },
            problems=(
                ProblemSpec(
                    "Fear of being judged",
                    _p(
                        """Avoids speaking in class, phone calls and eating in public;
                        dropped two seminars with presentations; racing heart and blushing
                        when they must speak."""
                    ),
                    "F40.10",
                    (
                        GoalSpec(
                            "Sam takes part in class, work and friendships without avoiding "
                            "situations for fear of judgment.",
                            targets=(MeasureTargetSpec("GAD-7", T.RELIABLE_IMPROVEMENT),),
                            objectives=(
                                ObjectiveSpec(
                                    "Within 6 weeks, Sam will complete 8 steps of their "
                                    "exposure ladder, from asking a question in a lecture "
                                    "to giving a 5-minute talk to a small group.",
                                    42,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.CBT,
                                            "Cognitive therapy for social anxiety: drop "
                                            "safety behaviors, shift attention outward, "
                                            "and compare video feedback with predictions.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.EXPOSURE,
                                            "Graded exposure to feared social situations, "
                                            "in session and on campus.",
                                            "Weekly, with practice between sessions",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Sam will eat lunch in the campus dining hall at least "
                                    "twice a week.",
                                    None,
                                    S.NOT_STARTED,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Noah Feldman: contamination OCD treated with ERP ------------------------------------

NOAH_SCORES = (
    ScoreSpec("WHO-5", -60, 28, notes="Intake."),
    ScoreSpec("WHO-5", -39, 32),
    ScoreSpec("WHO-5", -18, 40),
    ScoreSpec("WHO-5", -4, 44, notes="First week of home exposures without washing after."),
)

# Weekly, 90 minutes for the first 8 sessions (goals: the washing, Eli). The plan's review
# came due at eight weeks and it goes on unchanged; signed by Jordan and Noah.
NOAH_NOTES = (
    NoteSpec(
        -32,
        SOAP,
        (
            "Finished his list: 18 situations, rated 10 to 95. Washing about 30 times a day.",
            _p(
                """Anxious before the first exposure in session (touching the waiting-room
                chair, 30 of 100); stayed with it 40 minutes without washing, and his rating
                fell to 10. Hands still cracked."""
            ),
            _p(
                """Hierarchy done: that objective is met. Took the first exposure well and
                saw anxiety fall without washing."""
            ),
            "Home exposures at the 30 level, 45 minutes a day; no washing for an hour after.",
        ),
        (3, None),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Exposure at the 40 level (the kitchen bin lid).",
        minutes=90,
    ),
    NoteSpec(
        -25,
        SOAP,
        (
            _p(
                """Home exposures on 5 of 7 days; washing about 25 times a day. Eli still
                washes the groceries when Noah asks."""
            ),
            _p(
                """Touched the kitchen bin lid and made a sandwich without washing: peak 60,
                down to 20 after 50 minutes."""
            ),
            _p(
                """Steady progress with exposure; Eli's help with the rituals is now what
                keeps them going."""
            ),
            "Home exposures at the 40 to 50 level; invite Eli to a partner session.",
        ),
        (3, 2),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Exposure at the 50 level.",
        minutes=90,
    ),
    NoteSpec(
        -18,
        SOAP,
        (
            _p(
                """Showers down to 40 minutes. 'I went to the café and used their toilet.'
                Still asks Eli whether his hands are clean many times a day."""
            ),
            _p(
                """WHO-5 40 (28 at intake). Held the clinic's restroom door handle (50 of
                100) until his rating halved; no washing for an hour after."""
            ),
            "Good progress, and his wellbeing is rising. Reassurance-seeking is the next target.",
            "Keep the ritual log; answer his own reassurance questions; Eli joins next week.",
        ),
        ((4, "WHO-5 40; showers 40 minutes."), 2),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Partner session with Eli.",
        minutes=90,
    ),
    NoteSpec(
        -11,
        SOAP,
        (
            _p(
                """Eli joined. He washes anything Noah brings home 'to keep the peace' and
                answers 'are my hands clean?' up to 20 times a day."""
            ),
            "Both engaged; Eli tearful about how tiring the rituals have become.",
            _p(
                """Eli's help is well meant and keeps the OCD going; both agreed to step it
                down gradually."""
            ),
            _p(
                """Written plan: Eli stops washing the groceries this week and answers
                reassurance questions with an agreed phrase ('that sounds like the OCD
                asking'). Second partner session in a month."""
            ),
        ),
        (4, (3, "A written plan agreed with Eli.")),
        R.NONE,
        "Denies thoughts of suicide or self-harm; no concerns raised by Eli.",
        "Eight-week review of the plan.",
        session_type=SessionType.COUPLES,
        minutes=90,
    ),
    NoteSpec(
        -4,
        SOAP,
        (
            _p(
                """First week of home exposures without washing afterwards. Washes his hands
                about 12 times a day; showers 25 minutes. Eli has stopped washing the
                groceries."""
            ),
            "WHO-5 44. Hands healing. Exposures done up to the 50 level.",
            _p(
                """Clear gains in rituals and wellbeing (WHO-5 28 to 44), on track for 52.
                Reviewed the plan at eight weeks: it goes on as it is."""
            ),
            _p(
                """Weekly 50-minute sessions; exposures at the 60 to 70 level (the office
                door handle, then a snack); follow up the SSRI evaluation; second partner
                session."""
            ),
        ),
        ((4, "About 12 washes a day."), (4, "Eli has stopped washing the groceries.")),
        R.NONE,
        "Denies thoughts of suicide or self-harm.",
        "Exposure at the 60 level.",
    ),
)

NOAH_REVIEW = ReviewSpec(
    day=-4,
    summary=_p(
        """Eight weeks of exposure and response prevention. Hierarchy of 18 situations
        built; exposures done up to the 50 level. Hand washing down from over 40 to about
        12 times a day, showers from 90 to 25 minutes. WHO-5 from 28 to 44, on track for 52
        by the deadline. Eli came to one partner session and has stopped washing the
        groceries. Continue: weekly 50-minute sessions, exposures up the hierarchy, a
        second partner session, and the SSRI evaluation."""
    ),
    next_review=80,
)

NOAH = ClientSpec(
    practice=DEMO_PRACTICE,
    team=(CLINICIAN,),
    first_name="Noah",
    last_name="Feldman",
    born=date(1995, 3, 2),
    intake={
        "pronouns": "he/him",
        "gender_identity": "Man",
        "preferred_language": "English",
        "email": "noah.feldman@example.com",
        "phone": "555-0155",
        "address": "63 Cedar Avenue, Fairview",
        "presenting_problem": _p(
            """Fear of contamination by germs and chemicals for three years, much worse in
            the past year. Washes his hands more than 40 times a day and showers for 90
            minutes; avoids public toilets, door handles and shaking hands. His hands are
            cracked and bleeding; late for work most days. Y-BOCS 26."""
        ),
        "psychosocial_history": _p(
            """Software tester working mostly from home. Lives with his partner Eli, who
            has started washing anything Noah brings in. Close to his parents."""
        ),
        "medical_history": "Contact dermatitis on both hands from washing.",
        "substance_use_history": "Rarely drinks. No other substances.",
        "treatment_history": _p(
            """Talk therapy for a year in college for 'stress', which did not include
            exposure. No medication trials."""
        ),
        "strengths": "Analytical, keeps careful records, a patient and supportive partner.",
        "barriers": _p(
            """Expects exposure to be unbearable; long rituals leave little time for
            homework; working from home makes avoidance easy."""
        ),
        "cultural_considerations": "Grew up in a close Jewish family; his parents know of his OCD.",
        "religious_considerations": _p(
            """Keeps kosher and observes Shabbat. Some washing overlaps with religious
            practice; with his consent, talk with his rabbi to tell observance apart from
            OCD rituals."""
        ),
    },
    contacts=(
        {
            "name": "Eli Rosen",
            "relationship": "Partner",
            "phone": "555-0156",
            "may_discuss_care": True,
        },
    ),
    scores=NOAH_SCORES,
    diagnoses=(DiagnosisSpec("F42.2", primary=True, onset=-1100),),
    plans=(
        PlanSpec(
            title="OCD treatment plan",
            status=PlanStatus.ACTIVE,
            start=-60,
            review=-4,  # at eight weeks, when the 90-minute sessions end
            notes=NOAH_NOTES,
            schedule={"WHO-5": 2},
            review_held=NOAH_REVIEW,
            signed=True,
            fields={
                "expected_sessions": 20,
                "session_frequency": "Weekly, 90 minutes for the first 8 sessions",
                "family_involvement": "Eli attends two sessions on family accommodation.",
                "referrals": _p(
                    """Psychiatric nurse practitioner for an SSRI evaluation; his doctor for
                    the dermatitis; his rabbi, with consent."""
                ),
            },
            problems=(
                ProblemSpec(
                    "Contamination fears and washing",
                    _p(
                        """Washes his hands more than 40 times a day and showers for 90
                        minutes; avoids public toilets and door handles; hands cracked and
                        bleeding; late for work most days."""
                    ),
                    "F42.2",
                    (
                        GoalSpec(
                            "Noah spends less than an hour a day on washing and checking "
                            "for contamination, and goes where he wants to go.",
                            targets=(MeasureTargetSpec("WHO-5", T.AT_OR_ABOVE, 52, due=30),),
                            objectives=(
                                ObjectiveSpec(
                                    "Within 4 weeks, Noah will build a list of at least 15 "
                                    "feared situations with his clinician, each rated 0 to "
                                    "100.",
                                    -32,
                                    S.MET,
                                    (
                                        InterventionSpec(
                                            M.PSYCHOEDUCATION,
                                            "The OCD cycle (fear, ritual, brief relief) and "
                                            "why ERP works.",
                                            "Sessions 1 and 2",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Noah will complete exposures up to the "
                                    "60-point level (touching the office door handle, then "
                                    "eating a snack) without washing for an hour after.",
                                    14,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.ERP,
                                            "Therapist-guided exposures in session, and daily "
                                            "45-minute exposures at home without rituals.",
                                            "Weekly in session, daily at home",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Noah will keep showers to 10 minutes "
                                    "and wash his hands only before meals and after the "
                                    "toilet, about 6 times a day, on his ritual log.",
                                    30,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.ERP,
                                            "Response-prevention rules agreed together; the "
                                            "ritual log reviewed every session.",
                                            "Weekly",
                                            JORDAN,
                                        ),
                                        InterventionSpec(
                                            M.MEDICATION_REFERRAL,
                                            "Referral for an SSRI evaluation, a first-line "
                                            "medication for OCD, given moderate to severe "
                                            "symptoms.",
                                            "Once",
                                            "Psychiatric nurse practitioner (referral)",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Family accommodation",
                    _p(
                        """Eli washes groceries and clothes for Noah and answers his
                        reassurance questions many times a day, which keeps the rituals
                        going."""
                    ),
                    None,
                    (
                        GoalSpec(
                            "Eli supports Noah without joining in the rituals.",
                            (
                                ObjectiveSpec(
                                    "Noah and Eli will agree a written plan "
                                    "for Eli to step back from cleaning and reassurance, and "
                                    "Eli will attend 2 sessions.",
                                    21,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.PSYCHOEDUCATION,
                                            "Partner sessions: how helping with rituals "
                                            "keeps OCD going, and supportive things to say "
                                            "instead.",
                                            "Twice",
                                            JORDAN,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Grace Holloway: Other Practice; an adjustment disorder after divorce ----------------

GRACE_SCORES = (
    ScoreSpec("GAD-7", -20, 12, notes="Intake."),
    ScoreSpec("PHQ-9", -20, 11, notes="Intake."),
    ScoreSpec("GAD-7", -6, 9),
    ScoreSpec("PHQ-9", -6, 8),
)

# Every other week with Theo Lindqvist, and one short video call between (goals: settling
# in, sleep).
GRACE_NOTES = (
    NoteSpec(
        -20,
        SOAP,
        (
            _p(
                """Tearful in the weeks without the children; lies awake going over money
                and the custody calendar. 'I'm fine at work until about three o'clock.'"""
            ),
            "Organized and articulate; tearful about handovers. GAD-7 12, PHQ-9 11.",
            _p(
                """Adjustment disorder with anxiety and low mood, moderate; the practical
                stressors and poor sleep feed each other."""
            ),
            "Problem-solving sheet on the custody calendar; sleep diary; phone charged "
            "outside the bedroom.",
        ),
        (2, 2),
        R.NONE,
        "Denies thoughts of self-harm or suicide.",
        "Review the sheet and the sleep diary.",
    ),
    NoteSpec(
        -13,
        SOAP,
        (
            _p(
                """Asked for a short video call after a hard handover with her former
                husband. Used the problem-solving sheet to settle the holiday schedule by
                email."""
            ),
            "Calmer by the end of the call. Sleep diary: 60 to 90 minutes to fall asleep.",
            "Problem solving is taking hold; sleep not yet better.",
            "Get up after 20 minutes awake; keep the fixed wake time.",
        ),
        (3, 2),
        R.NONE,
        "Denies thoughts of self-harm or suicide.",
        "The sleep diary.",
        session_type=SessionType.TELEHEALTH_VIDEO,
        minutes=30,
    ),
    NoteSpec(
        -6,
        SOAP,
        (
            _p(
                """Budget sorted out with her mother's help. Fell asleep within half an hour
                on three nights this week."""
            ),
            "Brighter. GAD-7 9, PHQ-9 8.",
            "Improving on both measures and on track for the targets; sleep starting to move.",
            _p(
                """Values work: one thing that matters to her as a parent in each week
                without the children. Keep the sleep steps."""
            ),
        ),
        ((3, "GAD-7 12 to 9, PHQ-9 11 to 8."), (3, "Asleep within 30 minutes on 3 nights.")),
        R.NONE,
        "Denies thoughts of self-harm or suicide.",
        "Values work.",
    ),
)

GRACE = ClientSpec(
    practice=OTHER_PRACTICE,
    team=(OTHER_CLINICIAN,),
    first_name="Grace",
    last_name="Holloway",
    born=date(1981, 5, 9),
    intake={
        "pronouns": "she/her",
        "gender_identity": "Woman",
        "preferred_language": "English",
        "email": "grace.holloway@example.com",
        "phone": "555-0160",
        "address": "5 Lakeview Terrace, Northbrook",
        "presenting_problem": _p(
            """Anxiety, tearfulness and poor sleep since her divorce was finalized three
            months ago, while starting a new job and sharing custody of two children. No
            thoughts of self-harm."""
        ),
        "psychosocial_history": _p(
            """Married 15 years; children aged 10 and 13 alternate weeks. New role as an
            office manager. Her mother lives nearby."""
        ),
        "medical_history": "Migraines; otherwise well.",
        "substance_use_history": "A glass of wine some evenings. No other substances.",
        "treatment_history": "Couples counseling two years ago.",
        "strengths": "Organized, resourceful, a close friendship group, loving parent.",
        "barriers": "Custody handovers on session days; money is tighter.",
        "cultural_considerations": "None raised.",
        "religious_considerations": "None raised.",
    },
    contacts=({"name": "June Holloway", "relationship": "Mother", "phone": "555-0161"},),
    scores=GRACE_SCORES,
    diagnoses=(
        DiagnosisSpec("F43.23", primary=True, onset=-90),
        DiagnosisSpec("Z63.5", onset=-400),
    ),
    plans=(
        PlanSpec(
            title="Adjustment plan",
            status=PlanStatus.ACTIVE,
            start=-20,
            review=70,
            notes=GRACE_NOTES,
            schedule={"GAD-7": 2, "PHQ-9": 2},
            fields={"expected_sessions": 8, "session_frequency": "Every other week"},
            problems=(
                ProblemSpec(
                    "Adjusting to the divorce",
                    _p(
                        """Tearful most evenings on weeks without the children; lies awake
                        going over money and schedules; irritable at work."""
                    ),
                    "F43.23",
                    (
                        GoalSpec(
                            "Grace settles into her new routines and feels steady as a parent "
                            "and at work.",
                            (
                                ObjectiveSpec(
                                    "Grace will work through one practical "
                                    "stressor a week on a problem-solving sheet (custody "
                                    "calendar, budget), 4 in all.",
                                    28,
                                    S.IN_PROGRESS,
                                    (
                                        InterventionSpec(
                                            M.CBT,
                                            "Problem-solving therapy: define the problem, "
                                            "list options, choose one, try it, review it.",
                                            "Every other week",
                                            THEO,
                                        ),
                                    ),
                                ),
                                ObjectiveSpec(
                                    "Grace's GAD-7 and PHQ-9 scores will both be under 5.",
                                    56,
                                    S.NOT_STARTED,
                                    targets=(
                                        MeasureTargetSpec("GAD-7", T.AT_OR_BELOW, 4, due=56),
                                        MeasureTargetSpec("PHQ-9", T.AT_OR_BELOW, 4, due=56),
                                    ),
                                    interventions=(
                                        InterventionSpec(
                                            M.ACT,
                                            "Acceptance and values work: make room for "
                                            "grief and act on what matters to her as a "
                                            "parent.",
                                            "Every other week",
                                            THEO,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                ProblemSpec(
                    "Poor sleep",
                    _p(
                        """Takes over an hour to fall asleep on most nights; checks her phone
                        in bed; tired at her new job by mid-afternoon."""
                    ),
                    "F43.23",
                    (
                        GoalSpec(
                            "Grace falls asleep within half an hour on most nights.",
                            (
                                ObjectiveSpec(
                                    "Grace's sleep diary will show falling "
                                    "asleep within 30 minutes on at least 5 nights a week.",
                                    30,
                                    S.NOT_STARTED,
                                    (
                                        InterventionSpec(
                                            M.CBT,
                                            "CBT for insomnia: sleep diary, a fixed wake "
                                            "time, the phone charged outside the bedroom, "
                                            "and getting up when unable to sleep.",
                                            "Every other week",
                                            THEO,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

CLIENTS: tuple[ClientSpec, ...] = (DANA, LUIS, TESSA, HAROLD, MARCUS, JASMINE, SAM, NOAH, GRACE)


# --- Loading it ---------------------------------------------------------------------------


@dataclass
class SeedReport:
    practices: int = 0
    staff: int = 0
    clients: int = 0
    clients_present: int = 0
    plans: int = 0
    scores: int = 0
    targets: int = 0
    notes: int = 0
    signed_notes: int = 0
    schedules: int = 0
    signatures: int = 0
    reviews: int = 0

    def lines(self) -> list[str]:
        if not (self.practices or self.staff or self.clients):
            return [f"Demo data already present ({self.clients_present} clients): nothing added."]
        present = f" ({self.clients_present} were already there)" if self.clients_present else ""
        return [
            f"Demo data loaded: {self.practices} practices, {self.staff} staff, "
            f"{self.clients} clients{present} with {self.plans} treatment plans, "
            f"{self.scores} outcome-measure scores and {self.targets} measure targets.",
            f"Sessions and upkeep: {self.notes} progress notes ({self.signed_notes} signed), "
            f"{self.schedules} measure schedules, {self.signatures} plan signatures and "
            f"{self.reviews} plan review{'s' * (self.reviews != 1)}.",
        ]

    def add_client(self, client: Client) -> None:
        """Count what was loaded with this client."""
        plans = TreatmentPlan.objects.filter(client=client)
        notes = ProgressNote.objects.filter(client=client)
        self.clients += 1
        self.plans += plans.count()
        self.scores += Administration.objects.filter(client=client).count()
        self.targets += MeasureTarget.objects.filter(
            models.Q(goal__problem__plan__in=plans)
            | models.Q(objective__goal__problem__plan__in=plans)
        ).count()
        self.notes += notes.count()
        self.signed_notes += notes.filter(signed_at__isnull=False).count()
        self.schedules += MeasureSchedule.objects.filter(plan__in=plans).count()
        self.signatures += PlanSignature.objects.filter(plan__in=plans).count()
        self.reviews += PlanReview.objects.filter(plan__in=plans).count()


def login_lines(site_url: str) -> list[str]:
    first, *others = STAFF
    lines = [
        f"Sign in at {site_url.rstrip('/')}/accounts/login/ as {first.email} / {DEMO_PASSWORD}"
    ]
    lines.append("Other demo logins, same password:")
    lines += [f"  {spec.email:<22} {spec.note} ({spec.practice})" for spec in others]
    return lines


@transaction.atomic
def seed_demo(*, today: date | None = None) -> SeedReport:
    """Load whatever of the demo is missing; never change what is there."""
    today = today or timezone.localdate()
    report = SeedReport()
    practices = {name: _practice(name, report) for name in (DEMO_PRACTICE, OTHER_PRACTICE)}
    staff, new_staff = _staff(practices)
    report.staff = len(new_staff)
    for spec in CLIENTS:
        if _existing_client(spec, practices[spec.practice]):
            report.clients_present += 1
            continue
        report.add_client(_seed_client(spec, staff, today))
    return report


def _practice(name: str, report: SeedReport) -> Practice:
    practice = Practice.objects.filter(name=name).first()
    if practice is None:
        practice = Practice.objects.create(name=name)
        report.practices += 1
    return practice


def _staff(practices: dict[str, Practice]) -> tuple[dict[str, User], list[str]]:
    """Every demo staff member by email, and the emails of those created now.
    A new supervisor is linked to their supervisees; an existing one is left alone."""
    staff: dict[str, User] = {}
    created: list[str] = []
    for spec in STAFF:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User.objects.create_user(
                email=spec.email,
                password=DEMO_PASSWORD,
                full_name=spec.full_name,
                credentials=spec.credentials,
                practice=practices[spec.practice],
                role=spec.role,
            )
            created.append(spec.email)
        staff[spec.email] = user
    for spec in STAFF:
        if spec.supervises and spec.email in created:
            staff[spec.email].supervisees.add(*(staff[email] for email in spec.supervises))
    return staff, created


def _existing_client(spec: ClientSpec, practice: Practice) -> bool:
    return Client.objects.filter(
        practice=practice,
        first_name=spec.first_name,
        last_name=spec.last_name,
        date_of_birth=spec.born,
    ).exists()


def _seed_client(spec: ClientSpec, staff: dict[str, User], today: date) -> Client:
    """Record the client as their primary clinician would (a colleague on the care team
    writes the notes of the sessions they held)."""
    team = [staff[email] for email in spec.team]
    actors = {user.email: Actor(user=user, ip=None, via="cli") for user in team}
    actor = actors[spec.team[0]]
    data = {
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "date_of_birth": spec.born,
        **spec.intake,
    }
    client = client_services.client_create(actor=actor, data=data, care_team=team)
    for contact in spec.contacts:
        client_services.emergency_contact_add(actor=actor, client=client, data=contact)
    diagnoses = {d.code: _add_diagnosis(actor, client, d, today) for d in spec.diagnoses}
    for score in spec.scores:
        _record_score(actor, client, score, today)
    for plan_spec in spec.plans:
        plan = _seed_plan(actor, client, plan_spec, diagnoses, today)
        _seed_plan_follow_up(actors, actor, plan, plan_spec, today)
    if spec.discharged:
        client_services.client_update(
            actor=actor,
            client=client,
            data={"status": ClientStatus.DISCHARGED},
            expected_version=client.version,
        )
    return client


def _days(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _add_diagnosis(actor: Actor, client: Client, spec: DiagnosisSpec, today: date) -> Diagnosis:
    return client_services.diagnosis_add(
        actor=actor,
        client=client,
        code=spec.code,
        status=spec.status,
        is_primary=spec.primary,
        onset_date=_days(today, spec.onset),
        notes=spec.notes,
    )


def _seed_plan(
    actor: Actor,
    client: Client,
    spec: PlanSpec,
    diagnoses: dict[str, Diagnosis],
    today: date,
) -> TreatmentPlan:
    data = {
        "title": spec.title,
        "start_date": _days(today, spec.start),
        "review_date": _days(today, spec.review),
        **spec.fields,
    }
    plan = plan_services.plan_create(actor=actor, client=client, data=data)
    for problem in spec.problems:
        _add_problem(actor, plan, problem, diagnoses, today)
    if spec.status != PlanStatus.DRAFT:
        # A superseded plan is activated now and replaced when its successor is.
        plan_services.plan_activate(actor=actor, plan=plan, expected_version=plan.version)
    if spec.status == PlanStatus.CLOSED:
        plan_services.plan_close(actor=actor, plan=plan, expected_version=plan.version)
    return plan


def _add_problem(
    actor: Actor,
    plan: TreatmentPlan,
    spec: ProblemSpec,
    diagnoses: dict[str, Diagnosis],
    today: date,
) -> None:
    data: dict[str, Any] = {"title": spec.title, "behavioral_definition": spec.definition}
    if spec.diagnosis is not None:
        data["diagnosis"] = diagnoses[spec.diagnosis]
    problem = plan_services.plan_item_add(actor=actor, kind=PROBLEM, parent=plan, data=data)
    for goal_spec in spec.goals:
        goal = plan_services.plan_item_add(
            actor=actor, kind=GOAL, parent=problem, data={"statement": goal_spec.statement}
        )
        _add_targets(actor, cast(Goal, goal), goal_spec.targets, today)
        for objective in goal_spec.objectives:
            _add_objective(actor, goal, objective, today)


def _add_objective(actor: Actor, goal: models.Model, spec: ObjectiveSpec, today: date) -> None:
    data = {
        "statement": spec.statement,
        "target_date": _days(today, spec.due),
        "status": spec.status,
    }
    objective = plan_services.plan_item_add(actor=actor, kind=OBJECTIVE, parent=goal, data=data)
    _add_targets(actor, cast(Objective, objective), spec.targets, today)
    for step in spec.interventions:
        plan_services.plan_item_add(
            actor=actor,
            kind=INTERVENTION,
            parent=objective,
            data={
                "modality": step.modality,
                "description": step.description,
                "frequency": step.frequency,
                "delivered_by": step.delivered_by,
            },
        )


def _add_targets(
    actor: Actor, owner: Goal | Objective, specs: tuple[MeasureTargetSpec, ...], today: date
) -> None:
    for spec in specs:
        data = {
            "instrument_id": spec.instrument,
            "kind": spec.kind,
            "value": spec.value,
            "deadline": _days(today, spec.due),
        }
        plan_services.target_add(actor=actor, owner=owner, data=data)


# --- While a plan is in force: notes, schedules, a review, a revision, signatures -------


def _seed_plan_follow_up(
    actors: Mapping[str, Actor], actor: Actor, plan: TreatmentPlan, spec: PlanSpec, today: date
) -> None:
    """What happens under the plan while it is in force, in the order it happens; it is
    signed last, as a signature freezes the version."""
    goals = list(
        Goal.objects.filter(problem__plan=plan).order_by("problem__position", "position", "id")
    )
    for note in spec.notes:
        author = actors[note.author] if note.author else actor  # on the care team
        _write_note(author, plan.client, goals, note, today)
    for instrument_id, every_weeks in spec.schedule.items():
        instrument = instrument_get(plan.client.practice_id, instrument_id)
        measure_services.schedule_set(
            actor=actor, plan=plan, instrument=instrument, every_weeks=every_weeks
        )
    if spec.review_held is not None:
        _hold_review(actor, plan, spec.review_held, today)
    if spec.revision is not None:
        _draft_revision(actor, plan, spec.revision, today)
    if spec.signed:
        _sign_with_client(actor, plan)


def _write_note(
    actor: Actor, client: Client, goals: list[Goal], spec: NoteSpec, today: date
) -> ProgressNote:
    """A note of the session on ``spec.day``, linked to the scores given that day."""
    names = [section.name for section in formats.sections_of(spec.note_format)]
    if len(spec.sections) != len(names):
        raise ValueError(f"Note on day {spec.day}: {spec.note_format} has sections {names}")
    day = today + timedelta(days=spec.day)
    given = Administration.objects.filter(client=client, voided_at=None)
    data = {
        "note_format": spec.note_format,
        "session_date": day,
        "session_type": spec.session_type,
        "duration_minutes": spec.minutes,
        "sections": dict(zip(names, spec.sections, strict=True)),
        "ratings": {
            goal: rating
            for goal, rating in zip(goals, spec.ratings, strict=True)
            if rating is not None
        },
        "administrations": [a for a in given if timezone.localdate(a.administered_at) == day],
        "risk_level": spec.risk_level,
        "risk_assessment": spec.risk_assessment,
        "next_session_plan": spec.next_session,
    }
    note = note_services.note_create(actor=actor, client=client, data=data)
    if spec.draft:
        return note
    return note_services.note_sign(actor=actor, note=note, expected_version=note.version)


def _hold_review(actor: Actor, plan: TreatmentPlan, spec: ReviewSpec, today: date) -> None:
    review_record(
        actor=actor,
        plan=plan,
        data={
            "decision": ReviewDecision.CONTINUE,
            "reviewed_on": today + timedelta(days=spec.day),
            "summary": spec.summary,
            "next_review_date": today + timedelta(days=spec.next_review),
        },
    )


def _draft_revision(actor: Actor, plan: TreatmentPlan, spec: RevisionSpec, today: date) -> None:
    """A new version of the plan, copied whole and then edited; left a draft."""
    draft = plan_revise(actor=actor, plan=plan, review_date=_days(today, spec.review))
    if spec.fields:
        plan_services.plan_update(
            actor=actor, plan=draft, data=spec.fields, expected_version=draft.version
        )
    objectives = Objective.objects.filter(goal__problem__plan=draft)
    for change in spec.changes:
        objective = objectives.get(statement__startswith=change.begins)
        data = {"statement": change.statement, "status": change.status}
        plan_services.plan_item_update(
            actor=actor,
            item=objective,
            data={name: value for name, value in data.items() if value is not None},
            expected_version=objective.version,
        )
    for goal_begins, added in spec.added:
        goal = Goal.objects.get(problem__plan=draft, statement__startswith=goal_begins)
        _add_objective(actor, goal, added, today)


def _sign_with_client(actor: Actor, plan: TreatmentPlan) -> None:
    """The clinician signs, then the client, in person on the clinician's screen."""
    client_name = f"{plan.client.first_name} {plan.client.last_name}"
    for role in (SignatureRole.CLINICIAN, SignatureRole.CLIENT):
        in_person = role == SignatureRole.CLIENT
        plan_sign(
            actor=actor,
            plan=plan,
            role=role,
            expected_hash=plan_hash(plan_tree(plan)),
            signed_name=client_name if in_person else "",
            in_person=in_person,
        )


# --- Scores -----------------------------------------------------------------------------


def _record_score(actor: Actor, client: Client, spec: ScoreSpec, today: date) -> None:
    """Record one administration as given on its day, and the clinician's response to a
    positive critical item where the demo has one."""
    instrument = instrument_get(client.practice_id, spec.instrument)
    administration = measure_services.administration_record(
        actor=actor,
        client=client,
        instrument=instrument,
        answers=answers_for(instrument, spec.total, spec.fixed, start=-spec.day),
        administered_at=_session_time(today, spec.day),
        mode=spec.mode,
        notes=spec.notes,
    )
    if spec.response is not None:
        measure_services.critical_response_record(
            actor=actor,
            administration=administration,
            action=spec.response.action,
            note=spec.response.note,
        )


def _session_time(today: date, offset: int) -> datetime:
    """Ten in the morning, local time, on the day ``offset`` days from today."""
    day = today + timedelta(days=offset)
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def answers_for(
    instrument: Instrument, total: float, fixed: Mapping[int, int], *, start: int = 0
) -> list[int]:
    """Raw answers, each one of its item's options, that score ``total``.

    Items in ``fixed`` keep the answer given there; a critical item not in it is answered
    at its lowest option. The rest begin at the answer that scores least and are raised
    one step at a time, in turn from item ``start`` (modulo their number), so the total is
    spread evenly. Steps follow the scored value, so a reverse-scored item (PSWQ) is
    answered mirrored, as a client would mark it.
    """
    items = instrument.items
    pinned = {c.item: items[c.item - 1].lowest for c in instrument.critical} | dict(fixed)
    ladders = [sorted(item.values, key=item.scored) for item in items]
    rungs = [ladders[i].index(pinned[i + 1]) if i + 1 in pinned else 0 for i in range(len(items))]
    free = [i for i in range(len(items)) if i + 1 not in pinned]
    if free:
        shift = start % len(free)
        free = free[shift:] + free[:shift]
    wanted = total / instrument.multiplier
    left = wanted - sum(items[i].scored(ladders[i][rungs[i]]) for i in range(len(items)))
    while left > 0:
        raised = _raise_once(items, ladders, rungs, free, left)
        if raised == left:
            break  # nothing fits in what is left
        left = raised
    if left != 0:
        raise ValueError(f"{instrument.id}: no valid answers score {total:g} with {fixed}")
    return [ladders[i][rungs[i]] for i in range(len(items))]


def _raise_once(
    items: tuple[Item, ...],
    ladders: list[list[int]],
    rungs: list[int],
    free: list[int],
    left: float,
) -> float:
    """One pass over the free items, raising each by a step that still fits in ``left``;
    returns what is left."""
    for i in free:
        if left <= 0 or rungs[i] + 1 >= len(ladders[i]):
            continue
        step = items[i].scored(ladders[i][rungs[i] + 1]) - items[i].scored(ladders[i][rungs[i]])
        if step <= left:
            rungs[i] += 1
            left -= step
    return left
