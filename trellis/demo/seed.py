"""`seed_demo()`: load the demo's files through the services a clinician's clicks use.

Every record gets its audit event (via "cli") and every score goes through the scorer.
It is safe to run again: staff are found by email, practices by name and clients by
practice, name and date of birth, and what is already there is left exactly as it is.
Everything of a client (scores, targets, notes, schedules, reviews, revisions,
signatures) is loaded with the client, so a database seeded before some of it existed
keeps its clients without it. A file that does not load stops the whole run, naming the
file, and nothing of it is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from trellis.accounts.models import Practice, User
from trellis.audit.actor import Actor
from trellis.clients import services as client_services
from trellis.clients.models import Client, ClientStatus, Diagnosis
from trellis.demo import stories
from trellis.demo.stories import DEMO_DATA, DEMO_PASSWORD, ClientStory, DemoFileError
from trellis.measures import services as measure_services
from trellis.measures.models import Administration, MeasureSchedule
from trellis.measures.registry import instrument_get
from trellis.plans import services as plan_services
from trellis.plans.items import GOAL, INTERVENTION, OBJECTIVE, PROBLEM
from trellis.plans.models import (
    Goal,
    Objective,
    PlanReview,
    PlanSignature,
    PlanStatus,
    ReviewDecision,
    SignatureRole,
    TreatmentPlan,
)
from trellis.plans.reviews.services import review_record
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.targets import targets_of_plans
from trellis.plans.versions.selectors import plan_tree
from trellis.plans.versions.services import plan_revise
from trellis.progress import formats
from trellis.progress import services as note_services
from trellis.progress.models import ProgressNote


@dataclass
class SeedReport:
    """What one run added."""

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
        self.targets += targets_of_plans(plans.values("pk")).count()
        self.notes += notes.count()
        self.signed_notes += notes.filter(signed_at__isnull=False).count()
        self.schedules += MeasureSchedule.objects.filter(plan__in=plans).count()
        self.signatures += PlanSignature.objects.filter(plan__in=plans).count()
        self.reviews += PlanReview.objects.filter(plan__in=plans).count()


def login_lines(site_url: str, folder: Path = DEMO_DATA) -> list[str]:
    first, *others = stories.load_staff(folder).staff
    lines = [
        f"Sign in at {site_url.rstrip('/')}/accounts/login/ as {first.email} / {DEMO_PASSWORD}"
    ]
    lines.append("Other demo logins, same password:")
    lines += [f"  {person.email:<22} {person.shows} ({person.practice})" for person in others]
    return lines


@transaction.atomic
def seed_demo(*, today: date | None = None, folder: Path = DEMO_DATA) -> SeedReport:
    """Load whatever of the demo is missing; never change what is there. Every file is
    read and checked before anything is written."""
    today = today or timezone.localdate()
    staff_file = stories.load_staff(folder)
    clients = stories.load_clients(folder, staff_file)
    report = SeedReport()
    practices = {name: _practice(name, report) for name in staff_file.practices}
    staff, new_staff = _staff(staff_file, practices)
    report.staff = len(new_staff)
    for story in clients:
        if _existing_client(story, practices[story.practice]):
            report.clients_present += 1
            continue
        try:
            client = _seed_client(story, staff, today)
        except (ValidationError, ValueError) as error:
            name = f"{story.first_name} {story.last_name}"
            raise DemoFileError(f"{name}: the services refused it: {_said(error)}") from error
        report.add_client(client)
    return report


def _said(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


def _practice(name: str, report: SeedReport) -> Practice:
    practice = Practice.objects.filter(name=name).first()
    if practice is None:
        practice = Practice.objects.create(name=name)
        report.practices += 1
    return practice


def _staff(
    staff_file: stories.StaffFile, practices: dict[str, Practice]
) -> tuple[dict[str, User], list[str]]:
    """Every demo staff member by email, and the emails of those created now.
    A new supervisor is linked to their supervisees; an existing one is left alone."""
    staff: dict[str, User] = {}
    created: list[str] = []
    for person in staff_file.staff:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email,
                password=DEMO_PASSWORD,
                full_name=person.full_name,
                credentials=person.credentials,
                practice=practices[person.practice],
                role=person.role,
            )
            created.append(person.email)
        staff[person.email] = user
    for person in staff_file.staff:
        if person.supervises and person.email in created:
            staff[person.email].supervisees.add(*(staff[email] for email in person.supervises))
    return staff, created


def _existing_client(story: ClientStory, practice: Practice) -> bool:
    return Client.objects.filter(
        practice=practice,
        first_name=story.first_name,
        last_name=story.last_name,
        date_of_birth=story.born,
    ).exists()


def _seed_client(story: ClientStory, staff: dict[str, User], today: date) -> Client:
    """Record the client as their primary clinician would (a colleague on the care team
    writes the notes of the sessions they held)."""
    team = [staff[email] for email in story.care_team]
    actors = {user.email: Actor(user=user, ip=None, via="cli") for user in team}
    actor = actors[story.care_team[0]]
    data = {
        "first_name": story.first_name,
        "last_name": story.last_name,
        "date_of_birth": story.born,
        **story.intake.model_dump(exclude_unset=True),
    }
    client = client_services.client_create(actor=actor, data=data, care_team=team)
    for contact in story.emergency_contacts:
        client_services.emergency_contact_add(
            actor=actor, client=client, data=contact.model_dump(exclude_unset=True)
        )
    diagnoses = {d.code: _add_diagnosis(actor, client, d, today) for d in story.diagnoses}
    for score in story.scores:
        _record_score(actor, client, score, today)
    for plan_story in story.plans:
        plan = _seed_plan(actor, client, plan_story, diagnoses, today)
        _seed_plan_follow_up(actors, actor, plan, plan_story, today)
    if story.discharged:
        client_services.client_update(
            actor=actor,
            client=client,
            data={"status": ClientStatus.DISCHARGED},
            expected_version=client.version,
        )
    return client


def _days(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _add_diagnosis(
    actor: Actor, client: Client, story: stories.Diagnosis, today: date
) -> Diagnosis:
    return client_services.diagnosis_add(
        actor=actor,
        client=client,
        code=story.code,
        status=story.status,
        is_primary=story.primary,
        onset_date=_days(today, story.onset),
        notes=story.notes,
    )


def _seed_plan(
    actor: Actor,
    client: Client,
    story: stories.Plan,
    diagnoses: dict[str, Diagnosis],
    today: date,
) -> TreatmentPlan:
    data = {
        "title": story.title,
        "start_date": _days(today, story.start),
        "review_date": _days(today, story.review),
        **story.data(),
    }
    plan = plan_services.plan_create(actor=actor, client=client, data=data)
    for problem in story.problems:
        _add_problem(actor, plan, problem, diagnoses, today)
    if story.status != PlanStatus.DRAFT:
        # A superseded plan is activated now and replaced when its successor is.
        plan_services.plan_activate(actor=actor, plan=plan, expected_version=plan.version)
    if story.status == PlanStatus.CLOSED:
        plan_services.plan_close(actor=actor, plan=plan, expected_version=plan.version)
    return plan


def _add_problem(
    actor: Actor,
    plan: TreatmentPlan,
    story: stories.Problem,
    diagnoses: dict[str, Diagnosis],
    today: date,
) -> None:
    data: dict[str, object] = {"title": story.title, "behavioral_definition": story.definition}
    if story.diagnosis is not None:
        data["diagnosis"] = diagnoses[story.diagnosis]
    problem = plan_services.plan_item_add(actor=actor, kind=PROBLEM, parent=plan, data=data)
    for goal_story in story.goals:
        goal = plan_services.plan_item_add(
            actor=actor, kind=GOAL, parent=problem, data={"statement": goal_story.statement}
        )
        _add_targets(actor, goal, goal_story.targets, today)
        for objective in goal_story.objectives:
            _add_objective(actor, goal, objective, today)


def _add_objective(actor: Actor, goal: models.Model, story: stories.Objective, today: date) -> None:
    data = {
        "statement": story.statement,
        "target_date": _days(today, story.due),
        "status": story.status,
    }
    objective = plan_services.plan_item_add(actor=actor, kind=OBJECTIVE, parent=goal, data=data)
    _add_targets(actor, objective, story.targets, today)
    for step in story.interventions:
        plan_services.plan_item_add(
            actor=actor, kind=INTERVENTION, parent=objective, data=step.model_dump()
        )


def _add_targets(
    actor: Actor, owner: Goal | Objective, targets: tuple[stories.Target, ...], today: date
) -> None:
    for target in targets:
        data = {
            "instrument_id": target.instrument,
            "kind": target.kind,
            "value": target.value,
            "deadline": _days(today, target.deadline),
        }
        plan_services.target_add(actor=actor, owner=owner, data=data)


# --- While a plan is in force: notes, schedules, a review, a revision, signatures -------


def _seed_plan_follow_up(
    actors: Mapping[str, Actor],
    actor: Actor,
    plan: TreatmentPlan,
    story: stories.Plan,
    today: date,
) -> None:
    """What happens under the plan while it is in force, in the order it happens; it is
    signed last, as a signature freezes the version."""
    goals = list(
        Goal.objects.filter(problem__plan=plan).order_by("problem__position", "position", "id")
    )
    for note in story.notes:
        author = actors[note.author] if note.author else actor  # on the care team
        _write_note(author, plan.client, goals, note, today)
    for instrument_id, every_weeks in story.measure_schedule.items():
        instrument = instrument_get(plan.client.practice_id, instrument_id)
        measure_services.schedule_set(
            actor=actor, plan=plan, instrument=instrument, every_weeks=every_weeks
        )
    if story.review_held is not None:
        _hold_review(actor, plan, story.review_held, today)
    if story.revision is not None:
        _draft_revision(actor, plan, story.revision, today)
    if story.signed:
        _sign_with_client(actor, plan)


def _rating(rating: int | stories.Rating) -> int | tuple[int, str]:
    return rating if isinstance(rating, int) else (rating.rating, rating.comment)


def _write_note(
    actor: Actor, client: Client, goals: list[Goal], story: stories.Note, today: date
) -> ProgressNote:
    """A note of the session on its day, linked to the scores given that day."""
    names = [section.name for section in formats.sections_of(story.format)]
    day = today + timedelta(days=story.date)
    given = Administration.objects.filter(client=client, voided_at=None)
    data = {
        "note_format": story.format,
        "session_date": day,
        "session_type": story.session_type,
        "duration_minutes": story.minutes,
        "sections": {name: story.sections[name] for name in names},
        "ratings": {
            goal: _rating(rating)
            for goal, rating in zip(goals, story.ratings, strict=True)
            if rating is not None
        },
        "administrations": [a for a in given if timezone.localdate(a.administered_at) == day],
        "risk_level": story.risk_level,
        "risk_assessment": story.risk_assessment,
        "next_session_plan": story.next_session,
    }
    note = note_services.note_create(actor=actor, client=client, data=data)
    if story.draft:
        return note
    return note_services.note_sign(
        actor=actor,
        note=note,
        expected_version=note.version,
        password=DEMO_PASSWORD,
        attested=True,
    )


def _hold_review(actor: Actor, plan: TreatmentPlan, story: stories.ReviewHeld, today: date) -> None:
    review_record(
        actor=actor,
        plan=plan,
        data={
            "decision": ReviewDecision.CONTINUE,
            "reviewed_on": today + timedelta(days=story.held),
            "summary": story.summary,
            "next_review_date": today + timedelta(days=story.next_review),
        },
    )


def _draft_revision(
    actor: Actor, plan: TreatmentPlan, story: stories.Revision, today: date
) -> None:
    """A new version of the plan, copied whole and then edited; left a draft."""
    draft = plan_revise(actor=actor, plan=plan, review_date=_days(today, story.review))
    if fields := story.data():
        plan_services.plan_update(
            actor=actor, plan=draft, data=fields, expected_version=draft.version
        )
    objectives = Objective.objects.filter(goal__problem__plan=draft)
    for change in story.changes:
        objective = _one(objectives, change.objective, "objective")
        data = {"statement": change.statement, "status": change.status}
        plan_services.plan_item_update(
            actor=actor,
            item=objective,
            data={name: value for name, value in data.items() if value is not None},
            expected_version=objective.version,
        )
    goals = Goal.objects.filter(problem__plan=draft)
    for added in story.added:
        _add_objective(actor, _one(goals, added.goal, "goal"), added, today)


def _one[M: models.Model](rows: models.QuerySet[M], begins: str, what: str) -> M:
    """The one row whose statement begins so, or an error that says which was meant."""
    found = list(rows.filter(statement__startswith=begins)[:2])
    if len(found) != 1:
        many = "more than one" if found else "no"
        raise ValueError(f"revision: {many} {what} of the plan begins {begins!r}")
    return found[0]


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
            password=DEMO_PASSWORD,
            attested=True,
        )


# --- Scores -----------------------------------------------------------------------------


def _record_score(actor: Actor, client: Client, story: stories.Score, today: date) -> None:
    """Record one administration as given on its day (scored by the real scorer), and the
    clinician's response to a positive critical item where the demo has one."""
    instrument = instrument_get(client.practice_id, story.instrument)
    administration = measure_services.administration_record(
        actor=actor,
        client=client,
        instrument=instrument,
        answers=list(story.answers),
        administered_at=_session_time(today, story.date),
        mode=story.mode,
        notes=story.notes,
    )
    if administration.total != story.total:  # the client's sex or age changed the score
        raise ValueError(
            f"{story.instrument} {-story.date} days ago scored {administration.total:g}, "
            f"not {story.total:g}"
        )
    if story.critical_response is not None:
        measure_services.critical_response_record(
            actor=actor,
            administration=administration,
            action=story.critical_response.action,
            note=story.critical_response.note,
        )


def _session_time(today: date, offset: int) -> datetime:
    """Ten in the morning, local time, on the day ``offset`` days from today."""
    day = today + timedelta(days=offset)
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
