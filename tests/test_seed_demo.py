"""`trellis seed-demo`: the demo practices, people, clients and plans, loaded once."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from trellis.accounts.models import Role, User
from trellis.audit.models import AuditAction, AuditEvent
from trellis.clients.models import Client, ClientStatus, DiagnosisStatus, EmergencyContact
from trellis.clients.selectors import visible_clients
from trellis.plans.models import Objective, PlanStatus, TreatmentPlan

pytestmark = pytest.mark.django_db

STAFF = [
    ("clinician@demo.test", "Demo Practice", Role.CLINICIAN),
    ("colleague@demo.test", "Demo Practice", Role.CLINICIAN),
    ("supervisor@demo.test", "Demo Practice", Role.SUPERVISOR),
    ("admin@demo.test", "Demo Practice", Role.ADMIN),
    ("clinician@other.test", "Other Practice", Role.CLINICIAN),
]


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


def test_everything_was_written_through_audited_services() -> None:
    seed()
    events = AuditEvent.objects.all()
    assert set(events.values_list("via", flat=True)) == {"cli"}
    created = events.filter(action=AuditAction.CREATE)
    for object_type, model in (("client", Client), ("treatmentplan", TreatmentPlan)):
        ids = set(created.filter(object_type=object_type).values_list("object_id", flat=True))
        assert ids == {str(pk) for pk in model.objects.values_list("pk", flat=True)}


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
