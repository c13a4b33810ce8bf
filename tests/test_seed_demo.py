"""`trellis seed-demo`: the demo practices, people, clients, plans, scores, session notes,
schedules, reviews and signatures, loaded once; and the caseload they make."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from itertools import pairwise
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q, QuerySet
from django.test import override_settings
from django.utils import timezone

from trellis.accounts.models import Role, User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction, AuditEvent
from trellis.clients.models import Client, ClientStatus, DiagnosisStatus, EmergencyContact
from trellis.clients.selectors import visible_clients
from trellis.demo.stories import load_clients
from trellis.measures.models import (
    Administration,
    AdministrationMode,
    CriticalResponse,
    MeasureSchedule,
)
from trellis.measures.selectors import open_critical_items
from trellis.plans.models import (
    Goal,
    Intervention,
    MeasureTarget,
    Objective,
    PlanReview,
    PlanSignature,
    PlanStatus,
    Problem,
    ReviewDecision,
    SignatureRole,
    TreatmentPlan,
)
from trellis.plans.selectors import attach_target_views, plan_with_tree
from trellis.plans.signing.content import plan_hash
from trellis.plans.versions.compare import compare_versions
from trellis.plans.versions.selectors import plan_tree
from trellis.progress.dashboard import build
from trellis.progress.models import GoalRating, NoteFormat, ProgressNote, RiskLevel

pytestmark = pytest.mark.django_db

STAFF = [
    ("clinician@demo.test", "Demo Practice", Role.CLINICIAN),
    ("colleague@demo.test", "Demo Practice", Role.CLINICIAN),
    ("supervisor@demo.test", "Demo Practice", Role.SUPERVISOR),
    ("admin@demo.test", "Demo Practice", Role.ADMIN),
    ("clinician@other.test", "Other Practice", Role.CLINICIAN),
]


# Each demo target, by client, instrument and kind, and the status its scores give it.
TARGET_STATUSES = {
    ("Dana", "PHQ-9", "recovery"): "met",
    ("Dana", "PHQ-9", "at_or_below"): "on_track",
    ("Dana", "GAD-7", "at_or_below"): "worse",  # 14 -> 14 -> 15: a point above baseline
    ("Luis", "PCL-5", "down_by_points"): "met",
    ("Luis", "PCL-5", "at_or_below"): "on_track",  # added in the draft revision
    ("Harold", "PHQ-9", "at_or_below"): "deteriorated",
    ("Marcus", "AUDIT-C", "at_or_below"): "met",
    ("Noah", "WHO-5", "at_or_above"): "on_track",
    ("Samuel", "GAD-7", "reliable_improvement"): "not_yet_measured",
    ("Jasmine", "GAD-7", "recovery"): "met",
    ("Grace", "GAD-7", "at_or_below"): "on_track",
    ("Grace", "PHQ-9", "at_or_below"): "on_track",
}
# What clinician@demo.test's caseload shows: each active client and its signals.
CASELOAD = {
    "Harold": {"critical_item", "deteriorated", "measures_due"},
    "Luis": {"review_overdue", "target_met"},
    "Tessa": {"no_session"},
    "Dana": {"target_met", "worse_than_baseline"},
    "Noah": {"improving"},  # good news: reliably better and on track
    "Samuel": set(),  # the plan is still a draft
}
NOTES, SIGNED_NOTES, SCHEDULES, SIGNATURES, REVIEWS = 30, 29, 10, 4, 1
# Someone who may see every plan of each practice.
VIEWERS = {"Demo Practice": "admin@demo.test", "Other Practice": "clinician@other.test"}


def seed() -> str:
    out = StringIO()
    call_command("seed-demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo, seeded once for the module inside a transaction rolled back at its end;
    each test runs in a savepoint of it, so what one test writes the next never sees."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():  # hashed as the tests check
        yield seed()
        transaction.set_rollback(True)


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every table, so a second run can be shown to change nothing."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_staff_have_their_practice_and_role_and_can_sign_in(client, seeded: str) -> None:
    for email, practice, role in STAFF:
        user = User.objects.get(email=email)
        assert (user.practice.name, user.role) == (practice, role)
        assert user.full_name and user.is_active
        assert client.login(email=email, password="demo-password"), email
        client.logout()
    supervisor = User.objects.get(email="supervisor@demo.test")
    assert [u.email for u in supervisor.supervisees.all()] == ["clinician@demo.test"]


def test_prints_a_summary_and_the_logins(seeded: str) -> None:
    out = seeded
    assert "9 clients" in out
    assert "41 outcome-measure scores and 13 measure targets" in out
    assert (
        f"{NOTES} progress notes ({SIGNED_NOTES} signed), {SCHEDULES} measure schedules, "
        f"{SIGNATURES} plan signatures and {REVIEWS} plan review." in out
    )
    site = settings.SITE_URL.rstrip("/")
    assert f"Sign in at {site}/accounts/login/ as clinician@demo.test / demo-password" in out
    for email, _, _ in STAFF[1:]:
        assert email in out


def test_clients_are_varied_and_each_has_one_primary_diagnosis(seeded: str) -> None:
    demo = Client.objects.filter(practice__name="Demo Practice")
    assert demo.count() >= 6
    today = timezone.localdate()
    for person in Client.objects.prefetch_related("diagnoses", "emergency_contacts"):
        assert sum(d.is_primary for d in person.diagnoses.all()) == 1, person
        assert person.emergency_contacts.exists(), person
        assert person.presenting_problem and person.strengths and person.pronouns, person
    ages = [c.age_on(today) for c in demo]
    assert min(ages) < 18 and max(ages) >= 65
    assert demo.filter(preferred_language="Spanish", interpreter_needed=True).exists()
    assert demo.filter(status=ClientStatus.DISCHARGED).exists()
    statuses = set(demo.values_list("diagnoses__status", flat=True))
    assert statuses == set(DiagnosisStatus.values)


def test_contact_details_are_obviously_synthetic(seeded: str) -> None:
    phones = [*Client.objects.values_list("phone", flat=True)]
    phones += EmergencyContact.objects.values_list("phone", flat=True)
    assert all(re.fullmatch(r"555-01\d\d", phone) for phone in phones), phones
    emails = [e for e in Client.objects.values_list("email", flat=True) if e]
    emails += [e for e in EmergencyContact.objects.values_list("email", flat=True) if e]
    assert all(e.endswith("@example.com") for e in emails), emails


def test_plans_are_in_every_status_and_one_review_is_overdue(seeded: str) -> None:
    plans = TreatmentPlan.objects.select_related("client")
    assert set(plans.values_list("status", flat=True)) == set(PlanStatus.values)
    superseded = plans.get(status=PlanStatus.SUPERSEDED)
    assert plans.filter(client=superseded.client, status=PlanStatus.ACTIVE).exists()
    closed = plans.get(status=PlanStatus.CLOSED)
    assert closed.client.status == ClientStatus.DISCHARGED
    today = timezone.localdate()
    assert plans.filter(status=PlanStatus.ACTIVE, review_date__lt=today).exists()
    assert plans.filter(status=PlanStatus.ACTIVE, review_date__gt=today).exists()


def test_active_plans_have_full_trees(seeded: str) -> None:
    for plan in TreatmentPlan.objects.filter(status=PlanStatus.ACTIVE):
        assert 2 <= plan.problems.count() <= 3, plan
        objectives = Objective.objects.filter(goal__problem__plan=plan)
        assert objectives.exists(), plan
        for objective in objectives:
            assert objective.target_date is not None, objective
            assert objective.interventions.exists(), objective
    used = set(Objective.objects.values_list("status", flat=True))
    assert {"met", "in_progress", "not_started", "not_met", "partially_met"} <= used


def test_clients_at_risk_have_a_safety_plan_with_crisis_lines(seeded: str) -> None:
    for first_name in ("Dana", "Harold"):
        plan = TreatmentPlan.objects.get(client__first_name=first_name, status="active")
        assert plan.has_safety_plan and plan.environment_safety and plan.reasons_for_living
        assert "988" in plan.crisis_lines


def test_running_twice_adds_and_changes_nothing(seeded: str) -> None:
    before = snapshot()
    out = seed()
    assert snapshot() == before
    assert "nothing added" in out
    assert Administration.objects.count() == 41
    assert MeasureTarget.objects.count() == 13
    assert CriticalResponse.objects.count() == 2
    assert ProgressNote.objects.count() == NOTES
    assert ProgressNote.objects.filter(signed_at__isnull=False).count() == SIGNED_NOTES
    assert MeasureSchedule.objects.count() == SCHEDULES
    assert PlanSignature.objects.count() == SIGNATURES
    assert PlanReview.objects.count() == REVIEWS


def _audited(action: str, object_type: str, **detail: object) -> set[str]:
    events = AuditEvent.objects.filter(action=action, object_type=object_type)
    return {e.object_id for e in events if all(e.detail.get(k) == v for k, v in detail.items())}


def _pks(rows: QuerySet[Any]) -> set[str]:
    return {str(pk) for pk in rows.values_list("pk", flat=True)}


def test_everything_was_written_through_audited_services(seeded: str) -> None:
    assert set(AuditEvent.objects.values_list("via", flat=True)) == {"cli"}
    for object_type, model in (
        ("client", Client),
        ("treatmentplan", TreatmentPlan),
        ("administration", Administration),
        ("progressnote", ProgressNote),
        ("planreview", PlanReview),
        ("plansignature", PlanSignature),
    ):
        assert _audited(AuditAction.CREATE, object_type) == _pks(model.objects.all()), model
    # A revision copies the targets and schedules of the version it revises, audited as
    # one event on the new version; those added later have their own.
    copied = MeasureTarget.objects.filter(
        objective__goal__problem__plan__previous_version__isnull=False,
        lineage__in=MeasureTarget.objects.filter(
            objective__goal__problem__plan__previous_version__isnull=True
        ).values("lineage"),
    )
    own_targets = MeasureTarget.objects.exclude(pk__in=copied)
    assert copied.count() == 1
    assert _audited(AuditAction.CREATE, "measuretarget") == _pks(own_targets)
    set_schedules = MeasureSchedule.objects.filter(plan__previous_version__isnull=True)
    assert _audited(AuditAction.UPDATE, "measureschedule") == _pks(set_schedules)
    signed = ProgressNote.objects.filter(signed_at__isnull=False)
    assert _audited(AuditAction.UPDATE, "progressnote", signed=True) == _pks(signed)
    responses = _audited(AuditAction.UPDATE, "criticalresponse")
    assert responses == _pks(CriticalResponse.objects.all())


def test_other_practice_sees_nothing_of_demo_practice(seeded: str) -> None:
    outsider = User.objects.get(email="clinician@other.test")
    seen = visible_clients(outsider)
    assert seen.exists()
    assert not seen.filter(practice__name="Demo Practice").exists()


def test_colleague_sees_only_their_own_clients(seeded: str) -> None:
    colleague = User.objects.get(email="colleague@demo.test")
    clinician = User.objects.get(email="clinician@demo.test")
    own = set(Client.objects.filter(team_members__user=colleague))
    assert set(visible_clients(colleague)) == own
    assert len(own) < Client.objects.filter(practice=colleague.practice).count()
    only_colleague = own - set(visible_clients(clinician))
    assert only_colleague, "one client should be on the colleague's care team only"


def test_most_clients_in_treatment_have_a_history_of_scores(seeded: str) -> None:
    assert Administration.objects.count() == 41
    assert MeasureTarget.objects.count() == 13
    per_client = Counter(Administration.objects.values_list("client__first_name", flat=True))
    active = Client.objects.filter(plans__status=PlanStatus.ACTIVE)
    measured = [c for c in active if per_client[c.first_name] >= 3]
    assert len(measured) > len(active) / 2, per_client
    assert not Administration.objects.filter(administered_at__gt=timezone.now()).exists()
    assert Administration.objects.filter(mode=AdministrationMode.PAPER).count() == 1


def test_each_score_is_what_its_answers_score_on_the_day_the_file_gives(seeded: str) -> None:
    today = timezone.localdate()
    for story in load_clients():
        stored = Administration.objects.filter(
            client__first_name=story.first_name, client__last_name=story.last_name
        )
        found = sorted(
            (
                a.instrument_id,
                (timezone.localdate(a.administered_at) - today).days,
                a.answers,
                a.total,
            )
            for a in stored
        )
        given = sorted((s.instrument, s.date, list(s.answers), s.total) for s in story.scores)
        assert found == given, story.first_name


# Per client, what the demo held before its stories moved to data files (issue 11):
# plans, problems, goals, objectives, interventions, measure targets, scores, notes,
# diagnoses, emergency contacts.
CONTENTS = {
    "Dana Whitfield": (2, 5, 5, 10, 12, 3, 11, 4, 3, 2),
    "Luis Ortega": (2, 4, 4, 11, 13, 3, 7, 5, 2, 2),
    "Tessa Kowalczyk": (1, 2, 2, 4, 6, 0, 0, 3, 3, 2),
    "Harold Brennan": (1, 2, 2, 5, 6, 1, 5, 5, 3, 2),
    "Marcus Delacroix": (1, 2, 2, 4, 5, 1, 4, 5, 2, 2),
    "Jasmine Albright": (1, 2, 2, 5, 6, 1, 4, 0, 1, 1),
    "Samuel Adeyemi": (1, 1, 1, 2, 2, 1, 2, 0, 2, 1),
    "Noah Feldman": (1, 2, 2, 4, 5, 1, 4, 5, 1, 1),
    "Grace Holloway": (1, 2, 2, 3, 3, 2, 4, 3, 2, 1),
}


def _contents(client: Client) -> tuple[int, ...]:
    in_plans = Q(goal__problem__plan__client=client) | Q(
        objective__goal__problem__plan__client=client
    )
    return (
        client.plans.count(),
        Problem.objects.filter(plan__client=client).count(),
        Goal.objects.filter(problem__plan__client=client).count(),
        Objective.objects.filter(goal__problem__plan__client=client).count(),
        Intervention.objects.filter(objective__goal__problem__plan__client=client).count(),
        MeasureTarget.objects.filter(in_plans).count(),
        client.administrations.count(),
        client.progress_notes.count(),
        client.diagnoses.count(),
        client.emergency_contacts.count(),
    )


def test_each_client_has_what_the_demo_always_had(seeded: str) -> None:
    found = {f"{c.first_name} {c.last_name}": _contents(c) for c in Client.objects.all()}
    assert found == CONTENTS
    first_names = [c.first_name for c in Client.objects.order_by("created_at")]
    assert first_names == [name.split()[0] for name in CONTENTS]  # loaded in file order


def test_one_critical_item_awaits_a_response_and_the_others_have_one(seeded: str) -> None:
    waiting = [a for rows in open_critical_items(Client.objects.all()).values() for a in rows]
    assert len(waiting) == 1
    harold = waiting[0]
    assert (harold.client.first_name, harold.instrument_id) == ("Harold", "PHQ-9")
    assert harold.answers[8] > 0
    latest = Administration.objects.filter(client=harold.client).order_by("administered_at").last()
    assert latest == harold
    answered = CriticalResponse.objects.select_related("administration")
    assert answered.count() == 2
    assert all(r.administration.is_critical and r.note for r in answered)


def test_targets_show_the_statuses_a_clinician_meets(seeded: str) -> None:
    found = {}
    for plan in TreatmentPlan.objects.select_related("client__practice"):
        viewer = User.objects.get(email=VIEWERS[plan.client.practice.name])
        tree = plan_with_tree(Actor(user=viewer), plan.pk)
        for view in attach_target_views(tree):
            key = (plan.client.first_name, view.target.instrument_id, view.target.kind)
            found[key] = view.status
    assert found == TARGET_STATUSES
    assert len(set(found.values())) >= 3


def _notes_of(first_name: str) -> list[ProgressNote]:
    notes = ProgressNote.objects.filter(client__first_name=first_name)
    return list(notes.prefetch_related("ratings__goal__problem").order_by("session_date"))


def _first_goal_ratings(first_name: str) -> list[int]:
    """How each session rated the first goal of the client's plan in force, oldest first."""
    goal = (
        Goal.objects.filter(
            problem__plan__client__first_name=first_name, problem__plan__status=PlanStatus.ACTIVE
        )
        .order_by("problem__position", "position")
        .first()
    )
    ratings = GoalRating.objects.filter(goal=goal).order_by("note__session_date")
    return list(ratings.values_list("rating", flat=True))


def test_each_client_in_treatment_has_regular_session_notes(seeded: str) -> None:
    today = timezone.localdate()
    for plan in TreatmentPlan.objects.filter(status=PlanStatus.ACTIVE).select_related("client"):
        notes = _notes_of(plan.client.first_name)
        assert 3 <= len(notes) <= 8, plan.client
        days = [note.session_date for note in notes]
        assert all(1 <= (later - earlier).days <= 14 for earlier, later in pairwise(days))
        assert days[-1] < today
        for note in notes:
            assert note.plan is not None and note.duration_minutes and note.risk_level, note
            assert note.ratings.exists(), note
            assert {r.goal.problem.plan_id for r in note.ratings.all()} == {note.plan_id}
    assert set(ProgressNote.objects.values_list("note_format", flat=True)) == set(NoteFormat)
    # Dana's first note was written under the plan in force then, since superseded.
    first = _notes_of("Dana")[0]
    assert first.plan is not None and first.plan.status == PlanStatus.SUPERSEDED


def test_notes_are_signed_by_their_author_but_one_draft(seeded: str) -> None:
    drafts = ProgressNote.objects.filter(signed_at__isnull=True)
    assert [n.client.first_name for n in drafts] == ["Harold"]
    for note in ProgressNote.objects.filter(signed_at__isnull=False):
        assert note.signed_by_id == note.author_id and len(note.content_hash) == 64
    authors = set(ProgressNote.objects.values_list("author__email", flat=True))
    assert authors == {"clinician@demo.test", "colleague@demo.test", "clinician@other.test"}


def test_progress_ratings_follow_the_scores(seeded: str) -> None:
    for improving in ("Dana", "Luis", "Noah", "Marcus", "Grace"):
        ratings = _first_goal_ratings(improving)
        assert ratings == sorted(ratings) and ratings[-1] > ratings[0], improving
    harold = _first_goal_ratings("Harold")
    assert harold == sorted(harold, reverse=True) and harold[-1] == 1


def test_harolds_latest_note_assesses_risk_while_the_critical_item_stays_open(seeded: str) -> None:
    latest = _notes_of("Harold")[-1]
    critical = Administration.objects.get(
        client__first_name="Harold", is_critical=True, critical_response__isnull=True
    )
    assert not latest.is_signed
    assert latest.session_date == timezone.localdate(critical.administered_at)
    assert critical in latest.administrations.all()
    assert latest.risk_level in (RiskLevel.MODERATE, RiskLevel.HIGH)
    assert "intent" in latest.risk_assessment and "firearms" in latest.risk_assessment.lower()
    waiting = [a for rows in open_critical_items(Client.objects.all()).values() for a in rows]
    assert waiting == [critical]


def test_one_active_client_has_had_no_session_for_four_weeks(seeded: str) -> None:
    today = timezone.localdate()
    active = Client.objects.filter(plans__status=PlanStatus.ACTIVE)
    lapsed = [
        c.first_name
        for c in active
        if (today - _notes_of(c.first_name)[-1].session_date).days >= 28
    ]
    assert lapsed == ["Tessa"]


def test_active_plans_schedule_the_measures_their_targets_use(seeded: str) -> None:
    for plan in TreatmentPlan.objects.filter(status=PlanStatus.ACTIVE):
        tree = plan_with_tree(
            Actor(user=User.objects.get(email=VIEWERS[plan.client.practice.name])), plan.pk
        )
        used = {view.target.instrument_id for view in attach_target_views(tree)}
        scheduled = dict(plan.measure_schedule.values_list("instrument_id", "every_weeks"))
        assert used <= set(scheduled), plan
        assert set(scheduled.values()) <= {2, 4}, plan
    harold = MeasureSchedule.objects.get(plan__client__first_name="Harold", instrument_id="AUDIT")
    assert harold.every_weeks == 4


def test_two_plans_are_signed_by_the_clinician_and_the_client_in_person(seeded: str) -> None:
    signed = TreatmentPlan.objects.filter(signatures__isnull=False).distinct()
    assert sorted(p.client.first_name for p in signed) == ["Dana", "Noah"]
    for plan in signed:
        assert plan.status == PlanStatus.ACTIVE and plan.signed_at is not None
        by_role = {s.role: s for s in plan.signatures.all()}
        assert set(by_role) == {SignatureRole.CLINICIAN, SignatureRole.CLIENT}
        client = by_role[SignatureRole.CLIENT]
        assert client.in_person
        assert client.signed_name == f"{plan.client.first_name} {plan.client.last_name}"
        assert by_role[SignatureRole.CLINICIAN].signer.email == "clinician@demo.test"
        assert {s.content_hash for s in by_role.values()} == {plan_hash(plan_tree(plan))}


def test_a_review_that_came_due_continues_the_plan(seeded: str) -> None:
    review = PlanReview.objects.select_related("plan__client").get()
    today = timezone.localdate()
    assert review.plan.client.first_name == "Noah"
    (spec,) = next(c for c in load_clients() if c.first_name == "Noah").plans
    assert spec.review_held is not None and spec.review <= spec.review_held.held  # it was due
    assert review.decision == ReviewDecision.CONTINUE and review.summary
    assert review.plan.start_date < review.reviewed_on < today
    assert review.plan.review_date == review.next_review_date > today
    assert review.evidence["notes"] and review.evidence["scores"]


def test_a_draft_revision_gives_compare_something_to_show(seeded: str) -> None:
    first, draft = TreatmentPlan.objects.filter(client__first_name="Luis").order_by(
        "version_number"
    )
    assert (first.status, draft.status) == (PlanStatus.ACTIVE, PlanStatus.DRAFT)
    assert draft.previous_version == first and draft.lineage == first.lineage
    comparison = compare_versions(plan_tree(first), plan_tree(draft))
    assert comparison.plan_fields
    assert comparison.counts["added"] >= 1 and comparison.counts["changed"] >= 1
    assert comparison.counts["removed"] == 0


def test_the_clinicians_caseload_looks_like_a_working_week(seeded: str) -> None:
    clinician = User.objects.get(email="clinician@demo.test")
    dashboard = build(Actor(user=clinician, via="cli"))
    found = {row.client.first_name: {s.code for s in row.signals} for row in dashboard.rows}
    assert found == CASELOAD
    codes = set().union(*found.values())
    assert len(codes) >= 4 and {"no_session", "critical_item"} <= codes
    assert not all("no_session" in signals for signals in found.values())
    assert dashboard.rows[0].client.first_name == "Harold"  # the most urgent first
