"""Shared test data: named personas and small builders, all synthetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from trellis.accounts.models import Practice, Role, User
from trellis.audit.actor import Actor
from trellis.clients import services as client_services
from trellis.clients.models import Client, Diagnosis
from trellis.measures import services as measure_services
from trellis.measures.registry import instrument_get
from trellis.plans import services as plan_services
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import TreatmentPlan

PASSWORD = "test-password-123"
# What a signer types and ticks: every signature needs both (trellis.accounts.reauth).
SIGN = {"password": PASSWORD, "attested": True}


def make_practice(name: str = "Test Practice") -> Practice:
    return Practice.objects.create(name=name)


def make_user(
    email: str, practice: Practice | None, role: str = Role.CLINICIAN, **extra: Any
) -> User:
    return User.objects.create_user(
        email=email,
        password=PASSWORD,
        full_name=extra.pop("full_name", email.split("@")[0].title()),
        practice=practice,
        role=role,
        **extra,
    )


def actor(user: User) -> Actor:
    return Actor(user=user, ip="127.0.0.1")


def make_client(by: User, **fields: Any) -> Client:
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "date_of_birth": date(1990, 4, 12),
        "presenting_problem": "Low mood and withdrawal since a job loss.",
        "strengths": "Curious, close to a sister.",
    }
    data.update(fields)
    team = data.pop("care_team", None)
    return client_services.client_create(actor=actor(by), data=data, care_team=team)


def make_diagnosis(by: User, client: Client, code: str = "F32.1", **extra: Any) -> Diagnosis:
    return client_services.diagnosis_add(actor=actor(by), client=client, code=code, **extra)


def make_plan(by: User, client: Client, **fields: Any) -> TreatmentPlan:
    return plan_services.plan_create(actor=actor(by), client=client, data=fields)


def grow_plan(by: User, plan: TreatmentPlan, *, objectives: int = 1) -> TreatmentPlan:
    """One problem and goal with `objectives` objectives, each with one intervention."""
    who = actor(by)
    problem = plan_services.plan_item_add(
        actor=who,
        kind=PROBLEM,
        parent=plan,
        data={"title": "Depressed mood", "behavioral_definition": "Stays in bed most mornings."},
    )
    goal = plan_services.plan_item_add(
        actor=who, kind=GOAL, parent=problem, data={"statement": "Mood lifts enough to work."}
    )
    for n in range(objectives):
        objective = plan_services.plan_item_add(
            actor=who,
            kind=OBJECTIVE,
            parent=goal,
            data={
                "statement": f"Schedule {n + 2} valued activities a week within 6 weeks.",
                "target_date": plan.start_date + timedelta(weeks=6),
            },
        )
        plan_services.plan_item_add(
            actor=who,
            kind=INTERVENTION,
            parent=objective,
            data={"modality": "ba", "description": "Activity scheduling", "frequency": "Weekly"},
        )
    return plan


@dataclass
class Personas:
    """The cast every access test uses (hc/test.py style)."""

    practice: Practice
    other_practice: Practice
    clinician: User
    colleague: User
    supervisor: User
    admin: User
    outsider: User
    client: Client
    plan: TreatmentPlan
    diagnosis: Diagnosis


def make_personas() -> Personas:
    practice = make_practice("Test Practice")
    other = make_practice("Elsewhere Practice")
    clinician = make_user("clinician@test.test", practice, full_name="Casey Clinician")
    colleague = make_user("colleague@test.test", practice, full_name="Colin Colleague")
    supervisor = make_user(
        "supervisor@test.test", practice, Role.SUPERVISOR, full_name="Sam Supervisor"
    )
    supervisor.supervisees.add(clinician)
    admin = make_user("admin@test.test", practice, Role.ADMIN, full_name="Ada Admin")
    outsider = make_user("clinician@elsewhere.test", other, full_name="Oscar Outsider")
    client = make_client(clinician)
    diagnosis = make_diagnosis(clinician, client, "F32.1", is_primary=True)
    plan = grow_plan(clinician, make_plan(clinician, client, title="Plan for Alex"))
    return Personas(
        practice, other, clinician, colleague, supervisor, admin, outsider, client, plan, diagnosis
    )


PHQ9_MODERATE = [2, 2, 2, 2, 1, 1, 2, 2, 0]  # 14, moderate, item 9 = 0
PHQ9_ITEM9 = [1, 1, 1, 1, 1, 1, 1, 1, 1]  # 9, mild, item 9 positive


def make_administration(
    by: User,
    client: Client,
    answers: list[int | None] | None = None,
    *,
    instrument: str = "PHQ-9",
    on: date | None = None,
) -> Any:
    """An administration through the service, as a clinician would record it."""
    when = None
    if on is not None:
        # Mid-morning on that day. A score given "today" is stamped no later than now, or
        # before ten the service would refuse it as given in the future (try the suite at
        # TRELLIS_TEST_CLOCK=...T00:05, tests/conftest.py); a later day stays at ten, for
        # the tests that it is refused.
        when = timezone.make_aware(datetime.combine(on, time(10, 0)))
        if on == timezone.localdate():
            when = min(when, timezone.now())
    return measure_services.administration_record(
        actor=actor(by),
        client=client,
        instrument=instrument_get(client.practice_id, instrument),
        answers=answers if answers is not None else PHQ9_MODERATE,
        administered_at=when,
    )


def phq9_answers(total: int, item9: int = 0) -> list[int | None]:
    """PHQ-9 answers summing to ``total`` with item 9 as given (for target tests)."""
    rest = total - item9
    answers: list[int | None] = []
    for _ in range(8):
        step = min(3, rest)
        answers.append(step)
        rest -= step
    if rest:
        raise ValueError("total too high for that item 9")
    return [*answers, item9]


def make_note(by: User, client: Client, **fields: Any) -> Any:
    """A complete DAP progress note through the service, rating the first goal of the client's
    active plan (if any) 3 "Some progress"; ``signed=True`` signs it too."""
    from trellis.plans.models import Goal, PlanStatus
    from trellis.progress import services as progress_services

    signed = fields.pop("signed", False)
    data: dict[str, Any] = {
        "note_format": "dap",
        "session_type": "individual",
        "duration_minutes": 50,
        "sections": {
            "data": "Reported two walks this week; slept in on four mornings.",
            "assessment": "Small gain in activity; mood still low.",
            "plan": "Add one valued activity; review the activity log.",
        },
        "risk_level": "none",
        "risk_assessment": "Denies ideation, intent or plan.",
        "next_session_plan": "Review the activity log next week.",
    }
    if "goals" not in fields and "ratings" not in fields:
        goal = Goal.objects.filter(
            problem__plan__client=client, problem__plan__status=PlanStatus.ACTIVE
        ).first()
        data.update({"goals": [goal], "ratings": {goal: 3}} if goal else {})
    data.update(fields)
    note = progress_services.note_create(actor=actor(by), client=client, data=data)
    if signed:
        note = progress_services.note_sign(**SIGN, actor=actor(by), note=note, expected_version=1)
    return note
