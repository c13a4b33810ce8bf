"""A synthetic caseload at scale, for the dashboard's benchmark and query-count tests.

Rows are bulk-inserted (no services, no audit events): this is load, not clinical work,
and 200,000 audited writes would take the benchmark an hour. But every administration is
scored by the real scorer (`trellis.core.measures.score`, with the client's sex and age
on the day, as `administration_record` does), so its total, severity, flags and critical
item are what the app would have stored for those answers. Everything is invented and
seeded, so a run is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from trellis.accounts.models import Practice, User
from trellis.clients.models import CareTeamMember, Client
from trellis.clients.numbers import reserve_client_numbers
from trellis.core.measures import Instrument, Respondent, ScoreResult, builtin_instruments, score
from trellis.measures.models import Administration, MeasureSchedule
from trellis.measures.services import respondent_for, scored_fields
from trellis.plans.models import Goal, MeasureTarget, Objective, PlanStatus, Problem, TreatmentPlan
from trellis.progress.models import ProgressNote

BATCH = 2000
FIRST = ("Ari", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu")
LAST = ("Abbott", "Brandt", "Cole", "Dunn", "Ekdahl", "Frost", "Gale", "Hart", "Imre", "Joss")


@dataclass
class Sizes:
    clients: int
    administrations: int
    notes: int


def _answers(total: int, items: int = 9, top: int = 3) -> list[int]:
    answers = []
    for _ in range(items):
        step = min(top, total)
        answers.append(step)
        total -= step
    return answers


def _at(day: date) -> datetime:
    """Ten in the morning, or now if that is later today: bulk_create skips the service's
    check, and a score in the future would count as given before it was."""
    return min(timezone.make_aware(datetime.combine(day, time(10, 0))), timezone.now())


def generate(
    practice: Practice, clinicians: Sequence[User], sizes: Sizes, *, seed: int = 7
) -> list[Client]:
    """Clients with an active plan (one goal and objective with a PHQ-9 target), PHQ-9
    histories, a schedule and session notes, spread over the clinicians."""
    rng = random.Random(seed)
    today = timezone.localdate()
    numbers = reserve_client_numbers(practice.pk, sizes.clients) if sizes.clients else range(0)
    clients = [
        Client(
            practice=practice,
            number=numbers[n],
            first_name=rng.choice(FIRST),
            last_name=f"{rng.choice(LAST)}-{n}",
            date_of_birth=date(1960 + n % 45, 1 + n % 12, 1 + n % 28),
        )
        for n in range(sizes.clients)
    ]
    Client.objects.bulk_create(clients, batch_size=BATCH)
    CareTeamMember.objects.bulk_create(
        [
            CareTeamMember(client=c, user=clinicians[n % len(clinicians)], is_primary=True)
            for n, c in enumerate(clients)
        ],
        batch_size=BATCH,
    )
    plans = []
    for n, client in enumerate(clients):
        start = today - timedelta(days=30 + rng.randrange(200))
        plans.append(
            TreatmentPlan(
                client=client,
                title="Plan",
                status=PlanStatus.ACTIVE,
                start_date=start,
                review_date=start + timedelta(days=90),
                created_by=clinicians[n % len(clinicians)],
            )
        )
    TreatmentPlan.objects.bulk_create(plans, batch_size=BATCH)
    problems = [Problem(plan=p, title="Low mood") for p in plans]
    Problem.objects.bulk_create(problems, batch_size=BATCH)
    goals = [Goal(problem=p, statement="Mood lifts") for p in problems]
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    objectives = [
        Objective(
            goal=g,
            statement="PHQ-9 below 10 within 12 weeks",
            target_date=p.start_date + timedelta(weeks=12),
        )
        for g, p in zip(goals, plans, strict=True)
    ]
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    MeasureTarget.objects.bulk_create(
        [
            MeasureTarget(
                goal=g,
                instrument_id="PHQ-9",
                kind="at_or_below",
                value=9,
                deadline=p.start_date + timedelta(weeks=16),
            )
            for g, p in zip(goals, plans, strict=True)
        ],
        batch_size=BATCH,
    )
    MeasureSchedule.objects.bulk_create(
        [MeasureSchedule(plan=p, instrument_id="PHQ-9", every_weeks=2) for p in plans],
        batch_size=BATCH,
    )
    _administrations(rng, clients, plans, clinicians, sizes.administrations)
    _notes(rng, clients, plans, clinicians, sizes.notes)
    return clients


def _administrations(
    rng: random.Random,
    clients: list[Client],
    plans: list[TreatmentPlan],
    clinicians: Sequence[User],
    count: int,
) -> None:
    """PHQ-9 histories every two weeks from the plan's start, drifting up or down; about
    one in 200 has item 9 positive."""
    phq9 = builtin_instruments()["PHQ-9"]
    rows: list[Administration] = []
    per_client = max(1, count // max(1, len(clients)))
    for n, (client, plan) in enumerate(zip(clients, plans, strict=True)):
        total = rng.randrange(8, 24)
        for k in range(per_client):
            if len(rows) >= count:
                break
            day = plan.start_date - timedelta(days=1) + timedelta(days=14 * k)
            if day > timezone.localdate():
                break
            total = max(0, min(24, total + rng.choice((-3, -2, -1, 0, 1, 2))))
            critical = rng.random() < 0.005
            answers = (*_answers(total, 8), 1 if critical else 0)
            when = _at(day)
            who = respondent_for(client, when)
            rows.append(
                Administration(
                    client=client,
                    instrument_id=phq9.id,
                    instrument_name=phq9.name,
                    answers=list(answers),
                    scored_for={"sex_at_birth": who.sex, "age": who.age},
                    administered_at=when,
                    administered_by=clinicians[n % len(clinicians)],
                    **_scored(phq9, answers, who),
                )
            )
    Administration.objects.bulk_create(rows, batch_size=BATCH)


def _scored(instrument: Instrument, answers: tuple[int, ...], who: Respondent) -> dict[str, object]:
    """The scored fields of an administration, exactly as `administration_record` stores them."""
    return scored_fields(instrument, _score(instrument, answers, who))


_SCORED: dict[tuple[str, tuple[int, ...], Respondent], ScoreResult] = {}


def _score(instrument: Instrument, answers: tuple[int, ...], who: Respondent) -> ScoreResult:
    """`score()` is pure and the answer sets repeat, so each distinct set (for a given sex
    and age) is scored once."""
    key = (instrument.id, answers, who)
    if key not in _SCORED:
        _SCORED[key] = score(instrument, answers, who)
    return _SCORED[key]


def _notes(
    rng: random.Random,
    clients: list[Client],
    plans: list[TreatmentPlan],
    clinicians: Sequence[User],
    count: int,
) -> None:
    rows: list[ProgressNote] = []
    per_client = max(1, count // max(1, len(clients)))
    for n, (client, plan) in enumerate(zip(clients, plans, strict=True)):
        for k in range(per_client):
            day = plan.start_date + timedelta(days=7 * k + rng.randrange(3))
            if day > timezone.localdate() or len(rows) >= count:
                break
            rows.append(
                ProgressNote(
                    client=client,
                    plan=plan,
                    author=clinicians[n % len(clinicians)],
                    session_date=day,
                    duration_minutes=50,
                    sections={
                        "data": "Session held.",
                        "assessment": "Stable.",
                        "plan": "Continue.",
                    },
                )
            )
    ProgressNote.objects.bulk_create(rows, batch_size=BATCH)
