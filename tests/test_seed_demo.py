"""`trellis seed-demo`: the demo practices, people, clients, plans and scores, loaded once."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from trellis.accounts.models import Role, User
from trellis.audit.actor import Actor
from trellis.audit.models import AuditAction, AuditEvent
from trellis.clients.models import Client, ClientStatus, DiagnosisStatus, EmergencyContact
from trellis.clients.selectors import visible_clients
from trellis.core.measures import builtin_instruments, score
from trellis.demo import CLIENTS, answers_for
from trellis.measures.models import Administration, AdministrationMode, CriticalResponse
from trellis.measures.selectors import open_critical_items
from trellis.plans.models import MeasureTarget, Objective, PlanStatus, TreatmentPlan
from trellis.plans.selectors import attach_target_views, plan_with_tree

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
    ("Dana", "GAD-7", "at_or_below"): "not_improving",
    ("Luis", "PCL-5", "down_by_points"): "met",
    ("Harold", "PHQ-9", "at_or_below"): "deteriorated",
    ("Marcus", "AUDIT-C", "at_or_below"): "met",
    ("Noah", "WHO-5", "at_or_above"): "on_track",
    ("Samuel", "GAD-7", "reliable_improvement"): "not_yet_measured",
    ("Jasmine", "GAD-7", "recovery"): "met",
    ("Grace", "GAD-7", "at_or_below"): "on_track",
    ("Grace", "PHQ-9", "at_or_below"): "on_track",
}
# Someone who may see every plan of each practice.
VIEWERS = {"Demo Practice": "admin@demo.test", "Other Practice": "clinician@other.test"}


def seed() -> str:
    out = StringIO()
    call_command("seed-demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every table, so a second run can be shown to change nothing."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_staff_have_their_practice_and_role_and_can_sign_in(client) -> None:
    seed()
    for email, practice, role in STAFF:
        user = User.objects.get(email=email)
        assert (user.practice.name, user.role) == (practice, role)
        assert user.full_name and user.is_active
        assert client.login(email=email, password="demo-password"), email
        client.logout()
    supervisor = User.objects.get(email="supervisor@demo.test")
    assert [u.email for u in supervisor.supervisees.all()] == ["clinician@demo.test"]


def test_prints_a_summary_and_the_logins() -> None:
    out = seed()
    assert "9 clients" in out
    assert "41 outcome-measure scores and 11 measure targets" in out
    site = settings.SITE_URL.rstrip("/")
    assert f"Sign in at {site}/accounts/login/ as clinician@demo.test / demo-password" in out
    for email, _, _ in STAFF[1:]:
        assert email in out


def test_clients_are_varied_and_each_has_one_primary_diagnosis() -> None:
    seed()
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


def test_contact_details_are_obviously_synthetic() -> None:
    seed()
    phones = [*Client.objects.values_list("phone", flat=True)]
    phones += EmergencyContact.objects.values_list("phone", flat=True)
    assert all(re.fullmatch(r"555-01\d\d", phone) for phone in phones), phones
    emails = [e for e in Client.objects.values_list("email", flat=True) if e]
    emails += [e for e in EmergencyContact.objects.values_list("email", flat=True) if e]
    assert all(e.endswith("@example.com") for e in emails), emails


def test_plans_are_in_every_status_and_one_review_is_overdue() -> None:
    seed()
    plans = TreatmentPlan.objects.select_related("client")
    assert set(plans.values_list("status", flat=True)) == set(PlanStatus.values)
    superseded = plans.get(status=PlanStatus.SUPERSEDED)
    assert plans.filter(client=superseded.client, status=PlanStatus.ACTIVE).exists()
    closed = plans.get(status=PlanStatus.CLOSED)
    assert closed.client.status == ClientStatus.DISCHARGED
    today = timezone.localdate()
    assert plans.filter(status=PlanStatus.ACTIVE, review_date__lt=today).exists()
    assert plans.filter(status=PlanStatus.ACTIVE, review_date__gt=today).exists()


def test_active_plans_have_full_trees() -> None:
    seed()
    for plan in TreatmentPlan.objects.filter(status=PlanStatus.ACTIVE):
        assert 2 <= plan.problems.count() <= 3, plan
        objectives = Objective.objects.filter(goal__problem__plan=plan)
        assert objectives.exists(), plan
        for objective in objectives:
            assert objective.target_date is not None, objective
            assert objective.interventions.exists(), objective
    used = set(Objective.objects.values_list("status", flat=True))
    assert {"met", "in_progress", "not_started", "not_met", "partially_met"} <= used


def test_clients_at_risk_have_a_safety_plan_with_crisis_lines() -> None:
    seed()
    for first_name in ("Dana", "Harold"):
        plan = TreatmentPlan.objects.get(client__first_name=first_name, status="active")
        assert plan.has_safety_plan and plan.environment_safety and plan.reasons_for_living
        assert "988" in plan.crisis_lines


def test_running_twice_adds_and_changes_nothing() -> None:
    seed()
    before = snapshot()
    out = seed()
    assert snapshot() == before
    assert "nothing added" in out
    assert Administration.objects.count() == 41
    assert MeasureTarget.objects.count() == 11
    assert CriticalResponse.objects.count() == 2


def test_everything_was_written_through_audited_services() -> None:
    seed()
    events = AuditEvent.objects.all()
    assert set(events.values_list("via", flat=True)) == {"cli"}
    created = events.filter(action=AuditAction.CREATE)
    for object_type, model in (
        ("client", Client),
        ("treatmentplan", TreatmentPlan),
        ("administration", Administration),
        ("measuretarget", MeasureTarget),
    ):
        ids = set(created.filter(object_type=object_type).values_list("object_id", flat=True))
        assert ids == {str(pk) for pk in model.objects.values_list("pk", flat=True)}
    responses = events.filter(action=AuditAction.UPDATE, object_type="criticalresponse")
    ids = set(responses.values_list("object_id", flat=True))
    assert ids == {str(pk) for pk in CriticalResponse.objects.values_list("pk", flat=True)}


def test_other_practice_sees_nothing_of_demo_practice() -> None:
    seed()
    outsider = User.objects.get(email="clinician@other.test")
    seen = visible_clients(outsider)
    assert seen.exists()
    assert not seen.filter(practice__name="Demo Practice").exists()


def test_colleague_sees_only_their_own_clients() -> None:
    seed()
    colleague = User.objects.get(email="colleague@demo.test")
    clinician = User.objects.get(email="clinician@demo.test")
    own = set(Client.objects.filter(team_members__user=colleague))
    assert set(visible_clients(colleague)) == own
    assert len(own) < Client.objects.filter(practice=colleague.practice).count()
    only_colleague = own - set(visible_clients(clinician))
    assert only_colleague, "one client should be on the colleague's care team only"


def test_most_clients_in_treatment_have_a_history_of_scores() -> None:
    seed()
    assert Administration.objects.count() == 41
    assert MeasureTarget.objects.count() == 11
    per_client = Counter(Administration.objects.values_list("client__first_name", flat=True))
    active = Client.objects.filter(plans__status=PlanStatus.ACTIVE)
    measured = [c for c in active if per_client[c.first_name] >= 3]
    assert len(measured) > len(active) / 2, per_client
    assert not Administration.objects.filter(administered_at__gt=timezone.now()).exists()
    assert Administration.objects.filter(mode=AdministrationMode.PAPER).count() == 1


def test_each_score_is_the_total_the_demo_gives() -> None:
    seed()
    for spec in CLIENTS:
        stored = Administration.objects.filter(
            client__first_name=spec.first_name, client__last_name=spec.last_name
        ).values_list("instrument_id", "total")
        assert sorted(stored) == sorted((s.instrument, s.total) for s in spec.scores), spec


def test_one_critical_item_awaits_a_response_and_the_others_have_one() -> None:
    seed()
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


def test_targets_show_the_statuses_a_clinician_meets() -> None:
    seed()
    found = {}
    for plan in TreatmentPlan.objects.select_related("client__practice"):
        viewer = User.objects.get(email=VIEWERS[plan.client.practice.name])
        tree = plan_with_tree(Actor(user=viewer), plan.pk)
        for view in attach_target_views(tree):
            key = (plan.client.first_name, view.target.instrument_id, view.target.kind)
            found[key] = view.status
    assert found == TARGET_STATUSES
    assert len(set(found.values())) >= 3


def test_answers_are_built_to_score_the_total_asked_for() -> None:
    instruments = builtin_instruments()
    for name, total in (("PSWQ", 68), ("WHO-5", 44), ("AUDIT", 27), ("PCL-5", 80), ("GAD-7", 0)):
        answers = answers_for(instruments[name], total, {})
        assert score(instruments[name], answers).total == total, name
    phq9 = instruments["PHQ-9"]
    assert answers_for(phq9, 12, {})[8] == 0  # a critical item stays negative unless pinned
    assert answers_for(phq9, 12, {9: 1})[8] == 1
    with pytest.raises(ValueError):
        answers_for(phq9, 25, {})  # 24 is the most without item 9
    with pytest.raises(ValueError):
        answers_for(instruments["WHO-5"], 42, {})  # WHO-5 totals are multiples of 4
